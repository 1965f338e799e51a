/**
 * Chat texts: the transcript a resident can save, the short summary a warm hand-off carries
 * (bel-me, the KCC, a klantcontact), and the topic of a hand-off. BSNs are removed from
 * everything the resident typed. Dates and times are Europe/Amsterdam.
 */
import { TIME_ZONE } from './opening-hours/calendar.ts';
import { TEXT } from './opening-hours/text.ts';
import { isValidBsn } from './pii.ts';
import type { ChatMessage, HandoffContext, Locale } from './schemas.ts';
import { cleanTextValue } from './text.ts';

// Day and month names come from the opening-hours texts: one list per locale in the SDK.
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** The Amsterdam calendar date and clock of an instant. */
function amsterdam(at: Date) {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday!);
  return {
    date: `${p.year}-${p.month!.padStart(2, '0')}-${p.day!.padStart(2, '0')}`,
    day: Number(p.day),
    month: Number(p.month) - 1,
    year: p.year!,
    weekday,
    clock: `${p.hour}:${p.minute}`,
  };
}
/** "dinsdag 26 mei" / "Tuesday 26 May". */
const dayText = (a: ReturnType<typeof amsterdam>, locale: 'nl' | 'en') =>
  `${TEXT[locale].days[a.weekday]} ${a.day} ${TEXT[locale].months[a.month]}`;

const BSN_CANDIDATE = /(?<![\d.-])\d(?:[\s.-]?\d){7,8}(?![\d.-]?\d)/g;
/** The text with every BSN (9 digits passing the 11-proef) replaced. */
export function withoutBsn(text: string): string {
  return text.replace(BSN_CANDIDATE, (m) => {
    const digits = m.replace(/\D/g, '');
    return digits.length === 9 && isValidBsn(digits) ? '[BSN verwijderd]' : m;
  });
}

const WHO = {
  nl: { resident: 'U', bot: 'Chatbot', agent: 'Medewerker', system: 'Mededeling' },
  en: { resident: 'You', bot: 'Chatbot', agent: 'Staff member', system: 'Notice' },
} as const;

/** Who said it, as a transcript shows it: "U", "Chatbot", "Anna (medewerker)". */
export function speaker(message: Pick<ChatMessage, 'from' | 'agentName'>, locale: Locale = 'nl'): string {
  const who = WHO[locale === 'en' ? 'en' : 'nl'];
  if (message.from === 'agent' && message.agentName) return `${message.agentName} (${who.agent.toLowerCase()})`;
  return who[message.from];
}

export interface TranscriptOptions {
  locale?: Locale;
  /** The gemeente's name for the heading, e.g. "Gemeente West Betuwe". */
  gemeente?: string;
  /** When the transcript is saved (default now). */
  at?: Date;
}

/** The plain-text transcript a resident can save (one line per message, links listed below it). */
export function transcriptText(messages: readonly ChatMessage[], options: TranscriptOptions = {}): string {
  const locale = options.locale === 'en' ? 'en' : 'nl';
  const at = options.at ?? new Date();
  const heading =
    locale === 'en'
      ? `Chat with ${options.gemeente ?? 'the municipality'}`
      : `Chat met ${options.gemeente ?? 'de gemeente'}`;
  const now = amsterdam(at);
  const saved = `${locale === 'en' ? 'Saved on' : 'Opgeslagen op'} ${dayText(now, locale)} ${now.year} ${locale === 'en' ? 'at' : 'om'} ${now.clock}`;
  const lines = [heading, saved, ''];
  let day = '';
  for (const m of messages) {
    const when = new Date(m.at);
    const a = Number.isNaN(when.getTime()) ? undefined : amsterdam(when);
    if (a && a.date !== day) {
      day = a.date;
      if (lines.at(-1) !== '') lines.push('');
      lines.push(`— ${dayText(a, locale)} —`);
    }
    const text = m.text.replace(/\r\n?/g, '\n').split('\n').join('\n    ');
    lines.push(`${a ? a.clock + ' ' : ''}${speaker(m, locale)}: ${text}`);
    for (const link of m.links ?? []) lines.push(`    ${link.title}: ${link.url}`);
  }
  return `${lines.join('\n')}\n`;
}

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return cleanTextValue(flat, max);
};

const SOURCES = {
  nl: { feedback: 'de feedback', 'status-tracker': 'de status van een zaak', chat: 'de chat', page: 'een pagina' },
  en: { feedback: 'the feedback', 'status-tracker': 'the status of a case', chat: 'the chat', page: 'a page' },
} as const;

/**
 * What a warm hand-off into the chat brought along, as one short text: shown at the top of the
 * chat (to the resident and the KCC) and put before the chat's own summary. BSNs removed.
 * Empty when the context says nothing.
 */
export function handoffNote(context: HandoffContext | undefined, locale: Locale = 'nl', max = 1500): string {
  if (!context) return '';
  const en = locale === 'en';
  const page = context.page ? clip(context.page.title || context.page.url, 200) : '';
  const from = context.source ? SOURCES[en ? 'en' : 'nl'][context.source] : '';
  const parts: string[] = [];
  const where = page ? (en ? `the page "${page}"` : `de pagina "${page}"`) : '';
  if (from)
    parts.push(
      en
        ? `Passed on from ${from}${where && ` on ${where}`}.`
        : `Doorgestuurd vanuit ${from}${where && ` op ${where}`}.`,
    );
  else if (where) parts.push(en ? `Passed on from ${where}.` : `Doorgestuurd vanaf ${where}.`);
  const topic = context.topic?.trim() ? clip(withoutBsn(context.topic), 120) : '';
  if (topic) parts.push(`${en ? 'Topic' : 'Onderwerp'}: ${topic}.`);
  const zaak = [context.caseReference, context.caseTitle].filter((x) => x?.trim()).map((x) => clip(x!, 200));
  if (zaak.length) parts.push(`${en ? 'Case' : 'Zaak'}: ${zaak.join(' – ')}.`);
  const said = context.summary?.trim() ? clip(withoutBsn(context.summary), max) : '';
  if (said) parts.push(`${en ? 'Already known' : 'Wat al bekend is'}: ${said}`);
  return clip(parts.join(' '), max);
}

/**
 * A short summary of a chat for a warm hand-off (bel-me prefill, the KCC): the resident's
 * questions in their own words and what the bot pointed to, BSNs removed, at most `max`
 * characters (HandoffContext.summary allows 2000). With `context` (the hand-off that started
 * the chat), its note comes first.
 */
export function chatSummary(
  messages: readonly ChatMessage[],
  locale: Locale = 'nl',
  max = 2000,
  context?: HandoffContext,
): string {
  const en = locale === 'en';
  const questions = messages.filter((m) => m.from === 'resident').map((m) => clip(withoutBsn(m.text), 200));
  const pointed = [
    ...new Set(messages.filter((m) => m.from === 'bot').flatMap((m) => (m.links ?? []).map((l) => l.title))),
  ];
  const agents = [
    ...new Set(
      messages
        .filter((m) => m.from === 'agent')
        .map((m) => m.agentName)
        .filter(Boolean),
    ),
  ];
  const parts: string[] = [];
  if (questions.length) {
    parts.push(`${en ? 'Questions in the chat' : 'Vragen in de chat'}: ${questions.map((q) => `"${q}"`).join('; ')}.`);
  } else parts.push(en ? 'No question was typed in the chat.' : 'Er is geen vraag getypt in de chat.');
  if (pointed.length)
    parts.push(`${en ? 'The chatbot pointed to' : 'De chatbot wees op'}: ${pointed.slice(0, 5).join(', ')}.`);
  if (agents.length) parts.push(`${en ? 'Spoke with' : 'Gesproken met'}: ${agents.join(', ')}.`);
  const note = handoffNote(context, locale, Math.floor(max / 2));
  return clip([note, ...parts].filter(Boolean).join(' '), max);
}

/**
 * The topic of a chat's hand-off: the topic the page gave (its `topic`), at most 120 characters.
 * The resident's own words are no topic: they go into the question (see chatQuestion), so the
 * callback form shows one topic, not a sentence in the topic field.
 */
export function chatTopic(_messages: readonly ChatMessage[], pageTopic?: string): string | undefined {
  const given = pageTopic?.trim();
  return given ? clip(given, 120) : undefined;
}

/**
 * What the resident asked in the chat, in their own words, for the callback form's "Uw vraag":
 * their messages in order (BSNs removed, the quick reply that asks for a person left out), at
 * most `max` characters (the form allows 300). Undefined when they typed nothing.
 */
export function chatQuestion(messages: readonly ChatMessage[], max = 300): string | undefined {
  const asked = messages
    .filter((m) => m.from === 'resident')
    .map((m) => clip(withoutBsn(m.text), max))
    .filter((t) => t && !ASK_FOR_PERSON.has(t.toLowerCase()));
  const text = clip(asked.join(' '), max);
  return text || undefined;
}

// The quick replies that ask for a person: a request, not a question.
const ASK_FOR_PERSON = new Set(['praat met een medewerker', 'talk to a staff member']);
