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

/**
 * When the gemeente will call back: open now → today before closing; opening later today →
 * today; closed for the day → the next working day; a chosen slot → that slot.
 */
export function expectedCallback(
  config: Pick<GemeenteConfig, 'openingHours'> | OpeningHours,
  preferred: PreferredMoment,
  at: Date,
): ExpectedCallback {
  if (preferred.kind === 'slot') return { kind: 'slot', date: preferred.date, part: preferred.part };
  const hours = 'isOpen' in config ? config : openingHours(config.openingHours);
  const today = amsterdamDate(at);
  const opening = hours.nextOpening(at);
  if (amsterdamDate(opening) === today) {
    const closes = hours.closesAt(opening);
    if (closes) return { kind: 'today', before: amsterdamClock(closes) };
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
