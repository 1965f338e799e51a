/**
 * RFC 9457 problem details (`application/problem+json`), in the shape of the SDK's ProblemSchema:
 * `{ type, title, status, detail, errors: [{ field, message }], retryAfter }`.
 */
import type { Context } from 'hono';
import type { Problem } from '@dichtbij/sdk';
import type * as z from 'zod/mini';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types: stable URNs, documented in the OpenAPI document and the README. */
export const problemTypes = {
  validation: 'urn:dichtbij:problem:validation',
  malformedJson: 'urn:dichtbij:problem:malformed-json',
  unsupportedMediaType: 'urn:dichtbij:problem:unsupported-media-type',
  tooLarge: 'urn:dichtbij:problem:payload-too-large',
  unstorable: 'urn:dichtbij:problem:unstorable-text',
  idempotencyKeyMissing: 'urn:dichtbij:problem:idempotency-key-missing',
  idempotencyConflict: 'urn:dichtbij:problem:idempotency-key-reused',
  rateLimited: 'urn:dichtbij:problem:rate-limited',
  notFound: 'urn:dichtbij:problem:not-found',
  unauthorized: 'urn:dichtbij:problem:unauthorized',
  forbiddenOrigin: 'urn:dichtbij:problem:origin-not-allowed',
  unavailable: 'urn:dichtbij:problem:upstream-unavailable',
  busy: 'urn:dichtbij:problem:server-busy',
  timeout: 'urn:dichtbij:problem:request-timeout',
  malformedRequest: 'urn:dichtbij:problem:malformed-request',
  server: 'urn:dichtbij:problem:server-error',
  alreadyScored: 'urn:dichtbij:problem:already-scored',
} as const;

export type FieldError = { field: string; message: string };

export function problemResponse(
  status: number,
  body: Omit<Problem, 'status'> & { title: string },
  headers: Record<string, string> = {},
): Response {
  const problem: Problem = { type: body.type ?? 'about:blank', status, ...body };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...headers },
  });
}

export function problem(
  _c: Context,
  status: number,
  body: Omit<Problem, 'status'> & { title: string },
  headers: Record<string, string> = {},
): Response {
  return problemResponse(status, body, headers);
}

export function validationProblem(errors: FieldError[], detail?: string): Response {
  return problemResponse(400, {
    type: problemTypes.validation,
    title: 'De gegevens kloppen niet / The request is invalid',
    detail: detail ?? `Invalid: ${errors.map((e) => e.field).join(', ')}`,
    errors,
  });
}

export function rateLimitedProblem(retryAfterSeconds: number): Response {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return problemResponse(
    429,
    {
      type: problemTypes.rateLimited,
      title: 'Te veel verzoeken / Too many requests',
      detail: `Try again in ${retryAfter} seconds.`,
      retryAfter,
    },
    { 'Retry-After': String(retryAfter) },
  );
}

export const notFoundProblem = (detail = 'Not found.') =>
  problemResponse(404, { type: problemTypes.notFound, title: 'Niet gevonden / Not found', detail });

/** Keys and paths are echoed back; keep them short so a hostile key cannot bloat the answer. */
/** An empty key is shown as `""`, so every error names a field. */
const clip = (s: string) => (s === '' ? '""' : s.length > 64 ? `${s.slice(0, 61)}...` : s);

/** zod issues → `[{ field, message }]`, one per unknown key too ("page.extra"). */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).map(clip).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.slice(0, 10)) {
        out.push({ field: path ? `${path}.${clip(key)}` : clip(key), message: 'Unknown field' });
      }
    } else {
      out.push({ field: path || '(body)', message: issue.message });
    }
    if (out.length >= 20) break;
  }
  return out;
}
