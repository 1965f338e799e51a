// The gateway holds its ground over real sockets on 127.0.0.1: TRUST_PROXY takes the right-most
// untrusted X-Forwarded-For address (a forged one bypasses no limit), server timeouts (headers,
// request, keep-alive; a stalled body is cut), connection and event-stream limits (429/503
// problem+json with Retry-After), and a 413 the client can read, sent before the body is read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { hashPassword, optionsFromEnv, startGateway, type RunningGateway, type StartOptions } from '@dichtbij/gateway';
import { proxyTrust } from '../../packages/gateway/src/http/proxy.ts';
import { captureLogger, feedbackBody, newKey, NO_LIMITS, PGLITE_IMAGE_CACHE } from '../support/gateway-harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];
const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

async function start(options: StartOptions = {}): Promise<RunningGateway> {
  const running = await startGateway({
    logger: captureLogger(),
    pgliteImageCache: PGLITE_IMAGE_CACHE,
    jobs: false,
    limits: NO_LIMITS,
    ...options,
  });
  cleanups.push(() => running.close());
  return running;
}

interface RawResult {
  text: string;
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** The socket error, e.g. ECONNRESET (undefined when it closed cleanly). */
  error: string | undefined;
  /** ms from the first write until the server closed the connection. */
  closedAfter: number;
}

/** Writes `parts` (with `gapMs` between them) on a fresh socket and reads until the server closes. */
function raw(
  port: number,
  parts: (string | Buffer)[],
  options: { gapMs?: number; boundMs?: number; socket?: net.Socket } = {},
): Promise<RawResult> {
  const { gapMs = 0, boundMs = 8_000 } = options;
  return new Promise((resolve, reject) => {
    const socket = options.socket ?? net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const started = Date.now();
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${boundMs} ms; got ${Buffer.concat(chunks).toString().slice(0, 200)}`));
    }, boundMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => {
      clearTimeout(bound);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({
        text,
        status: status ? Number(status) : undefined,
        headers,
        body: rest.join('\r\n\r\n'),
        error,
        closedAfter: Date.now() - started,
      });
    });
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i && gapMs) await new Promise((r) => setTimeout(r, gapMs));
        if (socket.destroyed) return;
        socket.write(part);
      }
    })();
  });
}

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

const postFeedback = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), ...headers },
    body: JSON.stringify(feedbackBody()),
  });

describe('TRUST_PROXY: the right-most untrusted X-Forwarded-For address', () => {
  test('hop counts and proxy lists pick the address the last trusted proxy saw', () => {
    const one = proxyTrust(1);
    assert.equal(one.client('127.0.0.1', '203.0.113.9'), '203.0.113.9');
    assert.equal(one.client('127.0.0.1', '1.1.1.1, 203.0.113.9'), '203.0.113.9', 'a forged left entry is ignored');
    assert.equal(one.client('127.0.0.1', undefined), '127.0.0.1', 'no header: the peer');
    const two = proxyTrust('2');
    assert.equal(two.client('10.0.0.1', 'forged, 203.0.113.9, 10.0.0.2'), '203.0.113.9');
    assert.equal(two.client('10.0.0.1', '203.0.113.9'), '203.0.113.9', 'fewer hops than trusted: the left-most');
    const list = proxyTrust('127.0.0.1, 10.0.0.0/8, fd00::/8');
    assert.equal(list.client('127.0.0.1', 'forged, 203.0.113.9, 10.1.2.3, 10.9.9.9'), '203.0.113.9');
    assert.equal(list.client('::ffff:127.0.0.1', '[2001:db8::7]:443, fd00::1'), '2001:db8::7');
    assert.equal(list.client('198.51.100.1', '203.0.113.9'), '198.51.100.1', 'an untrusted peer is the client');
    assert.equal(list.trusts('10.200.0.1'), true);
    assert.equal(list.trusts('11.0.0.1'), false);
    assert.equal(proxyTrust('0').enabled, false);
    assert.equal(proxyTrust(false).client('::ffff:192.0.2.1', '203.0.113.9'), '192.0.2.1');
    assert.throws(() => proxyTrust('10.0.0.0/33'), /TRUST_PROXY/);
    assert.throws(() => proxyTrust('proxy.example'), /TRUST_PROXY/);
  });

  for (const [label, trustProxy, xff] of [
    ['TRUST_PROXY=1', 1, (forged: string) => `${forged}, 198.51.100.7`],
    ['a proxy list', '127.0.0.1, 10.0.0.0/8', (forged: string) => `${forged}, 198.51.100.7, 10.1.2.3`],
  ] as const) {
    test(`behind ${label} a forged leading X-Forwarded-For bypasses no per-IP limit`, async () => {
      const running = await start({
        trustProxy,
        kcc: { passwordHash },
        limits: {
          ...NO_LIMITS,
          postsPerIp: { limit: 3, windowMs: 60_000 },
          caseLookupsPerIp: { limit: 2, windowMs: 600_000 },
          loginPerIp: { limit: 2, windowMs: 900_000 },
        },
      });
      const base = running.baseUrl;
      // posts
      for (const i of [1, 2, 3])
        assert.equal((await postFeedback(base, { 'x-forwarded-for': xff(`192.0.2.${i}`) })).status, 201);
      const fourth = await postFeedback(base, { 'x-forwarded-for': xff('192.0.2.4') });
      assert.equal(fourth.status, 429, 'the limit trips whatever the client writes in front');
      assert.ok(Number(fourth.headers.get('retry-after')) > 0);
      const other = await postFeedback(base, {
        'x-forwarded-for': xff('192.0.2.3').replace('198.51.100.7', '198.51.100.8'),
      });
      assert.equal(other.status, 201, 'another real client is counted on its own');
      // case lookups
      const lookup = (forged: string) =>
        fetch(`${base}/v1/cases/Z-2026-000001`, {
          headers: { 'x-forwarded-for': xff(forged), 'dichtbij-check': '1234AB' },
        });
      assert.equal((await lookup('192.0.2.10')).status, 404);
      assert.equal((await lookup('192.0.2.11')).status, 404);
      assert.equal((await lookup('192.0.2.12')).status, 429);
      // staff logins: two failures, then the right password from "another" forged address is refused
      const login = async (forged: string, password: string) => {
        // another real client than the posts above (every POST counts against the post limit)
        const headers = { 'x-forwarded-for': xff(forged).replace('198.51.100.7', '198.51.100.9') };
        const form = await fetch(`${base}/kcc/login`, { headers });
        const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
        const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
        return fetch(`${base}/kcc/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ csrf, password }).toString(),
        });
      };
      assert.equal((await login('192.0.2.20', 'gok-een-wachtwoord')).status, 401);
      assert.equal((await login('192.0.2.21', 'gok-twee-wachtwoord')).status, 401);
      const locked = await login('192.0.2.22', PASSWORD);
      assert.equal(locked.status, 429);
      assert.match(await locked.text(), /Te veel mislukte pogingen/, 'the login limit, not the post limit');
    });
  }
});

describe('settings from the environment', () => {
  test('TRUST_PROXY, timeouts, connection, stream and login limits', async () => {
    const logger = captureLogger();
    const options = await optionsFromEnv(
      {
        TRUST_PROXY: '10.0.0.0/8, 192.0.2.7',
        HEADERS_TIMEOUT_SECONDS: '5',
        REQUEST_TIMEOUT_SECONDS: '20',
        KEEP_ALIVE_TIMEOUT_SECONDS: '3',
        MAX_CONNECTIONS: '900',
        MAX_CONNECTIONS_PER_IP: '40',
        MAX_EVENT_STREAMS: '300',
        MAX_EVENT_STREAMS_PER_IP: '8',
        KCC_LOGIN_FAILURES_PER_IP: '6',
        KCC_LOGIN_FAILURES_PER_ACCOUNT: '30',
        KCC_LOGIN_WINDOW_MINUTES: '20',
      },
      logger,
    );
    assert.equal(options.trustProxy, '10.0.0.0/8, 192.0.2.7');
    assert.deepEqual(options.server, {
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 20_000,
      keepAliveTimeoutMs: 3_000,
      maxConnections: 900,
      maxConnectionsPerIp: 40,
    });
    assert.deepEqual(options.streams, { maxStreams: 300, maxStreamsPerIp: 8 });
    assert.deepEqual(options.limits?.loginPerIp, { limit: 6, windowMs: 20 * 60_000 });
    assert.deepEqual(options.limits?.loginPerAccount, { limit: 30, windowMs: 20 * 60_000 });
    assert.equal((await optionsFromEnv({ TRUST_PROXY: '2' }, logger)).trustProxy, 2);
    assert.equal((await optionsFromEnv({ TRUST_PROXY: '0' }, logger)).trustProxy, undefined);
    await assert.rejects(optionsFromEnv({ TRUST_PROXY: 'proxy.internal' }, logger), /TRUST_PROXY/);
    await assert.rejects(optionsFromEnv({ MAX_EVENT_STREAMS: 'veel' }, logger), /MAX_EVENT_STREAMS/);
    await assert.rejects(
      optionsFromEnv({ HEADERS_TIMEOUT_SECONDS: '60', REQUEST_TIMEOUT_SECONDS: '30' }, logger),
      /HEADERS_TIMEOUT_SECONDS/,
    );
  });
});

describe('server timeouts', () => {
  test('a stalled body is cut after the request timeout with a 408 problem', async () => {
    const running = await start({ server: { requestTimeoutMs: 400, headersTimeoutMs: 300 } });
    const res = await raw(running.port, [
      head([
        'POST /v1/feedback HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Idempotency-Key: ${newKey()}`,
        'Content-Length: 200',
      ]),
      '{"variant":"page",',
    ]);
    assert.equal(res.status, 408, res.text);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(JSON.parse(res.body).status, 408);
    assert.ok(res.closedAfter >= 350 && res.closedAfter < 2_500, `closed after ${res.closedAfter} ms`);
    assert.equal(await running.store.db.query('SELECT 1 FROM feedback').then((r) => r.length), 0);
  });

  test('headers that never finish are cut after the headers timeout', async () => {
    const running = await start({ server: { headersTimeoutMs: 300, requestTimeoutMs: 5_000 } });
    const res = await raw(running.port, ['GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n']);
    assert.equal(res.status, 408);
    assert.ok(res.closedAfter < 2_500, `closed after ${res.closedAfter} ms`);
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const running = await start({ server: { keepAliveTimeoutMs: 300 } });
    const res = await raw(running.port, [head(['GET /healthz HTTP/1.1', 'Host: 127.0.0.1'])]);
    assert.equal(res.status, 200);
    assert.match(res.headers['keep-alive'] ?? '', /timeout=0?/);
    assert.ok(res.closedAfter >= 250 && res.closedAfter < 2_500, `closed after ${res.closedAfter} ms`);
  });
});

describe('connection limits', () => {
  const open = async (port: number) => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    cleanups.push(() => void socket.destroy());
    return socket;
  };

  test('one address over its connection limit gets a 429 problem with Retry-After, not a hang', async () => {
    const running = await start({ server: { maxConnectionsPerIp: 3, headersTimeoutMs: 5_000 } });
    const held = await Promise.all([open(running.port), open(running.port), open(running.port)]);
    const res = await raw(running.port, [head(['GET /healthz HTTP/1.1', 'Host: 127.0.0.1'])]);
    assert.equal(res.status, 429, res.text);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(JSON.parse(res.body).type, 'urn:dichtbij:problem:rate-limited');
    assert.equal(res.error, undefined);
    // A closed connection frees its place.
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(
      (await raw(running.port, [head(['GET /healthz HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close'])])).status,
      200,
    );
  });

  test('over the total the answer is 503 problem with Retry-After', async () => {
    const running = await start({ server: { maxConnections: 2, headersTimeoutMs: 5_000 } });
    await Promise.all([open(running.port), open(running.port)]);
    const res = await raw(running.port, [head(['GET /healthz HTTP/1.1', 'Host: 127.0.0.1'])]);
    assert.equal(res.status, 503, res.text);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.equal(JSON.parse(res.body).type, 'urn:dichtbij:problem:server-busy');
  });

  test('a trusted proxy’s connections count only in the total', async () => {
    const running = await start({
      trustProxy: '127.0.0.1',
      server: { maxConnectionsPerIp: 1, maxConnections: 10, headersTimeoutMs: 5_000 },
    });
    await Promise.all([open(running.port), open(running.port)]);
    const res = await raw(running.port, [head(['GET /healthz HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close'])]);
    assert.equal(res.status, 200);
  });
});

describe('event-stream limits', () => {
  const startChat = async (base: string) => {
    const res = await fetch(`${base}/v1/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'nl' }),
    });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };
  const stream = (base: string, id: string, ip?: string) => {
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    return fetch(`${base}/v1/chat/sessions/${id}/events`, {
      signal: controller.signal,
      headers: ip ? { 'x-forwarded-for': ip } : {},
    }).then((res) => ({ res, close: () => controller.abort() }));
  };

  test('per client address: 429 problem with Retry-After over the limit; a closed stream frees its place', async () => {
    const running = await start({ streams: { maxStreamsPerIp: 2, maxStreams: 100 } });
    const id = await startChat(running.baseUrl);
    const a = await stream(running.baseUrl, id);
    const b = await stream(running.baseUrl, id);
    assert.equal(a.res.status, 200);
    assert.equal(b.res.status, 200);
    const c = await stream(running.baseUrl, id);
    assert.equal(c.res.status, 429);
    assert.match(c.res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.ok(Number(c.res.headers.get('retry-after')) > 0);
    assert.equal(running.gateway.deps.streams.open, 2);
    a.close();
    const deadline = Date.now() + 3_000;
    while (running.gateway.deps.streams.open > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(running.gateway.deps.streams.open, 1, 'the aborted stream was released');
    assert.equal((await stream(running.baseUrl, id)).res.status, 200);
  });

  test('in total: 503 problem with Retry-After (clients behind a trusted proxy)', async () => {
    const running = await start({ trustProxy: 1, streams: { maxStreamsPerIp: 5, maxStreams: 3 } });
    const id = await startChat(running.baseUrl);
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      assert.equal((await stream(running.baseUrl, id, ip)).res.status, 200);
    const full = await stream(running.baseUrl, id, '203.0.113.4');
    assert.equal(full.res.status, 503);
    assert.ok(Number(full.res.headers.get('retry-after')) > 0);
    assert.equal(((await full.res.json()) as { status: number }).status, 503);
  });
});

describe('413 before the body is read', () => {
  const big = Buffer.alloc(1_000_000, 'a');

  test('an oversize body in one write: the client reads the 413 problem, no reset', async () => {
    const running = await start();
    for (let i = 0; i < 5; i++) {
      const request = Buffer.concat([
        Buffer.from(
          head([
            'POST /v1/feedback HTTP/1.1',
            'Host: 127.0.0.1',
            'Content-Type: application/json',
            `Idempotency-Key: ${newKey()}`,
            `Content-Length: ${big.length}`,
          ]),
        ),
        big,
      ]);
      const res = await raw(running.port, [request]);
      assert.equal(res.status, 413, res.text.slice(0, 200));
      assert.equal(res.error, undefined, 'closed cleanly');
      assert.equal(res.headers.connection, 'close');
      const problem = JSON.parse(res.body) as { type: string; errors: { field: string }[] };
      assert.equal(problem.type, 'urn:dichtbij:problem:payload-too-large');
      assert.equal(problem.errors[0]!.field, '(body)');
    }
  });

  test('the same with fetch', async () => {
    const running = await start();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${running.baseUrl}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: big,
      });
      assert.equal(res.status, 413);
      assert.equal(((await res.json()) as { status: number }).status, 413);
    }
  });

  test('a chunked body is cut at the limit with 413', async () => {
    const running = await start({ bodyLimit: 1_000 });
    const chunk = (data: string) => `${data.length.toString(16)}\r\n${data}\r\n`;
    const res = await raw(
      running.port,
      [
        head([
          'POST /v1/feedback HTTP/1.1',
          'Host: 127.0.0.1',
          'Content-Type: application/json',
          `Idempotency-Key: ${newKey()}`,
          'Transfer-Encoding: chunked',
        ]),
        chunk('{"comment":"' + 'x'.repeat(600)),
        chunk('x'.repeat(600)),
        chunk('x'.repeat(600)),
      ],
      { gapMs: 20 },
    );
    assert.equal(res.status, 413, res.text.slice(0, 200));
    assert.equal(JSON.parse(res.body).status, 413);

    const streamed = await fetch(`${running.baseUrl}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(600)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
  });
});
