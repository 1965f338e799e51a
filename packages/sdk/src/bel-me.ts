// Logic of the callback request ("bel mij terug") that is not about the DOM: what the resident is
// promised right now, the moments they can pick, the request that is sent, and the context of a
// warm hand-off (sanitised, and as rows the resident sees under "Dit sturen we mee").
import { amsterdamClock } from './callback.ts';
import { cleanTextValue, normalizeText } from './text.ts';
import {
  HandoffContextSchema,
  HttpUrlSchema,
  type CallbackRequestInput,
  type CallbackTopic,
  type HandoffContext,
  type Locale,
  type PreferredMoment,
} from './schemas.ts';

// The promise itself is decided in ./callback.ts (one function for the form, the stored
// `expected`, the confirmation and the console); re-exported here where the form finds it.
export { callbackPromise, type CallbackPromise } from './callback.ts';

/** '08:30' → '8:30' (running text); other strings unchanged. */
export const clockText = (time: string): string => time.replace(/^0(\d:)/, '$1');

/** The value of a preferred-moment radio: 'asap' or '2026-05-26:morning'. */
export function preferredKey(moment: PreferredMoment): string {
  return moment.kind === 'asap' ? 'asap' : `${moment.date}:${moment.part}`;
}

/** The moment a radio value stands for, or undefined for anything else. */
export function parsePreferredKey(key: string): PreferredMoment | undefined {
  if (key === 'asap') return { kind: 'asap' };
  const m = /^(\d{4}-\d{2}-\d{2}):(morning|afternoon)$/.exec(key);
  return m ? { kind: 'slot', date: m[1]!, part: m[2] as 'morning' | 'afternoon' } : undefined;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The configured topic a hand-off or a `topic` attribute means: by id, else by label (Dutch or English; ignoring case and spaces). */
export function matchTopic(topics: readonly CallbackTopic[], wanted: string | null | undefined): string | undefined {
  const w = norm(wanted ?? '');
  if (!w) return undefined;
  return (
    topics.find((t) => norm(t.id) === w) ??
    topics.find((t) => norm(t.label) === w) ??
    topics.find((t) => t.labelEn !== undefined && norm(t.labelEn) === w)
  )?.id;
}

/**
 * A topic's label in a locale: the English label when there is one, else the Dutch label with
 * `lang: 'nl'` so the page marks it as Dutch (a visible, honest fallback).
 */
export function topicLabel(topic: CallbackTopic, locale: Locale): { text: string; lang?: 'nl' } {
  if (locale === 'en' && topic.labelEn?.trim()) return { text: topic.labelEn };
  return locale === 'nl' ? { text: topic.label } : { text: topic.label, lang: 'nl' };
}

/** The last part of a zaaktype URL or the identificatie itself, compared without case. */
const zaaktypeKey = (value: string) => norm(value.replace(/\/+$/, '').split('/').at(-1) ?? value);

/** The configured topic that lists this zaaktype (by identificatie or URL), if any. */
export function topicForCaseType(
  topics: readonly CallbackTopic[],
  caseType: string | null | undefined,
): string | undefined {
  const key = caseType?.trim() ? zaaktypeKey(caseType) : '';
  if (!key) return undefined;
  return topics.find((t) => t.zaaktypen?.some((z) => norm(z) === norm(caseType!) || zaaktypeKey(z) === key))?.id;
}

/**
 * The one topic a hand-off gives the form: a configured topic (`{ id }`: by the topic it names,
 * else by the case's zaaktype), else a text shown as the topic (`{ text }`: the case itself, or
 * the named topic as it was given). Undefined when the hand-off names no topic and no case.
 */
export function handoffTopic(
  context: HandoffContext | undefined,
  topics: readonly CallbackTopic[],
): { id: string } | { text: string } | undefined {
  if (!context) return undefined;
  const id = matchTopic(topics, context.topic) ?? topicForCaseType(topics, context.caseType);
  if (id) return { id };
  const zaak = context.caseTitle?.trim() || context.caseReference?.trim();
  if (zaak) return { text: zaak };
  const named = context.topic?.trim();
  return named ? { text: named } : undefined;
}

/**
 * The page a request is made on, as the gateway stores it: origin and path only (a query string
 * or a fragment may carry personal data), with its title. Undefined for a page that is not http(s).
 */
export function pageContext(href: string, title?: string): { url: string; title?: string } | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const clean = `${url.origin}${url.pathname}`;
  if (!HttpUrlSchema.safeParse(clean).success) return undefined;
  const name = cleanText(title, 300);
  return { url: clean, ...(name ? { title: name } : {}) };
}

export interface CallbackFormValues {
  /** Already checked and normalised to E.164 (see `checkPhone`). */
  phone: string;
  name?: string;
  /** A topic id from the config. */
  topic?: string;
  question?: string;
  preferred: PreferredMoment;
  context?: HandoffContext;
  locale: Locale;
}

/** The request to send: trimmed, empty optional fields left out. */
export function callbackRequestInput(values: CallbackFormValues): CallbackRequestInput {
  const name = values.name?.trim();
  const question = values.question?.trim();
  const topic = values.topic?.trim();
  return {
    phone: values.phone,
    ...(name ? { name } : {}),
    ...(topic ? { topic } : {}),
    ...(question ? { question } : {}),
    preferred: values.preferred,
    ...(values.context && hasContent(values.context) ? { context: values.context } : {}),
    locale: values.locale,
  };
}

const hasContent = (c: HandoffContext) => !!(c.page || c.caseReference || c.caseTitle || c.summary || c.topic);

const SOURCES = new Set(['feedback', 'status-tracker', 'chat', 'page']);

/**
 * Text from untrusted data: a string, normalised (`normalizeText`: no control characters, no
 * unpaired surrogates, NFC), collapsed to one line when `oneLine`, shortened to `max` code points
 * between grapheme clusters with "…".
 */
function cleanText(value: unknown, max: number, oneLine = true): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = oneLine ? value.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ') : value;
  const clean = normalizeText(text).trim();
  return clean ? cleanTextValue(clean, max) : undefined;
}

/**
 * The context of a `dichtbij-handoff` event, made safe: any page script can dispatch one, so
 * every field is checked on its own (a bad one is left out, long text is shortened) and the
 * result passes `HandoffContextSchema`. Undefined when nothing useful is left.
 */
export function handoffContext(detail: unknown): HandoffContext | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  const d = detail as Record<string, unknown>;
  const out: HandoffContext = {};
  if (typeof d.source === 'string' && SOURCES.has(d.source)) out.source = d.source as HandoffContext['source'];
  const topic = cleanText(d.topic, 120);
  if (topic) out.topic = topic;
  const page = d.page as Record<string, unknown> | undefined;
  if (page && typeof page === 'object' && HttpUrlSchema.safeParse(page.url).success) {
    const title = cleanText(page.title, 300);
    out.page = { url: page.url as string, ...(title ? { title } : {}) };
  }
  const caseReference = cleanText(d.caseReference, 64);
  if (caseReference) out.caseReference = caseReference;
  const caseTitle = cleanText(d.caseTitle, 200);
  if (caseTitle) out.caseTitle = caseTitle;
  const caseType = cleanText(d.caseType, 200);
  if (caseType) out.caseType = caseType;
  const summary = cleanText(d.summary, 2000, false);
  if (summary) out.summary = summary;
  if (!hasContent(out)) return undefined;
  const parsed = HandoffContextSchema.safeParse(out);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The question a hand-off fills in ("Uw vraag"; the chat sends what the resident asked there),
 * made safe like the context: text only, at most 300 characters. Undefined when there is none.
 */
export function handoffQuestion(detail: unknown): string | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  return cleanText((detail as Record<string, unknown>).question, 300, false);
}

/** One line under "Dit sturen we mee": what it is and its text (always rendered as text). */
export interface HandoffRow {
  kind: 'page' | 'case' | 'summary';
  text: string;
}

/**
 * The rows a resident sees before sending a hand-off context. The topic has no row: the form
 * shows it once, in its "Onderwerp" field (see handoffTopic).
 */
export function handoffSummary(context: HandoffContext | undefined): HandoffRow[] {
  if (!context) return [];
  const rows: HandoffRow[] = [];
  if (context.page) rows.push({ kind: 'page', text: context.page.title || context.page.url });
  const zaak = [context.caseReference, context.caseTitle].filter(Boolean).join(' – ');
  if (zaak) rows.push({ kind: 'case', text: zaak });
  if (context.summary) rows.push({ kind: 'summary', text: context.summary });
  return rows;
}

/**
 * When to try again after a 429: whole minutes (at least 1) and the Amsterdam clock time
 * (HH:MM) from `retryAfter` seconds; undefined when the backend did not say.
 */
export function retryWait(retryAfter: number | undefined, at: Date): { minutes: number; at: string } | undefined {
  if (retryAfter === undefined || !Number.isFinite(retryAfter) || retryAfter < 0) return undefined;
  const seconds = Math.ceil(retryAfter);
  return { minutes: Math.max(1, Math.ceil(seconds / 60)), at: amsterdamClock(new Date(at.getTime() + seconds * 1000)) };
}

// Also used by elements before their form has loaded (a fallback phone number): kept apart.
export { telHref } from './tel.ts';
