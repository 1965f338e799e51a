// The gateway adapter's chat part: a rate-limited send is reported at once (the panel keeps the
// text) while network errors and 5xx are retried with the same clientId; the SSE subscription
// resumes after the last seq on every (re)connect, drops doubles, and stops with `not_found` when
// the server refuses the stream because the chat is gone. EventSource is a fake here (Node 20).
import { after, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DichtbijError, gatewayAdapter, type ChatConnectionState, type ChatMessage } from '@dichtbij/sdk';
import { json, scriptedServer } from '../support/http-script.ts';

const servers: { close(): Promise<void> }[] = [];
after(() => Promise.all(servers.map((s) => s.close())));
const serve = async (handler: Parameters<typeof scriptedServer>[0]) => {
  const s = await scriptedServer(handler);
  servers.push(s);
  return s;
};
const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  seq,
  from: 'bot',
  text: `bericht ${seq}`,
  at: '2026-11-24T09:00:00Z',
  ...extra,
});

describe('chat send', () => {
  test('429 is not waited out: rate_limited with retryAfter at once, one request', async () => {
    const s = await serve((_r, res) =>
      json(res, 429, { status: 429, title: 'Too many', retryAfter: 4 }, { 'Retry-After': '4' }),
    );
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    const error = await adapter.chat.send('chat-1', { text: 'hallo', clientId: 'client-0001' }).then(
      () => assert.fail('should fail'),
      (e: unknown) => e as DichtbijError,
    );
    assert.ok(error instanceof DichtbijError);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfter, 4);
    assert.equal(s.received.length, 1);
  });

  test('a 503 is retried with the same body (clientId): the gateway stores it once', async () => {
    const s = await serve((req, res, n) =>
      n === 1
        ? json(res, 503, { status: 503, title: 'busy' })
        : json(res, 201, message(3, { from: 'resident', text: 'hallo', clientId: 'client-0001' })),
    );
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    const sent = await adapter.chat.send('chat-1', { text: 'hallo', clientId: 'client-0001' });
    assert.equal(sent.seq, 3);
    assert.equal(s.received.length, 2);
    assert.deepEqual(
      s.received.map((r) => JSON.parse(r.body)),
      [
        { text: 'hallo', clientId: 'client-0001' },
        { text: 'hallo', clientId: 'client-0001' },
      ],
    );
    assert.equal(s.received[0]!.url, '/v1/chat/sessions/chat-1/messages');
  });
});

describe('chat start', () => {
  test('a 503 is not retried: starting has no idempotency key, so a retry could open a second chat', async () => {
    const s = await serve((_r, res, n) =>
      n === 1
        ? json(res, 503, { status: 503, title: 'busy' }, { 'Retry-After': '0' })
        : json(res, 201, { id: 'chat-2', state: 'bot', position: null }),
    );
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    const error = await adapter.chat.start({ locale: 'nl' }).then(
      () => assert.fail('start should fail on the 503'),
      (e: unknown) => e as DichtbijError,
    );
    assert.ok(error instanceof DichtbijError);
    assert.equal(error.code, 'server');
    assert.equal(error.status, 503);
    assert.equal(s.received.length, 1, 'exactly one POST');
    assert.equal(s.received[0]!.method, 'POST');
    assert.equal(s.received[0]!.url, '/v1/chat/sessions');
    // The resident's "Opnieuw proberen" is a new, deliberate start.
    assert.equal((await adapter.chat.start({ locale: 'nl' })).id, 'chat-2');
    assert.equal(s.received.length, 2);
  });

  test('a network failure is not retried either', async () => {
    let destroyed = 0;
    const s = await serve((_r, res) => {
      destroyed++;
      res.socket?.destroy();
    });
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    await assert.rejects(
      adapter.chat.start({ locale: 'en' }),
      (e: unknown) => e instanceof DichtbijError && e.code === 'network',
    );
    assert.equal(destroyed, 1);
    assert.equal(s.received.length, 1);
  });

  test('the other chat calls keep their retries (idempotent state changes)', async () => {
    const s = await serve((_r, res, n) =>
      n === 1 ? json(res, 503, { status: 503, title: 'busy' }) : json(res, 200, { id: 'chat-1', state: 'ended' }),
    );
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    assert.equal((await adapter.chat.end('chat-1')).state, 'ended');
    assert.equal(s.received.length, 2);
  });
});

// ── a fake EventSource ────────────────────────────────────────────────────────────────────

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  listeners = new Map<string, ((e: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: { data: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(type: string, data: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data) });
  }
  /** The connection dropped; the browser reconnects by itself (CONNECTING) or gives up (CLOSED). */
  fail(giveUp: boolean) {
    this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.();
  }
}

describe('chat subscribe (SSE)', () => {
  const original = (globalThis as { EventSource?: unknown }).EventSource;
  afterEach(() => {
    (globalThis as { EventSource?: unknown }).EventSource = original;
    FakeEventSource.instances = [];
  });
  const install = () => ((globalThis as { EventSource?: unknown }).EventSource = FakeEventSource);

  test('resumes after the last seq, drops doubles and bad events, reports the connection', async () => {
    install();
    const s = await serve((_r, res) => json(res, 200, { id: 'chat-1', state: 'bot' }));
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1 });
    const got: number[] = [];
    const states: ChatConnectionState[] = [];
    const errors: string[] = [];
    const sub = adapter.chat.subscribe(
      'chat-1',
      { onMessage: (m) => got.push(m.seq), onConnection: (c) => states.push(c), onError: (e) => errors.push(e.code) },
      { lastSeq: 1 },
    );
    const first = FakeEventSource.instances[0]!;
    assert.equal(first.url, `${s.baseUrl}/v1/chat/sessions/chat-1/events?after=1`);
    first.open();
    first.emit('message', message(2));
    first.emit('message', message(2)); // double
    first.emit('message', message(1)); // old
    first.emit('message', { seq: 'x' }); // malformed
    first.emit('message', message(3));
    // the browser reconnects by itself (Last-Event-ID); a replay of 3 is dropped
    first.fail(false);
    first.open();
    first.emit('message', message(3));
    first.emit('message', message(4));
    assert.deepEqual(got, [2, 3, 4]);
    assert.deepEqual(errors, ['bad_response']);
    assert.deepEqual(states, ['connecting', 'open', 'reconnecting', 'open']);
    // the server refused the stream (e.g. a restart answered 503): the chat still exists, so it reopens after the last seq
    first.fail(true);
    await new Promise((r) => setTimeout(r, 1300));
    const second = FakeEventSource.instances[1]!;
    assert.equal(second.url, `${s.baseUrl}/v1/chat/sessions/chat-1/events?after=4`);
    assert.equal(first.closed, true);
    second.open();
    second.emit('message', message(5));
    assert.deepEqual(got, [2, 3, 4, 5]);
    sub.close();
    assert.equal(second.closed, true);
    assert.equal(states.at(-1), 'closed');
  });

  test('a chat that is gone (404): not_found once, no more reconnects', async () => {
    install();
    const s = await serve((_r, res) => json(res, 404, { status: 404, title: 'Not found' }));
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 1, retries: 0 });
    const errors: string[] = [];
    const states: ChatConnectionState[] = [];
    adapter.chat.subscribe('chat-gone', {
      onMessage: () => undefined,
      onError: (e) => errors.push(e.code),
      onConnection: (c) => states.push(c),
    });
    FakeEventSource.instances[0]!.fail(true);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(errors, ['not_found']);
    assert.equal(states.at(-1), 'closed');
    await new Promise((r) => setTimeout(r, 1300));
    assert.equal(FakeEventSource.instances.length, 1);
  });
});
