import { amsterdamDate, openingHours, TIME_ZONE, type OpeningHours } from './opening-hours.ts';
import type { ExpectedCallback, GemeenteConfig, PreferredMoment } from './schemas.ts';

export type DayPart = 'morning' | 'afternoon';
export interface CallbackSlotDay {
  date: string;
  parts: DayPart[];
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** `HH:MM` of an instant in Amsterdam. */
export const amsterdamClock = (at: Date): string => clock.format(at);

const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
/** Minutes of a day part that must be open for it to be offered. */
const MIN_PART = 60;

function partsOf(hours: OpeningHours, date: string): DayPart[] {
  let morning = 0;
  let afternoon = 0;
  for (const [from, to] of hours.hoursOn(date)) {
    const [a, b] = [toMin(from), toMin(to)];
    morning += Math.max(0, Math.min(b, 720) - a);
    afternoon += Math.max(0, b - Math.max(a, 720));
  }
  const parts: DayPart[] = [];
  if (morning >= MIN_PART) parts.push('morning');
  if (afternoon >= MIN_PART) parts.push('afternoon');
  return parts;
}

/**
 * The moments a resident can pick for a callback: morning and/or afternoon on the next
 * `days` working days after today (never a closed day or a part the office is closed).
 */
export function callbackSlots(hours: OpeningHours, at: Date, days = 5): CallbackSlotDay[] {
  return hours
    .nextWorkingDays(at, days)
    .map((date) => ({ date, parts: partsOf(hours, date) }))
    .filter((d) => d.parts.length > 0);
}

/** Whether a preferred moment is still possible now (a page may have stayed open past closing). */
export function isPreferredMomentValid(hours: OpeningHours, preferred: PreferredMoment, at: Date, days = 5): boolean {
  if (preferred.kind === 'asap') return true;
  return callbackSlots(hours, at, days).some((d) => d.date === preferred.date && d.parts.includes(preferred.part));
}

/** The gemeente's usual callback window when `callback.withinMinutes` is not set. */
export const DEFAULT_WITHIN_MINUTES = 60;

/**
 * What a resident who asks for a callback now is told (for "Zo snel mogelijk"):
 * - `within`: open now → "We bellen u vandaag terug, meestal binnen een uur";
 * - `today-or-next`: open now, but closing within that window → today, else on `date`;
 * - `later-today`: closed now, opening later today at `from` (HH:MM);
 * - `next-working-day`: closed for today → on `date` (YYYY-MM-DD, never a closed day);
 * - `unknown`: the opening hours have no open day at all.
 */
export type CallbackPromise =
  | { kind: 'within'; minutes: number }
  | { kind: 'today-or-next'; date: string }
  | { kind: 'later-today'; from: string }
  | { kind: 'next-working-day'; date: string }
  | { kind: 'unknown' };

/**
 * The promise for a callback requested at `at`; `withinMinutes` is the gemeente's usual window
 * (`callback.withinMinutes`, default 60). The one place this is decided: the form shows it,
 * and `expectedCallback` (the gateway's stored `expected`, the confirmation, the console) is
 * made from it.
 */
export function callbackPromise(
  hours: OpeningHours,
  at: Date,
  withinMinutes = DEFAULT_WITHIN_MINUTES,
): CallbackPromise {
  try {
    if (hours.isOpen(at)) {
      const closes = hours.closesAt(at);
      if (!closes || closes.getTime() - at.getTime() >= withinMinutes * 60_000) {
        return { kind: 'within', minutes: withinMinutes };
      }
      return { kind: 'today-or-next', date: hours.nextWorkingDay(at) };
    }
    const opening = hours.nextOpening(at);
    if (amsterdamDate(opening) === amsterdamDate(at)) return { kind: 'later-today', from: amsterdamClock(opening) };
    return { kind: 'next-working-day', date: hours.nextWorkingDay(at) };
  } catch {
    return { kind: 'unknown' };
  }
}

type HoursSource = Pick<GemeenteConfig, 'openingHours'> & { callback?: { withinMinutes?: number | undefined } };

/**
 * When the gemeente will call back, as stored and confirmed: `callbackPromise` at `at` with
 * the closing time added — `within` → today before closing; `today-or-next` → today before
 * closing, else on `date`; `later-today` → today between `from` and closing; closed for the
 * day → the next working day; a chosen slot → that slot. `withinMinutes` defaults to the
 * config's `callback.withinMinutes` (then 60). Throws when the hours have no open day at all.
 */
export function expectedCallback(
  config: HoursSource | OpeningHours,
  preferred: PreferredMoment,
  at: Date,
  withinMinutes?: number,
): ExpectedCallback {
  if (preferred.kind === 'slot') return { kind: 'slot', date: preferred.date, part: preferred.part };
  const isHours = 'isOpen' in config;
  const hours = isHours ? config : openingHours(config.openingHours);
  const window = withinMinutes ?? (isHours ? undefined : config.callback?.withinMinutes) ?? DEFAULT_WITHIN_MINUTES;
  const promise = callbackPromise(hours, at, window);
  const closing = (from: Date) => {
    try {
      const closes = hours.closesAt(from);
      return closes && amsterdamDate(closes) === amsterdamDate(at) ? amsterdamClock(closes) : undefined;
    } catch {
      return undefined; // open around the clock: no closing time today
    }
  };
  switch (promise.kind) {
    case 'within': {
      const before = closing(at);
      if (before) return { kind: 'today', before };
      break;
    }
    case 'today-or-next': {
      const before = closing(at);
      if (before) return { kind: 'today-or-next', before, date: promise.date };
      return { kind: 'next-working-day', date: promise.date };
    }
    case 'later-today': {
      const before = closing(hours.nextOpening(at));
      if (before) return { kind: 'today', from: promise.from, before };
      break;
    }
    case 'next-working-day':
      return { kind: 'next-working-day', date: promise.date };
    case 'unknown':
      break;
  }
  return { kind: 'next-working-day', date: hours.nextWorkingDay(at) };
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short reference a resident can read out on the phone, e.g. "TB-7K3QX" (no 0/O, 1/I). */
export function newReference(prefix = 'TB', length = 5): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}-${out}`;
}
