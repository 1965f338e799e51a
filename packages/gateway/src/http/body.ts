/** Reading a JSON request body safely: media type, size limit, JSON syntax, then the SDK's schema. */
import type { Context } from 'hono';
import type * as z from 'zod/mini';
import { fieldErrors, problemResponse, problemTypes, validationProblem } from './problem.ts';
import { unstorableField, unstorableProblem } from './storable.ts';

export type BodyResult<T> = { ok: true; data: T; raw: unknown } | { ok: false; response: Response };

export const DEFAULT_BODY_LIMIT = 16 * 1024;

const tooLarge = (limit: number) =>
  problemResponse(413, {
    type: problemTypes.tooLarge,
    title: 'Te veel gegevens / Payload too large',
    detail: `The body may be at most ${limit} bytes.`,
    errors: [{ field: '(body)', message: `At most ${limit} bytes` }],
  });

/** Reads at most `limit` bytes; undefined when the body is larger. */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
  limit = DEFAULT_BODY_LIMIT,
): Promise<BodyResult<z.output<S>>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i.test(type)) {
    await c.req.raw.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      response: problemResponse(415, {
        type: problemTypes.unsupportedMediaType,
        title: 'Verkeerd formaat / Unsupported media type',
        detail: 'Send the body as application/json.',
        errors: [{ field: 'Content-Type', message: 'Expected application/json' }],
      }),
    };
  }
  const bytes = await readLimited(c.req.raw, limit);
  if (!bytes) return { ok: false, response: tooLarge(limit) };
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch {
    return {
      ok: false,
      response: problemResponse(400, {
        type: problemTypes.malformedJson,
        title: 'Geen geldige JSON / Malformed JSON',
        detail: 'The body is not valid JSON.',
        errors: [{ field: '(body)', message: 'Malformed JSON' }],
      }),
    };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, response: validationProblem(fieldErrors(result.error)) };
  const unstorable = unstorableField(result.data);
  if (unstorable) return { ok: false, response: unstorableProblem(unstorable) };
  return { ok: true, data: result.data as z.output<S>, raw };
}
