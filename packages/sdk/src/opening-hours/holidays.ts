// Dutch public holidays, computed (no holiday library: this ships to browsers).
import { DAY, isoDate } from './calendar.ts';

export type HolidayKey =
  | 'newYearsDay'
  | 'goodFriday'
  | 'easterSunday'
  | 'easterMonday'
  | 'kingsDay'
  | 'liberationDay'
  | 'ascensionDay'
  | 'whitSunday'
  | 'whitMonday'
  | 'christmasDay'
  | 'boxingDay';

export interface HolidayOptions {
  /** Goede Vrijdag closed (default false). */
  goodFriday?: boolean | undefined;
  /** Bevrijdingsdag (5 May) closed: every year, or 'lustrum' = only in years divisible by 5 (default false). */
  liberationDay?: boolean | 'lustrum' | undefined;
}

export interface Holiday {
  /** 'YYYY-MM-DD' */
  date: string;
  key: HolidayKey;
  /** Name in the requested locale, e.g. 'Tweede Paasdag' / 'Easter Monday'. */
  name: string;
}

const NAMES: Record<'nl' | 'en', Record<HolidayKey, string>> = {
  nl: {
    newYearsDay: 'Nieuwjaarsdag',
    goodFriday: 'Goede Vrijdag',
    easterSunday: 'Eerste Paasdag',
    easterMonday: 'Tweede Paasdag',
    kingsDay: 'Koningsdag',
    liberationDay: 'Bevrijdingsdag',
    ascensionDay: 'Hemelvaartsdag',
    whitSunday: 'Eerste Pinksterdag',
    whitMonday: 'Tweede Pinksterdag',
    christmasDay: 'Eerste Kerstdag',
    boxingDay: 'Tweede Kerstdag',
  },
  en: {
    newYearsDay: "New Year's Day",
    goodFriday: 'Good Friday',
    easterSunday: 'Easter Sunday',
    easterMonday: 'Easter Monday',
    kingsDay: "King's Day",
    liberationDay: 'Liberation Day',
    ascensionDay: 'Ascension Day',
    whitSunday: 'Whit Sunday',
    whitMonday: 'Whit Monday',
    christmasDay: 'Christmas Day',
    boxingDay: 'Boxing Day',
  },
};

/** Day number of Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher). */
function easter(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(y, month - 1, day) / DAY;
}

/**
 * The Dutch public holidays of `year` on which offices close, sorted by date: always Nieuwjaarsdag,
 * Eerste en Tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a Sunday; the rule
 * since 2014), Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag; Goede
 * Vrijdag and Bevrijdingsdag only when switched on in `options`.
 */
export function holidaysOf(year: number, options: HolidayOptions & { locale?: 'nl' | 'en' } = {}): Holiday[] {
  const e = easter(year);
  const on = (month: number, date: number) => Date.UTC(year, month - 1, date) / DAY;
  const kings = on(4, 27);
  const lib = options.liberationDay;
  const days: Array<[HolidayKey, number | false | undefined]> = [
    ['newYearsDay', on(1, 1)],
    ['goodFriday', options.goodFriday && e - 2],
    ['easterSunday', e],
    ['easterMonday', e + 1],
    ['kingsDay', new Date(kings * DAY).getUTCDay() === 0 ? kings - 1 : kings],
    ['liberationDay', (lib === true || (lib === 'lustrum' && year % 5 === 0)) && on(5, 5)],
    ['ascensionDay', e + 39],
    ['whitSunday', e + 49],
    ['whitMonday', e + 50],
    ['christmasDay', on(12, 25)],
    ['boxingDay', on(12, 26)],
  ];
  const names = NAMES[options.locale ?? 'nl'] ?? NAMES.nl;
  return days
    .filter((d): d is [HolidayKey, number] => typeof d[1] === 'number')
    .sort((x, y) => x[1] - y[1])
    .map(([key, day]) => ({ date: isoDate(day), key, name: names[key] }));
}
