// The opening-hours spec as a zod/mini schema, so a backend or a config file can validate it with
// the same rules (and messages) that openingHours() applies.
import * as z from 'zod/mini';
import { dayNumber } from './calendar.ts';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Minutes after midnight of 'H:MM' / 'HH:MM' (00:00–24:00), or NaN. */
export function minutes(time: string): number {
  const m = /^(\d{1,2}):([0-5]\d)$/.exec(time);
  const min = m ? +m[1]! * 60 + +m[2]! : NaN;
  return min <= 1440 ? min : NaN;
}

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const period = ([from, to]: readonly [string, string]) => `(${show(from)}–${show(to)})`;

const notA = (what: string) => (iss: { input?: unknown }) => `has ${show(iss.input)}, which is not a ${what}`;
const notATime = notA('time from "00:00" to "24:00"');
const notADate = notA('date "YYYY-MM-DD"');

const Time = z.string({ error: notATime }).check(z.refine((s) => !Number.isNaN(minutes(s)), { error: notATime }));

const DateString = z
  .string({ error: notADate })
  .check(z.refine((s) => !Number.isNaN(dayNumber(s)), { error: notADate }));

const Periods = z
  .array(z.tuple([Time, Time], { error: 'must be a pair of times like ["08:30", "17:00"]' }), {
    error: 'must be a list of periods like [["08:30", "12:00"], ["13:00", "17:00"]]',
  })
  .check(
    z.superRefine(
      (periods, ctx) => {
        periods.forEach((p, i) => {
          const [from, to] = p.map(minutes) as [number, number];
          if (to <= from) {
            const what = to < from ? 'ends before it starts' : 'is empty';
            ctx.addIssue({ code: 'custom', input: p, path: [i], message: `${period(p)} ${what}` });
          }
        });
        const sorted = [...periods].sort((a, b) => minutes(a[0]) - minutes(b[0]));
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          if (minutes(b[0]) < minutes(a[1])) {
            ctx.addIssue({ code: 'custom', input: periods, message: `periods ${period(a)} and ${period(b)} overlap` });
          }
        }
      },
      { when: (payload) => !payload.issues.length },
    ),
  );

const unknownKey = (iss: { code?: string; keys?: string[] }, known: string) =>
  iss.code === 'unrecognized_keys' ? `has unknown key ${show(iss.keys?.[0])} (known: ${known})` : undefined;

const day = z.optional(Periods);
const Weekly = z.strictObject(
  { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
  {
    error: (iss) =>
      unknownKey(iss, 'mon, tue, wed, thu, fri, sat, sun') ?? 'must be an object like { mon: [["08:30", "17:00"]] }',
  },
);

export const OpeningHoursSpecSchema = z
  .strictObject(
    {
      weekly: Weekly,
      closedDates: z.optional(z.array(DateString, { error: 'must be a list of dates "YYYY-MM-DD"' })),
      extraOpen: z.optional(
        z.record(DateString, Periods, { error: 'must be an object like { "2026-05-16": [["09:00", "12:00"]] }' }),
      ),
      holidays: z.optional(
        z.strictObject(
          {
            goodFriday: z.optional(z.boolean({ error: 'must be true or false' })),
            liberationDay: z.optional(
              z.union([z.boolean(), z.literal('lustrum')], { error: 'must be true, false or "lustrum"' }),
            ),
          },
          {
            error: (iss) =>
              unknownKey(iss, 'goodFriday, liberationDay') ?? 'must be an object like { goodFriday: true }',
          },
        ),
      ),
    },
    {
      error: (iss) =>
        unknownKey(iss, 'weekly, closedDates, extraOpen, holidays') ?? 'must be an object with a weekly schedule',
    },
  )
  .check(
    z.superRefine(
      (spec, ctx) => {
        for (const date of spec.closedDates ?? []) {
          if (spec.extraOpen && Object.hasOwn(spec.extraOpen, date)) {
            ctx.addIssue({
              code: 'custom',
              input: date,
              path: ['closedDates'],
              message: `has "${date}", which is also in extraOpen`,
            });
          }
        }
      },
      { when: (payload) => !payload.issues.length },
    ),
  );

/** The spec accepted by openingHours(). */
export type OpeningHoursSpec = z.input<typeof OpeningHoursSpecSchema>;

/** Parses a spec or throws an Error naming the first problem, e.g. `weekly.mon period 2 ("12:00"–"11:00") ends before it starts`. */
export function parseSpec(spec: unknown): z.output<typeof OpeningHoursSpecSchema> {
  const result = OpeningHoursSpecSchema.safeParse(spec);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // A bad extraOpen date is reported by the record with the key's own issue inside.
  const message = (issue.code === 'invalid_key' && issue.issues[0]?.message) || issue.message;
  // ['weekly', 'mon', 1, 0] -> 'weekly.mon period 2'; indexes elsewhere are left out (the message shows the value).
  const where = issue.path
    .map((p, i) => (typeof p !== 'number' ? (i ? '.' : '') + String(p) : i === 2 ? ` period ${p + 1}` : ''))
    .join('');
  throw new Error(`openingHours: ${where || 'the spec'} ${message}`);
}
