// GET /v1/cases/{reference} (anonymous, with the check from the letter; no oracle; rate-limited)
// and GET /v1/cases ("mijn zaken": the auth hook or the DEMO login; filtered by BSN server-side).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CaseListSchema, CaseStatusSchema, ProblemSchema, demoCases } from '@dichtbij/sdk';
import { DEMO_BSN, Hono, type CaseSource } from '@dichtbij/gateway';
import { NO_LIMITS, closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

const [dakkapel, bijstand] = demoCases;
const lookup = (
  t: Awaited<ReturnType<typeof testGateway>>,
  reference: string,
  check?: string,
  headers: Record<string, string> = {},
) =>
  t.request(`/v1/cases/${encodeURIComponent(reference)}`, {
    headers: { ...(check === undefined ? {} : { 'Dichtbij-Check': check }), ...headers },
  });

describe('anonymous lookup', () => {
  test('reference + check (postcode in any notation) gives the non-personal summary', async () => {
    const t = await testGateway({ demo: true });
    for (const check of ['4191 AB', '4191ab', ' 4191-ab ']) {
      const res = await lookup(t, dakkapel!.status.reference, check);
      assert.equal(res.status, 200, check);
      assert.equal(res.headers.get('cache-control'), 'private, no-store');
      const body = await res.json();
      assert.deepEqual(CaseStatusSchema.parse(body), dakkapel!.status);
      const text = JSON.stringify(body);
      assert.ok(!text.includes(DEMO_BSN), 'no BSN');
      assert.ok(!/4191/.test(text), 'the check is not echoed');
    }
  });

  test('unknown reference and wrong check give the very same 404 (no oracle)', async () => {
    const t = await testGateway({ demo: true });
    const wrongCheck = await lookup(t, dakkapel!.status.reference, '1234 ZZ');
    const unknown = await lookup(t, 'Z-2026-9999', '4191 AB');
    const otherCasesCheck = await lookup(t, bijstand!.status.reference, '4191 AB');
    const garbage = await lookup(t, '../../etc/passwd', '4191 AB');
    const bodies = await Promise.all([wrongCheck, unknown, otherCasesCheck, garbage].map((r) => r.text()));
    for (const r of [wrongCheck, unknown, otherCasesCheck, garbage]) assert.equal(r.status, 404);
    assert.equal(new Set(bodies).size, 1, 'identical bodies');
    assert.equal(ProblemSchema.parse(JSON.parse(bodies[0]!)).status, 404);
    assert.equal(
      new Set([wrongCheck, unknown].map((r) => JSON.stringify([...r.headers].filter(([k]) => k !== 'date')))).size,
      1,
      'identical headers',
    );
  });

  test('a case without a check cannot be looked up anonymously', async () => {
    const t = await testGateway();
    await t.store.upsertCase({ status: { ...dakkapel!.status, reference: 'Z-NOCHECK' } });
    assert.equal((await lookup(t, 'Z-NOCHECK', '')).status, 400, 'an empty check is a missing check');
    assert.equal((await lookup(t, 'Z-NOCHECK', 'anything')).status, 404);
  });

  test('a missing check is a 400 naming the Dichtbij-Check header', async () => {
    const t = await testGateway({ demo: true });
    const res = await lookup(t, dakkapel!.status.reference);
    assert.equal(res.status, 400);
    assert.deepEqual(ProblemSchema.parse(await res.json()).errors, [
      { field: 'Dichtbij-Check', message: 'Required header' },
    ]);
  });

  test('anonymous lookups are rate-limited per IP: 429 with Retry-After', async () => {
    const t = await testGateway({
      demo: true,
      limits: { ...NO_LIMITS, caseLookupsPerIp: { limit: 3, windowMs: 600_000 } },
    });
    for (let i = 0; i < 3; i++) assert.equal((await lookup(t, `Z-GUESS-${i}`, '4191 AB')).status, 404);
    const limited = await lookup(t, dakkapel!.status.reference, '4191 AB');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '600');
    assert.equal(ProblemSchema.parse(await limited.json()).retryAfter, 600);
    t.clock.advance(600_000);
    assert.equal((await lookup(t, dakkapel!.status.reference, '4191 AB')).status, 200);
  });

  test('a failing case source is a 503 problem; garbage from it a 502, never a half case', async () => {
    const down: CaseSource = {
      name: 'down',
      get: () => Promise.reject(new Error('ECONNREFUSED 10.0.0.1')),
      listForBsn: () => Promise.reject(new Error('down')),
    };
    const t = await testGateway({ caseSource: down, auth: () => ({ bsn: '111222333' }) });
    const res = await lookup(t, 'Z-1', '1234AB');
    assert.equal(res.status, 503);
    assert.equal(ProblemSchema.parse(await res.json()).status, 503);
    assert.equal((await t.request('/v1/cases')).status, 503);
    assert.ok(!t.logger.text().includes('10.0.0.1'), 'error messages are not logged');

    const garbage: CaseSource = {
      name: 'garbage',
      get: async () => ({ status: { reference: 'Z-1', title: '<b>x</b>' } as never, check: '1234AB' }),
      listForBsn: async () => [{ nonsense: true } as never],
    };
    const g = await testGateway({ caseSource: garbage, auth: () => ({ bsn: '111222333' }) });
    assert.equal((await lookup(g, 'Z-1', '1234AB')).status, 502);
    assert.equal((await g.request('/v1/cases')).status, 502);
  });
});

describe('mijn zaken', () => {
  test('without a login: 401 problem', async () => {
    const t = await testGateway({ demo: true });
    const res = await t.request('/v1/cases');
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('the auth hook decides the resident; cases are filtered by BSN on the server; no BSN in the answer', async () => {
    const t = await testGateway({
      auth: (request) => {
        const who = request.headers.get('x-test-resident');
        return who ? { bsn: who } : undefined;
      },
    });
    await t.store.upsertCase({ ...dakkapel!, bsns: ['111111110'] });
    await t.store.upsertCase({ ...bijstand!, bsns: ['222222220'] });
    await t.store.upsertCase({
      status: { ...dakkapel!.status, reference: 'Z-SHARED' },
      bsns: ['111111110', '222222220'],
    });
    const mine = await t.request('/v1/cases', { headers: { 'x-test-resident': '111111110' } });
    assert.equal(mine.status, 200);
    assert.equal(mine.headers.get('cache-control'), 'private, no-store');
    const text = await mine.text();
    const list = CaseListSchema.parse(JSON.parse(text));
    assert.deepEqual(list.cases.map((c) => c.reference).sort(), ['Z-2026-0142', 'Z-SHARED']);
    assert.ok(!text.includes('111111110') && !text.includes('222222220'));
    const nobody = await t.request('/v1/cases', { headers: { 'x-test-resident': '333333330' } });
    assert.deepEqual(await nobody.json(), { cases: [] });

    // The owner may look up a case without the check; someone else may not.
    const own = await lookup(t, bijstand!.status.reference, undefined, { 'x-test-resident': '222222220' });
    assert.equal(own.status, 200);
    const notOwn = await lookup(t, bijstand!.status.reference, undefined, { 'x-test-resident': '111111110' });
    assert.equal(notOwn.status, 404);
  });

  test('DEMO login: a clearly marked page, a session for the fake BSN, logout; only in demo mode', async () => {
    const t = await testGateway({ demo: true });
    const page = await t.request('/demo-login');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /DEMO — dit is geen DigiD/);

    const login = await t.request('/demo-login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'return=%2Fdemo%2Fmijn-zaken',
    });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/demo/mijn-zaken');
    const setCookie = login.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;

    const list = await t.request('/v1/cases', { headers: { cookie } });
    assert.equal(list.status, 200);
    const text = await list.text();
    assert.equal(CaseListSchema.parse(JSON.parse(text)).cases.length, demoCases.length);
    assert.ok(!text.includes(DEMO_BSN));

    const logout = await t.request('/demo-logout', { method: 'POST', headers: { cookie } });
    assert.equal(logout.status, 303);
    assert.equal((await t.request('/v1/cases', { headers: { cookie } })).status, 401);

    const evilReturn = await t.request('/demo-login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'return=https%3A%2F%2Fevil.example%2F',
    });
    assert.equal(evilReturn.headers.get('location'), '/demo/mijn-zaken', 'no open redirect');

    const prod = await testGateway();
    assert.equal((await prod.request('/demo-login')).status, 404);
    assert.equal((await prod.request('/demo-login', { method: 'POST' })).status, 404);
  });
});

describe('ZGW proxy mount', () => {
  test('a configured proxy is mounted at /zgw with the gateway’s resident, lookup limit and CORS', async () => {
    const t = await testGateway({
      corsOrigins: ['https://www.gemeente.nl'],
      limits: { ...NO_LIMITS, caseLookupsPerIp: { limit: 1, windowMs: 600_000 } },
      auth: (request) => (request.headers.get('x-test-resident') ? { bsn: '123456782' } : undefined),
      zgwProxy: (hooks) => {
        const app = new Hono();
        app.get('/zaken/api/v1/zaken', async (c) => {
          const stop = await hooks.guard(c);
          if (stop) return stop;
          return c.json({ loggedIn: !!(await hooks.resident(c)) });
        });
        return app;
      },
    });
    const first = await t.request('/zgw/zaken/api/v1/zaken', {
      headers: { origin: 'https://www.gemeente.nl', 'x-test-resident': '1' },
    });
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { loggedIn: true });
    assert.equal(first.headers.get('access-control-allow-origin'), 'https://www.gemeente.nl');
    assert.equal((await t.request('/zgw/zaken/api/v1/zaken')).status, 429, 'the case-lookup limit applies');
    const unknown = await t.request('/zgw/other');
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /problem\+json/);
  });
});
