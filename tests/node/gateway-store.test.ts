// The store on both engines: embedded PGlite (always) and a real PostgreSQL (when Debian's
// postgresql is installed; skipped with the reason otherwise). Same migrations, same SQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCases, type FeedbackInput } from '@dichtbij/sdk';
import { Store, type CallbackRecord } from '@dichtbij/gateway';
import { migrate, readMigrations } from '../../packages/gateway/src/store/migrate.ts';
import { TestClock } from '../support/gateway-harness.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const feedback = (extra: Partial<FeedbackInput> = {}): FeedbackInput => ({
  variant: 'page',
  useful: true,
  channel: 'website',
  page: { url: 'https://www.gemeente.nl/paspoort' },
  locale: 'nl',
  ...extra,
});

const callback = (clock: TestClock, extra: Partial<CallbackRecord> = {}): CallbackRecord => ({
  id: randomUUID(),
  reference: `TB-${randomUUID()
    .slice(0, 5)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X')}`,
  receivedAt: clock.now().toISOString(),
  phone: '+31612345678',
  name: 'Jan',
  question: 'Vraag',
  preferred: { kind: 'asap' },
  expected: { kind: 'today', before: '17:00' },
  locale: 'nl',
  ...extra,
});

interface Engine {
  name: string;
  skip?: string;
  open(clock: TestClock): Promise<Store>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  /** A second connection to the same database (another gateway instance). */
  openSecond?(clock: TestClock): Promise<Store>;
}

let pg: TestPostgres | undefined;
let pgUrl: string | undefined;
const pgSkip = postgresUnavailable();
if (pgSkip) console.log(`# PostgreSQL store tests skipped: ${pgSkip}`);

const engines: Engine[] = [
  { name: 'PGlite (embedded)', open: (clock) => Store.open({ clock }) },
  {
    name: 'PostgreSQL',
    ...(pgSkip ? { skip: pgSkip } : {}),
    async setup() {
      pg = await startPostgres();
    },
    async open(clock) {
      pgUrl = await pg!.createDatabase();
      return Store.open({ clock, databaseUrl: pgUrl });
    },
    openSecond: (clock) => Store.open({ clock, databaseUrl: pgUrl! }),
    async teardown() {
      await pg?.stop();
    },
  },
];

for (const engine of engines) {
  describe(`store on ${engine.name}`, { skip: engine.skip ?? false }, () => {
    const clock = new TestClock('2026-11-24T09:00:00Z');
    let store: Store;
    before(async () => {
      await engine.setup?.();
      store = await engine.open(clock);
    });
    after(async () => {
      await store?.close();
      await engine.teardown?.();
    });

    test('migrations are recorded and applied once', async () => {
      const rows = await store.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      assert.deepEqual(
        rows.map((r) => r.name),
        readMigrations().map((m) => m.name),
      );
      assert.deepEqual(await migrate(store.db), [], 'nothing left to apply');
    });

    test('feedback: idempotent insert in one statement; concurrent same key → one row', async () => {
      await store.reset();
      const hash = Store.bodyHash(feedback());
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.createFeedback('k-1', hash, { id: randomUUID(), receivedAt: clock.now(), input: feedback() }),
        ),
      );
      assert.equal(results.filter((r) => r.outcome === 'created').length, 1);
      assert.equal(results.filter((r) => r.outcome === 'replayed').length, 7);
      const ids = new Set(results.map((r) => ('response' in r ? r.response.id : '')));
      assert.equal(ids.size, 1);
      const other = await store.createFeedback('k-1', Store.bodyHash(feedback({ useful: false })), {
        id: randomUUID(),
        receivedAt: clock.now(),
        input: feedback({ useful: false }),
      });
      assert.equal(other.outcome, 'conflict');
      assert.equal((await store.recentFeedback(10)).length, 1);
    });

    test('feedback with a rate limit in the same statement: over the limit nothing is stored', async () => {
      await store.reset();
      const rate = { key: 'post:test', limit: 2, windowMs: 60_000 };
      const add = (key: string) =>
        store.createFeedback(key, 'h', { id: randomUUID(), receivedAt: clock.now(), input: feedback() }, rate);
      assert.equal((await add('r1')).outcome, 'created');
      assert.equal((await add('r1')).outcome, 'replayed', 'a replay counts as a hit too');
      clock.advance(20_000);
      assert.deepEqual(await add('r2'), { outcome: 'limited', retryAfter: 40 });
      assert.equal(await store.findIdempotent('feedback', 'r2', 'h'), undefined);
      assert.equal((await store.recentFeedback(10)).length, 1);
      clock.advance(40_000);
      assert.equal((await add('r2')).outcome, 'created');
    });

    test('callback: a failing insert leaves neither the record nor the idempotency key', async () => {
      await store.reset();
      const record = callback(clock);
      await assert.rejects(
        store.createCallback('k-cb', 'h', record, { ok: 1 }, { status: 'local' }, async () => {
          throw new Error('refused inside the transaction');
        }),
        /refused/,
      );
      assert.equal(await store.findIdempotent('callback', 'k-cb', 'h'), undefined);
      assert.equal((await store.listCallbacks()).length, 0);
      const ok = await store.createCallback('k-cb', 'h', record, { ok: 1 }, { status: 'local' });
      assert.deepEqual(ok, { outcome: 'created', status: 201, response: { ok: 1 } });
      const concurrent = await Promise.all(
        Array.from({ length: 4 }, () =>
          store.createCallback('k-cb2', 'h2', callback(clock), { n: 2 }, { status: 'local' }),
        ),
      );
      assert.equal(concurrent.filter((r) => r.outcome === 'created').length, 1);
      assert.equal((await store.listCallbacks()).length, 2);
    });

    test('queue order, status changes, counts', async () => {
      await store.reset();
      const a = callback(clock);
      clock.advance(1000);
      const b = callback(clock);
      await store.createCallback('a', 'a', b, {}, { status: 'local' });
      await store.createCallback('b', 'b', a, {}, { status: 'local' });
      assert.deepEqual(
        (await store.listCallbacks()).map((c) => c.id),
        [a.id, b.id],
        'oldest first',
      );
      assert.equal(await store.setCallbackStatus(a.id, 'called'), true);
      assert.equal(await store.setCallbackStatus(a.id, 'bogus' as never), false);
      assert.equal(await store.setCallbackStatus('not-a-uuid', 'done'), false);
      assert.deepEqual(
        (await store.listCallbacks({ status: ['new'] })).map((c) => c.id),
        [b.id],
      );
      const counts = await store.callbackCounts();
      assert.deepEqual(counts, { new: 1, called: 1, no_answer: 0, done: 0, syncFailed: 0 });
    });

    test('sync: claims are leased (no double filing), failures and success are recorded', async () => {
      await store.reset();
      for (let i = 0; i < 3; i++)
        await store.createCallback(`s${i}`, 'h', callback(clock), {}, { status: 'pending', target: 'ki' });
      const lease = new Date(clock.now().getTime() + 60_000);
      const [first, second] = await Promise.all([store.claimDueSync(2, lease), store.claimDueSync(2, lease)]);
      const claimed = [...first!, ...second!].map((c) => c.id);
      assert.equal(claimed.length, 3);
      assert.equal(new Set(claimed).size, 3, 'no row claimed twice');
      assert.deepEqual(await store.claimDueSync(10, lease), [], 'leased rows are not due');
      await store.markSyncFailed(claimed[0]!, 'timeout', new Date(clock.now().getTime() + 30_000));
      await store.markSynced(claimed[1]!, 'ext-1');
      const byId = new Map((await store.listCallbacks()).map((c) => [c.id, c]));
      assert.equal(byId.get(claimed[0]!)!.syncStatus, 'sync_failed');
      assert.equal(byId.get(claimed[0]!)!.syncAttempts, 1);
      assert.equal(byId.get(claimed[1]!)!.syncExternalId, 'ext-1');
      assert.equal(await store.retrySyncNow(claimed[0]!), true);
      assert.equal(await store.retrySyncNow(claimed[1]!), false, 'only failed ones');
      assert.deepEqual(
        (await store.claimDueSync(10, lease)).map((c) => c.id),
        [claimed[0]],
      );
    });

    test('rate-limit counters: fixed windows, atomic under concurrency', async () => {
      await store.reset();
      const hits = await Promise.all(Array.from({ length: 10 }, () => store.hitRateLimit('x', 60_000)));
      assert.deepEqual(
        hits.map((h) => h.count).sort((p, q) => p - q),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      clock.advance(60_000);
      assert.equal((await store.hitRateLimit('x', 60_000)).count, 1, 'a new window');
      assert.equal(store.pseudonym('+31612345678'), store.pseudonym('+31612345678'));
      assert.notEqual(store.pseudonym('+31612345678'), store.pseudonym('+31612345679'));
    });

    test('feedback statistics per page, channel and week', async () => {
      await store.reset();
      clock.set('2026-11-17T09:00:00Z');
      const add = async (input: FeedbackInput) =>
        store.createFeedback(randomUUID(), 'h', { id: randomUUID(), receivedAt: clock.now(), input });
      await add(feedback({ useful: false, comment: 'Onduidelijk' }));
      clock.set('2026-11-24T09:00:00Z');
      await add(feedback());
      await add(feedback({ page: { url: 'https://www.gemeente.nl/afval?x=1' } }));
      await add(feedback({ variant: 'score', useful: undefined, score: 7, channel: 'telefoon' }));
      await add(feedback({ variant: 'score', useful: undefined, score: 8, channel: 'telefoon' }));
      const totals = await store.feedbackTotals();
      assert.deepEqual(totals, { key: 'all', count: 5, rated: 3, useful: 2, scored: 2, meanScore: 7.5 });
      const byChannel = await store.feedbackStats('channel');
      assert.deepEqual(
        byChannel.map((r) => [r.key, r.count]),
        [
          ['website', 3],
          ['telefoon', 2],
        ],
      );
      const byPage = await store.feedbackStats('page');
      assert.deepEqual(byPage.map((r) => r.key).sort(), [
        'https://www.gemeente.nl/afval',
        'https://www.gemeente.nl/paspoort',
      ]);
      const trend = await store.feedbackTrend();
      assert.deepEqual(
        trend.map((w) => [w.week, w.count]),
        [
          ['2026-11-16', 1],
          ['2026-11-23', 4],
        ],
      );
      const since = await store.feedbackTotals({ since: new Date('2026-11-23T00:00:00Z'), channel: 'website' });
      assert.equal(since.count, 2);
      assert.deepEqual(
        (await store.feedbackComments({})).map((f) => f.comment),
        ['Onduidelijk'],
      );
    });

    test('retention erases personal data and free text, keeps statistics', async () => {
      await store.reset();
      clock.set('2026-10-01T09:00:00Z');
      await store.createCallback(
        'old',
        'h',
        callback(clock, { context: { summary: 'chat' } }),
        {},
        { status: 'pending', target: 'ki' },
      );
      await store.createFeedback('f-old', 'h', {
        id: randomUUID(),
        receivedAt: clock.now(),
        input: feedback({ comment: 'oud', callbackPhone: '+31612345678' }),
      });
      await store.createSession('staff', null, 1000);
      clock.set('2026-11-24T09:00:00Z');
      await store.createCallback('new', 'h', callback(clock), {}, { status: 'local' });
      const result = await store.applyRetention(new Date('2026-10-25T00:00:00Z'));
      assert.equal(result.callbacks, 1);
      assert.equal(result.feedback, 1);
      assert.equal(result.idempotencyKeys, 2);
      assert.equal(result.sessions, 1);
      const [old, fresh] = await store.listCallbacks();
      assert.equal(old!.phone, null);
      assert.equal(old!.syncStatus, 'sync_failed', 'an erased request is never filed');
      assert.equal(old!.syncNextAt, null);
      assert.equal(fresh!.phone, '+31612345678');
      assert.deepEqual(await store.claimDueSync(10, clock.now()), []);
      const [f] = await store.recentFeedback(1);
      assert.equal(f!.comment, null);
      assert.equal(f!.callbackPhone, null);
      assert.equal(f!.useful, true);
    });

    test('sessions: hashed tokens, expiry, kind', async () => {
      await store.reset();
      const s = await store.createSession('staff', null, 60_000);
      const rows = await store.db.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
      assert.ok(!rows.some((r) => r.id_hash === s.token), 'only a hash is stored');
      assert.equal((await store.getSession('staff', s.token))!.csrf, s.csrf);
      assert.equal(await store.getSession('resident', s.token), undefined);
      clock.advance(60_000);
      assert.equal(await store.getSession('staff', s.token), undefined);
    });

    test('embedded cases: upsert, owners, list per BSN', async () => {
      await store.reset();
      await store.upsertCase({ ...demoCases[0]!, bsns: ['1', '2'] });
      await store.upsertCase({ ...demoCases[1]!, bsns: ['2'] });
      await store.upsertCase({ ...demoCases[0]!, bsns: ['1'] });
      const got = await store.getCase(demoCases[0]!.status.reference);
      assert.deepEqual(got, { ...demoCases[0], bsns: ['1'], gemeente: 'default' });
      assert.deepEqual(
        (await store.listCasesForBsn('2')).map((c) => c.reference),
        [demoCases[1]!.status.reference],
      );
      assert.equal(await store.getCase('nope'), undefined);
    });

    test('LISTEN/NOTIFY', async () => {
      const got: string[] = [];
      const unlisten = await store.db.listen('dichtbij_test', (p) => got.push(p));
      await store.db.notify('dichtbij_test', 'hallo');
      for (let i = 0; i < 50 && !got.length; i++) await new Promise((r) => setTimeout(r, 20));
      await unlisten();
      assert.deepEqual(got, ['hallo']);
      await assert.rejects(
        store.db.listen('bad channel; DROP', () => undefined),
        /Invalid channel/,
      );
    });

    if (engine.name.startsWith('PGlite')) {
      test('an in-memory store can start from a cached image of the migrated database', async () => {
        const cache = mkdtempSync(join(tmpdir(), 'dichtbij-image-'));
        try {
          const first = await Store.open({ clock, pgliteImageCache: cache });
          const files = readdirSync(cache);
          assert.equal(files.length, 1);
          assert.match(files[0]!, /^pglite-[A-Za-z0-9_-]{16}\.tar$/);
          const second = await Store.open({ clock, pgliteImageCache: cache });
          try {
            const rows = await second.db.query<{ name: string }>('SELECT name FROM schema_migrations');
            assert.equal(rows.length, readMigrations().length);
            assert.notEqual(first.pseudonym('x'), second.pseudonym('x'), 'each store gets its own pseudonym key');
            await second.createFeedback('img', 'h', { id: randomUUID(), receivedAt: clock.now(), input: feedback() });
            assert.equal((await first.recentFeedback(5)).length, 0, 'separate databases');
          } finally {
            await first.close();
            await second.close();
          }
        } finally {
          rmSync(cache, { recursive: true, force: true });
        }
      });
    }

    if (engine.openSecond) {
      test('two instances on one database share rate limits, idempotency and migrate safely', async () => {
        await store.reset();
        const [b, c] = await Promise.all([engine.openSecond!(clock), engine.openSecond!(clock)]);
        try {
          assert.equal(b.pseudonym('x'), store.pseudonym('x'), 'same pseudonym key');
          await store.hitRateLimit('shared', 60_000);
          assert.equal((await b.hitRateLimit('shared', 60_000)).count, 2);
          assert.equal((await c.hitRateLimit('shared', 60_000)).count, 3);
          const hash = Store.bodyHash(feedback());
          const results = await Promise.all(
            [store, b, c, b, c].map((s) =>
              s.createFeedback('k-two', hash, { id: randomUUID(), receivedAt: clock.now(), input: feedback() }),
            ),
          );
          assert.equal(results.filter((r) => r.outcome === 'created').length, 1);
        } finally {
          await b.close();
          await c.close();
        }
      });
    }
  });
}
