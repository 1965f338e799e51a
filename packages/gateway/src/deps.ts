/**
 * What route modules get from the gateway. The chat module (src/chat/routes.ts and
 * src/chat/kcc.ts) receives exactly this object:
 *
 * - `store`: the Store. `store.db` is the raw database (`query(sql, params)`, `exec(sql)`,
 *   `transaction(fn)`, `listen(channel, fn)`, `notify(channel, payload)`; the same SQL runs on
 *   PGlite and PostgreSQL). Add tables with a migration file in src/store/migrations
 *   (next free number, e.g. `002_chat.sql`). `store.addRetentionTask(fn)` adds erasure of
 *   your personal data to the retention job; `store.pseudonym(value)` hashes a subject.
 * - `config` / `getConfig(gemeente?)`: the gemeente's configuration (GemeenteConfig from the SDK);
 *   `tenants`: the gemeenten of the gateway (src/tenants.ts; `c.get('tenant')` on /v1 routes).
 *   `extendConfig(fn)` lets a module adjust what GET /v1/config answers (e.g. set
 *   `chat.agentsOnline` from agent presence).
 * - `clock`: `now()`; always use it (never `new Date()`) so tests can move time.
 * - `logger`: `info|warn|error(event, fields)`; never pass personal data, bodies or messages.
 * - `rateLimit`: the shared, database-backed limiter: `await rateLimit.hit(bucket, subject,
 *   { limit, windowMs })` → `{ ok } | { ok: false, retryAfter }`; `rateLimit.ip(c)`;
 *   `rateLimit.tooMany(retryAfter)` → a 429 problem+json response with Retry-After.
 * - `streams`: `streams.acquire(rateLimit.ip(c))` → `{ ok, release }` or `{ ok: false, response }`
 *   (429/503); call `release()` when the event stream closes.
 * - `limits`, `bodyLimit`, `demo`, `retentionDays`: settings; `chat`: GatewayOptions.chat as given.
 *
 * Routes mounted at /kcc/chat are behind the staff login already; `c.get('staff')` holds the
 * session ({ csrf }) and every POST there must carry the CSRF token (form field `csrf` or
 * header `X-CSRF-Token`), checked before your handler runs. Render pages with
 * `renderPage` and `html` from src/kcc/html.ts.
 */
import type { GemeenteConfig } from '@dichtbij/sdk';
import type { StreamLimiter } from './http/limits.ts';
import type { RateLimiter, RateRule } from './http/security.ts';
import type { Clock, Logger } from './runtime.ts';
import type { Store } from './store/store.ts';
import type { Tenants } from './tenants.ts';

export interface Limits {
  /** Every POST, per client IP. */
  postsPerIp: RateRule;
  /** Callback requests per phone number. */
  callbacksPerPhone: RateRule;
  /** Anonymous case lookups per client IP (references are guessable otherwise). */
  caseLookupsPerIp: RateRule;
  /** Failed KCC logins per client IP (successful logins never count). */
  loginPerIp: RateRule;
  /** Failed KCC logins per account, from any address (guesses spread over many addresses). */
  loginPerAccount: RateRule;
}

export const DEFAULT_LIMITS: Limits = {
  postsPerIp: { limit: 120, windowMs: 60_000 },
  callbacksPerPhone: { limit: 3, windowMs: 3_600_000 },
  caseLookupsPerIp: { limit: 30, windowMs: 10 * 60_000 },
  loginPerIp: { limit: 10, windowMs: 15 * 60_000 },
  loginPerAccount: { limit: 50, windowMs: 15 * 60_000 },
};

export type ConfigExtension = (config: GemeenteConfig) => GemeenteConfig | Promise<GemeenteConfig>;

export interface GatewayDeps {
  store: Store;
  /** The default gemeente's configuration (the only one in a single-gemeente gateway). */
  config: GemeenteConfig;
  /** What GET /v1/config answers for a gemeente (default: the default gemeente), after the extensions. */
  getConfig(gemeente?: string): Promise<GemeenteConfig>;
  /** The gemeenten of this gateway (./tenants.ts); a single-gemeente gateway has one, `default`. */
  tenants: Tenants;
  extendConfig(fn: ConfigExtension): void;
  clock: Clock;
  logger: Logger;
  rateLimit: RateLimiter;
  /** Open server-sent event streams per client address and in total (`acquire(ip)`). */
  streams: StreamLimiter;
  limits: Limits;
  bodyLimit: number;
  demo: boolean;
  retentionDays: number;
  /** The chat module's options (GatewayOptions.chat), typed by that module. */
  chat?: unknown;
}
