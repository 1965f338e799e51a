// Civil dates and Europe/Amsterdam wall-clock time, without a date library.
// A civil date is handled as a day number (days since 1970-01-01) or as 'YYYY-MM-DD'.
// Only UTC Date methods and Intl with an explicit time zone are used, so the process
// or browser time zone never matters.

export const TIME_ZONE = 'Europe/Amsterdam';
export const DAY = 86_400_000;
export const MINUTE = 60_000;

/** 'YYYY-MM-DD' of a day number. */
export const isoDate = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** Day number of 'YYYY-MM-DD'; NaN when the string is not a real calendar date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  const day = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY : NaN;
  return Number.isInteger(day) && isoDate(day) === date ? day : NaN;
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: number): number => new Date(day * DAY).getUTCDay();

let format: Intl.DateTimeFormat | undefined;

/** The Amsterdam wall clock at instant `t`, expressed as if it were a UTC timestamp. */
function wallMs(t: number): number {
  format ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(t)) p[type] = +value;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!); // % 24: some engines say 24 at midnight
}

/** Amsterdam calendar day and minute of the day (0–1439) of an instant. */
export function wallClock(at: Date): { day: number; min: number } {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new Error('openingHours: the time given is not a valid Date');
  const w = wallMs(t);
  return { day: Math.floor(w / DAY), min: Math.floor((w % DAY) / MINUTE) };
}

/**
 * The first instant at which the Amsterdam wall clock reads `min` minutes after midnight on `day`.
 * When the clock goes back that time exists twice: the first one is taken. When it goes forward
 * the time does not exist at all: the moment of the switch is taken.
 */
export function instant(day: number, min: number): number {
  const local = day * DAY + min * MINUTE;
  const offset = (t: number) => wallMs(t) - Math.floor(t / 1000) * 1000;
  // The UTC offset a day earlier and a day later: at most one switch lies in between.
  const a = local - offset(local - DAY);
  const b = local - offset(local + DAY);
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  if (wallMs(lo) === local) return lo;
  if (wallMs(hi) === local) return hi;
  // In the gap of the spring switch: find the first minute whose wall clock is past `local`.
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid) >= local) hi = mid;
    else lo = mid;
  }
  return hi;
}
