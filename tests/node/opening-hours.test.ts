// Opening hours: holidays against an independent oracle (date-holidays), the Amsterdam clock against
// the EU summer-time rule, DST weekends, closed-day chains, exceptions, describe() texts, bad input,
// and a visitor in another time zone (child processes with TZ set) getting identical answers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'node:test';
import Holidays from 'date-holidays';
import {
  amsterdamDate,
  holidaysOf,
  humanDate,
  openingHours,
  OpeningHoursSpecSchema,
  type HolidayKey,
  type OpeningHoursSpec,
} from '../../packages/sdk/src/opening-hours.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const office: OpeningHoursSpec['weekly'] = {
  mon: [['08:30', '17:00']],
  tue: [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ],
  wed: [['08:30', '17:00']],
  thu: [['08:30', '20:00']],
  fri: [['08:30', '12:00']],
};
const weekdays = openingHours({ weekly: office });

// ---- oracles -------------------------------------------------------------------------------

const oracle = new Holidays('NL');
const ORACLE_KEYS: Record<string, HolidayKey> = {
  Nieuwjaar: 'newYearsDay',
  'Goede Vrijdag': 'goodFriday',
  Pasen: 'easterSunday',
  'Tweede paasdag': 'easterMonday',
  Koningsdag: 'kingsDay',
  Bevrijdingsdag: 'liberationDay',
  Hemelvaartsdag: 'ascensionDay',
  Pinksteren: 'whitSunday',
  'Tweede pinksterdag': 'whitMonday',
  Kerstmis: 'christmasDay',
  'Tweede kerstdag': 'boxingDay',
};
/** date-holidays' NL holidays of a year as key -> 'YYYY-MM-DD', split into 'public' and the rest. */
function oracleHolidays(year: number) {
  const pub: Record<string, string> = {};
  const other: Record<string, string> = {};
  for (const h of oracle.getHolidays(year, 'nl')) {
    if (h.type === 'public') pub[ORACLE_KEYS[h.name] ?? `unexpected public holiday ${h.name}`] = h.date.slice(0, 10);
    else if (ORACLE_KEYS[h.name]) other[ORACLE_KEYS[h.name]!] = h.date.slice(0, 10);
  }
  return { pub, other };
}
const oraclePublicDates = new Set<string>();
for (let y = 2024; y <= 2036; y++) for (const d of Object.values(oracleHolidays(y).pub)) oraclePublicDates.add(d);

/** Amsterdam's UTC offset by the EU rule: summer time from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC. */
function euOffsetHours(t: number): number {
  const y = new Date(t).getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month + 1, 0));
    return Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return t >= lastSunday(2) && t < lastSunday(9) ? 2 : 1;
}

// ---- the same answers in every time zone (printed by a child process with TZ set) -----------

function answers(): string[] {
  const oh = openingHours({
    weekly: { ...office, sat: [['10:00', '12:00']] },
    closedDates: ['2026-05-15', '2026-12-24'],
    extraOpen: { '2026-05-16': [['13:00', '15:00']], '2026-12-27': [['09:00', '12:00']] },
    holidays: { goodFriday: true, liberationDay: 'lustrum' },
  });
  const out: string[] = [
    `${holidaysOf(2026, { goodFriday: true, liberationDay: true, locale: 'en' }).map((h) => h.date + h.name)}`,
  ];
  // Every 97 minutes through 2026 (hits every minute-of-hour pattern and both DST weekends).
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 97 * MIN) {
    const d = new Date(t);
    out.push(
      [
        iso(d),
        amsterdamDate(d),
        oh.isOpen(d),
        iso(oh.nextOpening(d)),
        oh.nextWorkingDay(d),
        oh.closesAt(d)?.toISOString(),
        oh.describe(d),
        oh.describe(d, 'en'),
      ].join('|'),
    );
  }
  return out;
}

if (process.env.OPENING_HOURS_PRINT) {
  // The file named by the variable receives the answers (a pipe could cut a large write short).
  writeFileSync(
    process.env.OPENING_HOURS_PRINT,
    JSON.stringify({ offset: new Date(2026, 0, 1).getTimezoneOffset(), answers: answers() }),
  );
  process.exit(0);
}

// ---- holidays ------------------------------------------------------------------------------

test('holidays 2014–2040 equal the date-holidays oracle (public = always closed; Goede Vrijdag and Bevrijdingsdag by flag)', () => {
  for (let year = 2014; year <= 2040; year++) {
    const { pub, other } = oracleHolidays(year);
    const ours = Object.fromEntries(holidaysOf(year).map((h) => [h.key, h.date]));
    assert.deepEqual(ours, pub, `always-closed holidays of ${year}`);
    assert.equal(Object.keys(ours).length, 9);
    const all = Object.fromEntries(
      holidaysOf(year, { goodFriday: true, liberationDay: true }).map((h) => [h.key, h.date]),
    );
    assert.equal(all.goodFriday, other.goodFriday, `Goede Vrijdag ${year}`);
    assert.equal(all.liberationDay, other.liberationDay, `Bevrijdingsdag ${year}`);
    assert.equal(Object.keys(all).length, 11);
  }
});

test('Easter-based holidays match the oracle across centuries (every 7th year, 1583–2999)', () => {
  for (let year = 1583; year <= 2999; year += 7) {
    const pasen = oracle
      .getHolidays(year, 'nl')
      .find((h) => h.name === 'Pasen')!
      .date.slice(0, 10);
    assert.equal(holidaysOf(year).find((h) => h.key === 'easterSunday')!.date, pasen, `Easter ${year}`);
  }
});

test('holidaysOf: sorted, with Dutch names by default and English on request', () => {
  assert.deepEqual(holidaysOf(2026), [
    { date: '2026-01-01', key: 'newYearsDay', name: 'Nieuwjaarsdag' },
    { date: '2026-04-05', key: 'easterSunday', name: 'Eerste Paasdag' },
    { date: '2026-04-06', key: 'easterMonday', name: 'Tweede Paasdag' },
    { date: '2026-04-27', key: 'kingsDay', name: 'Koningsdag' },
    { date: '2026-05-14', key: 'ascensionDay', name: 'Hemelvaartsdag' },
    { date: '2026-05-24', key: 'whitSunday', name: 'Eerste Pinksterdag' },
    { date: '2026-05-25', key: 'whitMonday', name: 'Tweede Pinksterdag' },
    { date: '2026-12-25', key: 'christmasDay', name: 'Eerste Kerstdag' },
    { date: '2026-12-26', key: 'boxingDay', name: 'Tweede Kerstdag' },
  ]);
  assert.deepEqual(
    holidaysOf(2016, { liberationDay: true, goodFriday: true, locale: 'en' }).map((h) => `${h.date} ${h.name}`),
    [
      "2016-01-01 New Year's Day",
      '2016-03-25 Good Friday',
      '2016-03-27 Easter Sunday',
      '2016-03-28 Easter Monday',
      "2016-04-27 King's Day",
      '2016-05-05 Liberation Day', // also Ascension Day in 2016
      '2016-05-05 Ascension Day',
      '2016-05-15 Whit Sunday',
      '2016-05-16 Whit Monday',
      '2016-12-25 Christmas Day',
      '2016-12-26 Boxing Day',
    ],
  );
});

test('a schedule open every day is closed on exactly the oracle public holidays, 2024–2036', () => {
  const daily = [['09:00', '17:00']] as [string, string][];
  const oh = openingHours({
    weekly: { mon: daily, tue: daily, wed: daily, thu: daily, fri: daily, sat: daily, sun: daily },
  });
  let closedDays = 0;
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2037, 0, 1); t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    assert.equal(oh.isOpenOn(date), !oraclePublicDates.has(date), date);
    if (!oh.isOpenOn(date)) closedDays++;
  }
  assert.equal(closedDays, 13 * 9);
});

test('Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday (2014, 2025, 2031, 2036)', () => {
  const kingsDay = (y: number) => holidaysOf(y).find((h) => h.key === 'kingsDay')!.date;
  for (const y of [2014, 2025, 2031, 2036]) assert.equal(kingsDay(y), `${y}-04-26`);
  for (const y of [2024, 2026, 2027, 2030, 2032, 2035]) assert.equal(kingsDay(y), `${y}-04-27`);
  const withSaturday = openingHours({ weekly: { ...office, sat: [['09:00', '12:00']] } });
  assert.equal(withSaturday.isOpenOn('2025-04-19'), true); // an ordinary Saturday
  assert.equal(withSaturday.isOpenOn('2025-04-26'), false); // Koningsdag on Saturday
  assert.equal(withSaturday.isOpenOn('2025-04-28'), true); // the Monday after is a normal day
  assert.equal(withSaturday.isOpenOn('2031-04-26'), false);
  assert.equal(withSaturday.isOpenOn('2026-04-27'), false); // Monday 27 April 2026
  assert.equal(withSaturday.isOpenOn('2026-04-25'), true);
});

test('goodFriday and liberationDay flags, including lustrum years', () => {
  const all = [['09:00', '17:00']] as [string, string][];
  const week = { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all };
  const plain = openingHours({ weekly: week });
  const flags = openingHours({ weekly: week, holidays: { goodFriday: true, liberationDay: true } });
  const lustrum = openingHours({ weekly: week, holidays: { liberationDay: 'lustrum' } });
  assert.equal(plain.isOpenOn('2026-04-03'), true);
  assert.equal(flags.isOpenOn('2026-04-03'), false);
  assert.equal(lustrum.isOpenOn('2026-04-03'), true);
  for (const y of [2025, 2026, 2027, 2029, 2030, 2031, 2035]) {
    assert.equal(plain.isOpenOn(`${y}-05-05`), true, `${y} plain`);
    assert.equal(flags.isOpenOn(`${y}-05-05`), false, `${y} every year`);
    assert.equal(lustrum.isOpenOn(`${y}-05-05`), y % 5 !== 0, `${y} lustrum`);
  }
  const keys = (y: number) => holidaysOf(y, { liberationDay: 'lustrum' }).map((h) => h.key);
  assert.ok(keys(2025).includes('liberationDay'));
  assert.ok(!keys(2026).includes('liberationDay'));
  assert.ok(keys(2030).includes('liberationDay'));
  assert.ok(!holidaysOf(2030, { liberationDay: false }).some((h) => h.key === 'liberationDay'));
});

// ---- Amsterdam clock and DST -----------------------------------------------------------------

test('isOpen follows Amsterdam wall-clock time by the EU summer-time rule, every 37 minutes 2025–2027', () => {
  const allDay = [['00:00', '12:00']] as [string, string][];
  const morning = openingHours({
    weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  });
  const moments: number[] = [];
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 37 * MIN) moments.push(t);
  for (const sw of ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
    const t = Date.parse(`${sw}T01:00:00Z`);
    moments.push(t - 1000, t, t + 1000);
  }
  for (const t of moments) {
    const local = t + euOffsetHours(t) * 3_600_000;
    const date = new Date(local).toISOString().slice(0, 10);
    const expected = local % DAY < 12 * 3_600_000 && !oraclePublicDates.has(date);
    assert.equal(morning.isOpen(new Date(t)), expected, new Date(t).toISOString());
    assert.equal(amsterdamDate(new Date(t)), date);
  }
});

test('DST spring forward (Sunday 29 March 2026): 08:30 on Monday is 06:30Z, the Monday before 07:30Z', () => {
  assert.equal(iso(weekdays.nextOpening(at('2026-03-20T17:00:00Z'))), '2026-03-23T07:30:00.000Z');
  for (const before of ['2026-03-27T16:00:00Z', '2026-03-28T12:00:00Z', '2026-03-29T00:59:00Z']) {
    assert.equal(iso(weekdays.nextOpening(at(before))), '2026-03-30T06:30:00.000Z', before);
  }
  for (const after of ['2026-03-29T01:00:00Z', '2026-03-29T01:01:00Z', '2026-03-30T06:29:59Z']) {
    assert.equal(iso(weekdays.nextOpening(at(after))), '2026-03-30T06:30:00.000Z', after);
  }
  assert.equal(weekdays.isOpen(at('2026-03-30T06:29:59Z')), false);
  assert.equal(weekdays.isOpen(at('2026-03-30T06:30:00Z')), true);
  assert.equal(weekdays.isOpen(at('2026-03-30T14:59:59Z')), true);
  assert.equal(weekdays.isOpen(at('2026-03-30T15:00:00Z')), false); // 17:00 CEST
  assert.equal(iso(weekdays.closesAt(at('2026-03-30T10:00:00Z'))!), '2026-03-30T15:00:00.000Z');
  assert.equal(weekdays.describe(at('2026-03-29T00:59:00Z')), 'Morgen vanaf 8:30');
  assert.equal(weekdays.describe(at('2026-03-29T01:00:00Z')), 'Morgen vanaf 8:30');

  // A Sunday night schedule across the switch itself (02:00 CET -> 03:00 CEST at 01:00Z).
  const night = openingHours({ weekly: { sun: [['01:00', '04:00']] } });
  assert.equal(night.isOpen(at('2026-03-28T23:59:59Z')), false); // 00:59 CET
  assert.equal(night.isOpen(at('2026-03-29T00:00:00Z')), true); // 01:00 CET
  assert.equal(night.isOpen(at('2026-03-29T01:59:59Z')), true); // 03:59 CEST
  assert.equal(night.isOpen(at('2026-03-29T02:00:00Z')), false); // 04:00 CEST
  assert.equal(iso(night.nextOpening(at('2026-03-28T20:00:00Z'))), '2026-03-29T00:00:00.000Z');
  assert.equal(iso(night.closesAt(at('2026-03-29T00:30:00Z'))!), '2026-03-29T02:00:00.000Z');

  // An opening time that does not exist that night (02:30): open from the switch.
  const gap = openingHours({ weekly: { sun: [['02:30', '05:00']] } });
  assert.equal(gap.isOpen(at('2026-03-29T00:59:59Z')), false);
  assert.equal(gap.isOpen(at('2026-03-29T01:00:00Z')), true);
  assert.equal(iso(gap.nextOpening(at('2026-03-28T20:00:00Z'))), '2026-03-29T01:00:00.000Z');
  assert.equal(gap.describe(at('2026-03-28T20:00:00Z')), 'Morgen vanaf 3:00');
  assert.equal(iso(gap.nextOpening(at('2026-03-22T20:00:00Z'))), '2026-03-29T01:00:00.000Z');
  assert.equal(iso(gap.nextOpening(at('2026-03-14T20:00:00Z'))), '2026-03-15T01:30:00.000Z'); // normal Sunday
});

test('DST fall back (Sunday 25 October 2026): 08:30 on Monday is 07:30Z, the Monday before 06:30Z', () => {
  assert.equal(iso(weekdays.nextOpening(at('2026-10-16T16:00:00Z'))), '2026-10-19T06:30:00.000Z');
  for (const moment of [
    '2026-10-23T16:00:00Z',
    '2026-10-25T00:59:59Z',
    '2026-10-25T01:00:00Z',
    '2026-10-26T07:29:59Z',
  ]) {
    assert.equal(iso(weekdays.nextOpening(at(moment))), '2026-10-26T07:30:00.000Z', moment);
  }
  assert.equal(weekdays.isOpen(at('2026-10-26T07:29:59Z')), false);
  assert.equal(weekdays.isOpen(at('2026-10-26T07:30:00Z')), true);
  assert.equal(weekdays.isOpen(at('2026-10-26T15:59:59Z')), true);
  assert.equal(weekdays.isOpen(at('2026-10-26T16:00:00Z')), false); // 17:00 CET
  assert.equal(weekdays.describe(at('2026-10-25T00:59:59Z')), 'Morgen vanaf 8:30');
  assert.equal(weekdays.describe(at('2026-10-25T01:00:00Z'), 'en'), 'Tomorrow from 8:30');

  // 01:00–04:00 on the night that has 25 hours: 01:00 CEST = 23:00Z, 04:00 CET = 03:00Z.
  const night = openingHours({ weekly: { sun: [['01:00', '04:00']] } });
  assert.equal(night.isOpen(at('2026-10-24T22:59:59Z')), false);
  assert.equal(night.isOpen(at('2026-10-24T23:00:00Z')), true);
  assert.equal(night.isOpen(at('2026-10-25T02:59:59Z')), true);
  assert.equal(night.isOpen(at('2026-10-25T03:00:00Z')), false);
  assert.equal(iso(night.closesAt(at('2026-10-25T00:00:00Z'))!), '2026-10-25T03:00:00.000Z');
  // 02:15 happens twice that night: the first one counts.
  const twice = openingHours({ weekly: { sun: [['02:15', '02:45']] } });
  assert.equal(iso(twice.nextOpening(at('2026-10-24T12:00:00Z'))), '2026-10-25T00:15:00.000Z');
  assert.equal(twice.isOpen(at('2026-10-25T00:30:00Z')), true); // 02:30 CEST
  assert.equal(twice.isOpen(at('2026-10-25T01:30:00Z')), true); // 02:30 CET
  assert.equal(twice.isOpen(at('2026-10-25T01:00:00Z')), false); // 02:00 CET
});

test('nextOpening equals a minute-by-minute search with isOpen, and holds its invariants through 2026', () => {
  const oh = openingHours({
    weekly: office,
    closedDates: ['2026-05-15'],
    extraOpen: { '2026-05-16': [['09:00', '12:00']] },
  });
  const starts = [
    '2026-03-27T15:10:00Z',
    '2026-10-23T11:05:00Z',
    '2026-12-24T16:00:00Z',
    '2026-05-13T17:00:00Z',
    '2026-04-02T19:00:00Z',
  ];
  for (const s of starts) {
    let t = Date.parse(s);
    while (!oh.isOpen(new Date(t))) t += MIN;
    assert.equal(iso(oh.nextOpening(at(s))), new Date(t).toISOString(), s);
  }
  for (let t = Date.UTC(2026, 0, 1, 0, 7); t < Date.UTC(2027, 0, 1); t += 293 * MIN) {
    const now = new Date(t);
    const next = oh.nextOpening(now).getTime();
    assert.ok(next >= t);
    assert.equal(next === t, oh.isOpen(now));
    assert.equal(oh.isOpen(new Date(next)), true);
    if (next > t) assert.equal(oh.isOpen(new Date(next - 1000)), false);
    const close = oh.closesAt(now);
    assert.equal(close === null, !oh.isOpen(now));
    if (close) assert.equal(oh.isOpen(close), false);
    if (close) assert.equal(oh.isOpen(new Date(close.getTime() - 1000)), true);
  }
});

// ---- closed days, exceptions ----------------------------------------------------------------

test('Kerst -> weekend: Thursday 24 December 2026 evening, next opening Monday 28 December 08:30', () => {
  const evening = at('2026-12-24T19:30:00Z'); // 20:30, after Thursday's late opening
  assert.equal(weekdays.isOpen(evening), false);
  assert.equal(iso(weekdays.nextOpening(evening)), '2026-12-28T07:30:00.000Z');
  assert.equal(weekdays.nextWorkingDay(evening), '2026-12-28');
  assert.equal(weekdays.describe(evening), 'Maandag 28 december vanaf 8:30');
  assert.equal(weekdays.describe(evening, 'en'), 'Monday 28 December from 8:30');
  assert.deepEqual(weekdays.nextWorkingDays(evening, 4), ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
  // Oudjaar -> Nieuwjaar -> weekend.
  assert.equal(iso(weekdays.nextOpening(at('2026-12-31T19:00:00Z'))), '2027-01-04T07:30:00.000Z');
  assert.equal(weekdays.nextWorkingDay(at('2026-12-31T19:00:00Z')), '2027-01-04');
});

test('Hemelvaart + the Friday after in closedDates: Wednesday evening -> Monday', () => {
  const oh = openingHours({ weekly: office, closedDates: ['2026-05-15'] });
  const wednesday = at('2026-05-13T16:30:00Z'); // 18:30
  assert.equal(iso(oh.nextOpening(wednesday)), '2026-05-18T06:30:00.000Z');
  assert.equal(oh.nextWorkingDay(wednesday), '2026-05-18');
  assert.deepEqual(oh.nextWorkingDays(wednesday, 3), ['2026-05-18', '2026-05-19', '2026-05-20']);
  assert.equal(oh.isOpenOn('2026-05-14'), false);
  assert.equal(oh.isOpenOn('2026-05-15'), false);
  assert.equal(weekdays.isOpenOn('2026-05-15'), true);
  assert.equal(oh.isOpen(at('2026-05-15T08:00:00Z')), false);
  assert.equal(weekdays.isOpen(at('2026-05-15T08:00:00Z')), true);
  // Pasen with and without Goede Vrijdag; Pinksteren.
  const easter = openingHours({ weekly: office, holidays: { goodFriday: true } });
  assert.equal(easter.nextWorkingDay(at('2026-04-02T17:00:00Z')), '2026-04-07');
  assert.equal(weekdays.nextWorkingDay(at('2026-04-02T17:00:00Z')), '2026-04-03');
  assert.equal(iso(weekdays.nextOpening(at('2026-05-22T12:00:00Z'))), '2026-05-26T06:30:00.000Z');
});

test('extraOpen: an extra Saturday morning, extra evening hours joined to the day, opening on a holiday', () => {
  const oh = openingHours({
    weekly: office,
    extraOpen: {
      '2026-05-16': [['09:00', '12:00']],
      '2026-05-19': [['17:00', '20:00']],
      '2026-12-26': [['10:00', '12:00']],
    },
  });
  const friday = at('2026-05-15T16:00:00Z'); // 18:00
  assert.equal(oh.nextWorkingDay(friday), '2026-05-16');
  assert.equal(iso(oh.nextOpening(friday)), '2026-05-16T07:00:00.000Z');
  assert.equal(oh.describe(friday), 'Morgen vanaf 9:00');
  assert.equal(oh.isOpen(at('2026-05-16T09:59:59Z')), true);
  assert.equal(oh.isOpen(at('2026-05-16T10:00:00Z')), false);
  assert.equal(oh.isOpenOn('2026-05-23'), false); // the next Saturday is normal again
  assert.equal(weekdays.nextWorkingDay(friday), '2026-05-18');
  assert.deepEqual(oh.hoursOn('2026-05-19'), [
    ['08:30', '12:00'],
    ['13:00', '20:00'],
  ]);
  assert.equal(oh.describe(at('2026-05-19T14:00:00Z')), 'Nu open tot 20:00');
  assert.deepEqual(oh.hoursOn('2026-12-26'), [['10:00', '12:00']]); // Tweede Kerstdag, explicitly opened
  assert.deepEqual(oh.hoursOn('2026-12-25'), []);
});

// ---- describe() and helpers -----------------------------------------------------------------

test('describe(): B1 Dutch and English texts', () => {
  const cases: Array<[string, string, string]> = [
    ['2026-05-26T08:00:00Z', 'Nu open tot 12:00', 'Open now until 12:00'], // Tuesday 10:00
    ['2026-05-26T10:30:00Z', 'Vandaag vanaf 13:00', 'Today from 13:00'], // lunch break
    ['2026-05-26T12:00:00Z', 'Nu open tot 17:00', 'Open now until 17:00'],
    ['2026-05-26T04:00:00Z', 'Vandaag vanaf 8:30', 'Today from 8:30'], // 06:00
    ['2026-05-26T16:00:00Z', 'Morgen vanaf 8:30', 'Tomorrow from 8:30'], // 18:00
    ['2026-05-28T17:59:00Z', 'Nu open tot 20:00', 'Open now until 20:00'], // Thursday 19:59
    ['2026-05-29T11:00:00Z', 'Maandag 1 juni vanaf 8:30', 'Monday 1 June from 8:30'], // Friday 13:00
    ['2026-05-22T11:00:00Z', 'Dinsdag 26 mei vanaf 8:30', 'Tuesday 26 May from 8:30'], // Tweede Pinksterdag in between
    ['2026-05-23T10:00:00Z', 'Dinsdag 26 mei vanaf 8:30', 'Tuesday 26 May from 8:30'],
  ];
  const oh = openingHours({ weekly: office, holidays: {} });
  for (const [moment, nl, en] of cases) {
    assert.equal(oh.describe(at(moment)), nl, moment);
    assert.equal(oh.describe(at(moment), 'nl'), nl, moment);
    assert.equal(oh.describe(at(moment), 'en'), en, moment);
  }
  const late = openingHours({ weekly: { mon: [['09:00', '09:30']] } });
  assert.equal(late.describe(at('2026-06-01T07:10:00Z')), 'Nu open tot 9:30');
  const never = openingHours({ weekly: {} });
  assert.equal(never.describe(at('2026-06-01T06:00:00Z')), 'Gesloten');
  assert.equal(never.describe(at('2026-06-01T06:00:00Z'), 'en'), 'Closed');
  // Open until midnight, and on into the next day.
  const evening = openingHours({
    weekly: { fri: [['18:00', '24:00']], sat: [['00:00', '02:00']], sun: [['20:00', '24:00']] },
  });
  assert.equal(evening.describe(at('2026-06-05T20:00:00Z')), 'Nu open tot morgen 2:00');
  assert.equal(evening.describe(at('2026-06-05T20:00:00Z'), 'en'), 'Open now until tomorrow 2:00');
  assert.equal(iso(evening.closesAt(at('2026-06-05T20:00:00Z'))!), '2026-06-06T00:00:00.000Z');
  assert.equal(evening.describe(at('2026-06-07T20:00:00Z')), 'Nu open tot 24:00');
  assert.equal(iso(evening.closesAt(at('2026-06-07T20:00:00Z'))!), '2026-06-07T22:00:00.000Z');
});

test('helpers: amsterdamDate, humanDate, hoursOn, isOpenOn, closesAt, nextWorkingDays', () => {
  assert.equal(amsterdamDate(at('2026-05-25T22:30:00Z')), '2026-05-26');
  assert.equal(amsterdamDate(at('2026-01-25T22:30:00Z')), '2026-01-25');
  assert.equal(amsterdamDate(at('2026-01-25T23:00:00Z')), '2026-01-26');
  assert.equal(humanDate('2026-05-26'), 'dinsdag 26 mei');
  assert.equal(humanDate('2026-05-26', 'en'), 'Tuesday 26 May');
  assert.equal(humanDate('2027-01-01', 'nl'), 'vrijdag 1 januari');
  assert.deepEqual(weekdays.hoursOn('2026-05-26'), [
    ['08:30', '12:00'],
    ['13:00', '17:00'],
  ]);
  assert.deepEqual(weekdays.hoursOn('2026-05-25'), []); // Tweede Pinksterdag
  assert.equal(weekdays.isOpenOn('2026-05-30'), false);
  assert.equal(weekdays.closesAt(at('2026-05-26T10:30:00Z')), null);
  assert.equal(iso(weekdays.closesAt(at('2026-05-26T08:00:00Z'))!), '2026-05-26T10:00:00.000Z');
  assert.deepEqual(weekdays.nextWorkingDays(at('2026-05-22T08:00:00Z'), 3), ['2026-05-26', '2026-05-27', '2026-05-28']);
  assert.deepEqual(openingHours({ weekly: {} }).nextWorkingDays(at('2026-05-22T08:00:00Z'), 3), []);
  // Open adjacent periods count as one stretch.
  const split = openingHours({
    weekly: {
      mon: [
        ['12:00', '17:00'],
        ['08:30', '12:00'],
      ],
    },
  });
  assert.deepEqual(split.hoursOn('2026-06-01'), [['08:30', '17:00']]);
  assert.equal(split.describe(at('2026-06-01T09:00:00Z')), 'Nu open tot 17:00');
  assert.throws(() => weekdays.isOpenOn('2026-02-30'), /openingHours: "2026-02-30" is not a date "YYYY-MM-DD"/);
  assert.throws(() => humanDate('26 mei'), /is not a date/);
  assert.throws(() => weekdays.isOpen(new Date('nonsense')), /not a valid Date/);
});

// ---- bad input -------------------------------------------------------------------------------

test('bad input: openingHours() throws an Error naming the problem', () => {
  const cases: Array<[unknown, string]> = [
    [
      {
        weekly: {
          mon: [
            ['08:30', '12:00'],
            ['12:00', '11:00'],
          ],
        },
      },
      'weekly.mon period 2 ("12:00"–"11:00") ends before it starts',
    ],
    [{ weekly: { tue: [['09:00', '09:00']] } }, 'weekly.tue period 1 ("09:00"–"09:00") is empty'],
    [
      {
        weekly: {
          mon: [
            ['08:30', '12:30'],
            ['12:00', '17:00'],
          ],
        },
      },
      'weekly.mon periods ("08:30"–"12:30") and ("12:00"–"17:00") overlap',
    ],
    [
      {
        weekly: {
          fri: [
            ['13:00', '17:00'],
            ['08:00', '13:30'],
          ],
        },
      },
      'weekly.fri periods ("08:00"–"13:30") and ("13:00"–"17:00") overlap',
    ],
    [
      { weekly: { mon: [['08:30', '25:00']] } },
      'weekly.mon period 1 has "25:00", which is not a time from "00:00" to "24:00"',
    ],
    [
      { weekly: { wed: [['8.30', '17:00']] } },
      'weekly.wed period 1 has "8.30", which is not a time from "00:00" to "24:00"',
    ],
    [{ weekly: { mon: [['08:60', '17:00']] } }, 'weekly.mon period 1 has "08:60", which is not a time'],
    [{ weekly: { mon: [[830, 1700]] } }, 'weekly.mon period 1 has 830, which is not a time'],
    [{ weekly: { mon: [['08:30']] } }, 'weekly.mon period 1 must be a pair of times like ["08:30", "17:00"]'],
    [{ weekly: { mon: '08:30-17:00' } }, 'weekly.mon must be a list of periods'],
    [
      { weekly: { mo: [['08:30', '17:00']] } },
      'weekly has unknown key "mo" (known: mon, tue, wed, thu, fri, sat, sun)',
    ],
    [{ weekly: {}, closedDates: ['2026-02-30'] }, 'closedDates has "2026-02-30", which is not a date "YYYY-MM-DD"'],
    [{ weekly: {}, closedDates: ['15-05-2026'] }, 'closedDates has "15-05-2026", which is not a date'],
    [{ weekly: {}, closedDates: '2026-05-15' }, 'closedDates must be a list of dates'],
    [
      { weekly: {}, extraOpen: { '2026-13-01': [['09:00', '12:00']] } },
      'extraOpen.2026-13-01 has "2026-13-01", which is not a date',
    ],
    [
      { weekly: {}, extraOpen: { '2026-05-16': [['12:00', '09:00']] } },
      'extraOpen.2026-05-16 period 1 ("12:00"–"09:00") ends before it starts',
    ],
    [
      { weekly: {}, closedDates: ['2026-05-16'], extraOpen: { '2026-05-16': [['09:00', '12:00']] } },
      'closedDates has "2026-05-16", which is also in extraOpen',
    ],
    [{ weekly: {}, holidays: { liberationDay: 'yes' } }, 'holidays.liberationDay must be true, false or "lustrum"'],
    [{ weekly: {}, holidays: { goodfriday: true } }, 'holidays has unknown key "goodfriday"'],
    [{ weekly: {}, closeddates: [] }, 'the spec has unknown key "closeddates"'],
    [{}, 'weekly must be an object'],
    [null, 'the spec must be an object with a weekly schedule'],
  ];
  for (const [spec, message] of cases) {
    assert.throws(
      () => openingHours(spec as OpeningHoursSpec),
      (e: unknown) => e instanceof Error && e.message.startsWith(`openingHours: ${message}`),
      `${JSON.stringify(spec)} -> ${message}`,
    );
  }
  // Still accepted: touching periods, 24:00 as an end, one-digit hours, unsorted periods.
  openingHours({
    weekly: {
      mon: [
        ['13:00', '24:00'],
        ['8:30', '13:00'],
      ],
    },
  });
});

test('a schedule that is never open: nextOpening and nextWorkingDay throw after about two years', () => {
  const never = openingHours({ weekly: {}, closedDates: ['2026-06-01'] });
  assert.throws(
    () => never.nextOpening(at('2026-06-01T00:00:00Z')),
    /openingHours: no opening hours found within two years/,
  );
  assert.throws(
    () => never.nextWorkingDay(at('2026-06-01T00:00:00Z')),
    /openingHours: no open day found within two years/,
  );
  // Found when it is just under two years away, not when it is further.
  const rare = openingHours({ weekly: {}, extraOpen: { '2028-05-01': [['09:00', '10:00']] } });
  assert.equal(iso(rare.nextOpening(at('2026-06-01T00:00:00Z'))), '2028-05-01T07:00:00.000Z');
  assert.throws(() => rare.nextOpening(at('2026-01-01T00:00:00Z')), /within two years/);
  assert.equal(rare.describe(at('2026-01-01T00:00:00Z')), 'Gesloten');
  // Open around the clock: closes only for holidays; with those opened too it never closes.
  const all = [['00:00', '24:00']] as [string, string][];
  const week = { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all };
  const always = openingHours({ weekly: week });
  assert.equal(always.describe(at('2026-06-03T12:00:00Z')), 'Nu open tot donderdag 24 december 24:00');
  assert.equal(iso(always.closesAt(at('2026-06-03T12:00:00Z'))!), '2026-12-24T23:00:00.000Z');
  const extraOpen = Object.fromEntries(
    [2026, 2027, 2028, 2029].flatMap((y) => holidaysOf(y)).map((h) => [h.date, all]),
  );
  const nonStop = openingHours({ weekly: week, extraOpen });
  assert.equal(nonStop.describe(at('2026-06-03T12:00:00Z')), 'Nu open');
  assert.equal(nonStop.describe(at('2026-06-03T12:00:00Z'), 'en'), 'Open now');
  assert.throws(
    () => nonStop.closesAt(at('2026-06-03T12:00:00Z')),
    /openingHours: no closing time found within two years/,
  );
});

test('OpeningHoursSpecSchema validates a spec for backends and config', () => {
  const spec = {
    weekly: office,
    closedDates: ['2026-05-15'],
    extraOpen: { '2026-05-16': [['09:00', '12:00']] },
    holidays: { liberationDay: 'lustrum' },
  };
  assert.equal(OpeningHoursSpecSchema.safeParse(spec).success, true);
  const bad = OpeningHoursSpecSchema.safeParse({ weekly: { mon: [['08:30', '25:00']] } });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues[0]?.path, ['weekly', 'mon', 0, 1]);
  assert.match(bad.error?.issues[0]?.message ?? '', /"25:00", which is not a time/);
});

// ---- another time zone -------------------------------------------------------------------------

test('a visitor in New York (or Kiribati, UTC+14) gets exactly the same answers', () => {
  const here = answers();
  assert.ok(here.length > 5000);
  const file = fileURLToPath(import.meta.url);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'opening-hours-'));
  try {
    for (const [tz, offset] of [
      ['America/New_York', 300],
      ['Pacific/Kiritimati', -840],
    ] as const) {
      const out = join(dir, `${offset}.json`);
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: tz, OPENING_HOURS_PRINT: out };
      delete env.NODE_TEST_CONTEXT;
      delete env.NODE_OPTIONS;
      const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, env, encoding: 'utf8' });
      assert.equal(child.status, 0, child.stderr);
      const there = JSON.parse(readFileSync(out, 'utf8')) as { offset: number; answers: string[] };
      assert.equal(there.offset, offset, `the child really runs in ${tz}`);
      assert.deepEqual(there.answers, here, tz);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
