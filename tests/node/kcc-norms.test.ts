// Service norms (issue 12, item 3): the SDK's date logic (ISO weeks with the year, the promise's
// deadline, the norm), CSV export with escaping and a formula guard, the queue sorted by promise
// with time left, and the dashboard figures computed from a store seeded with known data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '@dichtbij/gateway';
import { demoConfig, openingHours, type ExpectedCallback } from '@dichtbij/sdk';
import {
  isoWeek,
  median,
  normDeadline,
  promiseDeadline,
  serviceNorms,
  timeLeftText,
  weekLabel,
} from '@dichtbij/sdk/service-norms';
import { csvCell, toCsv } from '../../packages/gateway/src/kcc/csv.ts';
import { Dashboard, dashboardTables } from '../../packages/gateway/src/kcc/dashboard.ts';
import { dashboardRanges } from '../../packages/gateway/src/kcc/dashboard-routes.ts';
import {
  callbackBody,
  closeSharedStore,
  feedbackBody,
  testGateway,
  type TestGateway,
  passwordLogin,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const hours = openingHours(demoConfig.openingHours);
const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

export const staffLogin = async (t: TestGateway): Promise<string> => (await passwordLogin(t, PASSWORD)).cookie!;

/** Parses our CSV (RFC 4180, quoted fields) back into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('SDK: weeks, promise deadline, norm', () => {
  test('ISO weeks carry their year, also across the turn of the year', () => {
    assert.deepEqual(isoWeek('2026-12-31'), { year: 2026, week: 53 });
    assert.equal(weekLabel('2027-01-01'), 'week 53 2026');
    assert.equal(weekLabel('2027-01-04'), 'week 1 2027');
    assert.equal(weekLabel('2024-12-30'), 'week 1 2025');
    assert.equal(weekLabel('2021-01-03'), 'week 53 2020');
    assert.equal(weekLabel('2026-11-24'), 'week 48 2026');
  });

  test('the deadline of a stored promise follows the opening hours (Friday closes 12:30, then Monday)', () => {
    const tue10 = new Date('2026-11-24T09:00:00Z');
    const today: ExpectedCallback = { kind: 'today', before: '17:00' };
    assert.equal(promiseDeadline(today, tue10, hours).toISOString(), '2026-11-24T16:00:00.000Z');
    const next: ExpectedCallback = { kind: 'next-working-day', date: '2026-11-30' };
    assert.equal(promiseDeadline(next, tue10, hours).toISOString(), '2026-11-30T16:00:00.000Z');
    const friMorning: ExpectedCallback = { kind: 'slot', date: '2026-11-27', part: 'morning' };
    assert.equal(promiseDeadline(friMorning, tue10, hours).toISOString(), '2026-11-27T11:00:00.000Z');
    const friAfternoon: ExpectedCallback = { kind: 'slot', date: '2026-11-27', part: 'afternoon' };
    assert.equal(promiseDeadline(friAfternoon, tue10, hours).toISOString(), '2026-11-27T11:30:00.000Z');
  });

  test('norms: same day, next working day, N working days; defaults (satisfaction 7)', () => {
    const defaults = serviceNorms(undefined);
    assert.equal(defaults.satisfaction, 7);
    const friAfterClosing = new Date('2026-11-27T12:00:00Z'); // Friday 13:00, closed since 12:30
    const same = serviceNorms({ callback: { within: 'same-day' } });
    assert.equal(normDeadline(same, new Date('2026-11-24T09:00:00Z'), hours).toISOString(), '2026-11-24T16:00:00.000Z');
    assert.equal(normDeadline(same, friAfterClosing, hours).toISOString(), '2026-11-30T16:00:00.000Z');
    assert.equal(normDeadline(defaults, friAfterClosing, hours).toISOString(), '2026-11-30T16:00:00.000Z');
    const two = serviceNorms({ callback: { within: 'working-days', days: 2 } });
    // Thursday 10:00 → Friday, Monday: Monday 17:00.
    assert.equal(normDeadline(two, new Date('2026-11-26T09:00:00Z'), hours).toISOString(), '2026-11-30T16:00:00.000Z');
  });

  test('time left in words, overdue said in text; median', () => {
    assert.equal(timeLeftText(90), 'Nog 1 uur 30 min');
    assert.equal(timeLeftText(-15), 'Te laat: 15 min over de belofte');
    assert.equal(median([60, 30]), 45);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([]), null);
  });
});

describe('CSV', () => {
  test('quotes, separators and line breaks are escaped; formulas are guarded; numbers stay numbers', () => {
    assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
    assert.equal(csvCell('regel 1\nregel 2'), '"regel 1\nregel 2"');
    assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    for (const start of ['+', '-', '@', '\t']) assert.equal(csvCell(`${start}1`).replace(/"/g, ''), `'${start}1`);
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(null), '');
    const csv = toCsv(
      ['Pagina', 'Aantal'],
      [
        ['=1+1', 2],
        ['a;b', 3],
      ],
    );
    assert.ok(csv.startsWith('\uFEFF'));
    assert.deepEqual(parseCsv(csv), [
      ['Pagina', 'Aantal'],
      ["'=1+1", '2'],
      ['a;b', '3'],
    ]);
  });
});

describe('queue sorted by promise', () => {
  test('the promise that runs out first is on top; time left and "Te laat" in text', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    // First a request for Wednesday morning, then one for "as soon as possible" (today before 17:00).
    const slot = await t.post(
      '/v1/callback-requests',
      callbackBody({ preferred: { kind: 'slot', date: '2026-11-25', part: 'morning' } }),
    );
    assert.equal(slot.status, 201);
    const slotRef = (await slot.json()).reference as string;
    t.clock.advance(60_000);
    const asap = await t.post('/v1/callback-requests', callbackBody());
    const asapRef = (await asap.json()).reference as string;
    const cookie = await staffLogin(t);
    let text = await (await t.request('/kcc/callbacks', { headers: { cookie } })).text();
    assert.ok(text.indexOf(asapRef) < text.indexOf(slotRef), 'asap (today 17:00) before Wednesday morning');
    assert.match(text, /Nog 6 uur 59 min/);
    assert.match(text, /De belofte die het eerst afloopt staat bovenaan/);
    // 18:00: the asap request is overdue, said in words.
    t.clock.set('2026-11-24T17:00:00Z');
    text = await (await t.request('/kcc/callbacks', { headers: { cookie } })).text();
    assert.match(text, /Te laat: 1 uur over de belofte/);
    assert.match(text, /class="due due--overdue"/);
    await t.close();
  });
});

describe('dashboard figures from seeded data', () => {
  test('callbacks, chats and feedback per day and week; CSV export recorded in the audit log', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    const { store, clock } = t;
    // Tuesday 24 November 2026, 10:00: three requests, each promised "today before 17:00".
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.post('/v1/callback-requests', callbackBody({ topic: i < 2 ? 'paspoort-id' : 'afval' }));
      ids.push((await res.json()).id as string);
    }
    const [a, b] = ids as [string, string, string];
    clock.set('2026-11-24T09:30:00Z'); // 10:30: A called (30 min, within the promise)
    await store.setCallbackStatus(a, 'called');
    clock.set('2026-11-24T16:30:00Z'); // 17:30: B no answer (first attempt after 450 min, too late) …
    await store.setCallbackStatus(b, 'no_answer');
    clock.set('2026-11-24T17:00:00Z'); // … 18:00: B called; C never.
    await store.setCallbackStatus(b, 'called');

    // Feedback: page answers with reasons (one without a comment), scores per channel.
    const fb = async (body: Record<string, unknown>) =>
      assert.equal((await t.post('/v1/feedback', feedbackBody(body))).status, 201);
    await fb({ useful: false, reasons: ['unclear'] });
    await fb({ useful: false, reasons: ['unclear', 'missing'], comment: 'Te lang' });
    await fb({ useful: true });
    await fb({ variant: 'score', useful: undefined, score: 6, channel: 'telefoon' });
    await fb({ variant: 'score', useful: undefined, score: 4, channel: 'balie' });

    // Chats, seeded in SQL: bot only; a live chat joined after 2 minutes; two left messages.
    const chat = async (fields: Record<string, unknown>) => {
      const id = randomUUID();
      const row = {
        id,
        created_at: '2026-11-24T09:00:00Z',
        updated_at: '2026-11-24T09:00:00Z',
        state: 'ended',
        locale: 'nl',
        ...fields,
      };
      const keys = Object.keys(row);
      await store.db.query(
        `INSERT INTO chat_sessions (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
      return id;
    };
    await chat({});
    await chat({
      requested_at: '2026-11-24T09:00:00Z',
      live_queue: true,
      joined_at: '2026-11-24T09:02:00Z',
      agent_id: 'x',
    });
    const left = await chat({ requested_at: '2026-11-24T09:00:00Z', live_queue: false });
    await store.db.query(
      `INSERT INTO chat_messages (session_id, seq, id, sender, text, at) VALUES ($1, 0, $2, 'agent', 'Hallo', $3)`,
      [left, randomUUID(), '2026-11-24T10:00:00Z'],
    );
    await chat({ requested_at: '2026-11-24T09:00:00Z', live_queue: false, handled_at: '2026-11-24T23:00:00Z' });

    // Wednesday 10:00: look at the figures.
    clock.set('2026-11-25T09:00:00Z');
    const now = clock.now();
    const dashboard = new Dashboard(store, demoConfig);
    const ranges = dashboardRanges(now, 52);
    const days = await dashboard.callbacks(ranges.days, 'day', now);
    assert.equal(days.length, 14);
    const tue = days.find((d) => d.period === '2026-11-24')!;
    assert.deepEqual(
      { ...tue, label: undefined },
      {
        period: '2026-11-24',
        label: undefined,
        received: 3,
        judged: 3,
        withinPromise: 1,
        withinNorm: 2, // the norm (next working day, Wed 17:00): A and B; C not attempted
        medianFirstAttemptMinutes: 240, // median of 30 and 450
        noAnswer: 1,
        repeated: 1,
      },
    );
    const weeks = await dashboard.callbacks(ranges.weeks, 'week', now);
    assert.equal(weeks.length, 52);
    assert.equal(weeks.at(-1)!.label, 'week 48 2026');
    assert.equal(weeks.at(-1)!.received, 3);
    assert.equal(weeks[0]!.label, 'week 49 2025');

    const chats = (await dashboard.chats(ranges.days, 'day')).find((d) => d.period === '2026-11-24')!;
    assert.equal(chats.sessions, 4);
    assert.equal(chats.botOnly, 1);
    assert.equal(chats.byPerson, 2);
    assert.equal(chats.medianWaitSeconds, 120);
    assert.equal(chats.leftMessages, 2);
    assert.equal(chats.leftAnswered, 2);
    assert.equal(chats.medianLeftResponseMinutes, (60 + 840) / 2);
    assert.equal(chats.leftWithinNorm, 1); // 60 min within 8 hours; 14 hours not

    const tables = await dashboardTables(dashboard, ranges, now);
    const table = (id: string) => tables.find((x) => x.id === id)!;
    assert.deepEqual(table('redenen').rows, [
      ['De tekst is moeilijk te begrijpen', 2],
      ['Er ontbreekt informatie', 1],
    ]);
    assert.deepEqual(table('nuttig-per-pagina').rows, [['https://www.gemeente.nl/paspoort', 3, 1, 33.3]]);
    assert.deepEqual(table('terugbellen-per-onderwerp').rows, [
      ['Paspoort of ID-kaart', 2],
      ['Afval', 1],
    ]);
    assert.deepEqual(table('cijfer-per-kanaal').rows, [
      ['balie', 1, 4, 7, 'Nee'],
      ['telefoon', 1, 6, 7, 'Nee'],
    ]);

    // The console page and a CSV export (recorded in the audit log).
    const cookie = await staffLogin(t);
    const page = await (await t.request('/kcc/dashboard?weeks=52', { headers: { cookie } })).text();
    assert.match(page, /week 48 2026/);
    assert.match(page, /Uiterlijk de volgende werkdag/);
    assert.match(page, /De tekst is moeilijk te begrijpen/);
    assert.doesNotMatch(page, />unclear</);
    const csvRes = await t.request('/kcc/dashboard/terugbellen-per-dag.csv', { headers: { cookie } });
    assert.equal(csvRes.status, 200);
    assert.match(csvRes.headers.get('content-type')!, /text\/csv/);
    const rows = parseCsv(await csvRes.text());
    assert.equal(rows[0]![0], 'Periode');
    const tueRow = rows.find((r) => r[0]!.includes('24 nov'))!;
    assert.deepEqual(tueRow.slice(1), ['3', '3', '1', '33.3', '66.7', '240', '1', '1']);
    const [audit] = await store.db.query<{ action: string; detail: string }>(
      "SELECT action, detail FROM audit_log WHERE action = 'exported'",
    );
    assert.match(audit!.detail, /terugbellen-per-dag\.csv/);
    assert.equal((await t.request('/kcc/dashboard/onbekend.csv', { headers: { cookie } })).status, 404);
    await t.close();
  });
});

describe('feedback trend at 52 weeks', () => {
  test('at most 13 week labels, each with its ISO year; no values over the bars; the table names every week', async () => {
    const t = await testGateway({ kcc: { passwordHash } });
    assert.equal((await t.post('/v1/feedback', feedbackBody())).status, 201);
    const cookie = await staffLogin(t);
    const text = await (await t.request('/kcc/feedback?weeks=52', { headers: { cookie } })).text();
    const svg = /<svg[\s\S]*?<\/svg>/.exec(text)![0];
    const labels = [...svg.matchAll(/<tspan[^>]*>week (\d+)<\/tspan\s*>\s*<tspan[^>]*>(\d{4})<\/tspan>/g)];
    assert.equal(labels.length, 13);
    // The newest week is labelled (week 48 2026), then every 4th back: 44, 40, …
    assert.deepEqual(labels.at(-1)!.slice(1), ['48', '2026']);
    assert.deepEqual(labels.at(-2)!.slice(1), ['44', '2026']);
    assert.deepEqual(labels[0]!.slice(1), ['52', '2025']);
    assert.doesNotMatch(svg, /class="value"/);
    const rows = [...text.matchAll(/<th scope="row">(week \d+ \d{4}) \(vanaf/g)].map((m) => m[1]);
    assert.equal(rows.length, 52);
    assert.equal(rows[0], 'week 49 2025');
    assert.equal(rows.at(-1), 'week 48 2026');
    await t.close();
  });
});
