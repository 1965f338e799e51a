/**
 * The FAQ bot: answers a resident's question from the gemeente's own knowledge file, searched
 * with MiniSearch. It only ever repeats an answer written in that file; when the best match is
 * not convincing it says it does not know (and offers a person), and when two topics match
 * about equally it asks which one is meant. It never makes up an answer.
 */
import { readFileSync } from 'node:fs';
import MiniSearch, { type SearchResult } from 'minisearch';
import * as z from 'zod/mini';
import type { Locale } from '@dichtbij/sdk';

// Dutch is required; English is optional: without it, an English chat shows the Dutch text,
// marked as Dutch (the message's `lang`), so the resident sees it is not translated.
const Localized = z.object({
  nl: z.string().check(z.minLength(1)),
  en: z.optional(z.string().check(z.minLength(1))),
});
const LocalizedList = z.object({ nl: z.array(z.string()), en: z.optional(z.array(z.string())) });
type LocalizedText = z.infer<typeof Localized>;
/** The text in a locale, or the Dutch one with `lang: 'nl'` when there is no English. */
export function localized(value: LocalizedText, locale: Locale): { text: string; lang?: 'nl' } {
  const own = locale === 'en' ? value.en : value.nl;
  return own ? { text: own } : { text: value.nl, lang: 'nl' };
}
const HttpUrl = z.string().check(z.regex(/^https?:\/\/\S+$/i));

export const FaqSchema = z.object({
  version: z.literal(1),
  topics: z
    .array(
      z.object({
        id: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)),
        /** A callback topic id from the gemeente's config, for the hand-off to bel-me. */
        callbackTopic: z.optional(z.string()),
        title: Localized,
        keywords: LocalizedList,
        questions: LocalizedList,
        answer: Localized,
        links: z.optional(z.array(z.object({ title: Localized, url: HttpUrl })).check(z.maxLength(10))),
      }),
    )
    .check(z.minLength(1)),
});
export type Faq = z.infer<typeof FaqSchema>;
export type FaqTopic = Faq['topics'][number];

export const DEFAULT_FAQ_FILE = new URL('./faq/default.json', import.meta.url);

/** Reads and checks a knowledge file; throws naming the first problem. */
export function loadFaq(file: string | URL = DEFAULT_FAQ_FILE): Faq {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const parsed = FaqSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    throw new Error(`The chat knowledge file ${String(file)} is invalid at: ${where}`);
  }
  const ids = new Set<string>();
  for (const t of parsed.data.topics) {
    if (ids.has(t.id)) throw new Error(`The chat knowledge file has topic "${t.id}" twice`);
    ids.add(t.id);
  }
  return parsed.data;
}

// ── text processing ───────────────────────────────────────────────────────────────────────

const STOP = {
  nl: new Set(
    `de het een en of van ik u uw mijn me mij wat hoe is in op te dat die dit deze voor met aan er niet wij we je jij
     zijn ben bent bij naar om ook als dan kan kun kunt moet moeten wil wilt willen heb hebt heeft hebben was word wordt
     worden nog al door over uit tot hier daar waar wanneer welke wie waarom zo doe doet doen graag even maar nu jullie
     ons onze mag mogen kunnen hallo hoi goedemorgen goedemiddag goedenavond beste dank bedankt alstublieft aub svp
     vraag vragen iets ze zij hij haar hem hun gaat ga gaan krijg krijgen weet weten zou zouden nodig hulp`.split(
      /\s+/,
    ),
  ),
  en: new Set(
    `the a an and or of i my me what how is in on to that this these for with at there not we you your be am are was
     were do does did can could must should want would have has had will from about so please hi hello thanks thank it
     its get got when where which who why need help question`.split(/\s+/),
  ),
} as const;

const SUFFIX = {
  nl: ['ingen', 'ing', 'en', 'e', 's'],
  en: ['ing', 'ed', 'es', 's', 'e'],
} as const;

const fold = (term: string) =>
  term
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Lower case, no accents, no stop words, a light suffix strip (so "verhuizing" meets "verhuizen"). */
export function processTerm(term: string, locale: Locale): string | null {
  const t = fold(term);
  if (t.length < 2 || STOP[locale].has(t) || /^\d+$/.test(t)) return null;
  for (const suffix of SUFFIX[locale]) {
    if (t.length - suffix.length >= 4 && t.endsWith(suffix)) return t.slice(0, -suffix.length);
  }
  return t;
}

const TOKENS = /[\p{L}\p{N}]+/gu;
const tokenize = (text: string) => text.match(TOKENS) ?? [];

// ── the bot ───────────────────────────────────────────────────────────────────────────────

export interface BotContext {
  /** The gemeente's phone number, as shown. */
  phone: string;
  /** "Nu open tot 17:00" — from the opening hours, in the resident's language. */
  openingHours: string;
  gemeente: string;
}

export type BotReply =
  | {
      kind: 'answer';
      topic: FaqTopic;
      text: string;
      /** 'nl' when the answer has no English text and the Dutch one is given instead. */
      lang?: 'nl';
      links: { title: string; url: string }[];
      quickReplies: string[];
      confidence: number;
    }
  | { kind: 'choose'; topics: FaqTopic[]; text: string; quickReplies: string[]; confidence: number }
  | { kind: 'unknown'; text: string; quickReplies: string[]; confidence: number };

/** The quick reply that asks for a person (the panel recognises it in both languages). */
export const TALK_TO_AGENT = { nl: 'Praat met een medewerker', en: 'Talk to a staff member' } as const;

export const COPY = {
  nl: {
    greeting: (g: string) =>
      `Hallo! Ik ben de digitale assistent van ${g}. Ik beantwoord vragen over bijvoorbeeld paspoorten, verhuizen en afval. Stel uw vraag in een paar woorden. Uw BSN en andere persoonlijke gegevens heb ik niet nodig.`,
    unknown:
      'Daar weet ik geen goed antwoord op. Ik wil u geen verkeerde informatie geven. Probeer het met andere woorden, of praat met een medewerker.',
    choose: 'Ik weet niet zeker wat u bedoelt. Gaat uw vraag over een van deze onderwerpen?',
    tooShort: 'Wilt u uw vraag in een paar woorden stellen? Bijvoorbeeld: "paspoort aanvragen".',
  },
  en: {
    greeting: (g: string) =>
      `Hello! I am the digital assistant of ${g}. I answer questions about, for example, passports, moving house and waste. Ask your question in a few words. I do not need your BSN or other personal details.`,
    unknown:
      'I do not have a good answer to that. I do not want to give you wrong information. Try other words, or talk to a staff member.',
    choose: 'I am not sure what you mean. Is your question about one of these topics?',
    tooShort: 'Could you ask your question in a few words? For example: "apply for a passport".',
  },
} as const;

export interface FaqBotOptions {
  /** Lowest MiniSearch score for an answer (default 6). */
  minScore?: number;
  /** Share of the question's words the best topic must match (default 0.5). */
  minCoverage?: number;
  /** The best topic must score this much higher than the next to answer without asking (default 1.35). */
  margin?: number;
  /** Quick replies under the greeting: topic ids (default paspoort-id, verhuizen, afval-ophalen). */
  starters?: string[];
}

export class FaqBot {
  private readonly index: Record<Locale, MiniSearch<{ id: string }>>;
  private readonly vocabulary: Record<Locale, Set<string>>;
  /** In how many topics each word occurs: a word in many topics ("aanvragen") says little on its own. */
  private readonly topicCount: Record<Locale, Map<string, number>>;
  private readonly byId: Map<string, FaqTopic>;
  private readonly minScore: number;
  private readonly minCoverage: number;
  private readonly margin: number;
  private readonly starters: string[];
  private readonly genericAt: number;

  constructor(
    readonly faq: Faq,
    options: FaqBotOptions = {},
  ) {
    this.minScore = options.minScore ?? 6;
    this.minCoverage = options.minCoverage ?? 0.5;
    this.margin = options.margin ?? 1.25;
    this.starters = options.starters ?? ['paspoort-id', 'verhuizen', 'afval-ophalen'];
    this.byId = new Map(faq.topics.map((t) => [t.id, t]));
    const build = (locale: Locale) => {
      const vocabulary = new Set<string>();
      const search = new MiniSearch<{ id: string }>({
        fields: ['title', 'keywords', 'questions'],
        storeFields: ['id'],
        tokenize,
        processTerm: (term) => {
          const t = processTerm(term, locale);
          if (t) vocabulary.add(t);
          return t;
        },
        searchOptions: { processTerm: (term) => processTerm(term, locale) },
      });
      const docs = faq.topics.map((t) => ({
        id: t.id,
        title: t.title[locale] ?? '',
        keywords: (t.keywords[locale] ?? []).join(' '),
        questions: (t.questions[locale] ?? []).join(' '),
      }));
      search.addAll(docs);
      const topicCount = new Map<string, number>();
      for (const doc of docs) {
        const words = new Set(
          tokenize(`${doc.title} ${doc.keywords} ${doc.questions}`).flatMap((w) => processTerm(w, locale) ?? []),
        );
        for (const w of words) topicCount.set(w, (topicCount.get(w) ?? 0) + 1);
      }
      return { search, vocabulary, topicCount };
    };
    const nl = build('nl');
    const en = build('en');
    this.index = { nl: nl.search, en: en.search };
    this.vocabulary = { nl: nl.vocabulary, en: en.vocabulary };
    this.topicCount = { nl: nl.topicCount, en: en.topicCount };
    this.genericAt = Math.max(3, Math.ceil(faq.topics.length * 0.12));
  }

  static fromFile(file?: string | URL, options?: FaqBotOptions): FaqBot {
    return new FaqBot(loadFaq(file), options);
  }

  greeting(locale: Locale, gemeente: string): { text: string; quickReplies: string[] } {
    const titles = this.starters.flatMap((id) => {
      const t = this.byId.get(id);
      return t ? [localized(t.title, locale).text] : [];
    });
    return { text: COPY[locale].greeting(gemeente), quickReplies: [...titles, TALK_TO_AGENT[locale]].slice(0, 8) };
  }

  /** The processed, meaningful words of a question (compound words split on known words). */
  terms(question: string, locale: Locale): string[] {
    const vocab = this.vocabulary[locale];
    const out = new Set<string>();
    for (const token of tokenize(question)) {
      const t = processTerm(token, locale);
      if (!t) continue;
      out.add(t);
      if (locale === 'nl' && !vocab.has(t) && t.length >= 8) {
        // "paspoortaanvraag" → "paspoort" + "aanvraag", when those are known words.
        for (let i = 4; i <= t.length - 4; i++) {
          const head = t.slice(0, i);
          const tail = processTerm(t.slice(i), locale);
          if (vocab.has(head) && tail && vocab.has(tail)) {
            out.add(head);
            out.add(tail);
          }
        }
      }
    }
    return [...out];
  }

  answer(question: string, locale: Locale, context: BotContext): BotReply {
    const copy = COPY[locale];
    const agent = TALK_TO_AGENT[locale];
    const normalized = fold(question)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    // A topic title sent back as a quick reply: that topic, certainly.
    const exact = this.faq.topics.find(
      (t) =>
        fold(localized(t.title, locale).text)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim() === normalized,
    );
    if (exact) return this.reply(exact, locale, context, 1);

    const terms = this.terms(question, locale);
    if (!terms.length) return { kind: 'unknown', text: copy.tooShort, quickReplies: [agent], confidence: 0 };
    const results = this.index[locale].search(terms.join(' '), {
      boost: { title: 2, keywords: 3, questions: 1 },
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
      combineWith: 'OR',
    });
    const coverage = (r: SearchResult) => new Set(r.queryTerms).size / terms.length;
    const counts = this.topicCount[locale];
    /** At least one matched word is specific to a few topics. */
    const telling = (r: SearchResult) => r.queryTerms.some((t) => (counts.get(t) ?? 0) < this.genericAt);
    const [top, second] = results;
    if (!top || top.score < this.minScore || coverage(top) < this.minCoverage || !telling(top)) {
      return {
        kind: 'unknown',
        text: copy.unknown,
        quickReplies: [agent],
        confidence: top ? Math.min(0.49, coverage(top)) : 0,
      };
    }
    const confidence = Math.min(1, coverage(top) * Math.min(1, top.score / (this.minScore * 2)));
    if (second && top.score < second.score * this.margin && coverage(second) >= this.minCoverage) {
      const close = results
        .filter((r) => r.score * this.margin > top.score && coverage(r) >= this.minCoverage)
        .slice(0, 3)
        .map((r) => this.byId.get(String(r.id))!);
      return {
        kind: 'choose',
        topics: close,
        text: copy.choose,
        quickReplies: [...close.map((t) => localized(t.title, locale).text), agent],
        confidence,
      };
    }
    return this.reply(this.byId.get(String(top.id))!, locale, context, confidence);
  }

  private reply(topic: FaqTopic, locale: Locale, context: BotContext, confidence: number): BotReply {
    const answer = localized(topic.answer, locale);
    const text = answer.text
      .replaceAll('{phone}', context.phone)
      .replaceAll('{openingHours}', context.openingHours)
      .replaceAll('{gemeente}', context.gemeente);
    return {
      kind: 'answer',
      topic,
      text,
      links: (topic.links ?? []).map((l) => ({ title: localized(l.title, locale).text, url: l.url })),
      quickReplies: [TALK_TO_AGENT[locale]],
      ...(answer.lang ? { lang: answer.lang } : {}),
      confidence,
    };
  }
}
