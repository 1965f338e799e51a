// What a resident sees of a case (zaak): a view model derived from a `CaseStatus`, with the
// dates formatted and the sentences written (B1 Dutch first, English), and the one sentence
// that tells what changed between two fetches of the same case. Not about the DOM: the
// <dichtbij-status-tracker> element renders this, and other front ends (a KCC console, a
// chatbot answer) can reuse it.
//
// Dates: a `CaseStatus` carries civil dates ('YYYY-MM-DD', Europe/Amsterdam). "Today" is the
// Amsterdam calendar day of the clock given, whatever the visitor's time zone.
import { dayNumber, isoDate, wallClock } from './opening-hours/calendar.ts';
import type { CaseKind, CaseStatus, CaseStep, Locale } from './schemas.ts';

export type CaseStepState = CaseStep['state'];

export interface CaseStepView {
  /** 0-based position in the list. */
  index: number;
  title: string;
  /** The text for residents (ZGW statustekst), when there is one. */
  text?: string;
  state: CaseStepState;
  /** The state in words: "Afgerond", "Nu bezig", "Nog niet gestart". */
  stateText: string;
  /** The first step with state `current` (gets `aria-current="step"`). */
  isCurrent: boolean;
  /** 'YYYY-MM-DD' (Amsterdam) the step was completed, when known. */
  completedOn?: string;
  /** "5 oktober 2026". */
  completedText?: string;
}

/** A short label shown as a tag next to the case, in text (never only a colour). */
export interface CaseBadge {
  kind: 'closed' | 'delayed' | 'suspended' | 'extended';
  label: string;
}

export interface CaseView {
  reference: string;
  title: string;
  /** The kind of case (see caseKind): it decides the word, "uw aanvraag" or "uw melding". */
  kind: CaseWordKind;
  /** The words for this case's kind, in the view's locale. */
  word: CaseWord;
  /** The zaaktype (CaseStatus.caseType), for the hand-off to a callback topic. */
  caseType?: string;
  closed: boolean;
  /**
   * Not closed, not on hold, and today (Amsterdam) is after the planned end date. A case on hold
   * usually waits for the resident: it is not called late.
   */
  delayed: boolean;
  /** Not closed and today (Amsterdam) is after the legal deadline. */
  pastDeadline: boolean;
  /** "Aangevraagd op 5 oktober 2026". */
  startedText?: string;
  /** "We verwachten klaar te zijn op 14 december 2026." (open cases, not delayed). */
  expectedText?: string;
  /** "U krijgt uiterlijk op 25 januari 2027 ons besluit." (open cases). */
  deadlineText?: string;
  /** "Uw aanvraag is afgerond op 18 maart 2026." */
  closedText?: string;
  /** Why "Vertraagd": "Het duurt langer dan we hadden verwacht. …" */
  delayedText?: string;
  suspended?: { since?: string; text: string; reason?: string };
  extended?: { days?: number; text: string; reason?: string };
  badges: CaseBadge[];
  /** One line for a list of cases: "Nu: Beoordeling", "Afgerond op 18 maart 2026". */
  summary: string;
  current?: CaseStepView;
  steps: CaseStepView[];
}

export interface CaseViewOptions {
  locale?: Locale;
  /** The clock (default: now). */
  now?: Date;
}

const weeksOrDays = (days: number, locale: Locale) => {
  if (days % 7 === 0 && days >= 7) {
    const w = days / 7;
    return locale === 'en' ? `${w} week${w === 1 ? '' : 's'}` : `${w} ${w === 1 ? 'week' : 'weken'}`;
  }
  return locale === 'en' ? `${days} day${days === 1 ? '' : 's'}` : `${days} ${days === 1 ? 'dag' : 'dagen'}`;
};

/** The word for a case: the kind when known, else the neutral "zaak" (English "case"). */
export type CaseWordKind = CaseKind | 'zaak';

/** How a kind of case is named in running text. */
export interface CaseWord {
  /** "uw aanvraag", "uw bezwaar", "uw zaak". */
  your: string;
  /** "Uw aanvraag" (start of a sentence). */
  Your: string;
  /** "Nieuwe aanvraag", "Nieuw bezwaar". */
  added: string;
  /** "Aangevraagd op", "Gemeld op", "Ingediend op". */
  startedOn: string;
  /** The gemeente ends it with a decision (besluit): an application or an objection. */
  decision: boolean;
}

const WORDS: Record<Locale, Record<CaseWordKind, CaseWord>> = {
  nl: {
    aanvraag: {
      your: 'uw aanvraag',
      Your: 'Uw aanvraag',
      added: 'Nieuwe aanvraag',
      startedOn: 'Aangevraagd op',
      decision: true,
    },
    melding: {
      your: 'uw melding',
      Your: 'Uw melding',
      added: 'Nieuwe melding',
      startedOn: 'Gemeld op',
      decision: false,
    },
    klacht: {
      your: 'uw klacht',
      Your: 'Uw klacht',
      added: 'Nieuwe klacht',
      startedOn: 'Ingediend op',
      decision: false,
    },
    bezwaar: {
      your: 'uw bezwaar',
      Your: 'Uw bezwaar',
      added: 'Nieuw bezwaar',
      startedOn: 'Ingediend op',
      decision: true,
    },
    zaak: { your: 'uw zaak', Your: 'Uw zaak', added: 'Nieuwe zaak', startedOn: 'Gestart op', decision: false },
  },
  en: {
    aanvraag: {
      your: 'your application',
      Your: 'Your application',
      added: 'New application',
      startedOn: 'Applied on',
      decision: true,
    },
    melding: {
      your: 'your report',
      Your: 'Your report',
      added: 'New report',
      startedOn: 'Reported on',
      decision: false,
    },
    klacht: {
      your: 'your complaint',
      Your: 'Your complaint',
      added: 'New complaint',
      startedOn: 'Submitted on',
      decision: false,
    },
    bezwaar: {
      your: 'your objection',
      Your: 'Your objection',
      added: 'New objection',
      startedOn: 'Submitted on',
      decision: true,
    },
    zaak: { your: 'your case', Your: 'Your case', added: 'New case', startedOn: 'Started on', decision: false },
  },
};

// Words in a zaaktype or a title that tell the kind. The order matters: "bezwaar tegen een
// vergunning" is an objection, "melding over een klacht" is rare but a report comes first.
const KIND_WORDS: [CaseKind, RegExp][] = [
  ['bezwaar', /\b(bezwaar\w*|objection)\b/i],
  ['klacht', /\b(klacht\w*|complaint)\b/i],
  ['melding', /\b(melding\w*|meld\w*|report)\b/i],
  [
    'aanvraag',
    /\b(aanvra\w*|aangevraagd|\w*vergunning\w*|ontheffing\w*|subsidie\w*|\w*bijstand|\w*toeslag\w*|uitkering\w*|application)\b/i,
  ],
];

/**
 * The kind of a case, which decides the word residents read: the backend's `kind` when given,
 * else derived from the zaaktype and the title ("Bezwaar tegen …" → bezwaar, "Melding openbare
 * ruimte" → melding, "Omgevingsvergunning" → aanvraag); 'zaak' when nothing tells.
 */
export function caseKind(status: Pick<CaseStatus, 'kind' | 'caseType' | 'title'>): CaseWordKind {
  if (status.kind && Object.hasOwn(WORDS.nl, status.kind)) return status.kind;
  for (const source of [status.caseType, status.title]) {
    if (!source) continue;
    // "OMGEVINGSVERGUNNING-DAKKAPEL", "melding_openbare_ruimte": split codes into words.
    const words = source.replace(/[-_./:]+/g, ' ');
    for (const [kind, pattern] of KIND_WORDS) if (pattern.test(words)) return kind;
  }
  return 'zaak';
}

/** The words for a kind of case: "uw aanvraag", "Nieuw bezwaar", "Gemeld op". */
export function caseWord(kind: CaseWordKind, locale: Locale = 'nl'): CaseWord {
  return WORDS[locale === 'en' ? 'en' : 'nl'][kind] ?? WORDS[locale === 'en' ? 'en' : 'nl'].zaak;
}

/** All copy about a case, B1 Dutch ("u") first. `w` is the word for the case's kind (caseWord). */
export const caseText = {
  nl: {
    stepState: { done: 'Afgerond', current: 'Nu bezig', upcoming: 'Nog niet gestart' } as Record<CaseStepState, string>,
    badge: { closed: 'Afgerond', delayed: 'Vertraagd', suspended: 'Staat stil', extended: 'Meer tijd nodig' },
    started: (date: string, w: CaseWord) => `${w.startedOn} ${date}`,
    expected: (date: string) => `We verwachten klaar te zijn op ${date}.`,
    deadline: (date: string, w: CaseWord) =>
      w.decision ? `U krijgt uiterlijk op ${date} ons besluit.` : `U hoort uiterlijk op ${date} van ons.`,
    deadlinePassed: (date: string, w: CaseWord) =>
      `${w.decision ? `U had op ${date} ons besluit moeten krijgen.` : `U had op ${date} van ons moeten horen.`} ` +
      'Het spijt ons dat het langer duurt.',
    closed: (date: string | undefined, w: CaseWord) =>
      date ? `${w.Your} is afgerond op ${date}.` : `${w.Your} is afgerond.`,
    delayed: (date: string) =>
      `Het duurt langer dan we hadden verwacht. We hadden verwacht klaar te zijn op ${date}. We werken eraan.`,
    suspended: (since: string | undefined, w: CaseWord) =>
      `${w.Your} staat stil${since ? ` sinds ${since}` : ''}. ` +
      (w.decision
        ? `Zolang ${w.your} stilstaat, krijgt u ons besluit later.`
        : `Zolang ${w.your} stilstaat, hoort u later van ons.`),
    extended: (days: number | undefined, w: CaseWord) => {
      const later = days ? `${weeksOrDays(days, 'nl')} later` : 'later';
      return w.decision
        ? `We hebben meer tijd nodig om over ${w.your} te beslissen. Daarom krijgt u ons besluit ${later}.`
        : `We hebben meer tijd nodig voor ${w.your}. Daarom hoort u ${later} van ons.`;
    },
    summaryClosed: (date?: string) => (date ? `Afgerond op ${date}` : 'Afgerond'),
    summaryCurrent: (step: string) => `Nu: ${step}`,
    summaryNone: 'In behandeling',
    changedStep: (step: string, w: CaseWord) => `${w.Your} is nu bij de stap: ${step}.`,
    changedClosed: (w: CaseWord) => `${w.Your} is afgerond.`,
    changedSuspended: (w: CaseWord) => `${w.Your} staat nu stil.`,
    changedResumed: (w: CaseWord) => `We werken weer aan ${w.your}.`,
    changedExtended: (w: CaseWord) => `We hebben meer tijd nodig voor ${w.your}.`,
    changedPlannedEnd: (date: string) => `We verwachten nu klaar te zijn op ${date}.`,
    newCase: (title: string, w: CaseWord) => `${w.added}: ${title}.`,
  },
  en: {
    stepState: { done: 'Completed', current: 'In progress', upcoming: 'Not started' } as Record<CaseStepState, string>,
    badge: { closed: 'Completed', delayed: 'Delayed', suspended: 'On hold', extended: 'More time needed' },
    started: (date: string, w: CaseWord) => `${w.startedOn} ${date}`,
    expected: (date: string) => `We expect to be finished on ${date}.`,
    deadline: (date: string, w: CaseWord) =>
      w.decision
        ? `You will get our decision by ${date} at the latest.`
        : `You will hear from us by ${date} at the latest.`,
    deadlinePassed: (date: string, w: CaseWord) =>
      `${w.decision ? `You should have had our decision by ${date}.` : `You should have heard from us by ${date}.`} ` +
      'We are sorry it is taking longer.',
    closed: (date: string | undefined, w: CaseWord) =>
      date ? `${w.Your} was completed on ${date}.` : `${w.Your} is completed.`,
    delayed: (date: string) =>
      `It is taking longer than we expected. We expected to be finished on ${date}. We are working on it.`,
    suspended: (since: string | undefined, w: CaseWord) =>
      `${w.Your} is on hold${since ? ` since ${since}` : ''}. ` +
      (w.decision
        ? 'While it is on hold, you will get our decision later.'
        : 'While it is on hold, you will hear from us later.'),
    extended: (days: number | undefined, w: CaseWord) => {
      const later = days ? `${weeksOrDays(days, 'en')} later` : 'later';
      return w.decision
        ? `We need more time to decide on ${w.your}. That is why you will get our decision ${later}.`
        : `We need more time for ${w.your}. That is why you will hear from us ${later}.`;
    },
    summaryClosed: (date?: string) => (date ? `Completed on ${date}` : 'Completed'),
    summaryCurrent: (step: string) => `Now: ${step}`,
    summaryNone: 'Being processed',
    changedStep: (step: string, w: CaseWord) => `${w.Your} is now at the step: ${step}.`,
    changedClosed: (w: CaseWord) => `${w.Your} is completed.`,
    changedSuspended: (w: CaseWord) => `${w.Your} is now on hold.`,
    changedResumed: (w: CaseWord) => `We are working on ${w.your} again.`,
    changedExtended: (w: CaseWord) => `We need more time for ${w.your}.`,
    changedPlannedEnd: (date: string) => `We now expect to be finished on ${date}.`,
    newCase: (title: string, w: CaseWord) => `${w.added}: ${title}.`,
  },
} satisfies Record<Locale, unknown>;

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "14 maart 2027" (nl-NL) or "14 March 2027" (en-GB) for a civil date 'YYYY-MM-DD'; undefined
 * when the string is not a real calendar date (a malformed backend value is left out, never
 * shown as "Invalid Date").
 */
export function formatCaseDate(date: string | null | undefined, locale: Locale = 'nl'): string | undefined {
  const day = civilDate(date);
  if (day === undefined) return undefined;
  const tag = locale === 'en' ? 'en-GB' : 'nl-NL';
  let format = formats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formats.set(tag, format);
  }
  return format.format(dayNumber(day) * 86_400_000);
}

/**
 * The Amsterdam calendar date ('YYYY-MM-DD') of a backend date value: a civil date as is, an
 * instant ('2026-10-05T23:30:00Z') as the Amsterdam day it falls on; undefined otherwise.
 */
export function civilDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Number.isNaN(dayNumber(value)) ? undefined : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : isoDate(wallClock(at).day);
}

/** Today's date in Europe/Amsterdam, 'YYYY-MM-DD'. */
export const amsterdamToday = (now: Date = new Date()): string => isoDate(wallClock(now).day);

/** The first step with state `current`, if any. A closed case has none. */
function currentIndex(status: CaseStatus): number {
  return status.closed ? -1 : status.steps.findIndex((s) => s.state === 'current');
}

/** Derives what a resident sees of a case at a moment. */
export function caseView(status: CaseStatus, options: CaseViewOptions = {}): CaseView {
  const locale: Locale = options.locale === 'en' ? 'en' : 'nl';
  const t = caseText[locale];
  const today = amsterdamToday(options.now ?? new Date());
  const date = (value: string | null | undefined) => formatCaseDate(value, locale);
  const plannedEnd = civilDate(status.plannedEnd);
  const deadline = civilDate(status.deadline);
  const closed = status.closed;
  const delayed = !closed && !status.suspended && plannedEnd !== undefined && today > plannedEnd;
  const kind = caseKind(status);
  const word = caseWord(kind, locale);
  const pastDeadline = !closed && deadline !== undefined && today > deadline;
  const current = currentIndex(status);

  const steps = status.steps.map((step, index): CaseStepView => {
    // A closed case has no step in progress: its last status is done.
    const state: CaseStepState = closed && step.state === 'current' ? 'done' : step.state;
    const completedOn = state === 'done' ? civilDate(step.completedAt) : undefined;
    return {
      index,
      title: step.title,
      ...(step.text?.trim() ? { text: step.text.trim() } : {}),
      state,
      stateText: t.stepState[state],
      isCurrent: index === current,
      ...(completedOn ? { completedOn, completedText: date(completedOn)! } : {}),
    };
  });

  const badges: CaseBadge[] = [];
  const view: CaseView = {
    reference: status.reference,
    title: status.title,
    kind,
    word,
    ...(status.caseType?.trim() ? { caseType: status.caseType.trim() } : {}),
    closed,
    delayed,
    pastDeadline,
    badges,
    summary: '',
    steps,
  };
  const started = date(status.startedOn);
  if (started) view.startedText = t.started(started, word);

  if (closed) {
    badges.push({ kind: 'closed', label: t.badge.closed });
    const on = date(status.closedOn);
    view.closedText = t.closed(on, word);
    view.summary = t.summaryClosed(on);
  } else {
    if (status.suspended) {
      const since = civilDate(status.suspended.since);
      const reason = status.suspended.reason?.trim();
      view.suspended = {
        ...(since ? { since } : {}),
        text: t.suspended(date(since), word),
        ...(reason ? { reason } : {}),
      };
      badges.push({ kind: 'suspended', label: t.badge.suspended });
    }
    if (status.extended) {
      const days =
        typeof status.extended.days === 'number' && Number.isInteger(status.extended.days) && status.extended.days > 0
          ? status.extended.days
          : undefined;
      const reason = status.extended.reason?.trim();
      view.extended = { ...(days ? { days } : {}), text: t.extended(days, word), ...(reason ? { reason } : {}) };
      badges.push({ kind: 'extended', label: t.badge.extended });
    }
    if (delayed) {
      badges.unshift({ kind: 'delayed', label: t.badge.delayed });
      view.delayedText = t.delayed(date(plannedEnd)!);
    } else if (plannedEnd && !(status.suspended && today > plannedEnd)) {
      view.expectedText = t.expected(date(plannedEnd)!);
    }
    if (deadline)
      view.deadlineText = pastDeadline ? t.deadlinePassed(date(deadline)!, word) : t.deadline(date(deadline)!, word);
    view.summary = current >= 0 ? t.summaryCurrent(steps[current]!.title) : t.summaryNone;
  }
  if (current >= 0) view.current = steps[current]!;
  return view;
}

/**
 * What changed between two fetches of the same case, as one sentence for a polite live
 * region ("Uw aanvraag is nu bij de stap: Besluit."); undefined when nothing a resident cares about
 * changed, or when the two are different cases.
 */
export function caseChange(before: CaseStatus, after: CaseStatus, locale: Locale = 'nl'): string | undefined {
  if (before.reference.toUpperCase() !== after.reference.toUpperCase()) return undefined;
  const t = caseText[locale === 'en' ? 'en' : 'nl'];
  const w = caseWord(caseKind(after), locale);
  const parts: string[] = [];
  if (!before.closed && after.closed) {
    parts.push(t.changedClosed(w));
  } else if (!after.closed) {
    const was = before.closed ? undefined : before.steps[currentIndex(before)]?.title;
    const now = after.steps[currentIndex(after)]?.title;
    if (now && now !== was) parts.push(t.changedStep(now, w));
    if (!before.suspended && after.suspended) parts.push(t.changedSuspended(w));
    if (before.suspended && !after.suspended) parts.push(t.changedResumed(w));
    if (!before.extended && after.extended) parts.push(t.changedExtended(w));
    const plannedBefore = civilDate(before.plannedEnd);
    const plannedAfter = civilDate(after.plannedEnd);
    if (plannedBefore && plannedAfter && plannedAfter !== plannedBefore) {
      parts.push(t.changedPlannedEnd(formatCaseDate(plannedAfter, locale)!));
    }
  }
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * What changed in a resident's list of cases ("Mijn zaken"), one sentence per changed or new
 * case, each named by its title; undefined when nothing changed.
 */
export function casesChange(before: CaseStatus[], after: CaseStatus[], locale: Locale = 'nl'): string | undefined {
  const t = caseText[locale === 'en' ? 'en' : 'nl'];
  const previous = new Map(before.map((c) => [c.reference.toUpperCase(), c]));
  const parts: string[] = [];
  for (const c of after) {
    const old = previous.get(c.reference.toUpperCase());
    if (!old) {
      parts.push(t.newCase(c.title, caseWord(caseKind(c), locale)));
      continue;
    }
    const change = caseChange(old, c, locale);
    if (change) parts.push(`${c.title}: ${change}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}
