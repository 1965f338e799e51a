/** Building blocks of the OpenAPI 3.1 document, shared by the API routes and the chat module. */
import * as z from 'zod/mini';

export type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (which OpenAPI 3.1 uses as is). */
export function schema(s: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A problem+json response. */
export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

/** A JSON response with a named schema. */
export const jsonResponse = (name: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

/** Seconds to wait, on every 429. */
export const tooManyResponse = (description: string) => ({
  ...problemResponse(description),
  headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
});

/**
 * What every POST of the API can answer besides its own statuses: the CORS check (403) and the
 * per-IP POST limit (429); with a JSON body also the body checks (400, 413, 415) and 422 for text
 * the database cannot store.
 */
export function postGuardResponses(withBody: boolean): Record<string, unknown> {
  return {
    ...(withBody
      ? {
          '400': problemResponse('Invalid body or malformed JSON; `errors` names the fields.'),
          '413': problemResponse('The body is larger than the limit (16 kB by default).'),
          '415': problemResponse('The body is not application/json.'),
          '422': problemResponse(
            'A field holds a character that cannot be stored (NUL or an unpaired surrogate the schemas did not clean); `errors` names it.',
          ),
        }
      : {}),
    '403': problemResponse('The Origin is not in the gateway’s CORS allowlist.'),
    '429': tooManyResponse('Too many requests from this address; see Retry-After.'),
  };
}

/** Any route can fail on the server's side. */
export const serverErrorResponse = () => problemResponse('Something went wrong on the server’s side; try again later.');

/** Adds the 500 answer to every operation of `paths` (in place) and returns it. */
export function withServerErrors(paths: JsonSchema): JsonSchema {
  for (const item of Object.values(paths) as Record<string, { responses?: Record<string, unknown> }>[]) {
    for (const operation of Object.values(item)) {
      if (operation?.responses && !operation.responses['500']) operation.responses['500'] = serverErrorResponse();
    }
  }
  return paths;
}
