import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayAdapter, DichtbijError, demoConfig, type FeedbackInput } from '@dichtbij/sdk';
import { scriptedServer, json } from '../support/http-script.ts';

const feedback: FeedbackInput = {
  variant: 'page',
  useful: true,
  channel: 'website',
  page: { url: 'https://www.example.nl/paspoort' },
  locale: 'nl',
};
const receipt = { id: 'fb-1', receivedAt: '2026-11-25T10:00:00Z' };

async function rejection(promise: Promise<unknown>): Promise<DichtbijError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DichtbijError, `expected a DichtbijError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('gatewayAdapter', () => {
  const servers: { close(): Promise<void> }[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  const serve = async (handler: Parameters<typeof scriptedServer>[0]) => {
    const s = await scriptedServer(handler);
    servers.push(s);
    return s;
  };

  test('parses the config and strips unknown extra fields', async () => {
    const s = await serve((_r, res) => json(res, 200, { ...demoConfig, extra: '<img src=x onerror=alert(1)>' }));
    const config = await gatewayAdapter({ baseUrl: s.baseUrl }).getConfig();
    assert.equal(config.name, demoConfig.name);
    assert.equal('extra' in config, false);
    assert.equal(s.received[0]!.url, '/v1/config');
  });

  test('accepts a baseUrl that already ends in /v1/', async () => {
    const s = await serve((_r, res) => json(res, 200, demoConfig));
    await gatewayAdapter({ baseUrl: `${s.baseUrl}/v1/` }).getConfig();
    assert.equal(s.received[0]!.url, '/v1/config');
  });

  test('a malformed response becomes a bad_response error (the answer was not understood), not a crash', async () => {
    const s = await serve((_r, res) => json(res, 200, { name: 42, phone: null, __proto__: { polluted: true } }));
    const error = await rejection(gatewayAdapter({ baseUrl: s.baseUrl }).getConfig());
    assert.equal(error.code, 'bad_response');
    assert.equal(error.transient, true);
    assert.ok(error.fields.some((f) => f.field === 'name'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('invalid JSON becomes a bad_response error', async () => {
    const s = await serve((_r, res) => json(res, 200, '{"name": "Gemeente", '));
    const error = await rejection(gatewayAdapter({ baseUrl: s.baseUrl }).getConfig());
    assert.equal(error.code, 'bad_response');
  });

  test('hostile values that break the schema (javascript: URL, oversize) are refused', async () => {
    const s = await serve((_r, res, n) =>
      json(
        res,
        200,
        n === 1 ? { ...demoConfig, privacyUrl: 'javascript:alert(1)' } : { ...demoConfig, name: 'x'.repeat(10_000) },
      ),
    );
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl });
    assert.equal((await rejection(adapter.getConfig())).code, 'bad_response');
    assert.equal((await rejection(adapter.getConfig())).code, 'bad_response');
  });

  test('sends the idempotency key and the body on POST', async () => {
    const s = await serve((_r, res) => json(res, 201, receipt));
    const result = await gatewayAdapter({ baseUrl: s.baseUrl }).submitFeedback(feedback, { idempotencyKey: 'key-123' });
    assert.deepEqual(result, receipt);
    const [r] = s.received;
    assert.equal(r!.method, 'POST');
    assert.equal(r!.url, '/v1/feedback');
    assert.equal(r!.headers['idempotency-key'], 'key-123');
    assert.deepEqual(JSON.parse(r!.body), feedback);
  });

  test('retries 503 with backoff and then succeeds, with the same idempotency key', async () => {
    const s = await serve((_r, res, n) => (n < 3 ? json(res, 503, { title: 'busy' }) : json(res, 201, receipt)));
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl, backoff: 20 });
    assert.deepEqual(await adapter.submitFeedback(feedback, { idempotencyKey: 'k' }), receipt);
    assert.equal(s.received.length, 3);
    assert.deepEqual(
      s.received.map((r) => r.headers['idempotency-key']),
      ['k', 'k', 'k'],
    );
  });

  test('honours a short Retry-After on 429 before retrying', async () => {
    const s = await serve((_r, res, n) =>
      n === 1 ? json(res, 429, { title: 'Too many' }, { 'retry-after': '1' }) : json(res, 200, demoConfig),
    );
    await gatewayAdapter({ baseUrl: s.baseUrl, backoff: 10 }).getConfig();
    assert.equal(s.received.length, 2);
    const waited = s.received[1]!.at - s.received[0]!.at;
    assert.ok(waited >= 900, `waited only ${waited} ms for Retry-After: 1`);
  });

  test('a long Retry-After is not waited for: rate_limited with retryAfter', async () => {
    const s = await serve((_r, res) =>
      json(res, 429, { title: 'Too many', detail: 'Probeer het later opnieuw' }, { 'retry-after': '120' }),
    );
    const error = await rejection(gatewayAdapter({ baseUrl: s.baseUrl }).getConfig());
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryAfter, 120);
    assert.equal(s.received.length, 1);
  });

  test('gives up after the retry limit with a server error', async () => {
    const s = await serve((_r, res) => json(res, 500, { title: 'boom' }));
    const error = await rejection(gatewayAdapter({ baseUrl: s.baseUrl, retries: 2, backoff: 5 }).getConfig());
    assert.equal(error.code, 'server');
    assert.equal(error.status, 500);
    assert.equal(s.received.length, 3);
  });

  test('maps statuses and problem+json fields to typed errors', async () => {
    const s = await serve((r, res) => {
      if (r.url.endsWith('/cases/Z-1')) return json(res, 404, { title: 'Not found' });
      if (r.url.endsWith('/cases')) return json(res, 401, { title: 'Log in' });
      res.writeHead(422, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Invalid', status: 422, errors: [{ field: 'phone', message: 'Not callable' }] }));
    });
    const adapter = gatewayAdapter({ baseUrl: s.baseUrl });
    assert.equal((await rejection(adapter.getCase('Z-1'))).code, 'not_found');
    assert.equal((await rejection(adapter.listCases())).code, 'unauthorized');
    const invalid = await rejection(
      adapter.requestCallback(
        { phone: '+31612345678', preferred: { kind: 'asap' }, locale: 'nl' },
        { idempotencyKey: 'k2' },
      ),
    );
    assert.equal(invalid.code, 'validation');
    assert.deepEqual(invalid.fields, [{ field: 'phone', message: 'Not callable' }]);
  });

  test('sends the case check as a header, never in the URL', async () => {
    const s = await serve((_r, res) => json(res, 404, {}));
    await rejection(gatewayAdapter({ baseUrl: s.baseUrl }).getCase('Z-2026-0142', { check: '4191 AB' }));
    assert.equal(s.received[0]!.headers['dichtbij-check'], '4191 AB');
    assert.equal(s.received[0]!.url.includes('4191'), false);
  });

  test('a request that hangs ends in a timeout error', async () => {
    const s = await serve(() => {
      /* never answer */
    });
    const error = await rejection(gatewayAdapter({ baseUrl: s.baseUrl, timeout: 150, retries: 0 }).getConfig());
    assert.equal(error.code, 'timeout');
  });

  test('an unreachable backend is a network error', async () => {
    const s = await serve((_r, res) => json(res, 200, {}));
    const url = s.baseUrl;
    await s.close();
    const error = await rejection(gatewayAdapter({ baseUrl: url, retries: 0 }).getConfig());
    assert.equal(error.code, 'network');
  });

  test("the caller's AbortSignal cancels the request", async () => {
    const s = await serve(() => {
      /* never answer */
    });
    const controller = new AbortController();
    const pending = gatewayAdapter({ baseUrl: s.baseUrl }).getConfig({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
  });

  test('refuses a baseUrl that is not http(s)', () => {
    assert.throws(() => gatewayAdapter({ baseUrl: 'ftp://x' }), /baseUrl/);
  });
});
