// A REAL OpenID provider for KCC login tests (oidc-provider on 127.0.0.1, port 0, with its
// development login and consent forms), and a scripted user agent that follows redirects, keeps
// cookies per origin and submits the provider's forms, the way a staff member's browser does.
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { TestGateway } from './gateway-harness.ts';

/** The origin test gateways answer on (app.request(), no socket) and the console's callback. */
export const OIDC_GATEWAY = 'http://localhost';
export const OIDC_REDIRECT = `${OIDC_GATEWAY}/kcc/auth/callback`;
export const OIDC_CLIENT = { clientId: 'kcc-console', clientSecret: 'kcc-console-secret-for-tests' };

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

/**
 * Starts the provider with `accounts` (subject → claims) and the profile claims it may hand out.
 * Signs with `key` (a fresh RSA key unless given) under `kid`.
 */
export async function startOidcProvider(options: {
  accounts: Record<string, Record<string, unknown>>;
  profileClaims: string[];
  key?: KeyObject;
  kid?: string;
}): Promise<TestProvider> {
  const key = options.key ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const server = createServer();
  // Node closes an idle keep-alive connection after 5 s; the gateway's fetch reuses its pooled
  // connection a test later and can race that close (ECONNRESET → 502). A provider in
  // production keeps connections longer; so does this one.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: [OIDC_REDIRECT],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key.export({ format: 'jwk' }), kid: options.kid ?? 'k1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: { openid: ['sub'], profile: options.profileClaims },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, id) => {
      const account = options.accounts[id];
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A staff member's browser: the test gateway for its origin, real fetch for the provider. */
export class StaffBrowser {
  private jar = new Map<string, Map<string, string>>();
  constructor(private readonly t: Pick<TestGateway, 'request'>) {}

  cookies(origin: string) {
    let jar = this.jar.get(origin);
    if (!jar) this.jar.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: URL, init: { method?: string; body?: string } = {}): Promise<Response> {
    const jar = this.cookies(url.origin);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const options = { method: init.method ?? 'GET', headers, redirect: 'manual' as const, body: init.body ?? null };
    const res =
      url.origin === OIDC_GATEWAY
        ? await this.t.request(url.pathname + url.search, options)
        : await fetch(url, options);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const gone = !value || attrs.some((a) => /^\s*max-age=0$/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (gone) jar.delete(name!.trim());
      else jar.set(name!.trim(), value);
    }
    return res;
  }

  /**
   * Logs in as `account`: from /kcc/auth/login through the provider's login and consent forms
   * back to the console. `onCallback` may change the callback URL (a wrong state).
   */
  async login(account: string, onCallback?: (url: URL) => URL): Promise<{ res: Response; url: URL }> {
    let url = new URL(`${OIDC_GATEWAY}/kcc/auth/login`);
    let res = await this.request(url);
    for (let step = 0; step < 20; step++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        if (url.origin === OIDC_GATEWAY && url.pathname === '/kcc/auth/callback' && onCallback) url = onCallback(url);
        res = await this.request(url);
        continue;
      }
      if (url.origin !== OIDC_GATEWAY && res.status === 200) {
        const page = await res.text();
        const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[\s\S]*?<\/form>/.exec(page);
        assert.ok(form, `the provider showed a form at ${url.pathname}`);
        const fields = new URLSearchParams();
        for (const m of form[0].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
          fields.set(m[1]!, m[2]!);
        if (fields.get('prompt') === 'login') {
          fields.set('login', account);
          fields.set('password', 'any password');
        }
        url = new URL(form[1]!.replace(/&amp;/g, '&'), url);
        res = await this.request(url, { method: 'POST', body: fields.toString() });
        continue;
      }
      break;
    }
    return { res, url };
  }

  async page(path: string): Promise<{ status: number; text: string }> {
    const res = await this.request(new URL(path, OIDC_GATEWAY));
    return { status: res.status, text: await res.text() };
  }
}
