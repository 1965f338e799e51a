// The service-norm dashboard per gemeente (issue 12 item 5): in a gateway for Druten and Wijchen,
// each gemeente's figures come from its own records and are judged by its own norms (Druten: the
// next working day, score 7; Wijchen: the same day, score 8); the CSV export is per gemeente; a
// gemeente the staff member may not see is a 404; the queue names each request's gemeente; a
// score after a contact belongs to the contact's gemeente (migration 071 backfills old ones).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { demoConfig, type GemeenteConfig } from '@dichtbij/sdk';
import { hashPassword } from '../../packages/gateway/src/kcc/password.ts';
import { Dashboard } from '../../packages/gateway/src/kcc/dashboard.ts';
import { dashboardRanges } from '../../packages/gateway/src/kcc/dashboard-routes.ts';
import { openPglite } from '../../packages/gateway/src/store/db.ts';
import { migrate, readMigrations } from '../../packages/gateway/src/store/migrate.ts';
import { surveyToken } from '../../packages/gateway/src/survey/token.ts';
import type { MultiGemeenteConfig } from '../../packages/gateway/src/tenants.ts';
import {
  callbackBody,
  closeSharedStore,
  feedbackBody,
  testGateway,
  type TestGateway,
  passwordLogin,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const druten: GemeenteConfig = { ...demoConfig, name: 'Gemeente Druten' };
const wijchen: GemeenteConfig = {
  ...demoConfig,
  name: 'Gemeente Wijchen',
  norms: { callback: { within: 'same-day' }, satisfaction: 8, leftMessageHours: 2 },
};
const MULTI: MultiGemeenteConfig = { gemeenten: { druten, wijchen } };
const PASSWORD = 'dashboard-gemeenten-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

const staffLogin = async (t: TestGateway): Promise<string> => (await passwordLogin(t, PASSWORD)).cookie!;

/** Our CSV (no quoted separators in these tables) as rows of cells. */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));

/**
 * Tuesday 24 November 2026 10:00. Druten: A (called 10:30) and B (called Wednesday 16:00), a
 * score 6 by phone, a "nee, onduidelijk", two bot chats. Wijchen: C (called Wednesday 16:00,
 * then scored 9 through its survey link), one left chat message answered after 3 hours.
 * B and C were called at the same moment: within Druten's norm, outside Wijchen's.
 */
async function seed(t: TestGateway) {
  const post = async (path: string, body: unknown) => {
    const res = await t.post(path, body);
    assert.equal(res.status, 201, path);
    return (await res.json()) as { id: string; reference: string };
  };
  const a = await post('/v1/callback-requests?gemeente=druten', callbackBody());
  const b = await post('/v1/callback-requests', callbackBody()); // the default gemeente: Druten
  const c = await post('/v1/callback-requests?gemeente=wijchen', callbackBody({ topic: 'afval' }));
  t.clock.set('2026-11-24T09:30:00Z');
  await t.store.setCallbackStatus(a.id, 'called');
  t.clock.set('2026-11-25T15:00:00Z');
  await t.store.setCallbackStatus(b.id, 'called');
  await t.store.setCallbackStatus(c.id, 'done');
  await post(
    '/v1/feedback?gemeente=druten',
    feedbackBody({ variant: 'score', useful: undefined, score: 6, channel: 'telefoon' }),
  );
  await post('/v1/feedback?gemeente=druten', feedbackBody({ useful: false, reasons: ['unclear'] }));
  await post(
    '/v1/feedback?gemeente=wijchen',
    feedbackBody({ useful: true, page: { url: 'https://www.wijchen.nl/afval', title: 'Afval' } }),
  );
  // The survey link's score, sent without ?gemeente= (the default, Druten): it is Wijchen's contact.
  const token = surveyToken(t.store, c.id);
  await post(
    '/v1/feedback',
    feedbackBody({ variant: 'score', useful: undefined, score: 9, channel: 'telefoon', contact: token }),
  );
  const chat = async (gemeente: string, fields: Record<string, unknown> = {}) => {
    const row = {
      id: randomUUID(),
      created_at: '2026-11-24T09:00:00Z',
      updated_at: '2026-11-24T09:00:00Z',
      state: 'ended',
      locale: 'nl',
      gemeente,
      ...fields,
    };
    const keys = Object.keys(row);
    await t.store.db.query(
      `INSERT INTO chat_sessions (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    );
  };
  await chat('druten');
  await chat('druten');
  await chat('wijchen', {
    requested_at: '2026-11-24T09:00:00Z',
    live_queue: false,
    handled_at: '2026-11-24T12:00:00Z',
  });
  t.clock.set('2026-11-25T16:00:00Z'); // Wednesday 17:00: look at the figures
  return { a, b, c };
}

describe('the dashboard per gemeente', () => {
  test('each gemeente’s figures from its own records, judged by its own norms; the CSV per gemeente', async () => {
    const t = await testGateway({ config: MULTI, cdnDir: false, kcc: { passwordHash } });
    try {
      const { c } = await seed(t);
      // The score is stored for the contact's gemeente.
      const [score] = await t.store.db.query<{ gemeente: string }>(
        'SELECT gemeente FROM contact_scores WHERE contact_id = $1',
        [c.id],
      );
      assert.equal(score!.gemeente, 'wijchen');

      const cookie = await staffLogin(t);
      const get = (path: string) => t.request(path, { headers: { cookie } });

      // Without ?gemeente=: the first gemeente (Druten), with a choice of both.
      const drutenPage = await (await get('/kcc/dashboard')).text();
      assert.match(drutenPage, /<h1>Servicenormen: Gemeente Druten<\/h1>/);
      assert.match(drutenPage, /aria-label="Servicenormen per gemeente"/);
      assert.match(
        drutenPage,
        /<a\s+href="\/kcc\/dashboard\?gemeente=druten"\s+aria-current="true"\s*>Gemeente Druten<\/a/,
      );
      assert.match(drutenPage, /href="\/kcc\/dashboard\?gemeente=wijchen"\s*>Gemeente Wijchen</);
      assert.match(drutenPage, /Uiterlijk de volgende werkdag/);
      assert.match(drutenPage, /Gemiddeld cijfer 7 of hoger/);
      assert.match(drutenPage, /href="\/kcc\/dashboard\/terugbellen-per-dag\.csv\?gemeente=druten&amp;weeks=12"/);
      assert.match(drutenPage, /download="druten-terugbellen-per-dag\.csv"/);
      assert.match(drutenPage, /name="gemeente" value="druten"/, 'the weeks form keeps the gemeente');
      assert.match(drutenPage, /De tekst is moeilijk te begrijpen/);

      const wijchenPage = await (await get('/kcc/dashboard?gemeente=wijchen&weeks=4')).text();
      assert.match(wijchenPage, /<h1>Servicenormen: Gemeente Wijchen<\/h1>/);
      assert.match(wijchenPage, /Dezelfde werkdag/);
      assert.match(wijchenPage, /Gemiddeld cijfer 8 of hoger/);
      assert.match(wijchenPage, /Binnen 2 uur/);
      assert.doesNotMatch(wijchenPage, /De tekst is moeilijk te begrijpen/, 'Druten’s feedback is not Wijchen’s');
      assert.match(wijchenPage, /href="\/kcc\/dashboard\?gemeente=druten&amp;weeks=4"/);

      const csv = async (table: string, gemeente: string) => {
        const res = await get(`/kcc/dashboard/${table}.csv?gemeente=${gemeente}`);
        assert.equal(res.status, 200, `${table} ${gemeente}`);
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="${gemeente}-${table}.csv"`);
        return csvRows(await res.text());
      };
      const tuesday = (rows: string[][]) => rows.find((r) => r[0]!.includes('24 nov'))!.slice(1);
      // Received, judged, within promise, within promise %, within norm %, median minutes, no answer, repeats.
      assert.deepEqual(tuesday(await csv('terugbellen-per-dag', 'druten')), [
        '2',
        '2',
        '1',
        '50',
        '100',
        '915',
        '0',
        '0',
      ]);
      assert.deepEqual(tuesday(await csv('terugbellen-per-dag', 'wijchen')), [
        '1',
        '1',
        '0',
        '0',
        '0',
        '1800',
        '0',
        '0',
      ]);
      assert.deepEqual((await csv('cijfer-per-kanaal', 'druten')).slice(1), [['telefoon', '1', '6', '7', 'Nee']]);
      assert.deepEqual((await csv('cijfer-per-kanaal', 'wijchen')).slice(1), [['telefoon', '1', '9', '8', 'Ja']]);
      assert.deepEqual((await csv('cijfer-per-contact', 'druten')).slice(1), []);
      assert.deepEqual(
        (await csv('cijfers-na-contact', 'wijchen')).slice(1).map((r) => r.slice(1)),
        [['Terugbelverzoek', c.reference, '9']],
      );
      assert.deepEqual((await csv('nuttig-per-pagina', 'wijchen')).slice(1), [
        ['https://www.wijchen.nl/afval', '1', '1', '100'],
      ]);
      assert.deepEqual((await csv('terugbellen-per-onderwerp', 'wijchen')).slice(1), [['Afval', '1']]);
      // Chats: Druten two by the bot; Wijchen one left message, answered in 3 hours: outside its 2-hour norm.
      // Sessions, bot only %, by person %, median wait, left, answered, median response, within norm.
      assert.deepEqual(tuesday(await csv('chat-per-dag', 'druten')), ['2', '100', '0', '', '0', '0', '', '0']);
      assert.deepEqual(tuesday(await csv('chat-per-dag', 'wijchen')), ['1', '0', '0', '', '1', '1', '180', '0']);
      const [audit] = await t.store.db.query<{ detail: string }>(
        "SELECT detail FROM audit_log WHERE action = 'exported' ORDER BY at LIMIT 1",
      );
      assert.match(audit!.detail, /^druten-terugbellen-per-dag\.csv/);

      // Computed from the store: one more Wijchen request shows up in Wijchen's figures only.
      t.clock.set('2026-11-24T10:00:00Z');
      assert.equal((await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody())).status, 201);
      t.clock.set('2026-11-25T16:00:00Z');
      assert.equal(tuesday(await csv('terugbellen-per-dag', 'wijchen'))[0], '2');
      assert.equal(tuesday(await csv('terugbellen-per-dag', 'druten'))[0], '2');

      // The Dashboard class itself: scoped, and unscoped (a single-gemeente gateway) counts all.
      const ranges = dashboardRanges(t.clock.now(), 4);
      const count = async (d: Dashboard) =>
        (await d.callbacks(ranges.days, 'day', t.clock.now())).reduce((n, r) => n + r.received, 0);
      assert.equal(await count(new Dashboard(t.store, wijchen, 'wijchen')), 2);
      assert.equal(await count(new Dashboard(t.store, druten, 'druten')), 2);
      assert.equal(await count(new Dashboard(t.store, druten)), 4);
    } finally {
      await t.close();
    }
  });

  test('a gemeente the staff member may not see is a 404, page and CSV, without its figures', async () => {
    const t = await testGateway({ config: MULTI, cdnDir: false, kcc: { passwordHash, gemeenten: ['wijchen'] } });
    try {
      const { a, b } = await seed(t);
      const cookie = await staffLogin(t);
      const get = (path: string) => t.request(path, { headers: { cookie } });
      // The default for this staff member is their first gemeente; no choice with one gemeente.
      const own = await (await get('/kcc/dashboard')).text();
      assert.match(own, /<h1>Servicenormen: Gemeente Wijchen<\/h1>/);
      assert.doesNotMatch(own, /Servicenormen per gemeente/);
      for (const path of [
        '/kcc/dashboard?gemeente=druten',
        '/kcc/dashboard?gemeente=DRUTEN',
        '/kcc/dashboard?gemeente=nijmegen',
      ]) {
        const res = await get(path);
        assert.equal(res.status, 404, path);
        const text = await res.text();
        assert.match(text, /<h1>Niet gevonden<\/h1>/);
        assert.doesNotMatch(text, /Gemeente Druten|volgende werkdag|<table/, `${path}: nothing of Druten`);
      }
      for (const path of [
        '/kcc/dashboard/terugbellen-per-dag.csv?gemeente=druten',
        '/kcc/dashboard/terugbellen-per-dag.csv?gemeente=nijmegen',
      ]) {
        const res = await get(path);
        assert.equal(res.status, 404, path);
        assert.doesNotMatch(await res.text(), /Periode/);
      }
      assert.equal((await get('/kcc/dashboard/terugbellen-per-dag.csv?gemeente=wijchen')).status, 200);
      // Druten's requests are not in this staff member's queue; one gemeente: no gemeente per card.
      const queue = await (await get('/kcc/callbacks?status=all')).text();
      assert.ok(!queue.includes(a.reference) && !queue.includes(b.reference));
      assert.doesNotMatch(queue, /<dt>Gemeente<\/dt>/);
      const [exported] = await t.store.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'exported' AND detail LIKE 'druten%'",
      );
      assert.equal(exported!.n, 0, 'a refused export is not recorded as one');
    } finally {
      await t.close();
    }
  });

  test('a single-gemeente gateway: no choice, ?gemeente=default works, another is 404', async () => {
    const t = await testGateway({ config: druten, cdnDir: false, kcc: { passwordHash } });
    try {
      assert.equal((await t.post('/v1/callback-requests', callbackBody())).status, 201);
      const cookie = await staffLogin(t);
      const get = (path: string) => t.request(path, { headers: { cookie } });
      const page = await (await get('/kcc/dashboard')).text();
      assert.match(page, /<h1>Servicenormen<\/h1>/);
      assert.doesNotMatch(page, /Servicenormen per gemeente|name="gemeente"/);
      assert.match(
        page,
        /href="\/kcc\/dashboard\/terugbellen-per-dag\.csv\?weeks=12" download="terugbellen-per-dag\.csv"/,
      );
      assert.equal((await get('/kcc/dashboard?gemeente=default')).status, 200);
      assert.equal((await get('/kcc/dashboard?gemeente=wijchen')).status, 404);
    } finally {
      await t.close();
    }
  });
});

describe('the queue with several gemeenten', () => {
  test('each card names its gemeente in text; each promise by its own gemeente’s opening hours', async () => {
    // Wijchen closes at 12:00 on Tuesdays: "as soon as possible" at 10:00 is promised before 12:00 there.
    const short: GemeenteConfig = {
      ...wijchen,
      openingHours: {
        ...demoConfig.openingHours,
        weekly: { ...demoConfig.openingHours.weekly, tue: [['08:30', '12:00']] },
      },
    };
    const t = await testGateway({
      config: { gemeenten: { druten, wijchen: short } },
      cdnDir: false,
      kcc: { passwordHash },
    });
    try {
      const d = (await (await t.post('/v1/callback-requests', callbackBody())).json()) as { reference: string };
      const w = (await (await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody())).json()) as {
        reference: string;
      };
      const cookie = await staffLogin(t);
      const queue = await (await t.request('/kcc/callbacks', { headers: { cookie } })).text();
      const card = (reference: string) => {
        const start = queue.indexOf(`<span class="ref">${reference}</span>`);
        return queue.slice(start, queue.indexOf('</article>', start));
      };
      assert.match(card(d.reference), /<dt>Gemeente<\/dt>\s*<dd class="gemeente">Gemeente Druten<\/dd>/);
      assert.match(card(w.reference), /<dt>Gemeente<\/dt>\s*<dd class="gemeente">Gemeente Wijchen<\/dd>/);
      assert.match(card(d.reference), /Nog 7 uur/, 'Druten: until 17:00');
      assert.match(card(w.reference), /Nog 2 uur/, 'Wijchen: until 12:00');
      assert.ok(queue.indexOf(w.reference) < queue.indexOf(d.reference), 'Wijchen’s promise runs out first');
      // The chat console's queue names the gemeente too.
      await t.store.db.query(
        `INSERT INTO chat_sessions (id, created_at, updated_at, state, locale, requested_at, live_queue, gemeente)
         VALUES ($1, $2, $2, 'queued', 'nl', $2, true, 'wijchen')`,
        [randomUUID(), t.clock.now()],
      );
      const csrf = /name="csrf" value="([^"]+)"/.exec(queue)![1]!;
      const named = await t.request('/kcc/chat/name', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrf, name: 'Sanne' }).toString(),
      });
      assert.equal(named.status, 303);
      const chats = await (await t.request('/kcc/chat', { headers: { cookie } })).text();
      assert.match(chats, /<dt>Gemeente<\/dt>\s*<dd>Gemeente Wijchen<\/dd>/);
    } finally {
      await t.close();
    }
  });
});

describe('migration 071: scores take the gemeente of their contact', () => {
  test('existing scores are backfilled from their callback request or chat; an orphan stays default', async () => {
    const db = await openPglite();
    try {
      const all = readMigrations();
      await migrate(
        db,
        all.filter((m) => Number(m.version) < 71),
      );
      const callback = randomUUID();
      const chat = randomUUID();
      await db.query(
        `INSERT INTO callback_requests (id, reference, received_at, preferred, expected, locale, status, sync_status, gemeente)
         VALUES ($1, 'TB-MIGR1', now(), '{"kind":"asap"}', '{"kind":"today","before":"17:00"}', 'nl', 'done', 'local', 'wijchen')`,
        [callback],
      );
      await db.query(
        `INSERT INTO chat_sessions (id, created_at, updated_at, state, locale, gemeente)
         VALUES ($1, now(), now(), 'ended', 'nl', 'druten')`,
        [chat],
      );
      const score = `INSERT INTO contact_scores (contact_type, contact_id, channel, score, at) VALUES ($1, $2, $3, 8, now())`;
      await db.query(score, ['callback', callback, 'telefoon']);
      await db.query(score, ['chat', chat, 'chat']);
      await db.query(score, ['chat', randomUUID(), 'chat']);
      assert.deepEqual(await migrate(db, all), ['071_contact_scores_gemeente.sql']);
      const rows = await db.query<{ contact_id: string; gemeente: string }>(
        'SELECT contact_id, gemeente FROM contact_scores',
      );
      const of = (id: string) => rows.find((r) => r.contact_id === id)!.gemeente;
      assert.equal(of(callback), 'wijchen');
      assert.equal(of(chat), 'druten');
      assert.deepEqual(rows.map((r) => r.gemeente).sort(), ['default', 'druten', 'wijchen']);
    } finally {
      await db.close();
    }
  });
});
