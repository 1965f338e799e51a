import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClient,
  gatewayAdapter,
  memoryAdapter,
  memoryStore,
  localStorageStore,
  DichtbijError,
  DEFAULT_OUTBOX_POLICY,
  Outbox,
  lazyGatewayAdapter,
  outboxDecision,
  type FeedbackInput,
  type OutboxFailedDetail,
  type OutboxItem,
  type OutboxRetryDetail,
} from '@dichtbij/sdk';
import { codeLoader } from '@dichtbij/sdk/code';
import { scriptedServer, json } from '../support/http-script.ts';

const feedback: FeedbackInput = {
  variant: 'score',
  score: 8,
  channel: 'e-mail',
  contact: 'KC-123',
  page: { url: 'https://www.example.nl/tevreden' },
  locale: 'nl',
};

const sent = (outbox: EventTarget) =>
  new Promise<{ id: string }>((resolve) =>
    outbox.addEventListener('sent', (e) => resolve((e as CustomEvent).detail), { once: true }),
  );

describe('outbox', () => {
  const servers: { close(): Promise<void> }[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  test('offline, then online: exactly one request is stored by the backend', async () => {
    let online = false;
    const stored = new Map<string, unknown>();
    const s = await scriptedServer((r, res) => {
      if (!online) {
        res.socket?.destroy(); // the network is down
        return;
      }
      const key = String(r.headers['idempotency-key']);
      const first = !stored.has(key);
      if (first) stored.set(key, JSON.parse(r.body));
      json(res, first ? 201 : 200, { id: `fb-${stored.size}`, receivedAt: new Date().toISOString() });
    });
    servers.push(s);
    const client = createClient({
      adapter: gatewayAdapter({ baseUrl: s.baseUrl, retries: 0 }),
      outboxStore: memoryStore(),
      retry: { baseDelay: 30, maxDelay: 60 },
    });
    const result = await client.feedback.submit(feedback);
    assert.equal(result.result, 'queued');
    assert.equal(await client.outbox.pending(), 1);
    assert.equal(stored.size, 0);

    online = true;
    // The browser's `online` event and the backoff timer may both fire: still one record.
    globalThis.dispatchEvent?.(new Event('online'));
    const done = await sent(client.outbox);
    await client.outbox.flush(true);
    assert.equal(done.id, result.id);
    assert.equal(stored.size, 1);
    assert.deepEqual([...stored.values()][0], feedback);
    assert.equal(await client.outbox.pending(), 0);
    const attemptsAfter = s.received.length;
    await client.outbox.flush(true);
    assert.equal(s.received.length, attemptsAfter, 'nothing is sent again once delivered');
    client.dispose();
  });

  test('a submission that reached the backend but lost its answer is not stored twice', async () => {
    const stored = new Map<string, unknown>();
    const s = await scriptedServer((r, res, n) => {
      const key = String(r.headers['idempotency-key']);
      if (!stored.has(key)) stored.set(key, r.body);
      if (n === 1)
        res.socket?.destroy(); // stored, but the answer never arrives
      else json(res, 200, { id: 'fb-1', receivedAt: new Date().toISOString() });
    });
    servers.push(s);
    const client = createClient({
      adapter: gatewayAdapter({ baseUrl: s.baseUrl, retries: 0 }),
      outboxStore: memoryStore(),
      retry: { baseDelay: 20 },
    });
    assert.equal((await client.feedback.submit(feedback)).result, 'queued');
    await sent(client.outbox);
    assert.equal(stored.size, 1);
    assert.equal(new Set(s.received.map((r) => r.headers['idempotency-key'])).size, 1);
    client.dispose();
  });

  test('invalid input is refused before anything is sent', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, outboxStore: memoryStore() });
    await assert.rejects(
      client.feedback.submit({ ...feedback, score: 11 }),
      (e: DichtbijError) => e.code === 'validation' && e.fields.some((f) => f.field === 'score'),
    );
    await assert.rejects(
      client.feedback.submit({ ...feedback, extra: '<script>' } as FeedbackInput),
      (e: DichtbijError) => e.code === 'validation',
    );
    assert.equal(adapter.calls.submitFeedback, 0);
  });

  test('a rate-limited submission is not queued: the caller is told', async () => {
    const adapter = memoryAdapter({
      fail: (op) =>
        op === 'submitFeedback' ? new DichtbijError('rate_limited', 'slow down', { retryAfter: 60 }) : undefined,
    });
    const client = createClient({ adapter, outboxStore: memoryStore() });
    await assert.rejects(client.feedback.submit(feedback), (e: DichtbijError) => e.code === 'rate_limited');
    assert.equal(await client.outbox.pending(), 0);
  });

  test('a queued item the backend later refuses for good is dropped and reported', async () => {
    let attempt = 0;
    const adapter = memoryAdapter({
      fail: (op) => {
        if (op !== 'submitFeedback') return undefined;
        attempt++;
        return attempt === 1 ? new DichtbijError('network', 'down') : new DichtbijError('validation', 'no');
      },
    });
    const client = createClient({ adapter, outboxStore: memoryStore(), retry: { baseDelay: 10 } });
    assert.equal((await client.feedback.submit(feedback)).result, 'queued');
    const failed = await new Promise((resolve) => client.outbox.addEventListener('failed', resolve, { once: true }));
    assert.ok(failed);
    assert.equal(await client.outbox.pending(), 0);
    client.dispose();
  });

  test('items queued by an earlier visit are sent when a new client starts', async () => {
    const store = memoryStore();
    const adapter = memoryAdapter();
    const item: OutboxItem = {
      key: 'left-over-key',
      ns: adapter.id,
      kind: 'feedback',
      payload: feedback,
      createdAt: Date.now() - 60_000,
      attempts: 3,
      nextAttemptAt: Date.now() - 1,
    };
    await store.save(item);
    const client = createClient({ adapter, outboxStore: store });
    await sent(client.outbox);
    assert.equal(adapter.received.feedback.length, 1);
    assert.equal(adapter.received.feedback[0]!.key, 'left-over-key');
    client.dispose();
  });

  test('localStorage store round-trips and removes its key when empty', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    } as Storage;
    const store = localStorageStore(storage);
    assert.equal(await store.mayHaveItems(), false, 'nothing is written before a submission');
    const item: OutboxItem = {
      key: 'a',
      ns: 'x',
      kind: 'feedback',
      payload: {},
      createdAt: 1,
      attempts: 1,
      nextAttemptAt: 2,
    };
    await store.save(item);
    assert.deepEqual(await store.load('x'), [item]);
    assert.deepEqual(await store.load('other'), []);
    await store.remove('a');
    assert.equal(data.size, 0);
  });
});

describe('createClient', () => {
  test('names what is missing from an adapter', () => {
    const adapter = { ...memoryAdapter(), requestCallback: undefined };
    assert.throws(() => createClient({ adapter: adapter as never }), /missing requestCallback/);
    const noChat = { ...memoryAdapter(), chat: { start() {} } };
    assert.throws(() => createClient({ adapter: noChat as never }), /chat\.get/);
    assert.throws(() => createClient({} as never), /adapter/);
  });

  test('refuses an unknown locale', () => {
    assert.throws(() => createClient({ adapter: memoryAdapter(), locale: 'fr' as never }), /unknown locale "fr"/);
  });

  test('fetches the config once for all callers and again after a failure', async () => {
    let fail = true;
    const adapter = memoryAdapter({
      fail: (op) => (op === 'getConfig' && fail ? new DichtbijError('network', 'down') : undefined),
    });
    const client = createClient({ adapter, outboxStore: memoryStore() });
    await assert.rejects(client.config.get());
    fail = false;
    const [a, b] = await Promise.all([client.config.get(), client.config.get()]);
    assert.equal(a, b);
    assert.equal(adapter.calls.getConfig, 2);
    const hours = await client.openingHours.get();
    assert.equal(typeof hours.isOpen(new Date()), 'boolean');
  });
});

describe('outbox policy (outboxDecision)', () => {
  const policy = { ...DEFAULT_OUTBOX_POLICY, baseDelay: 1000, maxDelay: 60_000, maxSameFailures: 3 };
  const base: OutboxItem = {
    key: 'k',
    ns: 'n',
    kind: 'feedback',
    payload: {},
    createdAt: 0,
    attempts: 1,
    nextAttemptAt: 0,
  };
  const err = (code: DichtbijError['code'], status?: number, retryAfter?: number) =>
    new DichtbijError(code, code, {
      ...(status === undefined ? {} : { status }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  /** Applies failures one after the other, as the outbox does; the decisions in order. */
  const run = (errors: DichtbijError[], now = 10) => {
    let item = base;
    return errors.map((e) => {
      const d = outboxDecision(item, e, now, policy);
      if (d.action === 'retry') item = d.item;
      return d;
    });
  };

  test('a refusal (4xx other than 408/429) stops at once', () => {
    for (const [code, status] of [
      ['validation', 422],
      ['validation', 400],
      ['unauthorized', 403],
      ['not_found', 404],
    ] as const) {
      assert.deepEqual(outboxDecision(base, err(code, status), 10, policy), { action: 'fail', reason: 'rejected' });
    }
  });

  test('the same 5xx N times in a row gives up; a different answer starts counting again', () => {
    const same = run([err('server', 500), err('server', 500), err('server', 500)]);
    assert.deepEqual(
      same.map((d) => d.action),
      ['retry', 'retry', 'fail'],
    );
    assert.deepEqual(same[2], { action: 'fail', reason: 'gave_up' });
    const mixed = run([err('server', 500), err('server', 502), err('server', 500), err('server', 500)]);
    assert.deepEqual(
      mixed.map((d) => d.action),
      ['retry', 'retry', 'retry', 'retry'],
    );
    // timeouts and answers not understood count the same way
    assert.equal(run([err('timeout'), err('timeout'), err('timeout')]).at(-1)!.action, 'fail');
    assert.equal(run([err('bad_response'), err('bad_response'), err('bad_response')]).at(-1)!.action, 'fail');
  });

  test('no connection is retried with doubling backoff up to maxDelay, not counted', () => {
    const decisions = run(Array.from({ length: 12 }, () => err('network')));
    assert.ok(decisions.every((d) => d.action === 'retry'));
    const delays = decisions.map((d) => (d.action === 'retry' ? d.item.nextAttemptAt - 10 : -1));
    assert.deepEqual(delays.slice(0, 5), [1000, 2000, 4000, 8000, 16000]);
    assert.equal(Math.max(...delays), 60_000);
  });

  test('too many attempts (429) waits the Retry-After, else backs off', () => {
    const d = run([err('rate_limited', 429, 90)])[0]!;
    assert.equal(d.action === 'retry' && d.item.nextAttemptAt, 10 + 90_000);
    const e = run([err('rate_limited', 429)])[0]!;
    assert.equal(e.action === 'retry' && e.item.nextAttemptAt, 10 + 1000);
  });

  test('an item older than maxAge gives up, even when only offline', () => {
    assert.deepEqual(outboxDecision(base, err('network'), policy.maxAge, policy), {
      action: 'fail',
      reason: 'gave_up',
    });
  });
});

describe('outbox: ends retrying', () => {
  const servers: { close(): Promise<void> }[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  test('a server that answers 500 every time: queued, then given up after maxSameFailures attempts', async () => {
    const s = await scriptedServer((_r, res) => json(res, 500, { title: 'Internal Server Error', status: 500 }));
    servers.push(s);
    const client = createClient({
      adapter: gatewayAdapter({ baseUrl: s.baseUrl, retries: 0 }),
      outboxStore: memoryStore(),
      retry: { baseDelay: 5, maxDelay: 20, maxSameFailures: 3 },
    });
    const retries: OutboxRetryDetail[] = [];
    client.outbox.addEventListener('retry', (e) => retries.push((e as CustomEvent<OutboxRetryDetail>).detail));
    const failed = new Promise<OutboxFailedDetail>((resolve) =>
      client.outbox.addEventListener('failed', (e) => resolve((e as CustomEvent<OutboxFailedDetail>).detail), {
        once: true,
      }),
    );
    const result = await client.feedback.submit(feedback);
    assert.deepEqual(result.result === 'queued' && result.reason, 'server');
    const detail = await failed;
    assert.equal(detail.id, result.id);
    assert.equal(detail.reason, 'gave_up');
    assert.deepEqual(detail.payload, feedback, 'what the resident wrote comes back with the failure');
    assert.equal(s.received.length, 3, 'first send + 2 retries, then it stops');
    assert.equal(new Set(s.received.map((r) => r.headers['idempotency-key'])).size, 1);
    assert.equal(retries.length, 1);
    assert.equal(await client.outbox.pending(), 0);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(s.received.length, 3, 'nothing more is sent once given up');
    client.dispose();
  });

  test('a 422 on the first send is not queued; on a queued item it stops at once', async () => {
    let n = 0;
    const s = await scriptedServer((_r, res) => {
      n++;
      if (n === 1) res.socket?.destroy();
      else json(res, 422, { title: 'Invalid', status: 422, errors: [{ field: 'comment', message: 'no' }] });
    });
    servers.push(s);
    const client = createClient({
      adapter: gatewayAdapter({ baseUrl: s.baseUrl, retries: 0 }),
      outboxStore: memoryStore(),
      retry: { baseDelay: 5 },
    });
    const failed = new Promise<OutboxFailedDetail>((resolve) =>
      client.outbox.addEventListener('failed', (e) => resolve((e as CustomEvent<OutboxFailedDetail>).detail), {
        once: true,
      }),
    );
    const result = await client.feedback.submit(feedback);
    assert.deepEqual(result.result === 'queued' && result.reason, 'network');
    const detail = await failed;
    assert.equal(detail.reason, 'rejected');
    assert.equal(s.received.length, 2);
    await assert.rejects(
      client.feedback.submit(feedback),
      (e: DichtbijError) => e.code === 'validation' && e.status === 422,
    );
    assert.equal(await client.outbox.pending(), 0);
    client.dispose();
  });
});

describe('outbox: queued before the code arrived', () => {
  test('a raw submission is validated when the code arrives, then sent once', async () => {
    const adapter = memoryAdapter();
    let codeThere = false;
    const validated: unknown[] = [];
    const outbox = new Outbox({
      adapter,
      store: memoryStore(),
      baseDelay: 5,
      validate: async (_kind, payload) => {
        if (!codeThere) throw new DichtbijError('network', 'code not loaded');
        validated.push(payload);
        return payload;
      },
    });
    const queued = await outbox.enqueueRaw('feedback', feedback);
    assert.deepEqual(queued, { result: 'queued', id: queued.id, reason: 'network' });
    await outbox.flush(true);
    assert.equal(adapter.calls.submitFeedback, 0, 'not sent unvalidated');
    assert.equal(await outbox.pending(), 1);
    codeThere = true;
    const done = sent(outbox);
    await outbox.flush(true);
    assert.equal((await done).id, queued.id);
    assert.equal(adapter.calls.submitFeedback, 1);
    assert.deepEqual(validated, [feedback]);
    assert.equal(await outbox.pending(), 0);
    outbox.dispose();
  });

  test('a raw submission that turns out invalid is reported, not sent', async () => {
    const adapter = memoryAdapter();
    const outbox = new Outbox({
      adapter,
      store: memoryStore(),
      validate: async () => {
        throw new DichtbijError('validation', 'score');
      },
    });
    const failed = new Promise<OutboxFailedDetail>((resolve) =>
      outbox.addEventListener('failed', (e) => resolve((e as CustomEvent<OutboxFailedDetail>).detail), { once: true }),
    );
    const queued = await outbox.enqueueRaw('feedback', { ...feedback, score: 11 });
    await outbox.flush(true);
    const detail = await failed;
    assert.equal(detail.id, queued.id);
    assert.equal(detail.reason, 'rejected');
    assert.equal(adapter.calls.submitFeedback, 0);
    outbox.dispose();
  });

  test('a reload while queued: the next page sends the same key; two pages at once still store one', async () => {
    const stored = new Map<string, number>();
    const adapter = memoryAdapter();
    const store = memoryStore();
    const first = new Outbox({ adapter, store, baseDelay: 60_000 });
    const key = (await first.enqueueRaw('feedback', feedback)).id;
    first.dispose(); // the page goes away
    const counting = {
      ...adapter,
      submitFeedback: async (input: FeedbackInput, o: { idempotencyKey: string }) => {
        stored.set(o.idempotencyKey, (stored.get(o.idempotencyKey) ?? 0) + 1);
        return adapter.submitFeedback(input, o);
      },
    };
    const validate = async (_k: string, p: unknown) => p;
    const a = new Outbox({ adapter: counting, store, validate });
    const b = new Outbox({ adapter: counting, store, validate });
    await Promise.all([a.flush(true), b.flush(true)]);
    assert.deepEqual([...stored.entries()], [[key, 1]]);
    assert.equal(await a.pending(), 0);
    a.dispose();
    b.dispose();
  });
});

describe('codeLoader', () => {
  test('a failed load is tried again on the next call, not remembered', async () => {
    let calls = 0;
    const load = codeLoader(async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { ok: true };
    });
    await assert.rejects(load(), (e: DichtbijError) => e instanceof DichtbijError && e.code === 'network');
    assert.deepEqual(await load(), { ok: true });
    assert.deepEqual(await load(), { ok: true });
    assert.equal(calls, 2);
  });

  test('nothing is fetched while the browser says it is offline', async () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    let onLine = false;
    Object.defineProperty(globalThis, 'navigator', { configurable: true, get: () => ({ onLine }) });
    try {
      let calls = 0;
      const load = codeLoader(async () => ++calls);
      await assert.rejects(load(), (e: DichtbijError) => e.code === 'network');
      assert.equal(calls, 0);
      onLine = true;
      assert.equal(await load(), 1);
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });

  test('the lazy gateway adapter loads again after a failure (prepare)', async () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    let onLine = false;
    Object.defineProperty(globalThis, 'navigator', { configurable: true, get: () => ({ onLine }) });
    try {
      const adapter = lazyGatewayAdapter({ baseUrl: 'http://127.0.0.1:9' });
      await assert.rejects(adapter.prepare!(), (e: DichtbijError) => e.code === 'network');
      onLine = true;
      await adapter.prepare!();
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});
