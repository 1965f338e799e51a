// Several gemeenten in one gateway (a werkorganisatie): the configuration (single and multi),
// every API route and record scoped to the request's gemeente (another gemeente's record is a
// 404), and the console showing staff only their gemeenten: the shared login with a configured
// list, and a REAL OpenID provider (oidc-provider on 127.0.0.1:0) with a gemeenten claim.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoCases, demoConfig, gatewayAdapter, lazyGatewayAdapter, type GemeenteConfig } from '@dichtbij/sdk';
import { hashPassword } from '../../packages/gateway/src/kcc/password.ts';
import { gemeentenFromClaim, identityFromSubject } from '../../packages/gateway/src/kcc/staff.ts';
import { parseTenants, staffScope, type MultiGemeenteConfig } from '../../packages/gateway/src/tenants.ts';
import {
  callbackBody,
  closeSharedStore,
  feedbackBody,
  newKey,
  testGateway,
  type TestGateway,
} from '../support/gateway-harness.ts';
import { OIDC_CLIENT, OIDC_GATEWAY, StaffBrowser, startOidcProvider, type TestProvider } from '../support/oidc.ts';

after(closeSharedStore);

const druten: GemeenteConfig = {
  ...demoConfig,
  name: 'Gemeente Druten',
  theme: 'druten-wijchen',
  phone: '14 0487',
  callback: { ...demoConfig.callback, topics: [{ id: 'afval', label: 'Afval' }], withinMinutes: 60 },
};
const wijchen: GemeenteConfig = {
  ...demoConfig,
  name: 'Gemeente Wijchen',
  theme: 'voorbeeld',
  phone: '14 024',
  openingHours: { ...demoConfig.openingHours, weekly: { ...demoConfig.openingHours.weekly, tue: [] } },
  callback: { ...demoConfig.callback, topics: [{ id: 'parkeren', label: 'Parkeervergunning' }], withinMinutes: 120 },
};
const MULTI: MultiGemeenteConfig = { gemeenten: { druten, wijchen }, default: 'druten' };

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('configuration: one gemeente or several', () => {
  test('a single-gemeente configuration (today’s shape) is the one gemeente `default`', async () => {
    const tenants = await parseTenants(demoConfig);
    assert.equal(tenants.multi, false);
    assert.deepEqual(tenants.ids, ['default']);
    assert.equal(tenants.default.config.name, demoConfig.name);
    assert.equal(tenants.get('wijchen'), undefined);
    // Everyone sees everything in a single-gemeente gateway (no scope).
    assert.equal(staffScope(tenants, { via: 'oidc', gemeenten: [] }), undefined);
  });

  test('several gemeenten: each its own validated configuration, a default', async () => {
    const tenants = await parseTenants(MULTI);
    assert.equal(tenants.multi, true);
    assert.deepEqual(tenants.ids, ['druten', 'wijchen']);
    assert.equal(tenants.default.id, 'druten');
    assert.equal(tenants.get('wijchen')!.config.phone, '14 024');
    assert.equal(tenants.get('wijchen')!.hours.isOpenOn('2026-11-24'), false, 'Wijchen’s own hours (closed Tuesday)');
    assert.equal(tenants.get('druten')!.hours.isOpenOn('2026-11-24'), true);
    assert.equal((await parseTenants({ gemeenten: { druten, wijchen } })).default.id, 'druten', 'first is default');
  });

  test('a wrong configuration names the field', async () => {
    await assert.rejects(parseTenants({ gemeenten: {} }), /at: gemeenten/);
    await assert.rejects(parseTenants({ gemeenten: { Druten: druten } }), /at: gemeenten\.Druten/);
    await assert.rejects(parseTenants({ gemeenten: { druten }, default: 'wijchen' }), /at: default/);
    await assert.rejects(
      parseTenants({ gemeenten: { druten, wijchen: { ...wijchen, phone: '' } } }),
      /at: gemeenten\.wijchen\.phone/,
    );
    await assert.rejects(parseTenants({ ...demoConfig, name: '' }), /at: name/);
  });

  test('staff scope: the claim’s known gemeenten; the shared login all or its list', async () => {
    const tenants = await parseTenants(MULTI);
    assert.deepEqual(gemeentenFromClaim(['Wijchen', 'nijmegen'], tenants.ids), ['wijchen']);
    assert.deepEqual(gemeentenFromClaim('druten wijchen', tenants.ids), ['druten', 'wijchen']);
    assert.deepEqual(gemeentenFromClaim(undefined, tenants.ids), []);
    assert.deepEqual(staffScope(tenants, { via: 'oidc', gemeenten: ['wijchen'] }), ['wijchen']);
    assert.deepEqual(staffScope(tenants, { via: 'oidc' }), [], 'no claim: nothing');
    assert.deepEqual(staffScope(tenants, { via: 'password' }), ['druten', 'wijchen']);
    assert.deepEqual(staffScope(tenants, { via: 'password' }, ['wijchen', 'elders']), ['wijchen']);
    // The session subject keeps the gemeenten; a foreign subject gets none.
    const identity = identityFromSubject(
      JSON.stringify({ via: 'oidc', sub: 's', name: 'N', role: 'medewerker', gemeenten: ['druten'] }),
    );
    assert.deepEqual(identity.gemeenten, ['druten']);
    assert.deepEqual(identityFromSubject('{"x":1}').gemeenten, []);
  });
});

describe('SDK: the gateway adapter names its gemeente on every request', () => {
  test('?gemeente= on GET and POST (merged with the request), in the adapter id; a bad id is refused', async () => {
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push(url);
      const body = url.includes('/config') ? demoConfig : { id: 'f', receivedAt: new Date().toISOString() };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const adapter = gatewayAdapter({ baseUrl: 'https://kcc.example.nl', gemeente: 'Wijchen', fetch, retries: 0 });
    await adapter.getConfig();
    await adapter.submitFeedback(
      { variant: 'page', useful: true, channel: 'website', page: { url: 'https://x.nl/a' }, locale: 'nl' },
      { idempotencyKey: 'k-1' },
    );
    assert.deepEqual(seen, [
      'https://kcc.example.nl/v1/config?gemeente=wijchen',
      'https://kcc.example.nl/v1/feedback?gemeente=wijchen',
    ]);
    assert.equal(adapter.id, 'gateway:https://kcc.example.nl#wijchen');
    seen.length = 0;
    await gatewayAdapter({ baseUrl: 'https://kcc.example.nl', fetch }).getConfig();
    assert.deepEqual(seen, ['https://kcc.example.nl/v1/config'], 'without it: no parameter');
    assert.throws(() => lazyGatewayAdapter({ baseUrl: 'https://x.nl', gemeente: 'wij chen' }), /gemeente id/);
  });
});

describe('API routes and records scoped per gemeente', () => {
  let t: TestGateway;
  before(async () => {
    t = await testGateway({ config: MULTI, demo: true, cdnDir: false });
  });
  after(() => t.close());

  test('GET /v1/config answers the gemeente asked for; without it the default; an unknown one is 404', async () => {
    const w = await t.request('/v1/config?gemeente=wijchen');
    assert.equal(w.status, 200);
    const wc = (await w.json()) as GemeenteConfig;
    assert.equal(wc.name, 'Gemeente Wijchen');
    assert.deepEqual(
      wc.callback.topics.map((x) => x.id),
      ['parkeren'],
    );
    assert.equal(((await (await t.request('/v1/config')).json()) as GemeenteConfig).name, 'Gemeente Druten');
    const unknown = await t.request('/v1/config?gemeente=nijmegen');
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type')!, /problem\+json/);
  });

  test('a callback request is stored for its gemeente with that gemeente’s topics and window', async () => {
    const res = await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody({ topic: 'parkeren' }));
    assert.equal(res.status, 201);
    const receipt = (await res.json()) as { id: string; expected: { latest: string } };
    const stored = await t.store.getCallback(receipt.id);
    assert.equal(stored!.gemeente, 'wijchen');
    assert.equal(stored!.topicLabel, 'Parkeervergunning');
    // Another gemeente's record does not exist in that gemeente's scope.
    assert.equal(await t.store.getCallback(receipt.id, ['druten']), undefined);
    assert.ok(await t.store.getCallback(receipt.id, ['wijchen']));

    const d = await t.post('/v1/callback-requests', callbackBody({ topic: 'parkeren' }));
    const inDruten = await t.store.getCallback(((await d.json()) as { id: string }).id);
    assert.equal(inDruten!.gemeente, 'druten');
    assert.equal(inDruten!.topicLabel, null, 'Druten has no such topic');
  });

  test('one Idempotency-Key in two gemeenten makes two requests (no replay across gemeenten)', async () => {
    const key = newKey();
    const a = await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody(), { key });
    const b = await t.post('/v1/callback-requests?gemeente=druten', callbackBody(), { key });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.headers.get('idempotent-replayed'), null);
    assert.notEqual(((await a.json()) as { id: string }).id, ((await b.json()) as { id: string }).id);
    const again = await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody(), { key });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  test('feedback is counted per gemeente (the dashboards’ scope)', async () => {
    await t.store.reset();
    for (let i = 0; i < 3; i++)
      assert.equal((await t.post('/v1/feedback?gemeente=wijchen', feedbackBody())).status, 201);
    assert.equal((await t.post('/v1/feedback', feedbackBody({ useful: false }))).status, 201);
    assert.equal((await t.store.feedbackTotals({ gemeenten: ['wijchen'] })).count, 3);
    assert.equal((await t.store.feedbackTotals({ gemeenten: ['druten'] })).useful, 0);
    assert.equal((await t.store.feedbackTotals({ gemeenten: ['druten'] })).count, 1);
    assert.equal((await t.store.feedbackTotals()).count, 4);
    assert.deepEqual(
      (await t.store.recentFeedback(10, ['druten'])).map((f) => f.gemeente),
      ['druten'],
    );
  });

  test('a chat of another gemeente is 404 on every session route', async () => {
    const res = await t.request('/v1/chat/sessions?gemeente=wijchen', json({ locale: 'nl' }));
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    assert.equal((await t.request(`/v1/chat/sessions/${id}?gemeente=wijchen`)).status, 200);
    assert.equal((await t.request(`/v1/chat/sessions/${id}`)).status, 404, 'default gemeente Druten');
    assert.equal((await t.request(`/v1/chat/sessions/${id}?gemeente=druten`)).status, 404);
    const send = await t.request(
      `/v1/chat/sessions/${id}/messages?gemeente=druten`,
      json({ text: 'Hallo', clientId: 'c-1' }),
    );
    assert.equal(send.status, 404);
    assert.equal((await t.request(`/v1/chat/sessions/${id}/events?gemeente=druten`)).status, 404);
    assert.equal((await t.request(`/v1/chat/sessions/${id}/end?gemeente=druten`, { method: 'POST' })).status, 404);
    const [row] = await t.store.db.query<{ gemeente: string }>('SELECT gemeente FROM chat_sessions WHERE id = $1', [
      id,
    ]);
    assert.equal(row!.gemeente, 'wijchen');
    // The bot greets with Wijchen's name.
    const messages = await t.store.db.query<{ text: string }>('SELECT text FROM chat_messages WHERE session_id = $1', [
      id,
    ]);
    assert.ok(
      messages.some((m) => m.text.includes('Wijchen')),
      'greeting names Wijchen',
    );
  });

  test('a case of another gemeente is not found (status)', async () => {
    await t.store.upsertCase({ ...demoCases[0]!, gemeente: 'druten' });
    const ref = demoCases[0]!.status.reference;
    const headers = { 'dichtbij-check': demoCases[0]!.check! };
    assert.equal((await t.request(`/v1/cases/${ref}?gemeente=druten`, { headers })).status, 200);
    const other = await t.request(`/v1/cases/${ref}?gemeente=wijchen`, { headers });
    assert.equal(other.status, 404);
  });
});

describe('a single-gemeente gateway keeps working unchanged', () => {
  test('records belong to `default`; ?gemeente=default works, any other is 404', async () => {
    const t = await testGateway({ config: druten, cdnDir: false });
    try {
      const res = await t.post('/v1/callback-requests', callbackBody({ topic: 'afval' }));
      assert.equal(res.status, 201);
      const stored = await t.store.getCallback(((await res.json()) as { id: string }).id);
      assert.equal(stored!.gemeente, 'default');
      assert.equal(stored!.topicLabel, 'Afval');
      assert.equal((await t.request('/v1/config?gemeente=default')).status, 200);
      assert.equal((await t.request('/v1/config?gemeente=wijchen')).status, 404);
    } finally {
      await t.close();
    }
  });
});

describe('the console per gemeente: the shared login with a list', () => {
  test('sees only its gemeenten; another gemeente’s request is 404; the filter narrows', async () => {
    const passwordHash = await hashPassword('geheim-wachtwoord');
    const t = await testGateway({ config: MULTI, cdnDir: false, kcc: { passwordHash, gemeenten: ['wijchen'] } });
    try {
      const w = (await (await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody())).json()) as {
        id: string;
        reference: string;
      };
      const d = (await (await t.post('/v1/callback-requests?gemeente=druten', callbackBody())).json()) as {
        id: string;
        reference: string;
      };
      const loginPage = await t.request('/kcc/login');
      const loginCookie = cookieOf(loginPage, 'dichtbij_kcc_login')!;
      const csrf = /name="csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
      const login = await t.request('/kcc/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
        body: form({ csrf, password: 'geheim-wachtwoord' }),
      });
      const cookie = cookieOf(login, 'dichtbij_kcc')!;
      const queue = await (await t.request('/kcc/callbacks', { headers: { cookie } })).text();
      assert.ok(queue.includes(w.reference), 'Wijchen’s request is listed');
      assert.ok(!queue.includes(d.reference), 'Druten’s request is not');
      assert.match(queue, /Gemeente Wijchen/);
      const staffCsrf = /name="csrf" value="([^"]+)"/.exec(queue)![1]!;
      const change = (id: string) =>
        t.request(`/kcc/callbacks/${id}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: form({ csrf: staffCsrf, status: 'done' }),
        });
      assert.equal((await change(d.id)).status, 404);
      assert.equal((await t.store.getCallback(d.id))!.status, 'new');
      assert.equal((await change(w.id)).status, 303);
      // ?gemeente= outside the scope does not widen it.
      const widened = await (
        await t.request('/kcc/callbacks?status=all&gemeente=druten', { headers: { cookie } })
      ).text();
      assert.ok(!widened.includes(d.reference));
    } finally {
      await t.close();
    }
  });
});

// --- OpenID Connect with a gemeenten claim ------------------------------------------------

const GATEWAY = OIDC_GATEWAY;
const ACCOUNTS: Record<string, { name: string; roles: string[]; gemeenten?: string[] }> = {
  'u-druten': { name: 'Dirk Druten', roles: ['medewerker'], gemeenten: ['druten'] },
  'u-beide': { name: 'Bea Beide', roles: ['teamleider'], gemeenten: ['druten', 'wijchen'] },
  'u-geen': { name: 'Geen Gemeente', roles: ['medewerker'] },
};

describe('OIDC: staff see only the gemeenten of their claim', () => {
  let provider: TestProvider;
  let issuer: string;
  before(async () => {
    provider = await startOidcProvider({ accounts: ACCOUNTS, profileClaims: ['name', 'roles', 'gemeenten'] });
    issuer = provider.issuer;
  });
  after(() => provider.close());

  /** Logs in through the provider's login and consent forms; returns the last answer and a page reader. */
  async function login(t: TestGateway, account: string) {
    const browser = new StaffBrowser(t);
    const { res, url } = await browser.login(account);
    return { res, url, page: (path: string) => browser.request(new URL(path, GATEWAY)) };
  }

  async function gateway() {
    const t = await testGateway({
      config: MULTI,
      cdnDir: false,
      kcc: { oidc: { issuer, ...OIDC_CLIENT } },
    });
    t.clock.set(new Date()); // the provider checks token times against the real clock
    const w = (await (await t.post('/v1/callback-requests?gemeente=wijchen', callbackBody())).json()) as {
      id: string;
      reference: string;
    };
    const d = (await (await t.post('/v1/callback-requests?gemeente=druten', callbackBody())).json()) as {
      id: string;
      reference: string;
    };
    const chat = (await (await t.request('/v1/chat/sessions?gemeente=wijchen', json({ locale: 'nl' }))).json()) as {
      id: string;
    };
    return { t, w, d, chat };
  }

  test('a Druten medewerker sees Druten’s requests only, and not a Wijchen chat', async () => {
    const { t, w, d, chat } = await gateway();
    try {
      const session = await login(t, 'u-druten');
      assert.equal(session.url.pathname, '/kcc/callbacks');
      const queue = await (await session.page('/kcc/callbacks?status=all')).text();
      assert.ok(queue.includes(d.reference), 'Druten’s request is listed');
      assert.ok(!queue.includes(w.reference), 'Wijchen’s request is not');
      assert.match(queue, /KCC-console <span>Gemeente Druten<\/span>/);
      assert.doesNotMatch(queue, /Filter op gemeente/, 'one gemeente: no filter');
      assert.equal((await session.page(`/kcc/chat/${chat.id}`)).status, 404);
    } finally {
      await t.close();
    }
  });

  test('staff of both gemeenten see both, and filter per gemeente', async () => {
    const { t, w, d } = await gateway();
    try {
      const session = await login(t, 'u-beide');
      const all = await (await session.page('/kcc/callbacks')).text();
      assert.ok(all.includes(d.reference) && all.includes(w.reference));
      assert.match(all, /aria-label="Filter op gemeente"/);
      const onlyWijchen = await (await session.page('/kcc/callbacks?gemeente=wijchen')).text();
      assert.ok(onlyWijchen.includes(w.reference));
      assert.ok(!onlyWijchen.includes(d.reference));
    } finally {
      await t.close();
    }
  });

  test('an account without one of the gateway’s gemeenten is refused, logged without personal data', async () => {
    const { t } = await gateway();
    try {
      const session = await login(t, 'u-geen');
      assert.equal(session.res.status, 403);
      assert.match(await session.res.text(), /hoort bij geen van de gemeenten/);
      assert.ok(t.logger.lines.some((l) => l.event === 'kcc.oidc_refused' && l.fields.reason === 'no_known_gemeente'));
      assert.ok(!t.logger.text().includes('u-geen') && !t.logger.text().includes('Geen Gemeente'));
      assert.equal((await session.page('/kcc/callbacks')).status, 303, 'no session');
    } finally {
      await t.close();
    }
  });
});
