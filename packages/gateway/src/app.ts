/**
 * createGateway: the Hono app with the Dichtbij API v1, the KCC console, the demo site, the
 * store and the background jobs, all from one options object (see cli.ts for the env mapping).
 */
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import { demoConfig } from '@dichtbij/sdk';
import { chatRoutes, type ChatOptions } from './chat/routes.ts';
import { kccChatRoutes } from './chat/kcc.ts';
import { embeddedCaseSource, seedDemoCases } from './connectors/embedded.ts';
import type { ZgwProxyHooks } from './connectors/index.ts';
import type { CallbackSink, CaseSource } from './connectors/types.ts';
import { DEFAULT_LIMITS, type ConfigExtension, type GatewayDeps, type Limits } from './deps.ts';
import { demoResident, demoRoutes, type DemoOptions } from './demo/routes.ts';
import { cdnRoutes } from './static/cdn.ts';
import { DEFAULT_BODY_LIMIT } from './http/body.ts';
import { DEFAULT_STREAM_LIMITS, StreamLimiter, type StreamLimits } from './http/limits.ts';
import { problemResponse, problemTypes } from './http/problem.ts';
import { isDataError, unstorableProblem } from './http/storable.ts';
import { proxyTrust, type ProxyTrust, type TrustProxySpec } from './http/proxy.ts';
import { corsMiddleware, originPolicy, RateLimiter, securityHeaders, type OriginPolicy } from './http/security.ts';
import { CallbackSync, RetentionJob } from './jobs.ts';
import type { OidcOptions } from './kcc/oidc.ts';
import { kccRoutes } from './kcc/routes.ts';
import { apiRoutes } from './routes/api.ts';
import { openApiDocument } from './routes/openapi.ts';
import { errorFields, jsonLogger, systemClock, type Clock, type Logger } from './runtime.ts';
import { Store } from './store/store.ts';
import { surveyRoutes } from './survey/routes.ts';
import type { SurveyOptions } from './kcc/survey-routes.ts';
import { parseTenants, tenantMiddleware, type GatewayConfig } from './tenants.ts';

/** The resident behind a request, from the gemeente's login (DigiD/eHerkenning session). */
export type AuthHook = (request: Request) => { bsn: string } | undefined | Promise<{ bsn: string } | undefined>;

export interface GatewayOptions {
  /**
   * The gemeente's configuration (validated with the SDK's schema), or several gemeenten in one
   * gateway: `{ gemeenten: { druten: {…}, wijchen: {…} }, default?: 'druten' }` (see tenants.ts).
   * Default: the SDK's demoConfig.
   */
  config?: GatewayConfig;
  /** An open store to use (tests share one); otherwise one is opened from databaseUrl/dataDir. */
  store?: Store;
  /** PostgreSQL connection string (DATABASE_URL). */
  databaseUrl?: string;
  /** PGlite data directory (DICHTBIJ_DATA_DIR); in memory when neither is set. */
  dataDir?: string;
  /** Extra migration directories. */
  migrationDirs?: string[];
  /** In-memory PGlite: cache a migrated image here to start faster next time (tests). */
  pgliteImageCache?: string;
  clock?: Clock;
  logger?: Logger;
  /**
   * The built CDN folder of @dichtbij/components to serve at `/dichtbij.js`, `/feedback.js`, …,
   * `/dichtbij-chunks/*` and `/themes/*.css` (default: the installed package's dist/cdn;
   * `false`: serve none).
   */
  cdnDir?: string | false;
  /** Demo mode: seeds demo cases, serves /demo/ and the DEMO login. */
  demo?: boolean | DemoOptions;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS), or a predicate. */
  corsOrigins?: readonly string[] | OriginPolicy;
  /** The gemeente's login: who is the resident of this request? */
  auth?: AuthHook;
  /** Where case status comes from (default: the embedded store). */
  caseSource?: CaseSource;
  /** The read-only ZGW proxy for the SDK's commonGroundAdapter, mounted at /zgw (see connectors/zaken.ts). */
  zgwProxy?: (hooks: ZgwProxyHooks) => Hono | undefined;
  /** Where callback requests are filed besides the store (e.g. Klantinteracties). */
  callbackSink?: CallbackSink;
  /** Retry timing for the sink. */
  sync?: { timeoutMs?: number; baseDelayMs?: number; maxDelayMs?: number; intervalMs?: number };
  /** The console's login: the shared password (small setups, development) or OpenID Connect (kcc/oidc.ts). */
  kcc?: {
    passwordHash?: string;
    secureCookies?: boolean | 'auto';
    oidc?: OidcOptions;
    survey?: SurveyOptions;
    /** Several gemeenten: the ones the shared password login sees (KCC_GEMEENTEN; default all). */
    gemeenten?: string[];
  };
  /** Days to keep personal data and free text (RETENTION_DAYS, default 30). */
  retentionDays?: number;
  /** How often the retention job runs (default hourly; it also runs at start). */
  retentionIntervalMs?: number;
  limits?: Partial<Limits>;
  /**
   * The reverse proxies in front of the gateway (TRUST_PROXY): a number of proxy hops, or a list
   * of proxy addresses and CIDR ranges (see http/proxy.ts). The client address is then the
   * right-most X-Forwarded-For entry that is not a trusted proxy; X-Forwarded-Proto is believed
   * from a trusted proxy. Default: no proxy, the socket's peer is the client.
   */
  trustProxy?: TrustProxySpec | ProxyTrust;
  /** Open server-sent event streams per client address and in total (defaults in http/limits.ts). */
  streams?: Partial<StreamLimits>;
  /** Largest JSON body in bytes (default 16 kB). */
  bodyLimit?: number;
  /** Prefix of callback references (default "TB": "TB-7K3QX"). */
  referencePrefix?: string;
  /**
   * Options of the chat module (src/chat/routes.ts `ChatOptions`: FAQ file, limits, and
   * `contactSink`, which records ended chats, e.g. as Klantinteracties klantcontacten), handed to
   * it as `deps.chat`.
   */
  chat?: ChatOptions;
  /** Start the interval jobs (sync retries, retention). Default true; tests turn them off and run them by hand. */
  jobs?: boolean;
}

export interface Gateway {
  app: Hono;
  store: Store;
  deps: GatewayDeps;
  /** Set when a callback sink is configured. */
  callbackSync: CallbackSync | undefined;
  retention: RetentionJob;
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? jsonLogger();
  const tenants = await parseTenants(options.config ?? demoConfig);
  const { config, hours, phoneOptions } = tenants.default;
  const cors = originPolicy(options.corsOrigins);

  const ownStore = !options.store;
  const store =
    options.store ??
    (await Store.open({
      clock,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.migrationDirs ? { migrationDirs: options.migrationDirs } : {}),
      ...(options.pgliteImageCache ? { pgliteImageCache: options.pgliteImageCache } : {}),
    }));

  const demo = !!options.demo;
  const demoOptions: DemoOptions = typeof options.demo === 'object' ? options.demo : {};
  if (demo) await seedDemoCases(store, tenants.default.id);

  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const proxies = proxyTrust(options.trustProxy);
  const rateLimit = new RateLimiter(store, () => clock.now(), proxies);
  const extensions: ConfigExtension[] = [];
  const deps: GatewayDeps = {
    store,
    config,
    tenants,
    async getConfig(gemeente) {
      let current = (gemeente ? tenants.get(gemeente)?.config : undefined) ?? config;
      for (const extend of extensions) current = await extend(current);
      return current;
    },
    extendConfig: (fn) => void extensions.push(fn),
    clock,
    logger,
    rateLimit,
    streams: new StreamLimiter({ ...DEFAULT_STREAM_LIMITS, ...options.streams }),
    limits,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    demo,
    retentionDays: options.retentionDays ?? 30,
    ...(options.chat === undefined ? {} : { chat: options.chat }),
  };

  const callbackSync = options.callbackSink
    ? new CallbackSync({ store, sink: options.callbackSink, clock, logger, ...options.sync })
    : undefined;
  const retention = new RetentionJob({ store, clock, logger, days: deps.retentionDays });

  const resident = async (c: Context) => {
    if (options.auth) {
      const who = await options.auth(c.req.raw);
      if (who?.bsn) return { bsn: who.bsn };
    }
    return demo ? demoResident(deps, c) : undefined;
  };

  const app = new Hono();

  // Request log: method, route template, status, duration. Never the URL, query, body or headers.
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  });
  app.use('*', securityHeaders({ hsts: proxies.enabled }));
  if (options.cdnDir !== false) {
    const cdn = cdnRoutes(options.cdnDir);
    if (!cdn.dir) logger.warn('cdn.not_built', { hint: 'run pnpm -r build to serve /dichtbij.js' });
    app.use('*', cdn.middleware);
  }
  app.use('/v1/*', corsMiddleware(cors));
  app.use('/v1/*', tenantMiddleware(tenants));
  app.use('/zgw/*', corsMiddleware(cors));
  app.use('/zgw/*', tenantMiddleware(tenants));
  // Every POST counts against the per-IP limit; POST /v1/feedback counts it itself, in the same
  // SQL statement as its insert (see routes/api.ts).
  const postLimit = rateLimit.perIp('post', limits.postsPerIp);
  app.use('*', (c, next) => (c.req.method === 'POST' && c.req.path !== '/v1/feedback' ? postLimit(c, next) : next()));

  app.get('/healthz', async (c) => {
    try {
      await store.db.query('SELECT 1');
      return c.json({ status: 'ok', store: store.db.engine }, 200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      logger.error('health.db_failed', errorFields(error));
      return c.json({ status: 'unavailable' }, 503, { 'Cache-Control': 'no-store' });
    }
  });
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(), 200, { 'Cache-Control': 'public, max-age=300' }));

  app.route(
    '/v1',
    apiRoutes({
      ...deps,
      caseSource: options.caseSource ?? embeddedCaseSource(store),
      hours,
      phoneOptions,
      referencePrefix: options.referencePrefix ?? 'TB',
      resident,
      ...(callbackSync ? { callbackSync } : {}),
    }),
  );
  app.route('/v1/chat', chatRoutes(deps));
  app.route('/v1/survey', surveyRoutes(deps));
  const zgw = options.zgwProxy?.({
    resident,
    guard: async (c) => {
      const decision = await rateLimit.hit('case-lookup', rateLimit.ip(c), limits.caseLookupsPerIp);
      return decision.ok ? undefined : rateLimit.tooMany(decision.retryAfter);
    },
  });
  if (zgw) app.route('/zgw', zgw);
  app.route(
    '/kcc',
    kccRoutes(deps, {
      ...options.kcc,
      trustProxy: proxies,
      chat: kccChatRoutes(deps),
      ...(callbackSync ? { onRetry: () => callbackSync.kick() } : {}),
    }),
  );
  if (demo) {
    app.route('/', demoRoutes(deps, demoOptions));
    app.get('/', (c) => c.redirect('/demo/', 303));
  } else {
    app.get('/', (c) =>
      c.json({ name: '@dichtbij/gateway', api: '/v1', openapi: '/v1/openapi.json', console: '/kcc' }),
    );
  }

  app.notFound((c) =>
    /^\/(v1|zgw)(\/|$)/.test(c.req.path)
      ? problemResponse(404, {
          type: problemTypes.notFound,
          title: 'Niet gevonden / Not found',
          detail: 'No such route.',
        })
      : c.text('Not found', 404),
  );
  app.onError((error, c) => {
    logger.error('request.failed', { method: c.req.method, route: routePath(c, -1), ...errorFields(error) });
    // The database refused the data itself (a value no schema caught): the client's to change, not a 500.
    if (isDataError(error)) return unstorableProblem('(body)');
    return problemResponse(500, {
      type: problemTypes.server,
      title: 'Er ging iets mis / Server error',
      detail: 'Something went wrong on our side. Try again later.',
    });
  });

  if (options.jobs !== false) {
    retention.start(options.retentionIntervalMs);
    callbackSync?.start(options.sync?.intervalMs);
  }

  let closed = false;
  return {
    app,
    store,
    deps,
    callbackSync,
    retention,
    async close() {
      if (closed) return;
      closed = true;
      retention.stop();
      callbackSync?.stop();
      await Promise.all([retention.idle(), callbackSync?.idle()]);
      if (ownStore) await store.close();
    },
  };
}
