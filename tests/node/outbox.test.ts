import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClient,
  gatewayAdapter,
  memoryAdapter,
  memoryStore,
  localStorageStore,
  DichtbijError,
  type FeedbackInput,
  type OutboxItem,
} from '@dichtbij/sdk';
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
