/**
 * The last guard before the store. The SDK's schemas normalise every free-text field, so a NUL
 * or an unpaired surrogate should never get this far; if one does (a field without `text()`, a
 * new route), the request is refused with 422 naming the field instead of reaching PostgreSQL,
 * which refuses both (22021 in text, 22P05 in jsonb) and would make it a 500.
 */
import { problemResponse, problemTypes } from './problem.ts';

// eslint-disable-next-line no-control-regex
const REFUSED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON path ("page.title", "reasons.0") of the first string or key the database would refuse. */
export function unstorableField(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return REFUSED.test(value) ? path || '(body)' : undefined;
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (REFUSED.test(key)) return at.replace(new RegExp(REFUSED.source, 'g'), '?');
    const found = unstorableField(v, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** 422: well-formed JSON with text the database cannot store, naming the field. */
export function unstorableProblem(field: string): Response {
  return problemResponse(422, {
    type: problemTypes.unstorable,
    title: 'Tekst niet op te slaan / Text cannot be stored',
    detail: `${field} holds a character that cannot be stored (NUL or an unpaired surrogate).`,
    errors: [{ field, message: 'Holds a character that cannot be stored' }],
  });
}

/** PostgreSQL errors about the data itself (class 22 data exception, 54 program limit). */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^(22|54)[0-9A-Z]{3}$/.test(code);
}
