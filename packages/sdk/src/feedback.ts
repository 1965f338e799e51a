/**
 * Building what a feedback widget sends: the `FeedbackInput` (no detected BSN ever leaves) and
 * the page address, plus the helpers of the personal-data guard. This half imports the PII
 * guard (libphonenumber-js), so an element loads it on first interaction; the light half
 * (e-mail link parameters, session marker, limits) is ./feedback-link.ts.
 *
 * Page address policy (AVG): a query string or fragment can carry personal data (a search
 * for a name, `?email=…`, a case number, a token from an e-mail link), so the address sent
 * with feedback is the page's origin and path only:
 * - the fragment and any `user:password@` are dropped;
 * - the query string is dropped, except parameters the site names in `keepParams` (for a CMS
 *   that routes pages by a parameter, e.g. TYPO3 `?id=42`); a kept value must be a short
 *   plain token (letters, digits, `.`, `_`, `~`, `-`; at most 64 characters; no run of 7 or
 *   more digits) in which no personal data is found, else it is dropped too;
 *   `dichtbij-*` parameters are never kept;
 * - a path segment in which a BSN, e-mail address or IBAN is found is replaced by `redacted`.
 */
import { FEEDBACK_COMMENT_MAX, FEEDBACK_REASONS, isContactReference } from './feedback-link.ts';
import { findPii, stripBsn, type PiiFinding, type PiiKind } from './pii.ts';
import type { Channel, FeedbackInput, FeedbackReason, Locale, PageContext } from './schemas.ts';
import { normalizeText, truncateText } from './text.ts';

export interface FeedbackPageOptions {
  /** Query parameters that identify the page in this CMS and may be kept (default: none). */
  keepParams?: readonly string[];
}

const SAFE_VALUE = /^[\p{L}\p{N}._~-]{1,64}$/u;
const LONG_NUMBER = /\d{7,}/;
const URL_MAX = 2048;
const TITLE_MAX = 300;
const PATH_PII: readonly PiiKind[] = ['bsn', 'email', 'iban'];

function hasPii(text: string, kinds: readonly PiiKind[] = ['bsn', 'phone', 'email', 'iban']): boolean {
  return findPii(text).some((f) => kinds.includes(f.kind));
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The page address to send with feedback, following the policy at the top of this module, or
 * undefined when the page is not on http(s) (a `file:` or `about:` page has no address to send).
 */
export function feedbackPageUrl(href: string, options: FeedbackPageOptions = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const keep = new Set(options.keepParams ?? []);
  const kept = new URLSearchParams();
  for (const [name, value] of url.searchParams) {
    if (!keep.has(name) || name.startsWith('dichtbij-')) continue;
    if (!SAFE_VALUE.test(value) || LONG_NUMBER.test(value) || hasPii(value)) continue;
    kept.append(name, value);
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (segment && hasPii(decode(segment).replace(/[-_+]/g, ' '), PATH_PII) ? 'redacted' : segment))
    .join('/');
  const query = kept.size ? `?${kept.toString()}` : '';
  let result = `${url.origin}${path}${query}`;
  if (result.length > URL_MAX) result = `${url.origin}${path}`.slice(0, URL_MAX);
  return result;
}

/** Page context for feedback: the cleaned address and the title (trimmed, at most 300 characters). */
export function feedbackPage(href: string, title?: string, options?: FeedbackPageOptions): PageContext | undefined {
  const url = feedbackPageUrl(href, options);
  if (!url) return undefined;
  const cleanTitle = truncateText(
    stripBsn(
      normalizeText(title ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
    TITLE_MAX,
  ).trim();
  return cleanTitle ? { url, title: cleanTitle } : { url };
}

/** What a feedback form holds when the resident sends it. */
export interface FeedbackDraft {
  variant: 'page' | 'score';
  /** page variant: "Was deze informatie nuttig?" */
  useful?: boolean;
  /** score variant: 1–10. */
  score?: number;
  /** page variant after "Nee"; ignored otherwise. */
  reasons?: readonly FeedbackReason[];
  comment?: string;
  channel: Channel;
  contact?: string;
  /** score variant: E.164, only when the resident agreed to be called. */
  callbackPhone?: string;
  page: PageContext;
  locale: Locale;
}

/**
 * The `FeedbackInput` to send: only the fields that apply to the variant, no empty values,
 * the comment trimmed and with every detected BSN removed (`stripBsn`: the last line of
 * defence, whatever the form did), reasons only after "Nee", a contact only when valid.
 * The client validates the result again with `FeedbackInputSchema`.
 */
export function buildFeedbackInput(draft: FeedbackDraft): FeedbackInput {
  const input: FeedbackInput = {
    variant: draft.variant,
    channel: draft.channel,
    page: draft.page,
    locale: draft.locale,
  };
  if (draft.variant === 'page') {
    if (typeof draft.useful === 'boolean') input.useful = draft.useful;
    if (draft.useful === false && draft.reasons?.length) {
      const chosen = new Set(draft.reasons);
      input.reasons = FEEDBACK_REASONS.filter((r) => chosen.has(r));
    }
  } else {
    if (typeof draft.score === 'number') input.score = draft.score;
    if (draft.callbackPhone) input.callbackPhone = draft.callbackPhone;
  }
  // Stripping may lengthen the text ("[BSN verwijderd]"): cut at the limit, in code points as the schema counts, between graphemes.
  const comment = truncateText(stripBsn(normalizeText(draft.comment ?? '').trim()), FEEDBACK_COMMENT_MAX).trim();
  if (comment) input.comment = comment;
  if (isContactReference(draft.contact)) input.contact = draft.contact;
  return input;
}

/** The text without the personal data found in it (for the "remove it" button). */
export function removePii(text: string, findings: readonly PiiFinding[] = findPii(text)): string {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) out = `${out.slice(0, f.start)}${out.slice(f.end)}`;
  return out
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([.,;:!?])/g, '$1')
    .trim();
}
