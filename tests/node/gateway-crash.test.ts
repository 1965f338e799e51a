// kill -9 during a burst: a gateway process takes a burst of POST /v1/feedback and
// POST /v1/callback-requests (each with its own Idempotency-Key) and is killed with SIGKILL
// while requests are in flight. It is started again on the same data (a PGlite data directory,
// or PostgreSQL), every request that was not acknowledged is sent again with its key, and then:
// every acknowledged record is there, with the id its receipt named, and none is stored twice.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@dichtbij/gateway';
import { TestClock } from '../support/gateway-harness.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const TOTAL = 160; // requests in the burst, half feedback, half callback requests
const CONCURRENCY = 8;
const KILL_AFTER = 50; // acknowledged answers before the kill

const LIMITS = {
  RATE_LIMIT_POSTS_PER_MINUTE: '1000000',
  RATE_LIMIT_CALLBACKS_PER_PHONE_PER_HOUR: '1000000',
};

interface Submission {
  i: number;
  path: '/v1/feedback' | '/v1/callback-requests';
  key: string;
  body: string;
  /** The receipt's id once acknowledged (201, or 200 for a replay). */
  id?: string;
  status?: number;
}

function submissions(run: string): Submission[] {
  return Array.from({ length: TOTAL }, (_, i) => {
    const marker = `burst ${run} ${i}`;
    const feedback = i % 2 === 0;
    return {
      i,
      path: feedback ? '/v1/feedback' : '/v1/callback-requests',
      key: `crash-${run}-${i}`,
      body: JSON.stringify(
        feedback
          ? {
              variant: 'page',
              useful: false,
              comment: marker,
              channel: 'website',
              page: { url: 'https://www.gemeente.nl/afval' },
              locale: 'nl',
            }
          : {
              phone: `+31612${String(100000 + i).slice(-6)}`,
              name: marker,
              question: 'Wanneer wordt het grofvuil opgehaald?',
              preferred: { kind: 'asap' },
              locale: 'nl',
            },
      ),
    };
  });
}

async function send(baseUrl: string, s: Submission): Promise<boolean> {
  try {
    const res = await fetch(baseUrl + s.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
      body: s.body,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 200) throw new Error(`${s.path} answered ${res.status}: ${text}`);
    s.status = res.status;
    s.id = (JSON.parse(text) as { id: string }).id;
    return true;
  } catch (error) {
    if ((error as Error).message.includes('answered')) throw error;
    return false; // no answer: the connection broke (the process was killed)
  }
}

interface Engine {
  name: string;
  skip?: string | undefined;
  env(): Promise<Record<string, string>>;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

let pg: TestPostgres | undefined;
const pgSkip = postgresUnavailable();
if (pgSkip) console.log(`# PostgreSQL crash test skipped: ${pgSkip}`);
const clock = new TestClock(new Date());

function engines(): Engine[] {
  const dir = mkdtempSync(join(tmpdir(), 'dichtbij-crash-'));
  let url = '';
  return [
    {
      name: 'PGlite with a data directory',
      env: async () => ({ DICHTBIJ_DATA_DIR: join(dir, 'data') }),
      open: () => Store.open({ clock, dataDir: join(dir, 'data') }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      name: 'PostgreSQL',
      skip: pgSkip,
      async env() {
        if (!url) {
          pg = await startPostgres();
          url = await pg.createDatabase();
        }
        return { DATABASE_URL: url };
      },
      open: () => Store.open({ clock, databaseUrl: url }),
      cleanup: async () => pg?.stop(),
    },
  ];
}

for (const engine of engines()) {
  describe(`kill -9 during a burst, on ${engine.name}`, { skip: engine.skip ?? false }, () => {
    let running: GatewayProcess | undefined;
    after(async () => {
      await running?.kill9();
      await engine.cleanup();
    });

    test('every acknowledged record is kept, none is doubled after re-sending with the same keys', async () => {
      const env = { ...LIMITS, ...(await engine.env()) };
      running = await startGatewayProcess(env);
      const run = String(Date.now());
      const all = submissions(run);
      const queue = [...all];
      let acked = 0;
      let killing: Promise<void> | undefined;
      const baseUrl = running.baseUrl;
      const gateway = running;
      let killed = false;
      const worker = async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          if (killed) {
            queue.unshift(s);
            return;
          }
          if (await send(baseUrl, s)) acked++;
          // A few milliseconds later, so the kill lands while other requests are being handled.
          if (acked >= KILL_AFTER && !killing) {
            killing = new Promise((r) => setTimeout(r, Math.random() * 8))
              .then(() => gateway.kill9())
              .then(() => void (killed = true));
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await killing;
      const before = all.filter((s) => s.id);
      const unacked = all.filter((s) => !s.id);
      assert.ok(before.length >= KILL_AFTER && unacked.length > 0, `${before.length} acknowledged before the kill`);

      // Start again on the same data; send what was not acknowledged, with its key.
      running = await startGatewayProcess(env);
      const resend = [...unacked];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let s = resend.shift(); s; s = resend.shift())
            assert.ok(await send(running!.baseUrl, s), `re-send ${s.i}`);
        }),
      );
      const replayed = unacked.filter((s) => s.status === 200).length;
      // An acknowledged request sent again is answered from the store: the same record.
      for (const s of before.filter((x) => x.i % 10 === 0)) {
        const first = s.id;
        assert.ok(await send(running.baseUrl, s));
        assert.equal(s.status, 200, `replay of ${s.i}`);
        assert.equal(s.id, first);
      }
      await running.stop();
      running = undefined;

      const store = await engine.open();
      try {
        const feedback = await store.db.query<{ id: string; comment: string }>(
          `SELECT id, comment FROM feedback WHERE comment LIKE $1`,
          [`burst ${run} %`],
        );
        const callbacks = await store.db.query<{ id: string; name: string }>(
          `SELECT id, name FROM callback_requests WHERE name LIKE $1`,
          [`burst ${run} %`],
        );
        const stored = new Map<string, string>();
        for (const r of feedback) stored.set(r.comment, r.id);
        for (const r of callbacks) stored.set(r.name, r.id);
        assert.equal(feedback.length + callbacks.length, TOTAL, 'one record per submission');
        assert.equal(stored.size, TOTAL, 'no submission stored twice');
        for (const s of all)
          assert.equal(stored.get(`burst ${run} ${s.i}`), s.id, `submission ${s.i} has its receipt's id`);
        const [keys] = await store.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE $1`,
          [`crash-${run}-%`],
        );
        assert.equal(Number(keys!.n), TOTAL);
        console.log(
          `# kill -9 on ${engine.name}: ${before.length} acknowledged before the kill, ${unacked.length} re-sent (${replayed} had been stored before the kill), ${TOTAL} records, none doubled`,
        );
      } finally {
        await store.close();
      }
    });
  });
}
