// Opening hours of a gemeente: a weekly schedule with exceptions and Dutch public holidays,
// always in Europe/Amsterdam wall-clock time, whatever the visitor's time zone.
import { dayNumber, instant, isoDate, wallClock, weekday } from './opening-hours/calendar.ts';
import { holidaysOf } from './opening-hours/holidays.ts';
import { minutes, parseSpec, WEEKDAYS, type OpeningHoursSpec } from './opening-hours/schema.ts';
import { clockTime, dayText, textFor } from './opening-hours/text.ts';

export { TIME_ZONE } from './opening-hours/calendar.ts';
export { holidaysOf, type Holiday, type HolidayKey, type HolidayOptions } from './opening-hours/holidays.ts';
export { OpeningHoursSpecSchema, type OpeningHoursSpec } from './opening-hours/schema.ts';

export interface OpeningHours {
  /** Whether the office is open at this instant. */
  isOpen(at: Date): boolean;
  /** The first instant at or after `at` when the office is open (`at` itself when open now). Throws when there is none within two years. */
  nextOpening(at: Date): Date;
  /** 'YYYY-MM-DD' of the first open day after `at`'s own (Amsterdam) day. Throws when there is none within two years. */
  nextWorkingDay(at: Date): string;
  /** Up to `count` open days ('YYYY-MM-DD') after `at`'s own day, looking ahead at most two years. */
  nextWorkingDays(at: Date, count: number): string[];
  /** When the current open stretch ends (null when closed now). Throws when it does not end within two years. */
  closesAt(at: Date): Date | null;
  /** Whether the office opens at all on this date ('YYYY-MM-DD'). */
  isOpenOn(date: string): boolean;
  /** The opening hours on this date, after holidays and exceptions, e.g. [['08:30', '12:00'], ['13:00', '17:00']]. */
  hoursOn(date: string): Array<[string, string]>;
  /** B1 text: 'Nu open tot 17:00', 'Vandaag vanaf 13:00', 'Morgen vanaf 8:30', 'Dinsdag 26 mei vanaf 8:30' (en: 'Open now until 17:00', …). */
  describe(at: Date, locale?: 'nl' | 'en'): string;
}

/** How many days ahead to look for an opening or a closing: about two years. */
const HORIZON = 732;

/** Minutes after midnight, `to` at most 1440 (24:00). */
type Period = [from: number, to: number];

const toPeriods = (list: ReadonlyArray<readonly [string, string]> = []): Period[] =>
  list.map(([from, to]) => [minutes(from), minutes(to)]);

/** Sorted, with overlapping or touching periods joined. */
function merge(periods: Period[]): Period[] {
  const out: Period[] = [];
  for (const [from, to] of [...periods].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

const hhmm = (min: number) => clockTime(min).padStart(5, '0');

function dayOf(date: string): number {
  const day = dayNumber(date);
  if (Number.isNaN(day)) throw new Error(`openingHours: ${JSON.stringify(date)} is not a date "YYYY-MM-DD"`);
  return day;
}

const notFound = (what: string, at: Date) =>
  new Error(`openingHours: ${what} within two years after ${at.toISOString()}`);

/** 'YYYY-MM-DD' of the Amsterdam calendar day at this instant. */
export const amsterdamDate = (at: Date): string => isoDate(wallClock(at).day);

/** 'dinsdag 26 mei' (nl, default) or 'Tuesday 26 May' (en) for a date 'YYYY-MM-DD'. */
export const humanDate = (date: string, locale?: 'nl' | 'en'): string => dayText(dayOf(date), locale);

/**
 * Opening hours from a weekly schedule plus exceptions. Validates the spec and throws an Error naming
 * the problem, e.g. `openingHours: weekly.mon period 2 ("12:00"–"11:00") ends before it starts`.
 *
 * A day's hours: none on a `closedDates` date; otherwise the weekly hours (none on a public holiday)
 * together with that date's `extraOpen` hours.
 */
export function openingHours(spec: OpeningHoursSpec): OpeningHours {
  const { weekly, closedDates = [], extraOpen = {}, holidays = {} } = parseSpec(spec);
  const week = WEEKDAYS.map((d) => merge(toPeriods(weekly[d])));
  const closed = new Set(closedDates);
  const extra = new Map(Object.entries(extraOpen).map(([date, list]) => [date, toPeriods(list)]));
  const holidaysByYear = new Map<number, Set<string>>();

  function isHoliday(date: string): boolean {
    const year = +date.slice(0, 4);
    let dates = holidaysByYear.get(year);
    if (!dates) holidaysByYear.set(year, (dates = new Set(holidaysOf(year, holidays).map((h) => h.date))));
    return dates.has(date);
  }

  function periodsOn(day: number): Period[] {
    const date = isoDate(day);
    if (closed.has(date)) return [];
    const regular = isHoliday(date) ? [] : week[weekday(day)]!;
    const more = extra.get(date);
    return more ? merge([...regular, ...more]) : regular;
  }

  const openAt = (day: number, min: number) => periodsOn(day).find(([from, to]) => from <= min && min < to);

  /** The first open instant at or after `at`, or null. */
  function firstOpening(at: Date): number | null {
    const { day, min } = wallClock(at);
    if (openAt(day, min)) return at.getTime();
    for (let d = day; d <= day + HORIZON; d++) {
      for (const [from] of periodsOn(d)) {
        const t = instant(d, from); // a period that already began today lies before `at`
        if (t > at.getTime()) return t;
      }
    }
    return null;
  }

  /** Wall-clock end of the open stretch around `at` (across midnight when a day ends at 24:00): null when closed, undefined when it never ends. */
  function closing(at: Date): { day: number; min: number } | null | undefined {
    const { day, min } = wallClock(at);
    let period = openAt(day, min);
    if (!period) return null;
    for (let d = day; d <= day + HORIZON; d++) {
      if (period[1] < 1440) return { day: d, min: period[1] };
      period = periodsOn(d + 1)[0];
      if (period?.[0] !== 0) return { day: d, min: 1440 };
    }
    return undefined;
  }

  function nextWorkingDays(at: Date, count: number): string[] {
    const today = wallClock(at).day;
    const days: string[] = [];
    for (let d = today + 1; d <= today + HORIZON && days.length < count; d++) {
      if (periodsOn(d).length) days.push(isoDate(d));
    }
    return days;
  }

  return {
    isOpen(at) {
      const { day, min } = wallClock(at);
      return !!openAt(day, min);
    },
    nextOpening(at) {
      const t = firstOpening(at);
      if (t === null) throw notFound('no opening hours found', at);
      return new Date(t);
    },
    nextWorkingDay(at) {
      const [day] = nextWorkingDays(at, 1);
      if (!day) throw notFound('no open day found', at);
      return day;
    },
    nextWorkingDays,
    closesAt(at) {
      const end = closing(at);
      if (end === undefined) throw notFound('no closing time found', at);
      return end && new Date(instant(end.day, end.min));
    },
    isOpenOn: (date) => periodsOn(dayOf(date)).length > 0,
    hoursOn: (date) => periodsOn(dayOf(date)).map(([from, to]) => [hhmm(from), hhmm(to)]),
    describe(at, locale = 'nl') {
      const t = textFor(locale);
      const today = wallClock(at).day;
      const when = (day: number) => (day === today ? t.today : day === today + 1 ? t.tomorrow : dayText(day, locale));
      const end = closing(at);
      if (end === undefined) return t.openNow;
      if (end) return `${t.openNow} ${t.until} ${end.day === today ? '' : when(end.day) + ' '}${clockTime(end.min)}`;
      const next = firstOpening(at);
      if (next === null) return t.closed;
      const start = wallClock(new Date(next));
      const text = `${when(start.day)} ${t.from} ${clockTime(start.min)}`;
      return text[0]!.toUpperCase() + text.slice(1);
    },
  };
}
