// Staff login through OpenID Connect against a REAL provider (oidc-provider, on 127.0.0.1 port 0,
// with its development login and consent forms), driven by a scripted user agent that follows
// redirects, keeps cookies per origin and submits the provider's forms. Then the roles, the
// refusals (forged/expired ID token, wrong state/nonce, no role) and the audit log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { Store } from '@dichtbij/gateway';
import { oidcFromEnv } from '../../packages/gateway/src/env.ts';
import { AuditLog } from '../../packages/gateway/src/kcc/audit.ts';
import type { OidcOptions } from '../../packages/gateway/src/kcc/oidc.ts';
import { roleFromClaim } from '../../packages/gateway/src/kcc/staff.ts';
import {
  callbackBody,
  closeSharedStore,
  testGateway,
  TestClock,
  type TestGateway,
} from '../support/gateway-harness.ts';
import {
  OIDC_CLIENT,
  OIDC_GATEWAY,
  OIDC_REDIRECT,
  StaffBrowser,
  startOidcProvider,
  type TestProvider,
} from '../support/oidc.ts';
import { postgresUnavailable, startPostgres } from '../support/postgres.ts';

after(closeSharedStore);

const GATEWAY = OIDC_GATEWAY;
const REDIRECT = OIDC_REDIRECT;
const ACCOUNTS: Record<string, { name: string; roles: unknown }> = {
  'u-1001': { name: 'Mira de Vries', roles: ['medewerker'] },
  'u-2002': { name: 'Karel Teamleider', roles: ['teamleider', 'medewerker'] },
  'u-3003': { name: 'Zonder Rol', roles: ['burger'] },
};

// --- The provider -----------------------------------------------------------------------

const { privateKey: providerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey: forgerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-signing-key';
let provider: TestProvider;
let issuer: string;

before(async () => {
  provider = await startOidcProvider({
    accounts: ACCOUNTS,
    profileClaims: ['name', 'roles'],
    key: providerKey,
    kid: KID,
  });
  issuer = provider.issuer;
});
after(() => provider.close());

// --- ID token tampering (a man in the middle of the token answer) ---------------------------

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function signJwt(header: object, payload: object, key: KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
function decodeJwt(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString()),
  };
}

let tamper: ((idToken: string) => string) | undefined;
/** The gateway's fetch to the provider: real, except that a test may rewrite the ID token. */
const providerFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (!tamper || !url.endsWith('/token')) return res;
  const body = (await res.json()) as { id_token?: string };
  if (body.id_token) body.id_token = tamper(body.id_token);
  return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
};

// --- The user agent: a staff member's browser (tests/support/oidc.ts) ------------------------

const Browser = StaffBrowser;

async function gatewayWithOidc(extra: Partial<OidcOptions> = {}) {
  const oidc: OidcOptions = {
    issuer,
    ...OIDC_CLIENT,
    fetch: providerFetch,
    ...extra,
  };
  const t = await testGateway({ kcc: { oidc } });
  // The provider checks token times against the real clock; so does openid-client.
  t.clock.set(new Date());
  return t;
}

const refusedLog = (t: TestGateway) => t.logger.lines.filter((l) => l.event === 'kcc.oidc_refused');
const noPersonalData = (t: TestGateway) => {
  const log = t.logger.text();
  for (const [sub, { name }] of Object.entries(ACCOUNTS)) {
    assert.ok(!log.includes(sub), 'no subject in the log');
    assert.ok(!log.includes(name), 'no name in the log');
  }
};

// --- Tests ------------------------------------------------------------------------------

describe('OIDC login against a real provider', () => {
  test('a medewerker logs in (code + PKCE + state + nonce) and the console shows name and role; the audit log is refused', async () => {
    const t = await gatewayWithOidc();
    try {
      const browser = new Browser(t);
      // The login page offers the gemeente's login, not the password.
      const login = await browser.page('/kcc/login');
      assert.match(login.text, /href="\/kcc\/auth\/login"/);
      assert.doesNotMatch(login.text, /type="password"/);

      const first = await browser.request(new URL(`${GATEWAY}/kcc/auth/login`));
      assert.equal(first.status, 303);
      const authorize = new URL(first.headers.get('location')!);
      assert.equal(authorize.origin, issuer);
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorize.searchParams.get('code_challenge'));
      assert.ok(authorize.searchParams.get('state'));
      assert.ok(authorize.searchParams.get('nonce'));
      assert.equal(authorize.searchParams.get('redirect_uri'), REDIRECT);
      const flowCookie = first.headers.getSetCookie().find((c) => c.startsWith('dichtbij_kcc_oidc='))!;
      assert.match(flowCookie, /HttpOnly/);
      assert.match(flowCookie, /SameSite=Lax/);

      const { res, url } = await browser.login('u-1001');
      assert.equal(url.pathname, '/kcc/callbacks');
      assert.equal(res.status, 200);
      const text = await res.text();
      assert.match(text, /Mira de Vries/);
      assert.match(text, /\(Medewerker\)/);
      assert.doesNotMatch(text, /href="\/kcc\/audit"/, 'no audit link for a medewerker');
      const staffCookie = browser.cookies(GATEWAY).get('dichtbij_kcc');
      assert.ok(staffCookie);

      const audit = await browser.page('/kcc/audit');
      assert.equal(audit.status, 403);
      assert.match(audit.text, /alleen te zien voor een teamleider/);
      // The shared password login is off while OIDC is configured.
      const post = await browser.request(new URL(`${GATEWAY}/kcc/login`), { method: 'POST', body: 'password=x' });
      assert.equal(post.status, 303);
      noPersonalData(t);
    } finally {
      await t.close();
    }
  });

  test('a teamleider sees the audit log: who opened the queue and changed which callback request, when', async () => {
    const t = await gatewayWithOidc();
    try {
      const receipt = (await (await t.post('/v1/callback-requests', callbackBody())).json()) as {
        id: string;
        reference: string;
      };
      const mira = new Browser(t);
      await mira.login('u-1001');
      const queue = await mira.page('/kcc/callbacks');
      const csrf = /name="csrf" value="([^"]+)"/.exec(queue.text)![1]!;
      const changed = await mira.request(new URL(`${GATEWAY}/kcc/callbacks/${receipt.id}/status`), {
        method: 'POST',
        body: new URLSearchParams({ csrf, status: 'called' }).toString(),
      });
      assert.equal(changed.status, 303);

      const karel = new Browser(t);
      const { res } = await karel.login('u-2002');
      const page = await res.text();
      assert.match(page, /Karel Teamleider/);
      assert.match(page, /\(Teamleider\)/);
      assert.match(page, /href="\/kcc\/audit"/);
      const audit = await karel.page('/kcc/audit');
      assert.equal(audit.status, 200);
      const rows = [...audit.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
        m[1]!
          .replace(/<[^>]+>/g, '|')
          .replace(/\s+/g, ' ')
          .replace(/(\s*\|\s*)+/g, '|')
          .replace(/^\||\|$/g, ''),
      );
      const status = rows.find((r) => r.includes('Status terugbelverzoek gewijzigd'));
      assert.ok(status, rows.join('\n'));
      assert.match(
        status,
        /Mira de Vries\|Medewerker\|Status terugbelverzoek gewijzigd\|Terugbelverzoek TB-\w+\|Gebeld/,
      );
      assert.ok(status.includes(receipt.reference));
      assert.ok(
        rows.some(
          (r) => /Mira de Vries\|Medewerker\|Terugbellijst geopend\|.*TB-/.test(r) && r.includes(receipt.reference),
        ),
      );
      assert.ok(rows.some((r) => /Karel Teamleider\|Teamleider\|Ingelogd/.test(r)));
      // No resident data in the audit log.
      assert.ok(!audit.text.includes('Jan Jansen'));
      assert.ok(!audit.text.includes('612345678'));
    } finally {
      await t.close();
    }
  });

  test('a user without a known role is refused (403) and logged without personal data', async () => {
    const t = await gatewayWithOidc();
    try {
      const browser = new Browser(t);
      const { res, url } = await browser.login('u-3003');
      assert.equal(url.pathname, '/kcc/auth/callback');
      assert.equal(res.status, 403);
      assert.match(await res.text(), /geen rol voor de KCC-console/);
      assert.equal(browser.cookies(GATEWAY).get('dichtbij_kcc'), undefined);
      assert.deepEqual(
        refusedLog(t).map((l) => l.fields.reason),
        ['no_known_role'],
      );
      assert.equal((await browser.page('/kcc/callbacks')).status, 303);
      noPersonalData(t);
    } finally {
      await t.close();
    }
  });

  test('a wrong state is refused before the code is used', async () => {
    const t = await gatewayWithOidc();
    try {
      const browser = new Browser(t);
      const { res } = await browser.login('u-2002', (url) => {
        url.searchParams.set('state', 'not-the-state-we-sent');
        return url;
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /Probeer het opnieuw/);
      assert.deepEqual(
        refusedLog(t).map((l) => l.fields.reason),
        ['state_mismatch'],
      );
      assert.equal(browser.cookies(GATEWAY).get('dichtbij_kcc'), undefined);
      // The login in progress was used up: replaying the real callback does not log in either.
      const again = await browser.page('/kcc/auth/callback?code=x&state=y');
      assert.equal(again.status, 400);
      noPersonalData(t);
    } finally {
      await t.close();
    }
  });

  const tampered: [string, (jwt: string) => string, string][] = [
    [
      'a forged ID token (signed with another key)',
      (jwt) => {
        const { header, payload } = decodeJwt(jwt);
        return signJwt(header, { ...payload, roles: ['teamleider'] }, forgerKey);
      },
      'bad_signature',
    ],
    [
      'an expired ID token (correctly signed)',
      (jwt) => {
        const { header, payload } = decodeJwt(jwt);
        const now = Math.floor(Date.now() / 1000);
        return signJwt(header, { ...payload, iat: now - 7200, exp: now - 3600 }, providerKey);
      },
      'token_expired',
    ],
    [
      'an ID token with the wrong nonce (correctly signed)',
      (jwt) => {
        const { header, payload } = decodeJwt(jwt);
        return signJwt(header, { ...payload, nonce: 'someone-elses-nonce' }, providerKey);
      },
      'nonce_mismatch',
    ],
  ];
  for (const [name, change, reason] of tampered) {
    test(`${name} is refused (401) and logged without personal data`, async () => {
      const t = await gatewayWithOidc();
      tamper = change;
      try {
        const browser = new Browser(t);
        const { res } = await browser.login('u-2002');
        assert.equal(res.status, 401);
        assert.match(await res.text(), /Het inloggen is geweigerd/);
        assert.equal(browser.cookies(GATEWAY).get('dichtbij_kcc'), undefined);
        const reasons = refusedLog(t).map((l) => String(l.fields.reason));
        assert.equal(reasons.length, 1);
        assert.match(reasons[0]!, new RegExp(`^(${reason})$`));
        noPersonalData(t);
      } finally {
        tamper = undefined;
        await t.close();
      }
    });
  }

  test('the provider being down is a clear 502, not a crash', async () => {
    const t = await gatewayWithOidc({ issuer: 'http://127.0.0.1:1' });
    try {
      const res = await t.request('/kcc/auth/login');
      assert.equal(res.status, 502);
      assert.match(await res.text(), /niet bereikbaar/);
    } finally {
      await t.close();
    }
  });
});

describe('OIDC settings and roles', () => {
  test('env: OIDC_ISSUER needs a client id and https (http only on localhost); roles claim and redirect URL', () => {
    assert.equal(oidcFromEnv({}), undefined);
    assert.throws(() => oidcFromEnv({ OIDC_ISSUER: 'https://login.gemeente.nl' }), /OIDC_CLIENT_ID/);
    assert.throws(() => oidcFromEnv({ OIDC_ISSUER: 'http://login.gemeente.nl', OIDC_CLIENT_ID: 'a' }), /https/);
    assert.throws(() => oidcFromEnv({ OIDC_ISSUER: 'niet een url', OIDC_CLIENT_ID: 'a' }), /must be a URL/);
    assert.throws(
      () =>
        oidcFromEnv({ OIDC_ISSUER: 'https://login.gemeente.nl', OIDC_CLIENT_ID: 'a', OIDC_REDIRECT_URL: 'https://x/' }),
      /OIDC_REDIRECT_URL/,
    );
    assert.deepEqual(
      oidcFromEnv({
        OIDC_ISSUER: 'https://login.gemeente.nl/realms/kcc',
        OIDC_CLIENT_ID: 'kcc',
        OIDC_CLIENT_SECRET: 's',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        OIDC_REDIRECT_URL: 'https://kcc.gemeente.nl/kcc/auth/callback',
      }),
      {
        issuer: 'https://login.gemeente.nl/realms/kcc',
        clientId: 'kcc',
        clientSecret: 's',
        rolesClaim: 'realm_access.roles',
        redirectUrl: 'https://kcc.gemeente.nl/kcc/auth/callback',
      },
    );
  });

  test('roles: teamleider wins, case-insensitive, list or string; anything else is no role', () => {
    assert.equal(roleFromClaim(['Medewerker']), 'medewerker');
    assert.equal(roleFromClaim(['medewerker', 'teamleider']), 'teamleider');
    assert.equal(roleFromClaim('teamleider'), 'teamleider');
    assert.equal(roleFromClaim('kcc medewerker'), 'medewerker');
    assert.equal(roleFromClaim(['beheerder']), undefined);
    assert.equal(roleFromClaim(undefined), undefined);
    assert.equal(roleFromClaim({ teamleider: true }), undefined);
  });
});

describe('audit log: retention, on PGlite and PostgreSQL', () => {
  const pgSkip = postgresUnavailable();
  const engines: {
    name: string;
    skip?: string;
    open: (clock: TestClock) => Promise<{ store: Store; stop(): Promise<void> }>;
  }[] = [
    {
      name: 'PGlite',
      open: async (clock) => {
        const store = await Store.open({ clock });
        return { store, stop: () => store.close() };
      },
    },
    {
      name: 'PostgreSQL',
      ...(pgSkip ? { skip: pgSkip } : {}),
      open: async (clock) => {
        const pg = await startPostgres();
        const store = await Store.open({ clock, databaseUrl: await pg.createDatabase() });
        return {
          store,
          stop: async () => {
            await store.close();
            await pg.stop();
          },
        };
      },
    },
  ];
  for (const engine of engines) {
    test(
      `${engine.name}: rows are kept RETENTION_DAYS, then deleted by the retention job`,
      { skip: engine.skip ?? false },
      async () => {
        const clock = new TestClock('2026-11-02T09:00:00Z');
        const { store, stop } = await engine.open(clock);
        try {
          const audit = new AuditLog(store, clock);
          const actor = { via: 'oidc' as const, sub: 'u-1', name: 'Mira', role: 'medewerker' as const };
          await audit.record({
            actor,
            action: 'chat_opened',
            recordType: 'chat',
            recordId: '7d1c1f7e-0000-4000-8000-000000000001',
          });
          clock.set('2026-11-20T09:00:00Z');
          await audit.record({ actor, action: 'queue_viewed', recordType: 'callback', detail: 'open: leeg' });
          assert.deepEqual(
            (await audit.list()).map((r) => r.action),
            ['queue_viewed', 'chat_opened'],
          );
          clock.set('2026-12-05T09:00:00Z'); // 33 and 15 days later
          const result = await store.applyRetention(new Date(clock.now().getTime() - 30 * 86_400_000));
          assert.equal(result.other, 1);
          const left = await audit.list();
          assert.deepEqual(
            left.map((r) => [r.action, r.actorName, r.actorRole]),
            [['queue_viewed', 'Mira', 'medewerker']],
          );
        } finally {
          await stop();
        }
      },
    );
  }
});
