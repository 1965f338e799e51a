/**
 * Service norms of a gemeente's contact centre (issue 12): when a callback must be made, how fast
 * a left chat message is answered, the acknowledgement term and the satisfaction norm, and the
 * date logic the KCC console and its dashboard use. The promise made to a resident comes from
 * one place, `expectedCallback` in ./callback.ts; `promiseDeadline` only turns that stored
 * promise into the instant it runs out. Pure functions, no DOM.
 */
import { dayNumber, instant, isoDate, wallClock } from './opening-hours/calendar.ts';
import type { OpeningHours } from './opening-hours.ts';
import type { ExpectedCallback, ServiceNormsConfig } from './schemas.ts';

/** The norms with every default filled in. */
export interface ServiceNorms {
  /** Callback: the same working day, the next working day, or within `days` working days. */
  callback: { within: 'same-day' | 'next-working-day' | 'working-days'; days: number };
  /** First response to a chat message left outside live hours, in working hours. */
  leftMessageHours: number;
  /** Acknowledgement of a request, in working days. */
  acknowledgementDays: number;
  /** The satisfaction norm: the mean score (1–10) aimed for. */
  satisfaction: number;
}

export const DEFAULT_NORMS: ServiceNorms = Object.freeze({
  callback: Object.freeze({ within: 'next-working-day', days: 1 }),
  leftMessageHours: 8,
  acknowledgementDays: 1,
  satisfaction: 7,
}) as ServiceNorms;

/** The gemeente's configured norms (`config.norms`) with defaults for what is left out. */
export function serviceNorms(config?: ServiceNormsConfig | undefined): ServiceNorms {
  const within = config?.callback?.within ?? DEFAULT_NORMS.callback.within;
  const days = within === 'same-day' ? 0 : within === 'next-working-day' ? 1 : Math.max(1, config?.callback?.days ?? 2);
  return {
    callback: { within, days },
    leftMessageHours: config?.leftMessageHours ?? DEFAULT_NORMS.leftMessageHours,
    acknowledgementDays: config?.acknowledgementDays ?? DEFAULT_NORMS.acknowledgementDays,
    satisfaction: config?.satisfaction ?? DEFAULT_NORMS.satisfaction,
  };
}

/** B1 Dutch text of a callback norm ("Binnen 2 werkdagen"). */
export function callbackNormText(norms: ServiceNorms): string {
  const { within, days } = norms.callback;
  if (within === 'same-day') return 'Dezelfde werkdag';
  if (within === 'next-working-day') return 'Uiterlijk de volgende werkdag';
  return `Binnen ${days} ${days === 1 ? 'werkdag' : 'werkdagen'}`;
}

const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** The instant the Amsterdam clock reads `time` (HH:MM) on `date` (YYYY-MM-DD). */
const at = (date: string, time: string) => new Date(instant(dayNumber(date), toMin(time)));

/** When the office closes on `date` (the end of its last period), or the end of that day. */
function closingOn(hours: OpeningHours, date: string): Date {
  const periods = hours.hoursOn(date);
  const last = periods[periods.length - 1];
  return last ? at(date, last[1]) : new Date(instant(dayNumber(date) + 1, 0));
}

/**
 * The instant a stored promise (`ExpectedCallback`, made by `expectedCallback` when the request
 * came in at `receivedAt`) runs out: "today before 17:00" → 17:00 that day; "today before 17:00,
 * else Monday" → Monday's closing time; "next working day" → that day's closing time; a chosen
 * morning → 12:00 that day (or its closing time when earlier), an afternoon → its closing time.
 */
export function promiseDeadline(expected: ExpectedCallback, receivedAt: Date, hours: OpeningHours): Date {
  const today = isoDate(wallClock(receivedAt).day);
  switch (expected.kind) {
    case 'today':
      return at(today, expected.before);
    case 'today-or-next':
    case 'next-working-day':
      return closingOn(hours, expected.date);
    case 'slot': {
      const close = closingOn(hours, expected.date);
      if (expected.part === 'afternoon') return close;
      const noon = at(expected.date, '12:00');
      return noon < close ? noon : close;
    }
  }
}

/**
 * The instant the gemeente's own callback norm runs out for a request received at `receivedAt`:
 * the closing time of the same working day (or, received after closing or on a closed day, the
 * next one), of the next working day, or of the Nth working day after the day it came in.
 */
export function normDeadline(norms: ServiceNorms, receivedAt: Date, hours: OpeningHours): Date {
  const today = isoDate(wallClock(receivedAt).day);
  if (norms.callback.within === 'same-day') {
    if (hours.isOpenOn(today) && receivedAt < closingOn(hours, today)) return closingOn(hours, today);
    return closingOn(hours, hours.nextWorkingDay(receivedAt));
  }
  const days = hours.nextWorkingDays(receivedAt, norms.callback.days);
  return closingOn(hours, days[days.length - 1] ?? hours.nextWorkingDay(receivedAt));
}

/** Time left until `deadline` at `now`: minutes (negative when overdue). */
export function minutesLeft(deadline: Date, now: Date): number {
  return Math.floor((deadline.getTime() - now.getTime()) / 60_000);
}

/** B1 Dutch text of the time left, in words, so being overdue does not rely on colour. */
export function timeLeftText(minutes: number): string {
  const span = (m: number) => {
    const abs = Math.abs(m);
    if (abs < 60) return `${abs} min`;
    if (abs < 24 * 60) return `${Math.floor(abs / 60)} uur ${abs % 60 ? `${abs % 60} min` : ''}`.trim();
    const d = Math.floor(abs / (24 * 60));
    return `${d} ${d === 1 ? 'dag' : 'dagen'}`;
  };
  if (minutes < 0) return `Te laat: ${span(minutes)} over de belofte`;
  return `Nog ${span(minutes)}`;
}

/** ISO 8601 week of a civil date (YYYY-MM-DD): the week's year and number (1–53). */
export function isoWeek(date: string): { year: number; week: number } {
  const day = dayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`isoWeek: not a date: ${date}`);
  const weekdayMon0 = (new Date(day * 86_400_000).getUTCDay() + 6) % 7;
  const thursday = day - weekdayMon0 + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / 86_400_000;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** "week 53 2026": the ISO week of a date, with its year. */
export function weekLabel(date: string): string {
  const { year, week } = isoWeek(date);
  return `week ${week} ${year}`;
}

/** The Monday (YYYY-MM-DD) of the ISO week a civil date lies in. */
export function mondayOf(date: string): string {
  const day = dayNumber(date);
  return isoDate(day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7));
}

/** The median of a list of numbers (the mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 00:00 in Amsterdam on a civil date (YYYY-MM-DD), as an instant. */
export function startOfDay(date: string): Date {
  return new Date(instant(dayNumber(date), 0));
}

/** The civil date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}
