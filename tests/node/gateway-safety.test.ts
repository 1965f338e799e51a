// Safe by default: CORS allowlist, security headers, rate limits in the database (per IP, per
// phone, shared by instances), and logs without personal data.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProblemSchema } from '@dichtbij/sdk';
import { createGateway } from '@dichtbij/gateway';
import {
  NO_LIMITS,
  callbackBody,
  captureLogger,
  closeSharedStore,
  feedbackBody,
  newKey,
  sharedStore,
  testGateway,
} from '../support/gateway-harness.ts';

after(closeSharedStore);

const ALLOWED = 'https://www.gemeente.nl';

describe('CORS', () => {
  test('preflight from an allowed origin: the headers the widgets need; from others: none', async () => {
    const t = await testGateway({ corsOrigins: [ALLOWED, 'http://localhost:*'] });
    const preflight = (origin: string) =>
      t.request('/v1/feedback', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      });
    const ok = await preflight(ALLOWED);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Dichtbij-Check/);
    assert.equal(
      (await preflight('http://localhost:6006')).headers.get('access-control-allow-origin'),
      'http://localhost:6006',
    );
    const evil = await preflight('https://evil.example');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.equal(
      (await preflight('https://www.gemeente.nl.evil.example')).headers.get('access-control-allow-origin'),
      null,
    );

    const get = await t.request('/v1/config', { headers: { origin: ALLOWED } });
    assert.equal(get.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.match(get.headers.get('vary') ?? '', /Origin/);
    const evilGet = await t.request('/v1/config', { headers: { origin: 'https://evil.example' } });
    assert.equal(evilGet.status, 200);
    assert.equal(evilGet.headers.get('access-control-allow-origin'), null);
  });

  test('a write from an origin that is not allowed is refused and not stored', async () => {
    const t = await testGateway({ corsOrigins: [ALLOWED] });
    const res = await t.post('/v1/feedback', feedbackBody(), { headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await t.store.recentFeedback(5)).length, 0);
    const allowed = await t.post('/v1/feedback', feedbackBody(), { headers: { origin: ALLOWED } });
    assert.equal(allowed.status, 201);
    const sameOrigin = await t.post('/v1/feedback', feedbackBody(), { headers: { origin: 'http://localhost' } });
    assert.equal(sameOrigin.status, 201, 'the gateway’s own origin (demo site) is always fine');
  });

  test('CORS_ORIGINS refuses "*" and things that are not origins', async () => {
    await assert.rejects(testGateway({ corsOrigins: ['*'] }), /not allowed/);
    await assert.rejects(testGateway({ corsOrigins: ['https://www.gemeente.nl/path'] }), /not an origin/);
  });
});

describe('security headers', () => {
  test('API answers: nosniff, no referrer, no framing, a CSP that loads nothing; no cookies', async () => {
    const t = await testGateway({ demo: true });
    for (const res of [
      await t.request('/v1/config'),
      await t.post('/v1/feedback', feedbackBody()),
      await t.request('/v1/cases'),
    ]) {
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
      assert.equal(res.headers.get('set-cookie'), null, 'resident API answers never set cookies');
    }
  });

  test('console and demo pages: strict CSP without inline script or style', async () => {
    const t = await testGateway({ demo: true });
    for (const path of ['/kcc/login', '/demo/', '/demo-login']) {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/, path);
      assert.match(csp, /style-src 'self'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      const html = await res.text();
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${path}: no inline script`);
      assert.doesNotMatch(html, /<style|\sstyle=/i, `${path}: no inline style`);
      assert.doesNotMatch(html, /\son[a-z]+=/i, `${path}: no event handler attributes`);
    }
  });

  test('the demo page embeds the widgets the CMS way: one module script + elements', async () => {
    const t = await testGateway({ demo: true });
    const html = await (await t.request('/demo/?theme=olst-wijhe')).text();
    assert.match(html, /<script type="module" src="\/dichtbij\.js"><\/script>/);
    assert.equal(html.match(/<script/g)?.length, 1);
    for (const el of [
      'dichtbij-config',
      'dichtbij-feedback',
      'dichtbij-bel-me',
      'dichtbij-status-tracker',
      'dichtbij-chat-launcher',
    ]) {
      assert.match(html, new RegExp(`<${el}[\\s>]`), el);
    }
    assert.match(html, /class="dichtbij-theme--olst-wijhe"/);
    assert.match(html, /href="\/themes\/olst-wijhe\.css"/);
    assert.match(html, /<dichtbij-config\s+api="http:\/\/localhost"\s+locale="nl"/);
    const css = await t.request('/themes/olst-wijhe.css');
    assert.ok(css.status === 200 || css.status === 404, 'served when the themes are built');
    assert.equal((await t.request('/themes/..%2F..%2Fpackage.json')).status, 404);
  });
});

describe('rate limits', () => {
  test('every POST is limited per IP: 429 problem with Retry-After, then allowed again', async () => {
    const t = await testGateway({ limits: { ...NO_LIMITS, postsPerIp: { limit: 2, windowMs: 60_000 } } });
    assert.equal((await t.post('/v1/feedback', feedbackBody())).status, 201);
    assert.equal((await t.post('/v1/callback-requests', callbackBody())).status, 201);
    t.clock.advance(15_000);
    const limited = await t.post('/v1/feedback', feedbackBody());
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '45');
    const problem = ProblemSchema.parse(await limited.json());
    assert.equal(problem.retryAfter, 45);
    assert.equal((await t.store.recentFeedback(5)).length, 1, 'nothing stored when limited');
    t.clock.advance(45_000);
    assert.equal((await t.post('/v1/feedback', feedbackBody())).status, 201);
  });

  test('callbacks are limited per phone number (3 per hour); a retry of a stored request does not count', async () => {
    const t = await testGateway({ limits: { ...NO_LIMITS, callbacksPerPhone: { limit: 3, windowMs: 3_600_000 } } });
    const key = newKey();
    assert.equal((await t.post('/v1/callback-requests', callbackBody(), { key })).status, 201);
    assert.equal((await t.post('/v1/callback-requests', callbackBody(), { key })).status, 200);
    assert.equal((await t.post('/v1/callback-requests', callbackBody({ question: 'twee' }))).status, 201);
    assert.equal((await t.post('/v1/callback-requests', callbackBody({ question: 'drie' }))).status, 201);
    const limitedKey = newKey();
    const fourth = await t.post('/v1/callback-requests', callbackBody({ question: 'vier' }), { key: limitedKey });
    assert.equal(fourth.status, 429);
    assert.equal(fourth.headers.get('retry-after'), '3600');
    assert.equal(
      (await t.post('/v1/callback-requests', callbackBody({ phone: '+31687654321' }))).status,
      201,
      'another phone',
    );
    assert.equal((await t.store.listCallbacks()).length, 4);
    // The limited request left nothing behind, not even its idempotency key.
    t.clock.advance(3_600_000);
    assert.equal(
      (await t.post('/v1/callback-requests', callbackBody({ question: 'vier' }), { key: limitedKey })).status,
      201,
    );
  });

  test('limits live in the database: two gateway instances on one store share them', async () => {
    const { store, clock } = await sharedStore();
    await store.reset();
    const limits = { ...NO_LIMITS, postsPerIp: { limit: 3, windowMs: 60_000 } };
    const a = await createGateway({ store, clock, limits, jobs: false, logger: captureLogger() });
    const b = await createGateway({ store, clock, limits, jobs: false, logger: captureLogger() });
    const send = (g: typeof a) =>
      g.app.request('/v1/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify(feedbackBody()),
      });
    assert.equal((await send(a)).status, 201);
    assert.equal((await send(b)).status, 201);
    assert.equal((await send(a)).status, 201);
    assert.equal((await send(b)).status, 429);
    assert.equal((await send(a)).status, 429);
    const rows = await store.db.query<{ key: string }>('SELECT key FROM rate_limits');
    assert.ok(
      rows.every((r) => !r.key.includes('unknown') && /^post:[A-Za-z0-9_-]{32}$/.test(r.key)),
      'subjects are pseudonymised',
    );
  });
});

describe('logs', () => {
  test('log method, route template, status and duration; never bodies, phones, names, BSNs, references or query strings', async () => {
    const t = await testGateway({ demo: true });
    const secret = {
      phone: '+31612345678',
      name: 'Wilhelmina Geheim',
      question: 'Mijn BSN is 999993653 en mijn IBAN NL91ABNA0417164300',
    };
    await t.post('/v1/callback-requests', callbackBody(secret));
    await t.post('/v1/callback-requests', callbackBody({ ...secret, phone: '+319001234567' }));
    await t.post('/v1/feedback', feedbackBody({ comment: 'Wilhelmina Geheim woont op Dorpsstraat 1' }));
    await t.post('/v1/feedback', '{"comment": "Wilhelmina Geheim", broken');
    await t.request('/v1/cases/Z-2026-0142?bsn=999993653', { headers: { 'Dichtbij-Check': '4191 AB' } });
    await t.request('/v1/cases/Z-2026-0077', { headers: { 'Dichtbij-Check': '0000 XX' } });
    await t.request('/kcc/login?next=Wilhelmina');

    const text = t.logger.text();
    for (const forbidden of [
      '612345678',
      '9001234567',
      'Wilhelmina',
      'Geheim',
      '999993653',
      'NL91',
      'Dorpsstraat',
      'Z-2026',
      '4191',
      '0000 XX',
      'bsn=',
      '?',
    ]) {
      assert.ok(!text.includes(forbidden), `log contains ${forbidden}`);
    }
    const requests = t.logger.lines.filter((l) => l.event === 'request');
    assert.ok(requests.length >= 7);
    for (const line of requests) assert.deepEqual(Object.keys(line.fields).sort(), ['method', 'ms', 'route', 'status']);
    const routes = requests.map((l) => `${l.fields.method} ${l.fields.route} ${l.fields.status}`);
    assert.ok(routes.includes('POST /v1/callback-requests 201'), routes.join('\n'));
    assert.ok(routes.includes('POST /v1/callback-requests 400'));
    assert.ok(routes.includes('GET /v1/cases/:reference 200'));
    assert.ok(routes.includes('GET /v1/cases/:reference 404'));
  });
});
