// The reliability suite's fuzzing: every operation of the gateway's own OpenAPI document
// (/v1/openapi.json), requests generated from its JSON Schemas with fast-check and made hostile
// (see tests/support/openapi-fuzz.ts). For every answer: never a 5xx; the status is one the
// document declares for that operation; every 4xx is problem+json, and a validation answer
// (400/413/415/422) names the fields. On PGlite always, on PostgreSQL when it is installed.
// FUZZ_RUNS sets the requests per operation (default 200 on PGlite, 100 on PostgreSQL; an operation
// without parameters or body gets 10).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createGateway, Store, type Gateway } from '@dichtbij/gateway';
import { captureLogger, NO_LIMITS, PGLITE_IMAGE_CACHE, TestClock, TUESDAY_10 } from '../support/gateway-harness.ts';
import { operations, requestsFor, type FuzzRequest, type JsonSchema, type Operation } from '../support/openapi-fuzz.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const pgSkip = postgresUnavailable();
if (pgSkip) console.log(`# PostgreSQL fuzzing skipped: ${pgSkip}`);
let pg: TestPostgres | undefined;

const engines = [
  {
    name: 'PGlite',
    runs: RUNS || 200,
    open: (clock: TestClock) => Store.open({ clock, pgliteImageCache: PGLITE_IMAGE_CACHE }),
  },
  {
    name: 'PostgreSQL',
    runs: RUNS || 100,
    skip: pgSkip,
    async open(clock: TestClock) {
      pg = await startPostgres();
      return Store.open({ clock, databaseUrl: await pg.createDatabase() });
    },
  },
];

const VALIDATION = new Set([400, 413, 415, 422]);

type Body = Record<string, unknown>;
/** The rules of the routes that JSON Schema does not carry. */
const FIX = {
  submitFeedback(v: unknown) {
    const b = v as Body;
    if (b.variant === 'page') b.useful ??= true;
    else b.score ??= 7;
    if (b.callbackPhone) b.callbackPhone = '+31612345678';
    return b;
  },
  requestCallback(v: unknown) {
    const b = v as Body;
    b.phone = '+31612345678';
    b.preferred = { kind: 'asap' };
    return b;
  },
};
const CHAT_LIMITS = {
  messagesPerSession: { limit: 1e6, windowMs: 10_000 },
  messagesPerIp: { limit: 1e6, windowMs: 60_000 },
  startsPerIp: { limit: 1e6, windowMs: 60_000 },
};

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function send(gateway: Gateway, r: FuzzRequest): Promise<Answer> {
  const controller = new AbortController();
  const res = await gateway.app.request(r.url, { ...r.init, signal: controller.signal });
  const type = res.headers.get('content-type') ?? '';
  // An event stream stays open: the headers are the answer.
  const body = type.startsWith('text/event-stream') ? '' : await res.text();
  controller.abort();
  await res.body?.cancel().catch(() => undefined);
  return { status: res.status, type, body };
}

/** Why this answer breaks the contract, or undefined. */
function violation(op: Operation, a: Answer): string | undefined {
  if (a.status >= 500) return `answered ${a.status}`;
  if (!op.statuses.has(String(a.status)) && !op.statuses.has('default')) return `answered undeclared ${a.status}`;
  if (a.status < 400) return undefined;
  if (!a.type.startsWith('application/problem+json')) return `${a.status} as ${a.type || 'no content type'}`;
  let problem: { status?: unknown; errors?: { field?: unknown; message?: unknown }[] };
  try {
    problem = JSON.parse(a.body);
  } catch {
    return `${a.status} with a body that is not JSON`;
  }
  if (problem.status !== a.status) return `problem.status ${String(problem.status)} for ${a.status}`;
  if (VALIDATION.has(a.status)) {
    const errors = problem.errors;
    if (!Array.isArray(errors) || !errors.length) return `${a.status} without errors naming the field`;
    for (const e of errors) {
      if (typeof e.field !== 'string' || !e.field || typeof e.message !== 'string')
        return `bad error entry ${JSON.stringify(e)}`;
    }
  }
  return undefined;
}

for (const engine of engines) {
  describe(`fuzzing every route of the OpenAPI document, on ${engine.name}`, { skip: engine.skip ?? false }, () => {
    const clock = new TestClock(TUESDAY_10);
    const logger = captureLogger();
    let store: Store;
    let gateway: Gateway;
    let doc: JsonSchema;
    const chatIds: string[] = [];

    before(async () => {
      store = await engine.open(clock);
      gateway = await createGateway({
        store,
        clock,
        logger,
        jobs: false,
        limits: NO_LIMITS,
        demo: true,
        chat: { limits: CHAT_LIMITS },
      });
      doc = (await (await gateway.app.request('/v1/openapi.json')).json()) as JsonSchema;
      for (const locale of ['nl', 'en']) {
        const res = await gateway.app.request('/v1/chat/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locale }),
        });
        chatIds.push(((await res.json()) as { id: string }).id);
      }
    });
    after(async () => {
      await gateway?.close();
      await store?.close();
      await pg?.stop();
    });

    test('never a 5xx, only declared statuses, problem+json naming the field', async () => {
      const ops = operations(doc);
      assert.ok(ops.length >= 14, `${ops.length} operations in the document`);
      const seen = new Map<string, Map<number, number>>();
      const failures: string[] = [];
      let total = 0;
      for (const op of ops) {
        const counts = new Map<number, number>();
        seen.set(`${op.method} ${op.path}`, counts);
        const arbitrary = requestsFor(doc, op, {
          known: { id: () => chatIds, gemeente: () => ['', 'default'] },
          reusedKeys: ['fuzz-reused-1', 'fuzz-reused-2'],
          fix: FIX,
        });
        await fc.assert(
          fc.asyncProperty(arbitrary, async (r) => {
            total++;
            const answer = await send(gateway, r);
            counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
            const wrong = violation(op, answer);
            if (wrong)
              failures.push(`${op.method} ${r.url.slice(0, 120)} (${r.note}): ${wrong} ${answer.body.slice(0, 200)}`);
            assert.equal(wrong, undefined, `${op.method} ${r.url.slice(0, 120)} (${r.note}): ${wrong}`);
          }),
          { numRuns: op.parameters.length || op.bodySchema ? engine.runs : 10 },
        );
        // A new chat now and then, so a chat that ended or hit its limit is not all that is tried.
        const res = await gateway.app.request('/v1/chat/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"locale":"nl"}',
        });
        if (res.status === 201) chatIds.push(((await res.json()) as { id: string }).id);
      }
      const summary = [...seen].map(
        ([op, counts]) =>
          `${op}: ${[...counts]
            .sort()
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      );
      console.log(
        `# fuzz on ${engine.name}: ${total} requests over ${ops.length} operations\n# ${summary.join('\n# ')}`,
      );
      assert.deepEqual(failures, []);
      assert.ok(!logger.lines.some((l) => l.event === 'request.failed'), 'no request failed on the server');
      // The fuzzing reached past validation: records were stored and validation answers were given.
      const statuses = [...seen.values()].flatMap((m) => [...m.keys()]);
      for (const s of [200, 201, 400, 403, 404, 409, 415])
        assert.ok(statuses.includes(s), `some request answered ${s}`);
      assert.ok(
        (await store.recentFeedback(1)).length && (await store.recentCallbacks(1)).length,
        'records were stored',
      );
    });
  });
}

describe('the document declares what the routes answer', () => {
  let gateway: Gateway;
  let store: Store;
  let doc: JsonSchema;
  const clock = new TestClock(TUESDAY_10);
  before(async () => {
    store = await Store.open({ clock, pgliteImageCache: PGLITE_IMAGE_CACHE });
    gateway = await createGateway({
      store,
      clock,
      logger: captureLogger(),
      jobs: false,
      limits: { ...NO_LIMITS, postsPerIp: { limit: 40, windowMs: 60_000 } },
    });
    doc = (await (await gateway.app.request('/v1/openapi.json')).json()) as JsonSchema;
  });
  after(async () => {
    await gateway?.close();
    await store?.close();
  });

  const declared = (method: string, path: string) =>
    operations(doc).find((o) => o.method === method && o.path === path)!.statuses;

  test('403, 413, 415 and 422 on every POST with a body, 403 and 429 on every POST, 500 everywhere', async () => {
    const ops = operations(doc);
    for (const op of ops) {
      assert.ok(op.statuses.has('500'), `${op.method} ${op.path} declares 500`);
      if (op.method !== 'POST') continue;
      for (const s of ['403', '429']) assert.ok(op.statuses.has(s), `${op.method} ${op.path} declares ${s}`);
      if (op.bodySchema)
        for (const s of ['400', '413', '415', '422']) assert.ok(op.statuses.has(s), `${op.path} declares ${s}`);
    }
  });

  test('real answers of the chat POSTs: 403 for a foreign Origin, 413, 415, then 429 — all declared', async () => {
    const start = await gateway.app.request('/v1/chat/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"locale":"nl"}',
    });
    const { id } = (await start.json()) as { id: string };
    const cases: [string, RequestInit, number][] = [
      [
        '/v1/chat/sessions',
        { headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"locale":"nl"}' },
        403,
      ],
      [
        '/v1/chat/sessions',
        { headers: { 'content-type': 'application/json' }, body: `{"locale":"${'x'.repeat(20_000)}"}` },
        413,
      ],
      ['/v1/chat/sessions', { headers: { 'content-type': 'text/plain' }, body: '{"locale":"nl"}' }, 415],
      [
        `/v1/chat/sessions/${id}/messages`,
        { headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' },
        403,
      ],
      [
        `/v1/chat/sessions/${id}/messages`,
        { headers: { 'content-type': 'application/json' }, body: `{"text":"${'x'.repeat(20_000)}"}` },
        413,
      ],
      [`/v1/chat/sessions/${id}/messages`, { headers: { 'content-type': 'text/plain' }, body: '{}' }, 415],
      [`/v1/chat/sessions/${id}/agent`, { headers: { origin: 'https://evil.example' } }, 403],
      [`/v1/chat/sessions/${id}/end`, { headers: { origin: 'https://evil.example' } }, 403],
    ];
    for (const [path, init, expected] of cases) {
      const res = await gateway.app.request(path, { method: 'POST', ...init });
      assert.equal(res.status, expected, `${path} ${JSON.stringify(init.headers)}`);
      const template = path.replace(id, '{id}');
      assert.ok(declared('POST', template).has(String(res.status)), `${template} declares ${res.status}`);
    }
    // Past the per-IP POST limit every POST answers 429.
    let last = 0;
    for (let i = 0; i < 50 && last !== 429; i++) {
      last = (await gateway.app.request(`/v1/chat/sessions/${id}/end`, { method: 'POST' })).status;
    }
    assert.equal(last, 429);
    assert.ok(declared('POST', '/v1/chat/sessions/{id}/end').has('429'));
  });

  test('a failure on the server is the declared 500, as problem+json', async () => {
    gateway.deps.extendConfig(() => {
      throw new Error('the configuration source failed');
    });
    const res = await gateway.app.request('/v1/config');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.ok(declared('GET', '/v1/config').has('500'));
  });
});
