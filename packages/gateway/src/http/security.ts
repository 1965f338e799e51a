/** Safe defaults: CORS allowlist, security headers, the client's IP address, rate limits. */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Store } from '../store/store.ts';
import type { Queryable } from '../store/db.ts';
import { problemResponse, problemTypes, rateLimitedProblem } from './problem.ts';
import { proxyTrust, type ProxyTrust, type TrustProxySpec } from './proxy.ts';

// ---------------------------------------------------------------------------------------
// CORS

export type OriginPolicy = (origin: string) => boolean;

/**
 * An allowlist from exact origins ("https://www.gemeente.nl") and, for development, a port
 * wildcard ("http://localhost:*"). "*" is refused: a gemeente names the sites that embed it.
 */
export function originPolicy(spec: readonly string[] | OriginPolicy | undefined): OriginPolicy {
  if (typeof spec === 'function') return spec;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const raw of spec ?? []) {
    const entry = raw.trim().replace(/\/+$/, '');
    if (!entry) continue;
    if (entry === '*') throw new Error('CORS_ORIGINS: "*" is not allowed; list the sites that embed Dichtbij');
    const wildcardPort = /^(https?:\/\/[^/:*]+):\*$/i.exec(entry);
    if (wildcardPort) {
      patterns.push(new RegExp(`^${wildcardPort[1]!.toLowerCase().replace(/[.]/g, '\\.')}(:\\d{1,5})?$`));
      continue;
    }
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`CORS_ORIGINS: "${entry}" is not an origin like https://www.gemeente.nl`);
    }
    if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash) {
      throw new Error(`CORS_ORIGINS: "${entry}" is not an origin like https://www.gemeente.nl`);
    }
    exact.add(url.origin);
  }
  return (origin) => exact.has(origin.toLowerCase()) || patterns.some((p) => p.test(origin.toLowerCase()));
}

/** Any http://localhost:PORT or http://127.0.0.1:PORT (tests and the demo). */
export const localhostOrigins: OriginPolicy = (origin) =>
  /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin);

export const ALLOWED_HEADERS = [
  'Content-Type',
  'Idempotency-Key',
  'Dichtbij-Check',
  'Last-Event-ID',
  'Accept-Language',
];
export const EXPOSED_HEADERS = ['Retry-After', 'Idempotent-Replayed'];

/** The gateway's own origin for this request (same-origin requests are always fine). */
const ownOrigin = (c: Context) => new URL(c.req.url).origin;

/**
 * CORS for the API: allowed origins get Access-Control-Allow-Origin (with credentials, for
 * "mijn zaken"); others get no CORS headers, and their writes are refused with 403 even when
 * a non-browser client sends them, so a copied embed on another site does not quietly work.
 */
export function corsMiddleware(allowed: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = !!origin && (allowed(origin) || origin === ownOrigin(c));
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!ok) return new Response(null, { status: 204, headers: { Vary: 'Origin' } });
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '),
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      });
    }
    if (origin && !ok && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      await c.req.raw.body?.cancel().catch(() => undefined);
      return problemResponse(403, {
        type: problemTypes.forbiddenOrigin,
        title: 'Deze website mag dit niet / Origin not allowed',
        detail: "This site is not in the gateway's CORS_ORIGINS.",
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (ok) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Allow-Credentials', 'true');
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    }
  };
}

// ---------------------------------------------------------------------------------------
// Security headers

/** For JSON answers: nothing may be loaded or framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
/** The KCC console: own CSS (and own JS when a page needs it), no inline anything. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** The demo site: the widgets bundle and theme CSS from this gateway, the API on this origin. */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

export function securityHeaders(options: { hsts?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', API_CSP);
    if (!h.has('Cross-Origin-Resource-Policy')) h.set('Cross-Origin-Resource-Policy', 'same-site');
    if ((h.get('Content-Type') ?? '').startsWith('text/html')) h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

// ---------------------------------------------------------------------------------------
// Client address

/** The socket's peer address ('unknown' under app.request() in tests: no socket). */
export function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The client's IP address: the socket's peer, or behind trusted proxies (TRUST_PROXY, see
 * proxy.ts) the right-most X-Forwarded-For address that is not a trusted proxy — never an entry
 * the client wrote itself. Used only as a rate-limit subject, pseudonymised.
 */
export function clientIp(c: Context, trust: ProxyTrust | TrustProxySpec): string {
  const proxies = proxyTrust(trust);
  const peer = peerAddress(c);
  return proxies.enabled ? proxies.client(peer, c.req.header('x-forwarded-for')) : peer;
}

/** https, also behind a trusted proxy that says so in X-Forwarded-Proto. */
export function isHttps(c: Context, trust: ProxyTrust | TrustProxySpec): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const proxies = proxyTrust(trust);
  if (!proxies.enabled || !proxies.trusts(peerAddress(c))) return false;
  // With several proxies each may append; the right-most value is the one next to us.
  return c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

// ---------------------------------------------------------------------------------------
// Rate limits

export interface RateRule {
  limit: number;
  windowMs: number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfter: number };

/** Thrown inside a transaction to roll it back when a limit is hit. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfter: number) {
    super('Rate limited');
  }
}

/**
 * Fixed-window limits kept in the database (table rate_limits), so every gateway instance on
 * one PostgreSQL shares them. Subjects (IP addresses, phone numbers) are stored pseudonymised.
 */
export class RateLimiter {
  /** Which proxies are trusted for the client address. */
  readonly proxies: ProxyTrust;
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    trustProxy: ProxyTrust | TrustProxySpec = false,
  ) {
    this.proxies = proxyTrust(trustProxy);
  }

  /** The counter's key for `subject` in `bucket` (the subject pseudonymised). */
  key(bucket: string, subject: string): string {
    return `${bucket}:${this.store.pseudonym(subject)}`;
  }

  /** Counts a hit for `subject` in `bucket` and says whether it is within `rule`. */
  async hit(bucket: string, subject: string, rule: RateRule, q?: Queryable): Promise<RateDecision> {
    if (!Number.isFinite(rule.limit)) return { ok: true, remaining: Infinity };
    const { count, resetAt } = await this.store.hitRateLimit(this.key(bucket, subject), rule.windowMs, q);
    if (count <= rule.limit) return { ok: true, remaining: rule.limit - count };
    return { ok: false, retryAfter: Math.max(1, Math.ceil((resetAt.getTime() - this.now().getTime()) / 1000)) };
  }

  /** Whether `subject` is already over `rule` in `bucket`, without counting a hit. */
  async check(bucket: string, subject: string, rule: RateRule, q?: Queryable): Promise<RateDecision> {
    if (!Number.isFinite(rule.limit)) return { ok: true, remaining: Infinity };
    const current = await this.store.peekRateLimit(this.key(bucket, subject), q);
    if (!current || current.count < rule.limit) return { ok: true, remaining: rule.limit - (current?.count ?? 0) };
    return {
      ok: false,
      retryAfter: Math.max(1, Math.ceil((current.resetAt.getTime() - this.now().getTime()) / 1000)),
    };
  }

  /** The client's IP address (see clientIp). */
  ip(c: Context): string {
    return clientIp(c, this.proxies);
  }

  /** A 429 problem+json with Retry-After. */
  tooMany(retryAfter: number): Response {
    return rateLimitedProblem(retryAfter);
  }

  /** Middleware: limit per client IP in `bucket`. */
  perIp(bucket: string, rule: RateRule): MiddlewareHandler {
    return async (c, next) => {
      const decision = await this.hit(bucket, this.ip(c), rule);
      if (!decision.ok) {
        await c.req.raw.body?.cancel().catch(() => undefined);
        return this.tooMany(decision.retryAfter);
      }
      await next();
    };
  }
}
