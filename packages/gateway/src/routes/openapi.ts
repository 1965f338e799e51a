/**
 * The OpenAPI 3.1 document of the Dichtbij API v1, generated from the SDK's zod schemas with
 * `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Request bodies are
 * described as input (what a client may send), responses as output.
 */
import {
  jsonResponse,
  postGuardResponses,
  problemResponse,
  ref,
  schema,
  tooManyResponse,
  withServerErrors,
  type JsonSchema,
} from '../http/openapi-parts.ts';
import {
  CallbackReceiptSchema,
  CallbackRequestInputSchema,
  CaseListSchema,
  CaseStatusSchema,
  FeedbackInputSchema,
  FeedbackReceiptSchema,
  GemeenteConfigSchema,
  ProblemSchema,
} from '@dichtbij/sdk';
import { problemTypes } from '../http/problem.ts';
import { chatOpenApi } from '../chat/openapi.ts';

const problemRef = problemResponse;
const json = jsonResponse;

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description:
    'A unique key per submission (e.g. a UUID), the same on every retry. The same key with the same body returns the first answer (200); with another body: 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const postResponses = (receipt: string) => ({
  '201': json(receipt, 'Stored.'),
  '200': {
    ...json(receipt, 'Stored before with this Idempotency-Key and the same body: the first answer.'),
    headers: { 'Idempotent-Replayed': { schema: { type: 'string', const: 'true' } } },
  },
  ...postGuardResponses(true),
  '400': problemRef('Invalid body, a missing Idempotency-Key or malformed JSON; `errors` names the fields.'),
  '409': problemRef('The Idempotency-Key was used before with another body.'),
  '429': tooManyResponse('Too many requests (per address, or per phone number for callbacks); see Retry-After.'),
});

/** `?gemeente=`: which gemeente of a gateway for several (a werkorganisatie) a request is for. */
const gemeenteParameter = {
  name: 'gemeente',
  in: 'query',
  required: false,
  description:
    'The gemeente this request is for, in a gateway for several gemeenten (e.g. `druten`); without it the default gemeente. Records of another gemeente do not exist for this request (404). A single-gemeente gateway knows only `default`.',
  schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' },
};

/** Every /v1 operation (except this document) takes `gemeente`; an unknown one is a 404. */
function withGemeente(paths: JsonSchema): void {
  for (const [path, item] of Object.entries(paths as Record<string, Record<string, JsonSchema>>)) {
    if (!path.startsWith('/v1/') || path === '/v1/openapi.json') continue;
    for (const operation of Object.values(item)) {
      const op = operation as { parameters?: unknown[]; responses: Record<string, unknown> };
      op.parameters = [...(op.parameters ?? []), gemeenteParameter];
      op.responses['404'] ??= problemRef('No such gemeente in this gateway (`gemeente`).');
    }
  }
}

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Dichtbij API',
      version: '1.0.0',
      description:
        'The Dichtbij API v1 served by @dichtbij/gateway: configuration, feedback, callback requests and case status for the Dichtbij web components. Errors are RFC 9457 problem details.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/v1/config': {
        get: {
          operationId: 'getConfig',
          summary: 'The gemeente’s configuration: name, phone, opening hours, callback topics, chat.',
          responses: { '200': json('GemeenteConfig', 'The configuration.') },
        },
      },
      '/v1/feedback': {
        post: {
          operationId: 'submitFeedback',
          summary: 'Store a page rating or a contact score.',
          description:
            'A score whose `contact` is a personal survey link (a callback id and its signature) is stored once for that callback request: a second one answers 409, an altered one 400 with `errors` naming `contact`.',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FeedbackInput') } } },
          responses: postResponses('FeedbackReceipt'),
        },
      },
      '/v1/survey/chat/{id}': {
        post: {
          operationId: 'scoreChat',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'The chat session id.',
              schema: { type: 'string', format: 'uuid' },
            },
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 1, maxLength: 255 },
            },
          ],
          summary:
            "The resident's 1–10 score for an ended chat (issue 12): one per chat. An optional Idempotency-Key makes a retry safe.",
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['score'],
                  properties: { score: { type: 'integer', minimum: 1, maximum: 10 } },
                },
              },
            },
          },
          responses: {
            '201': { description: 'Stored.' },
            '200': { description: 'A retry of a stored score (same Idempotency-Key).' },
            ...postGuardResponses(true),
            '404': problemRef('No ended chat with this id.'),
            '409': problemRef('This chat already has a score (one score per contact).'),
          },
        },
      },
      '/v1/callback-requests': {
        post: {
          operationId: 'requestCallback',
          summary: 'Ask to be called back; answers a short reference and the expected callback window.',
          description:
            'The phone number must be callable: Dutch mobile or landline (0800/0900/0906/0909, 14 0xx and 112 are refused); foreign numbers only when the configuration allows them. A preferred slot must be on an open day. At most 3 requests per phone number per hour.',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CallbackRequestInput') } } },
          responses: postResponses('CallbackReceipt'),
        },
      },
      '/v1/cases/{reference}': {
        get: {
          operationId: 'getCase',
          summary: 'The status of one case (zaak), anonymously with the check from the letter.',
          parameters: [
            {
              name: 'reference',
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
            },
            {
              name: 'Dichtbij-Check',
              in: 'header',
              required: false,
              description:
                'The second factor from the resident’s letter (e.g. the postcode). Required unless the resident is logged in and owns the case.',
              schema: { type: 'string', maxLength: 64 },
            },
          ],
          responses: {
            '200': json('CaseStatus', 'The non-personal case summary.'),
            '400': problemRef('The Dichtbij-Check header is missing.'),
            '404': problemRef(
              'No case with this reference and check, or none of this gemeente’s (`gemeente`): the same answer for all, no oracle.',
            ),
            '429': tooManyResponse('Too many lookups from this address; see Retry-After.'),
            '502': problemRef('The case system sent data that cannot be shown.'),
            '503': problemRef('The case system did not answer.'),
          },
        },
      },
      '/v1/cases': {
        get: {
          operationId: 'listCases',
          summary: '“Mijn zaken”: the logged-in resident’s cases.',
          description:
            'The resident comes from the gemeente’s login (DigiD/eHerkenning) through the gateway’s auth hook; cases are filtered by BSN on the server, and only the cases of the request’s gemeente (`gemeente`) are listed. The BSN is never returned.',
          responses: {
            '200': json('CaseList', 'The resident’s cases, newest first.'),
            '401': problemRef('Not logged in.'),
            '503': problemRef('The case system did not answer.'),
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document.',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness and database check.',
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
            '503': { description: 'The database does not answer.' },
          },
        },
      },
    },
    components: {
      schemas: {
        GemeenteConfig: schema(GemeenteConfigSchema, 'output'),
        FeedbackInput: schema(FeedbackInputSchema, 'input'),
        FeedbackReceipt: schema(FeedbackReceiptSchema, 'output'),
        CallbackRequestInput: schema(CallbackRequestInputSchema, 'input'),
        CallbackReceipt: schema(CallbackReceiptSchema, 'output'),
        CaseStatus: schema(CaseStatusSchema, 'output'),
        CaseList: schema(CaseListSchema, 'output'),
        Problem: {
          ...schema(ProblemSchema, 'output'),
          description: `RFC 9457 problem details. Types used: ${Object.values(problemTypes).join(', ')}.`,
        },
      },
    },
  };
  // The chat module documents its own routes and schemas.
  const chat = chatOpenApi();
  Object.assign(cached.paths as JsonSchema, chat.paths);
  Object.assign((cached.components as { schemas: JsonSchema }).schemas, chat.schemas);
  withGemeente(cached.paths as JsonSchema);
  withServerErrors(cached.paths as JsonSchema);
  return cached;
}
