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
