// The service-norm figures and the one-score-per-contact rule on PostgreSQL (the same SQL the
// PGlite tests in kcc-norms.test.ts and kcc-survey.test.ts run): attempts, reasons, scores; the
// figures per gemeente (kcc-dashboard-gemeenten.test.ts) and migration 071's backfill.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway, Store } from '@dichtbij/gateway';
import { demoConfig, type GemeenteConfig } from '@dichtbij/sdk';
import { openPostgres } from '../../packages/gateway/src/store/db.ts';
import { migrate, readMigrations } from '../../packages/gateway/src/store/migrate.ts';
import { Dashboard } from '../../packages/gateway/src/kcc/dashboard.ts';
import { dashboardRanges } from '../../packages/gateway/src/kcc/dashboard-routes.ts';
import { recordContactScore } from '../../packages/gateway/src/survey/scores.ts';
import {
  NO_LIMITS,
  TestClock,
  TUESDAY_10,
  callbackBody,
  captureLogger,
  feedbackBody,
  newKey,
} from '../support/gateway-harness.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const skip = postgresUnavailable();
let pg: TestPostgres | undefined;
after(() => pg?.stop());

test('dashboard figures and contact scores on PostgreSQL', { skip }, async () => {
  pg ??= await startPostgres();
  const clock = new TestClock(TUESDAY_10);
  const store = await Store.open({ databaseUrl: await pg.createDatabase(), clock });
  const gateway = await createGateway({ store, clock, logger: captureLogger(), jobs: false, limits: NO_LIMITS });
  const post = (path: string, body: unknown) =>
    Promise.resolve(
      gateway.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify(body),
      }),
    );
  try {
    const a = (await (await post('/v1/callback-requests', callbackBody())).json()).id as string;
    const b = (await (await post('/v1/callback-requests', callbackBody())).json()).id as string;
    clock.set('2026-11-24T09:20:00Z');
    await store.setCallbackStatus(a, 'no_answer');
    clock.set('2026-11-24T09:40:00Z');
    await store.setCallbackStatus(a, 'called');
    clock.set('2026-11-24T17:00:00Z');
    await store.setCallbackStatus(b, 'done');
    assert.equal(
      (await post('/v1/feedback', feedbackBody({ useful: false, reasons: ['broken', 'other'] }))).status,
      201,
    );
    clock.set('2026-11-25T09:00:00Z');
    const dashboard = new Dashboard(store, demoConfig);
    const ranges = dashboardRanges(clock.now(), 4);
    const tue = (await dashboard.callbacks(ranges.days, 'day', clock.now())).find((d) => d.period === '2026-11-24')!;
    assert.equal(tue.received, 2);
    assert.equal(tue.withinPromise, 1);
    assert.equal(tue.noAnswer, 1);
    assert.equal(tue.repeated, 1);
    assert.equal(tue.medianFirstAttemptMinutes, (20 + 480) / 2);
    assert.deepEqual(
      (await dashboard.reasons(ranges.weeks)).map((r) => [r.label, r.count]),
      [
        ['Iets werkt niet', 1], // equal counts: by code (broken, other)
        ['Iets anders', 1],
      ],
    );
    const at = clock.now();
    assert.equal(
      (await recordContactScore(store, { type: 'callback', id: a, score: 8, at, idempotencyKey: 'k1' })).outcome,
      'created',
    );
    assert.equal(
      (await recordContactScore(store, { type: 'callback', id: a, score: 8, at, idempotencyKey: 'k1' })).outcome,
      'replayed',
    );
    assert.equal((await recordContactScore(store, { type: 'callback', id: a, score: 2, at })).outcome, 'already');
    const [summary] = await dashboard.contactScoreSummary(ranges.weeks);
    assert.deepEqual(summary, { contactType: 'callback', channel: 'telefoon', count: 1, mean: 8 });
  } finally {
    await gateway.close();
    await store.close().catch(() => undefined);
  }
});

test(
  'dashboard figures per gemeente on PostgreSQL: own records, own norms, scores of the contact’s gemeente',
  { skip },
  async () => {
    pg ??= await startPostgres();
    const clock = new TestClock(TUESDAY_10);
    const store = await Store.open({ databaseUrl: await pg.createDatabase(), clock });
    const wijchen: GemeenteConfig = {
      ...demoConfig,
      name: 'Gemeente Wijchen',
      norms: { callback: { within: 'same-day' } },
    };
    const gateway = await createGateway({
      store,
      clock,
      logger: captureLogger(),
      jobs: false,
      limits: NO_LIMITS,
      config: { gemeenten: { druten: { ...demoConfig, name: 'Gemeente Druten' }, wijchen } },
    });
    const post = async (path: string, body: unknown) =>
      (await (
        await gateway.app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify(body),
        })
      ).json()) as { id: string };
    try {
      const d = await post('/v1/callback-requests?gemeente=druten', callbackBody());
      const w = await post('/v1/callback-requests?gemeente=wijchen', callbackBody());
      await post('/v1/callback-requests?gemeente=wijchen', callbackBody());
      clock.set('2026-11-25T09:00:00Z'); // Wednesday 10:00: both called the next day
      await store.setCallbackStatus(d.id, 'called');
      await store.setCallbackStatus(w.id, 'called');
      await recordContactScore(store, { type: 'callback', id: w.id, score: 9, at: clock.now() });
      const ranges = dashboardRanges(clock.now(), 4);
      const tuesday = async (dashboard: Dashboard) =>
        (await dashboard.callbacks(ranges.days, 'day', clock.now())).find((r) => r.period === '2026-11-24')!;
      const druten = await tuesday(new Dashboard(store, demoConfig, 'druten'));
      const inWijchen = await tuesday(new Dashboard(store, wijchen, 'wijchen'));
      assert.deepEqual([druten.received, druten.withinNorm], [1, 1], 'Druten: next working day');
      assert.deepEqual([inWijchen.received, inWijchen.withinNorm], [2, 0], 'Wijchen: the same day');
      assert.deepEqual(await new Dashboard(store, wijchen, 'wijchen').contactScoreSummary(ranges.weeks), [
        { contactType: 'callback', channel: 'telefoon', count: 1, mean: 9 },
      ]);
      assert.deepEqual(await new Dashboard(store, demoConfig, 'druten').contactScoreSummary(ranges.weeks), []);
    } finally {
      await gateway.close();
      await store.close().catch(() => undefined);
    }
  },
);

test('migration 071 backfills the gemeente of existing scores on PostgreSQL', { skip }, async () => {
  pg ??= await startPostgres();
  const db = await openPostgres(await pg.createDatabase());
  try {
    const all = readMigrations();
    await migrate(
      db,
      all.filter((m) => Number(m.version) < 71),
    );
    const [row] = await db.query<{ id: string }>(
      `INSERT INTO callback_requests (id, reference, received_at, preferred, expected, locale, status, sync_status, gemeente)
       VALUES (gen_random_uuid(), 'TB-MIGR2', now(), '{"kind":"asap"}', '{"kind":"today","before":"17:00"}', 'nl', 'done', 'local', 'wijchen')
       RETURNING id`,
    );
    await db.query(
      "INSERT INTO contact_scores (contact_type, contact_id, channel, score, at) VALUES ('callback', $1, 'telefoon', 7, now())",
      [row!.id],
    );
    assert.deepEqual(await migrate(db, all), ['071_contact_scores_gemeente.sql']);
    const [score] = await db.query<{ gemeente: string }>('SELECT gemeente FROM contact_scores');
    assert.equal(score!.gemeente, 'wijchen');
  } finally {
    await db.close();
  }
});
