// What a resident sees of a case (zaak): a view model derived from a `CaseStatus`, with the
// dates formatted and the sentences written (B1 Dutch first, English), and the one sentence
// that tells what changed between two fetches of the same case. Not about the DOM: the
// <dichtbij-status-tracker> element renders this, and other front ends (a KCC console, a
// chatbot answer) can reuse it.
//
// Dates: a `CaseStatus` carries civil dates ('YYYY-MM-DD', Europe/Amsterdam). "Today" is the
// Amsterdam calendar day of the clock given, whatever the visitor's time zone.
import { dayNumber, isoDate, wallClock } from './opening-hours/calendar.ts';
import type { CaseStatus, CaseStep, Locale } from './schemas.ts';

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
  closed: boolean;
  /** Not closed and today (Amsterdam) is after the planned end date. */
  delayed: boolean;
  /** Not closed and today (Amsterdam) is after the legal deadline. */
  pastDeadline: boolean;
  /** "Aangevraagd op 5 oktober 2026". */
  startedText?: string;
  /** "We verwachten klaar te zijn op 14 december 2026." (open cases, not delayed). */
  expectedText?: string;
  /** "Uiterlijk 25 januari 2027 een besluit" (open cases). */
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

/** All copy about a case, B1 Dutch ("u") first. */
export const caseText = {
  nl: {
    stepState: { done: 'Afgerond', current: 'Nu bezig', upcoming: 'Nog niet gestart' } as Record<CaseStepState, string>,
    badge: { closed: 'Afgerond', delayed: 'Vertraagd', suspended: 'Staat stil', extended: 'Termijn verlengd' },
    started: (date: string) => `Aangevraagd op ${date}`,
    expected: (date: string) => `We verwachten klaar te zijn op ${date}.`,
    deadline: (date: string) => `Uiterlijk ${date} een besluit`,
    deadlinePassed: (date: string) => `De uiterste datum voor een besluit was ${date}.`,
    closed: (date?: string) => (date ? `Uw aanvraag is afgerond op ${date}.` : 'Uw aanvraag is afgerond.'),
    delayed: (date: string) =>
      `Het duurt langer dan we hadden verwacht. We hadden verwacht klaar te zijn op ${date}. Wij werken eraan.`,
    suspended: (since?: string) =>
      `Uw aanvraag staat tijdelijk stil${since ? ` sinds ${since}` : ''}. ` +
      'Zolang uw aanvraag stilstaat, telt die tijd niet mee voor de termijn.',
    extended: (days?: number) =>
      'We hebben meer tijd nodig om over uw aanvraag te beslissen. ' +
      `Daarom hebben we de termijn ${days ? `met ${weeksOrDays(days, 'nl')} ` : ''}verlengd.`,
    summaryClosed: (date?: string) => (date ? `Afgerond op ${date}` : 'Afgerond'),
    summaryCurrent: (step: string) => `Nu: ${step}`,
    summaryNone: 'In behandeling',
    changedStep: (step: string) => `Uw aanvraag is nu: ${step}`,
    changedClosed: 'Uw aanvraag is afgerond.',
    changedSuspended: 'Uw aanvraag staat tijdelijk stil.',
    changedResumed: 'Uw aanvraag is weer in behandeling.',
    changedExtended: 'De termijn voor uw aanvraag is verlengd.',
    changedPlannedEnd: (date: string) => `We verwachten nu klaar te zijn op ${date}.`,
    newCase: (title: string) => `Nieuwe aanvraag: ${title}.`,
  },
  en: {
    stepState: { done: 'Completed', current: 'In progress', upcoming: 'Not started' } as Record<CaseStepState, string>,
    badge: { closed: 'Completed', delayed: 'Delayed', suspended: 'On hold', extended: 'Time limit extended' },
    started: (date: string) => `Applied on ${date}`,
    expected: (date: string) => `We expect to be finished on ${date}.`,
    deadline: (date: string) => `A decision by ${date} at the latest`,
    deadlinePassed: (date: string) => `The last day for a decision was ${date}.`,
    closed: (date?: string) => (date ? `Your application was completed on ${date}.` : 'Your application is completed.'),
    delayed: (date: string) =>
      `It is taking longer than we expected. We expected to be finished on ${date}. We are working on it.`,
    suspended: (since?: string) =>
      `Your application is on hold${since ? ` since ${since}` : ''}. ` +
      'While it is on hold, that time does not count towards the time limit.',
    extended: (days?: number) =>
      'We need more time to decide on your application. ' +
      `That is why we have extended the time limit${days ? ` by ${weeksOrDays(days, 'en')}` : ''}.`,
    summaryClosed: (date?: string) => (date ? `Completed on ${date}` : 'Completed'),
    summaryCurrent: (step: string) => `Now: ${step}`,
    summaryNone: 'Being processed',
    changedStep: (step: string) => `Your application is now at: ${step}`,
    changedClosed: 'Your application is completed.',
    changedSuspended: 'Your application is on hold.',
    changedResumed: 'Your application is being processed again.',
    changedExtended: 'The time limit for your application has been extended.',
    changedPlannedEnd: (date: string) => `We now expect to be finished on ${date}.`,
    newCase: (title: string) => `New application: ${title}.`,
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
  const delayed = !closed && plannedEnd !== undefined && today > plannedEnd;
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
    closed,
    delayed,
    pastDeadline,
    badges,
    summary: '',
    steps,
  };
  const started = date(status.startedOn);
  if (started) view.startedText = t.started(started);

  if (closed) {
    badges.push({ kind: 'closed', label: t.badge.closed });
    const on = date(status.closedOn);
    view.closedText = t.closed(on);
    view.summary = t.summaryClosed(on);
  } else {
    if (status.suspended) {
      const since = civilDate(status.suspended.since);
      const reason = status.suspended.reason?.trim();
      view.suspended = {
        ...(since ? { since } : {}),
        text: t.suspended(date(since)),
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
      view.extended = { ...(days ? { days } : {}), text: t.extended(days), ...(reason ? { reason } : {}) };
      badges.push({ kind: 'extended', label: t.badge.extended });
    }
    if (delayed) {
      badges.unshift({ kind: 'delayed', label: t.badge.delayed });
      view.delayedText = t.delayed(date(plannedEnd)!);
    } else if (plannedEnd) {
      view.expectedText = t.expected(date(plannedEnd)!);
    }
    if (deadline) view.deadlineText = pastDeadline ? t.deadlinePassed(date(deadline)!) : t.deadline(date(deadline)!);
    view.summary = current >= 0 ? t.summaryCurrent(steps[current]!.title) : t.summaryNone;
  }
  if (current >= 0) view.current = steps[current]!;
  return view;
}

/**
 * What changed between two fetches of the same case, as one sentence for a polite live
 * region ("Uw aanvraag is nu: Besluit"); undefined when nothing a resident cares about
 * changed, or when the two are different cases.
 */
export function caseChange(before: CaseStatus, after: CaseStatus, locale: Locale = 'nl'): string | undefined {
  if (before.reference.toUpperCase() !== after.reference.toUpperCase()) return undefined;
  const t = caseText[locale === 'en' ? 'en' : 'nl'];
  const parts: string[] = [];
  if (!before.closed && after.closed) {
    parts.push(t.changedClosed);
  } else if (!after.closed) {
    const was = before.closed ? undefined : before.steps[currentIndex(before)]?.title;
    const now = after.steps[currentIndex(after)]?.title;
    if (now && now !== was) parts.push(t.changedStep(now));
    if (!before.suspended && after.suspended) parts.push(t.changedSuspended);
    if (before.suspended && !after.suspended) parts.push(t.changedResumed);
    if (!before.extended && after.extended) parts.push(t.changedExtended);
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
      parts.push(t.newCase(c.title));
      continue;
    }
    const change = caseChange(old, c, locale);
    if (change) parts.push(`${c.title}: ${change}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}
