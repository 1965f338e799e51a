/**
 * The light half of the feedback logic: what a feedback widget needs before the resident does
 * anything (e-mail link parameters, the once-per-session marker, limits). It imports neither
 * the PII guard (libphonenumber-js) nor zod, so a page's first load stays small; the half that
 * builds what is sent lives in ./feedback.ts, and everything sent is validated again with
 * `FeedbackInputSchema` by the client and the gateway. The channel list, reasons and contact
 * pattern here equal the schema's (tests/node/feedback-logic.test.ts checks that).
 * Pure functions; storage is passed in.
 */
import type { PiiFinding, PiiKind } from './pii.ts';
import type { Channel, FeedbackReason } from './schemas.ts';

/** The longest free text a resident may send with feedback. */
export const FEEDBACK_COMMENT_MAX = 500;

/** The reasons after "Nee", in the order they are shown and sent (= `FeedbackReasonSchema.options`). */
export const FEEDBACK_REASONS: readonly FeedbackReason[] = Object.freeze(['missing', 'unclear', 'broken', 'other']);

/** The channels a contact can take place on (= `ChannelSchema.options`). */
export const FEEDBACK_CHANNELS: readonly Channel[] = Object.freeze(['website', 'telefoon', 'e-mail', 'balie', 'chat']);

/** A contact reference as `FeedbackInputSchema` accepts it ("KC-123"). */
const CONTACT = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Query parameters of an e-mail feedback link, e.g.
 * `https://gemeente.nl/tevreden?dichtbij-score=8&dichtbij-contact=KC-123&dichtbij-channel=e-mail`.
 */
export const FEEDBACK_LINK_PARAMS = Object.freeze({
  score: 'dichtbij-score',
  contact: 'dichtbij-contact',
  channel: 'dichtbij-channel',
} as const);

/** What a valid e-mail feedback link pre-fills; invalid or missing values are left out. */
export interface FeedbackLink {
  score?: number;
  contact?: string;
  channel?: Channel;
}

const SCORE = /^(?:[1-9]|10)$/;

/** Whether `value` is a contact reference the feedback schema accepts (e.g. "KC-123"). */
export function isContactReference(value: unknown): value is string {
  return typeof value === 'string' && CONTACT.test(value);
}

/** Whether `value` is a known channel (website | telefoon | e-mail | balie | chat). */
export function isChannel(value: unknown): value is Channel {
  return (FEEDBACK_CHANNELS as readonly unknown[]).includes(value);
}

/**
 * Reads the `dichtbij-score`, `dichtbij-contact` and `dichtbij-channel` parameters of a page
 * address. Every value is validated on its own: a score is a whole number 1–10 written plainly
 * ("8", not "08" or "8.0"), a contact is 1–64 letters, digits, `.`, `_` or `-`, a channel is
 * one of the known channels (any letter case). Anything else, or a URL that does not parse,
 * is ignored.
 */
export function parseFeedbackLink(url: string | URL): FeedbackLink {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return {};
  }
  const link: FeedbackLink = {};
  const score = params.get(FEEDBACK_LINK_PARAMS.score)?.trim();
  if (score && SCORE.test(score)) link.score = Number(score);
  const contact = params.get(FEEDBACK_LINK_PARAMS.contact)?.trim();
  if (isContactReference(contact)) link.contact = contact;
  const channel = params.get(FEEDBACK_LINK_PARAMS.channel)?.trim().toLowerCase();
  if (isChannel(channel)) link.channel = channel;
  return link;
}

/**
 * Length of a comment as the limit counts it: what is sent (trimmed), in characters (Unicode
 * code points), as `FeedbackInputSchema` (zod) counts it on the client and the gateway.
 */
export function commentLength(text: string): number {
  return [...text.trim()].length;
}

/** The kinds of personal data found, each once, in the order they first appear. */
export function piiKinds(findings: readonly PiiFinding[]): PiiKind[] {
  return [...new Set(findings.map((f) => f.kind))];
}

// ---------------------------------------------------------------------------------------
// Once per page per session

/** What is remembered after a submission: nothing personal, only that it happened. */
export interface FeedbackSessionRecord {
  /** page variant: the answer, so the thank-you state can offer a callback or chat after "Nee". */
  useful?: boolean;
}

/** FNV-1a, 32 bits: the key names a page without storing its address. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * The sessionStorage key for one page, variant and contact: `dichtbij-feedback:{variant}:{hash}`.
 * The page is its origin and path (plus `keepParams`, the parameters that identify a page in
 * the CMS; never the rest of the query or the fragment), hashed, so no address — and nothing a
 * path might contain — is stored. A second e-mail link for another contact on the same
 * landing page can still be answered.
 */
export function feedbackSessionKey(
  href: string,
  variant: 'page' | 'score',
  contact?: string,
  keepParams: readonly string[] = [],
): string {
  let page = href;
  try {
    const url = new URL(href);
    const kept = new URLSearchParams();
    for (const [name, value] of url.searchParams) if (keepParams.includes(name)) kept.append(name, value);
    page = `${url.origin}${url.pathname}?${kept.toString()}`;
  } catch {
    // not a URL: hash it as it is
  }
  return `dichtbij-feedback:${variant}:${fnv1a(`${page}#${isContactReference(contact) ? contact : ''}`)}`;
}

/** The record for `key`, or undefined (none, unreadable, or storage blocked). Only reads. */
export function readFeedbackSession(
  storage: Pick<Storage, 'getItem'> | undefined,
  key: string,
): FeedbackSessionRecord | undefined {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return undefined;
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const useful = (value as { useful?: unknown }).useful;
    return typeof useful === 'boolean' ? { useful } : {};
  } catch {
    return undefined;
  }
}

/** Remembers a submission for this session. Call only after the resident acted. False when storage is blocked. */
export function writeFeedbackSession(
  storage: Pick<Storage, 'setItem'> | undefined,
  key: string,
  record: FeedbackSessionRecord,
): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(typeof record.useful === 'boolean' ? { useful: record.useful } : {}));
    return true;
  } catch {
    return false;
  }
}
