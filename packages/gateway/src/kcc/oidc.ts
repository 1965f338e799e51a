/**
 * Staff login through the gemeente's identity provider: OpenID Connect, authorization code flow
 * with PKCE (S256), state and nonce, with `openid-client` (certified). Mounted at /kcc/auth:
 *
 * - GET /kcc/auth/login: a new login (state, nonce and code verifier kept server-side for 10
 *   minutes, found by a random cookie) → redirect to the provider;
 * - GET /kcc/auth/callback: the provider's answer. The code is exchanged, the ID token checked
 *   (signature against the provider's keys, issuer, audience, expiry, nonce), the role taken from
 *   the roles claim (`medewerker` or `teamleider`; anything else is refused) and a staff session
 *   started. Refusals are logged with a reason code only, never a name or subject.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import type { GatewayDeps } from '../deps.ts';
import { html, type SafeHtml } from './html.ts';
import { gemeentenFromClaim, roleFromClaim, type StaffIdentity } from './staff.ts';

export interface OidcOptions {
  /** The provider's issuer URL (OIDC_ISSUER); its discovery document is read at the first login. */
  issuer: string;
  /** OIDC_CLIENT_ID */
  clientId: string;
  /** OIDC_CLIENT_SECRET (client_secret_basic); without one the client is public (PKCE only). */
  clientSecret?: string;
  /** The claim with the roles (OIDC_ROLES_CLAIM, default `roles`); a dotted path for nested claims, e.g. `realm_access.roles`. */
  rolesClaim?: string;
  /** The full redirect URL (OIDC_REDIRECT_URL); default: this request's origin + /kcc/auth/callback. */
  redirectUrl?: string;
  /** Scopes to ask for (default `openid profile`). */
  scope?: string;
  /** The fetch for requests to the provider (tests, an outgoing proxy). */
  fetch?: typeof fetch;
  /** Allow an http:// issuer (development and tests only). Default: only when the issuer is on localhost/127.0.0.1. */
  allowHttp?: boolean;
  /** The claim with the gemeenten a person works for (OIDC_GEMEENTEN_CLAIM, default `gemeenten`; dotted path allowed). */
  gemeentenClaim?: string;
  /**
   * The gemeenten of this gateway when it serves several (set by the gateway): a login is then
   * refused unless the gemeenten claim names at least one of them, and the session sees only those.
   */
  gemeenten?: readonly string[];
}

export interface OidcHooks {
  cookie(c: Context, maxAge?: number): { path: string; httpOnly: boolean; secure: boolean; sameSite: 'Strict' };
  /** The request's own origin (https behind a trusted proxy). */
  origin(c: Context): string;
  page(c: Context, title: string, body: SafeHtml, status: number): Response | Promise<Response>;
  /** Starts the staff session and answers the redirect into the console. */
  startSession(c: Context, identity: StaffIdentity): Promise<Response>;
}

const FLOW_COOKIE = 'dichtbij_kcc_oidc';
const FLOW_TTL_MS = 10 * 60_000;
export const OIDC_CALLBACK_PATH = '/kcc/auth/callback';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Why a login was refused: the code in the log, and what the page says. */
type Refusal = { reason: string; status: 400 | 401 | 403 | 502; message: string };
const REFUSED: Record<
  'expired' | 'provider' | 'token' | 'role' | 'gemeente' | 'unavailable',
  Omit<Refusal, 'reason'>
> = {
  expired: {
    status: 400,
    message: 'Het inloggen duurde te lang of is op een ander tabblad begonnen. Probeer het opnieuw.',
  },
  provider: { status: 401, message: 'Het inloggen is niet gelukt of afgebroken. Probeer het opnieuw.' },
  token: {
    status: 401,
    message: 'Het inloggen is geweigerd: de gegevens van de inlogdienst klopten niet. Probeer het opnieuw.',
  },
  role: {
    status: 403,
    message:
      'U bent ingelogd, maar uw account heeft geen rol voor de KCC-console (medewerker of teamleider). Vraag uw beheerder om u die rol te geven.',
  },
  gemeente: {
    status: 403,
    message:
      'U bent ingelogd, maar uw account hoort bij geen van de gemeenten van deze KCC-console. Vraag uw beheerder om u toegang te geven.',
  },
  unavailable: {
    status: 502,
    message: 'De inlogdienst van de gemeente is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
  },
};

const isLocal = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** Reads a claim by name or dotted path (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function displayName(claims: Record<string, unknown>): string {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const joined = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  // Control characters out, a sane length: it is shown in the console and the audit log.
  return (str(claims.name) ?? (joined || undefined) ?? str(claims.preferred_username) ?? 'Medewerker')
    .replace(/\p{Cc}/gu, ' ')
    .slice(0, 100);
}

export function oidcRoutes(deps: GatewayDeps, options: OidcOptions, hooks: OidcHooks): Hono {
  const { store, logger, clock } = deps;
  const app = new Hono();
  const issuer = new URL(options.issuer);
  const rolesClaim = options.rolesClaim?.trim() || 'roles';
  const gemeentenClaim = options.gemeentenClaim?.trim() || 'gemeenten';
  let discovered: Promise<oidc.Configuration> | undefined;

  /** The provider's configuration, discovered once (again after a failure). */
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        issuer,
        options.clientId,
        options.clientSecret ? { client_secret: options.clientSecret } : undefined,
        options.clientSecret ? oidc.ClientSecretBasic(options.clientSecret) : oidc.None(),
        {
          ...(options.fetch ? { [oidc.customFetch]: options.fetch as oidc.CustomFetch } : {}),
          execute: [
            // Check the ID token's signature against the provider's JWKS too, not only TLS.
            oidc.enableNonRepudiationChecks,
            ...((options.allowHttp ?? isLocal(issuer)) ? [oidc.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  const redirectUri = (c: Context) => options.redirectUrl ?? `${hooks.origin(c)}${OIDC_CALLBACK_PATH}`;
  const flowCookie = (c: Context, maxAge?: number) => ({
    ...hooks.cookie(c, maxAge),
    path: '/kcc/auth',
    // The provider sends the browser back with a cross-site top-level GET: Strict would drop the cookie.
    sameSite: 'Lax' as const,
  });

  const refuse = (c: Context, kind: keyof typeof REFUSED, reason: string) => {
    const { status, message } = REFUSED[kind];
    logger.warn('kcc.oidc_refused', { reason, status });
    return hooks.page(c, 'Inloggen niet gelukt', refusedView(message), status);
  };

  app.get('/login', async (c) => {
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      return refuse(c, 'unavailable', errorCode(error));
    }
    const token = randomBytes(32).toString('base64url');
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const verifier = oidc.randomPKCECodeVerifier();
    const now = clock.now();
    await store.db.query('DELETE FROM staff_logins WHERE expires_at <= $1', [now]);
    await store.db.query(
      'INSERT INTO staff_logins (id_hash, state, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sha256(token), state, nonce, verifier, new Date(now.getTime() + FLOW_TTL_MS)],
    );
    setCookie(c, FLOW_COOKIE, token, flowCookie(c, FLOW_TTL_MS / 1000));
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(c),
      scope: options.scope ?? 'openid profile',
      response_type: 'code',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(url.href, 303);
  });

  app.get('/callback', async (c) => {
    const token = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: '/kcc/auth' });
    const [flow] =
      token && token.length <= 100
        ? await store.db.query<{ state: string; nonce: string; code_verifier: string }>(
            'DELETE FROM staff_logins WHERE id_hash = $1 AND expires_at > $2 RETURNING state, nonce, code_verifier',
            [sha256(token), clock.now()],
          )
        : [];
    if (!flow) return refuse(c, 'expired', 'no_login_in_progress');
    const query = new URL(c.req.url).searchParams;
    if (query.has('error')) return refuse(c, 'provider', `provider_${query.get('error')!.slice(0, 40)}`);

    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (error) {
      return refuse(c, 'unavailable', errorCode(error));
    }
    const current = new URL(redirectUri(c));
    current.search = query.toString();
    let claims: Record<string, unknown>;
    let accessToken: string;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.code_verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      accessToken = tokens.access_token;
    } catch (error) {
      const code = errorCode(error);
      return refuse(c, code === 'state_mismatch' ? 'expired' : 'token', code);
    }
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    let roleValue = claimAt(claims, rolesClaim);
    if (roleValue === undefined && config.serverMetadata().userinfo_endpoint) {
      // Many providers put roles (and the name) only in the userinfo answer.
      try {
        const info = (await oidc.fetchUserInfo(config, accessToken, sub)) as Record<string, unknown>;
        claims = { ...info, ...claims };
        roleValue = claimAt(info, rolesClaim);
      } catch (error) {
        return refuse(c, 'token', `userinfo_${errorCode(error)}`);
      }
    }
    const role = roleFromClaim(roleValue);
    if (!role) return refuse(c, 'role', 'no_known_role');
    let gemeenten: string[] | undefined;
    if (options.gemeenten) {
      gemeenten = gemeentenFromClaim(claimAt(claims, gemeentenClaim), options.gemeenten);
      if (!gemeenten.length) return refuse(c, 'gemeente', 'no_known_gemeente');
    }
    logger.info('kcc.login', { via: 'oidc', role, ...(gemeenten ? { gemeenten: gemeenten.length } : {}) });
    return hooks.startSession(c, {
      via: 'oidc',
      sub,
      name: displayName(claims),
      role,
      ...(gemeenten ? { gemeenten } : {}),
    });
  });

  return app;
}

/**
 * A short code for the log from an openid-client error: its code and, for a claim check, the
 * claim's name. Never the message or the values (they may quote a name or a subject).
 */
function errorCode(error: unknown): string {
  type E = { code?: unknown; error?: unknown; cause?: unknown; message?: unknown; claim?: unknown };
  // openid-client wraps the errors of oauth4webapi: look down the cause chain for a code.
  let e = error as E | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.error === 'string') return `provider_${e.error.replace(/[^a-z_]/gi, '').slice(0, 40)}`;
    const code = typeof e.code === 'string' ? e.code : '';
    const inner = e.cause && typeof e.cause === 'object' ? (e.cause as E) : undefined;
    if (code.startsWith('OAUTH_') && !(typeof inner?.code === 'string' && inner.code.startsWith('OAUTH_'))) {
      const cause = e.cause && typeof e.cause === 'object' ? (e.cause as E) : {};
      if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && typeof cause.claim === 'string')
        return `${cause.claim.replace(/[^a-z_]/gi, '').slice(0, 20)}_mismatch`;
      if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return 'token_expired';
      if (code === 'OAUTH_INVALID_RESPONSE' && typeof e.message === 'string' && e.message.includes('"state"'))
        return 'state_mismatch';
      if (code === 'OAUTH_INVALID_RESPONSE' && typeof e.message === 'string' && e.message.includes('signature'))
        return 'bad_signature';
      return code
        .replace(/^OAUTH_/, '')
        .toLowerCase()
        .slice(0, 60);
    }
    e = e.cause as E | undefined;
  }
  const code = (error as E | undefined)?.code;
  return typeof code === 'string' ? code.toLowerCase().slice(0, 60) : 'unknown';
}

/** The login page when OpenID Connect is on: one button to the gemeente's login. */
export function oidcLoginView(): SafeHtml {
  return html`<h1>Inloggen</h1>
    <p>U logt in met uw account van de gemeente.</p>
    <p><a class="button" href="/kcc/auth/login">Inloggen met uw gemeente-account</a></p>`;
}

function refusedView(message: string): SafeHtml {
  return html`<h1>Inloggen niet gelukt</h1>
    <p class="error" role="alert">${message}</p>
    <p><a href="/kcc/login">Opnieuw inloggen</a></p>`;
}
