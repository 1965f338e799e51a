// One promise, computed once: what the bel-me form says before sending (callbackPromise and the
// form's strings), what the gateway stores and answers (`expected`), what the confirmation says
// and what the KCC console shows must be the same promise, also at the edges: the last minutes of
// the day, 19:45 on the demo's late Thursday, before a holiday chain (Kerst, Pasen, Nieuwjaar) and
// on the days around the DST changes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  callbackPromise,
  demoConfig,
  expectedCallback,
  humanDate,
  openingHours,
  type ExpectedCallback,
  type GemeenteConfig,
} from '@dichtbij/sdk';
import { hashPassword } from '@dichtbij/gateway';
import { formStrings } from '../../packages/components/src/bel-me/form/strings.ts';
import { escapeHtml } from '../../packages/gateway/src/kcc/html.ts';
import { expectedText } from '../../packages/gateway/src/kcc/views.ts';
import { callbackBody, closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

/** A gemeente open until 17:00 on Thursday too, with a 30-minute window (the example). */
const until17: GemeenteConfig = {
  ...demoConfig,
  openingHours: {
    ...demoConfig.openingHours,
    weekly: { ...demoConfig.openingHours.weekly, thu: [['08:30', '17:00']] },
  },
  callback: { ...demoConfig.callback, withinMinutes: 30 },
};
/** The demo, but closed on Good Friday (the demo itself is open then). */
const goodFridayClosed: GemeenteConfig = {
  ...demoConfig,
  openingHours: { ...demoConfig.openingHours, holidays: { ...demoConfig.openingHours.holidays, goodFriday: true } },
};

interface Edge {
  name: string;
  config: GemeenteConfig;
  /** Amsterdam wall-clock time, with its UTC offset. */
  at: string;
  expected: ExpectedCallback;
}

const EDGES: Edge[] = [
  {
    name: 'Thursday 16:45, open until 17:00, window 30 minutes → not "today" alone: today or Friday',
    config: until17,
    at: '2026-11-26T16:45:00+01:00',
    expected: { kind: 'today-or-next', before: '17:00', date: '2026-11-27' },
  },
  {
    name: 'Thursday 24 December 16:45, open until 17:00 → today or Monday 28 December (Kerst, Sunday)',
    config: until17,
    at: '2026-12-24T16:45:00+01:00',
    expected: { kind: 'today-or-next', before: '17:00', date: '2026-12-28' },
  },
  {
    name: 'Thursday 16:30 with a 30-minute window → within (the window fits exactly)',
    config: until17,
    at: '2026-11-26T16:30:00+01:00',
    expected: { kind: 'today', before: '17:00' },
  },
  {
    name: 'demo, Thursday 19:45 (open until 20:00, window 60) → today or Friday, not "today before 20:00"',
    config: demoConfig,
    at: '2026-11-26T19:45:00+01:00',
    expected: { kind: 'today-or-next', before: '20:00', date: '2026-11-27' },
  },
  {
    name: 'demo, Thursday 31 December 19:45 → today or Monday 4 January (Nieuwjaarsdag, weekend)',
    config: demoConfig,
    at: '2026-12-31T19:45:00+01:00',
    expected: { kind: 'today-or-next', before: '20:00', date: '2027-01-04' },
  },
  {
    name: 'demo, Thursday 2 April 19:45 (before Pasen; the demo is open on Good Friday) → today or Friday 3 April',
    config: demoConfig,
    at: '2026-04-02T19:45:00+02:00',
    expected: { kind: 'today-or-next', before: '20:00', date: '2026-04-03' },
  },
  {
    name: 'closed on Good Friday, Thursday 2 April 20:15 → Tuesday 7 April (Goede Vrijdag, weekend, Tweede Paasdag)',
    config: goodFridayClosed,
    at: '2026-04-02T20:15:00+02:00',
    expected: { kind: 'next-working-day', date: '2026-04-07' },
  },
  {
    name: 'DST starts: Friday 27 March 12:15 (closing 12:30) → today or Monday 30 March',
    config: demoConfig,
    at: '2026-03-27T12:15:00+01:00',
    expected: { kind: 'today-or-next', before: '12:30', date: '2026-03-30' },
  },
  {
    name: 'DST starts: Sunday 29 March 03:30 (summer time) → Monday 30 March',
    config: demoConfig,
    at: '2026-03-29T03:30:00+02:00',
    expected: { kind: 'next-working-day', date: '2026-03-30' },
  },
  {
    name: 'after DST start: Monday 30 March 07:00 → today between 8:30 and 17:00',
    config: demoConfig,
    at: '2026-03-30T07:00:00+02:00',
    expected: { kind: 'today', from: '08:30', before: '17:00' },
  },
  {
    name: 'DST ends: Sunday 25 October 02:30 (winter time, the second 02:30) → Monday 26 October',
    config: demoConfig,
    at: '2026-10-25T02:30:00+01:00',
    expected: { kind: 'next-working-day', date: '2026-10-26' },
  },
  {
    name: 'after DST end: Monday 26 October 16:00 → today before 17:00 (exactly the window)',
    config: demoConfig,
    at: '2026-10-26T16:00:00+01:00',
    expected: { kind: 'today', before: '17:00' },
  },
  {
    name: 'after DST end: Monday 26 October 16:30 → today or Tuesday 27 October',
    config: demoConfig,
    at: '2026-10-26T16:30:00+01:00',
    expected: { kind: 'today-or-next', before: '17:00', date: '2026-10-27' },
  },
];

/** What a text promises: whether "today" (vandaag) and which dates (written out), in order. */
function promiseOf(text: string, dates: string[]) {
  const lower = text.toLowerCase();
  return {
    today: lower.includes('vandaag'),
    dates: dates.filter((d) => lower.includes(humanDate(d, 'nl').toLowerCase())),
  };
}

/** The next three weeks of dates after `at`: every date any of these texts could name. */
function datesAfter(at: Date): string[] {
  return Array.from({ length: 21 }, (_, i) => new Date(at.getTime() + i * 86_400_000).toISOString().slice(0, 10));
}

describe('one promise: form, stored expected, confirmation and console agree at the edges', () => {
  for (const edge of EDGES) {
    test(edge.name, async () => {
      const at = new Date(edge.at);
      const t = await testGateway({ config: edge.config, kcc: { passwordHash } });
      try {
        t.clock.set(at);
        const hours = openingHours(edge.config.openingHours);
        const dates = datesAfter(new Date(at.getTime() - 86_400_000));
        const day = (date: string | undefined) => (date ? humanDate(date, 'nl') : '');

        // 1. The form, before sending.
        const promise = callbackPromise(hours, at, edge.config.callback.withinMinutes ?? 60);
        const formText = formStrings.nl.promise(promise, day('date' in promise ? promise.date : undefined));

        // 2. The gateway's stored `expected`, from the real POST.
        const res = await t.post('/v1/callback-requests', callbackBody());
        assert.equal(res.status, 201);
        const receipt = (await res.json()) as { reference: string; expected: ExpectedCallback };
        assert.deepEqual(receipt.expected, edge.expected);
        assert.deepEqual(receipt.expected, expectedCallback(edge.config, { kind: 'asap' }, at));
        const stored = (await t.store.listCallbacks({ status: ['new'] })).find(
          (r) => r.reference === receipt.reference,
        );
        assert.deepEqual(stored?.expected, receipt.expected);

        // 3. The confirmation the form shows with the receipt.
        const e = receipt.expected;
        const confirmation = formStrings.nl.expected(e, day('date' in e ? e.date : undefined));

        // 4. The console.
        const page = await t.request('/kcc/login');
        const loginCookie = page.headers
          .getSetCookie()
          .find((c) => c.startsWith('dichtbij_kcc_login='))!
          .split(';')[0]!;
        const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
        const login = await t.request('/kcc/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
          body: new URLSearchParams({ csrf, password: PASSWORD }).toString(),
        });
        const staff = login.headers
          .getSetCookie()
          .find((c) => c.startsWith('dichtbij_kcc='))!
          .split(';')[0]!;
        const queue = await (await t.request('/kcc/callbacks', { headers: { cookie: staff } })).text();
        assert.ok(queue.includes(receipt.reference));
        const consoleText = expectedText(e);
        assert.ok(queue.includes(escapeHtml(consoleText)), `the console shows "${consoleText}"`);

        // The same promise in all of them: "today" or not, and the same fallback day.
        const form = promiseOf(formText, dates);
        assert.deepEqual(promiseOf(confirmation, dates), form, `${formText} ≠ ${confirmation}`);
        assert.deepEqual(promiseOf(consoleText, dates), form, `${formText} ≠ ${consoleText}`);
        // And the times: a later opening ("na 8:30") is the stored `from`.
        if (promise.kind === 'later-today') assert.equal(e.kind === 'today' && e.from, promise.from);
        if (e.kind !== 'today' || !e.from) assert.equal(promise.kind === 'later-today', false);
      } finally {
        await t.close();
      }
    });
  }

  test('the form text at the issue\'s example says "today, or else Monday 28 December", and so do the others', () => {
    const at = new Date('2026-12-24T16:45:00+01:00');
    const promise = callbackPromise(openingHours(until17.openingHours), at, 30);
    assert.deepEqual(promise, { kind: 'today-or-next', date: '2026-12-28' });
    assert.equal(
      formStrings.nl.promise(promise, humanDate('2026-12-28', 'nl')),
      'We bellen u vandaag terug, of anders op de volgende werkdag: maandag 28 december.',
    );
    const e = expectedCallback(until17, { kind: 'asap' }, at);
    assert.equal(
      formStrings.nl.expected(e, humanDate('2026-12-28', 'nl')),
      'We bellen u vandaag terug, voor 17:00. Lukt dat niet, dan op maandag 28 december.',
    );
    assert.equal(expectedText(e), 'Vandaag vóór 17:00, anders maandag 28 december');
    assert.equal(
      formStrings.en.expected(e, humanDate('2026-12-28', 'en')),
      'We will call you back today, before 17:00. If we cannot, then on Monday 28 December.',
    );
  });

  test('expectedCallback takes the window from the config, or the explicit argument', () => {
    const at = new Date('2026-11-26T16:40:00+01:00'); // 20 minutes before 17:00
    assert.equal(expectedCallback(until17, { kind: 'asap' }, at).kind, 'today-or-next');
    assert.equal(expectedCallback(until17, { kind: 'asap' }, at, 15).kind, 'today');
    const hours = openingHours(until17.openingHours);
    assert.equal(expectedCallback(hours, { kind: 'asap' }, at).kind, 'today-or-next'); // default 60
    assert.deepEqual(expectedCallback(hours, { kind: 'slot', date: '2026-11-27', part: 'morning' }, at), {
      kind: 'slot',
      date: '2026-11-27',
      part: 'morning',
    });
  });
});
