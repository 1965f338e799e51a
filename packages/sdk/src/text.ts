/**
 * Free text a person typed, made storable and safe once, the same way in the browser and in the
 * gateway (the domain schemas apply it to every free-text field):
 *
 * - unpaired UTF-16 surrogates become U+FFFD (they cannot be encoded as UTF-8);
 * - CRLF and a lone CR become LF;
 * - control characters other than tab and newline are removed (C0, DEL and C1: NUL among them,
 *   which PostgreSQL refuses in text and in jsonb);
 * - the text is put in Unicode NFC, so "é" typed as e + U+0301 is stored as one character.
 *
 * Lengths are counted in code points (as JSON Schema's `maxLength` does), never in UTF-16 units,
 * and text is only ever shortened between grapheme clusters, so an emoji, a flag or a letter
 * with its accents is never cut in half.
 */

// Without the `u` flag a surrogate is one unit, so these find the unpaired ones.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Any string to well-formed, NFC text without control characters other than tab and newline. */
export function normalizeText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\r\n?/g, '\n')
    .replace(FORBIDDEN_CONTROL, '')
    .normalize('NFC');
}

/** Whether `value` is already what normalizeText makes of it. */
export const isNormalizedText = (value: string): boolean => normalizeText(value) === value;

/** The number of code points (an emoji is 1, not 2 as `.length` says; an unpaired surrogate is 1). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

type Segmenter = { segment(input: string): Iterable<{ segment: string }> };
let segmenter: Segmenter | null | undefined;
/** Grapheme clusters (Intl.Segmenter), or code points where it is missing. */
function graphemes(value: string): string[] {
  if (segmenter === undefined) {
    const Ctor = (Intl as { Segmenter?: new (l?: string, o?: object) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
  }
  return segmenter ? Array.from(segmenter.segment(value), (s) => s.segment) : [...value];
}

/**
 * At most `max` code points of `value`, cut after the last whole grapheme cluster that fits
 * (a grapheme longer than `max` on its own is cut by code point). With `ellipsis`, text that
 * had to be shortened ends in "…" (counted in `max`), after trailing white space is removed.
 */
export function truncateText(value: string, max: number, ellipsis = false): string {
  if (max <= 0) return '';
  if (codePointLength(value) <= max) return value;
  const room = ellipsis ? max - 1 : max;
  let out = '';
  let used = 0;
  for (const g of graphemes(value)) {
    const n = codePointLength(g);
    if (used + n > room) {
      if (used === 0) out = [...g].slice(0, room).join('');
      break;
    }
    out += g;
    used += n;
  }
  return ellipsis ? `${out.trimEnd()}…` : out;
}

/**
 * Text made storable and no longer than `max` code points: for text the SDK puts together
 * itself (a hand-off's page title, a summary), which is shortened rather than refused.
 * Text a resident typed is refused when too long instead (see the schemas' `text(max)`).
 */
export function cleanTextValue(value: string, max: number, ellipsis = true): string {
  let out = truncateText(normalizeText(value), max, ellipsis);
  // A cut can, in theory, leave a sequence that NFC composes differently: settle it.
  for (let i = 0; i < 3 && !isNormalizedText(out); i++) out = truncateText(normalizeText(out), max, ellipsis);
  return out;
}
