/**
 * A small HTTP client for the VNG ZGW APIs (Zaken API 1.5, Catalogi API 1.3) as the gateway
 * talks to them: a server-minted HS256 JWT (the secret never leaves the gateway), the CRS
 * headers the Zaken API requires, a timeout, paging, and URL handling that never sends the
 * token to a host that was not configured.
 */
import { createHmac } from 'node:crypto';
import type * as z from 'zod/mini';
import type { ConnectorEnv } from './types.ts';

/** Why a ZGW call failed. `name`/`code` are safe to log; the message never holds query strings. */
export class ZgwError extends Error {
  override readonly name = 'ZgwError';
  constructor(
    readonly code: 'config' | 'timeout' | 'network' | 'http' | 'precondition_failed' | 'malformed' | 'unsafe_url',
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ZgwAuth {
  clientId: string;
  secret: string;
  /** Token lifetime in seconds (default 120). */
  lifetime?: number;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * An HS256 JWT as the ZGW APIs (Open Zaak, …) expect: `iss` and `client_id` = the client id,
 * `iat`, a short `exp`, and `user_id`/`user_representation` for their audit trail.
 */
export function mintZgwJwt(auth: ZgwAuth, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      iss: auth.clientId,
      client_id: auth.clientId,
      iat,
      exp: iat + (auth.lifetime ?? 120),
      user_id: auth.clientId,
      user_representation: 'Dichtbij gateway',
    }),
  );
  const signature = createHmac('sha256', auth.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** ZGW resource kinds the connectors read, and which API serves them. */
const RESOURCES = {
  zaken: 'zaken',
  statussen: 'zaken',
  rollen: 'zaken',
  zaaktypen: 'catalogi',
  statustypen: 'catalogi',
} as const;
export type ZgwResource = keyof typeof RESOURCES;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ZgwClientOptions {
  zakenUrl: string;
  catalogiUrl: string;
  auth: ZgwAuth;
  /** Per request, in ms (default 10 000). */
  timeout?: number;
  /** At most this many pages are read from one list (default 10). */
  maxPages?: number;
  fetch?: typeof fetch;
  /** What the settings are called in error messages (default ZAKEN_API_URL, CATALOGI_API_URL, ZGW_CLIENT_ID and ZGW_SECRET). */
  names?: { zakenUrl: string; catalogiUrl: string; auth: string };
}

function apiRoot(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ZgwError('config', `${name} must be a URL, e.g. https://openzaak.gemeente.nl/zaken/api/v1`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ZgwError('config', `${name} must be http(s)`);
  if (url.search || url.hash) throw new ZgwError('config', `${name} must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

export class ZgwClient {
  readonly zakenUrl: string;
  readonly catalogiUrl: string;
  readonly #auth: ZgwAuth;
  readonly #timeout: number;
  readonly #maxPages: number;
  readonly #fetch: typeof fetch;
  #token: { value: string; until: number } | undefined;

  constructor(options: ZgwClientOptions) {
    const names = options.names ?? {
      zakenUrl: 'ZAKEN_API_URL',
      catalogiUrl: 'CATALOGI_API_URL',
      auth: 'ZGW_CLIENT_ID and ZGW_SECRET',
    };
    this.zakenUrl = apiRoot(options.zakenUrl, names.zakenUrl);
    this.catalogiUrl = apiRoot(options.catalogiUrl, names.catalogiUrl);
    if (!options.auth.clientId || !options.auth.secret) throw new ZgwError('config', `${names.auth} are required`);
    this.#auth = options.auth;
    this.#timeout = options.timeout ?? 10_000;
    this.#maxPages = options.maxPages ?? 10;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  #authorization(): string {
    const now = Date.now();
    if (!this.#token || this.#token.until <= now) {
      const lifetime = this.#auth.lifetime ?? 120;
      // Re-mint well before expiry, so clock skew and slow calls never send a stale token.
      this.#token = { value: mintZgwJwt(this.#auth, now), until: now + (lifetime * 1000) / 2 };
    }
    return `Bearer ${this.#token.value}`;
  }

  /** The root of the API that serves `resource`. */
  root(resource: ZgwResource): string {
    return RESOURCES[resource] === 'zaken' ? this.zakenUrl : this.catalogiUrl;
  }

  /**
   * The URL to fetch a resource a ZGW answer points at (`zaak.zaaktype`, `zaak.status`, …) on the
   * configured API root: `{root}/{resource}/{uuid}`. Answers may name another host (an internal
   * name, a proxy, or a hostile value); the bearer token is only ever sent to the configured one.
   */
  resourceUrl(resource: ZgwResource, pointer: string): string {
    let path: string;
    try {
      path = new URL(pointer).pathname;
    } catch {
      throw new ZgwError('malformed', `Not a ${resource} URL`);
    }
    const parts = path.replace(/\/+$/, '').split('/');
    const id = parts.at(-1) ?? '';
    if (parts.at(-2) !== resource || !UUID.test(id)) throw new ZgwError('malformed', `Not a ${resource} URL`);
    return `${this.root(resource)}/${resource}/${id.toLowerCase()}`;
  }

  /** GET a list or a resource on the configured roots and parse it at the boundary. */
  async get<T extends z.ZodMiniType>(
    resource: ZgwResource,
    path: string,
    schema: T,
    query?: Record<string, string>,
  ): Promise<z.infer<T>> {
    const url = new URL(`${this.root(resource)}/${path.replace(/^\/+/, '')}`);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return this.getUrl(resource, url.href, schema);
  }

  async getUrl<T extends z.ZodMiniType>(resource: ZgwResource, href: string, schema: T): Promise<z.infer<T>> {
    const root = this.root(resource);
    if (href !== root && !href.startsWith(`${root}/`) && !href.startsWith(`${root}?`)) {
      throw new ZgwError(
        'unsafe_url',
        `Refusing to send credentials outside the configured ${RESOURCES[resource]} API`,
      );
    }
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.#authorization() };
    if (RESOURCES[resource] === 'zaken') {
      // The Zaken API answers 412 without Accept-Crs on zaak endpoints; 1.5.1 also declares
      // Content-Crs required there (even on GET). Harmless on the other endpoints.
      headers['Accept-Crs'] = 'EPSG:4326';
      headers['Content-Crs'] = 'EPSG:4326';
    }
    const what = `${RESOURCES[resource]} API ${new URL(href).pathname.replace(/[0-9a-f-]{36}/gi, '{uuid}')}`;
    let response: Response;
    try {
      response = await this.#fetch(href, { headers, signal: AbortSignal.timeout(this.#timeout), redirect: 'error' });
    } catch (error) {
      const timeout = (error as { name?: string })?.name === 'TimeoutError';
      throw new ZgwError(
        timeout ? 'timeout' : 'network',
        `${what}: ${timeout ? 'no answer in time' : 'not reachable'}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (!response.ok) {
      let problem: { code?: unknown; detail?: unknown; invalidParams?: { name?: unknown }[] } = {};
      try {
        problem = (await response.json()) as typeof problem;
      } catch {
        // not JSON
      }
      const crs =
        response.status === 412 ||
        (response.status === 400 &&
          Array.isArray(problem.invalidParams) &&
          problem.invalidParams.some((p) => /crs/i.test(String(p?.name))));
      if (crs) {
        throw new ZgwError(
          'precondition_failed',
          `${what}: ${response.status} (${String(problem.code ?? 'precondition_failed')}). The Zaken API wants Accept-Crs/Content-Crs: EPSG:4326; check that no proxy between the gateway and the API strips them.`,
          response.status,
        );
      }
      throw new ZgwError('http', `${what}: HTTP ${response.status}`, response.status);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new ZgwError('malformed', `${what}: not JSON`, response.status, { cause: error });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const fields = parsed.error.issues.slice(0, 5).map((i) => i.path.join('.') || '(root)');
      throw new ZgwError('malformed', `${what}: unexpected data (${fields.join(', ')})`, response.status);
    }
    return parsed.data;
  }

  /** All results of a paginated list, following `next` on the same API (at most maxPages pages). */
  async list<P extends z.ZodMiniType<{ next?: string | null | undefined; results: unknown[] }>>(
    resource: ZgwResource,
    path: string,
    pageSchema: P,
    query?: Record<string, string>,
  ): Promise<z.infer<P>['results']> {
    const results: z.infer<P>['results'] = [];
    let page: z.infer<P> = await this.get(resource, path, pageSchema, query);
    results.push(...page.results);
    for (let n = 1; page.next && n < this.#maxPages; n++) {
      const next = new URL(page.next);
      // Follow `next` on the configured root (keeping only its query), never on another host.
      const href = `${this.root(resource)}/${path.replace(/^\/+/, '')}${next.search}`;
      page = await this.getUrl(resource, href, pageSchema);
      results.push(...page.results);
    }
    return results;
  }
}

/** ZGW_TIMEOUT_MS (undefined: the default). */
export function zgwTimeoutFromEnv(env: ConnectorEnv): number | undefined {
  const timeout = env.ZGW_TIMEOUT_MS ? Number(env.ZGW_TIMEOUT_MS) : undefined;
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0))
    throw new ZgwError('config', 'ZGW_TIMEOUT_MS must be a positive integer');
  return timeout;
}

/** The ZGW client settings from the environment, or undefined when ZAKEN_API_URL is not set. */
export function zgwClientFromEnv(env: ConnectorEnv, fetchImpl?: typeof fetch): ZgwClient | undefined {
  if (!env.ZAKEN_API_URL) return undefined;
  const missing = ['CATALOGI_API_URL', 'ZGW_CLIENT_ID', 'ZGW_SECRET'].filter((k) => !env[k]);
  if (missing.length) throw new ZgwError('config', `ZAKEN_API_URL is set, so ${missing.join(', ')} must be set too`);
  const timeout = zgwTimeoutFromEnv(env);
  return new ZgwClient({
    zakenUrl: env.ZAKEN_API_URL,
    catalogiUrl: env.CATALOGI_API_URL!,
    auth: { clientId: env.ZGW_CLIENT_ID!, secret: env.ZGW_SECRET! },
    ...(timeout ? { timeout } : {}),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
