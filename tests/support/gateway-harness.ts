// Helpers for the gateway's node tests: one in-memory store per test file (PGlite takes a few
// seconds to start), an injectable clock, a captured logger, and request shorthands over
// app.request() (no sockets).
import { fileURLToPath } from 'node:url';
import { createGateway, Store, type Gateway, type GatewayOptions, type Logger } from '@dichtbij/gateway';

export class TestClock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  set(at: string | Date) {
    this.t = new Date(at).getTime();
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, unknown>;
}
export function captureLogger(): Logger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return { lines, info: log('info'), warn: log('warn'), error: log('error'), text: () => JSON.stringify(lines) };
}

/** A Tuesday, 10:00 in Amsterdam (open 08:30–17:00 in the demo config). */
export const TUESDAY_10 = '2026-11-24T09:00:00Z';

/** Limits so high that tests do not hit them unless they mean to. */
export const NO_LIMITS = {
  postsPerIp: { limit: 1e6, windowMs: 60_000 },
  callbacksPerPhone: { limit: 1e6, windowMs: 3_600_000 },
  caseLookupsPerIp: { limit: 1e6, windowMs: 600_000 },
  loginPerIp: { limit: 1e6, windowMs: 900_000 },
};

/** Where test stores keep a migrated PGlite image (in .tmp/, so each test run makes it once). */
export const PGLITE_IMAGE_CACHE = fileURLToPath(new URL('../../.tmp/pglite/', import.meta.url));

let shared: { store: Store; clock: TestClock } | undefined;

/** One store per test file, with a clock the tests move. */
export async function sharedStore(): Promise<{ store: Store; clock: TestClock }> {
  if (!shared) {
    const clock = new TestClock(TUESDAY_10);
    shared = { store: await Store.open({ clock, pgliteImageCache: PGLITE_IMAGE_CACHE }), clock };
  }
  return shared;
}

export async function closeSharedStore() {
  await shared?.store.close();
  shared = undefined;
}

export interface TestGateway {
  gateway: Gateway;
  store: Store;
  clock: TestClock;
  logger: ReturnType<typeof captureLogger>;
  request(path: string, init?: RequestInit): Promise<Response>;
  post(
    path: string,
    body: unknown,
    options?: { key?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

let keys = 0;
export const newKey = () => `test-key-${Date.now()}-${++keys}`;

/** A gateway on the shared store, emptied first; the clock reset to Tuesday 10:00. */
export async function testGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const { store, clock } = await sharedStore();
  await store.reset();
  clock.set(TUESDAY_10);
  const logger = captureLogger();
  const gateway = await createGateway({ store, clock, logger, jobs: false, limits: NO_LIMITS, ...options });
  const request = (path: string, init?: RequestInit) => Promise.resolve(gateway.app.request(path, init));
  return {
    gateway,
    store,
    clock,
    logger,
    request,
    post(path, body, o = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      if (o.key !== null) headers['idempotency-key'] = o.key ?? newKey();
      return request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    },
    close: () => gateway.close(),
  };
}

export const feedbackBody = (extra: Record<string, unknown> = {}) => ({
  variant: 'page',
  useful: true,
  channel: 'website',
  page: { url: 'https://www.gemeente.nl/paspoort', title: 'Paspoort aanvragen' },
  locale: 'nl',
  ...extra,
});

export const callbackBody = (extra: Record<string, unknown> = {}) => ({
  phone: '+31612345678',
  name: 'Jan Jansen',
  topic: 'paspoort-id',
  question: 'Mijn paspoort is verlopen, wat nu?',
  preferred: { kind: 'asap' },
  locale: 'nl',
  ...extra,
});

/** The `name=value` of a cookie the response sets (the staff session, the CSRF cookie). */
export const cookieOf = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** The CSRF token of a console page's forms. */
export const csrfOf = (page: string): string | undefined => /name="csrf" value="([^"]+)"/.exec(page)?.[1];

/**
 * Logs in to the KCC console with the shared password, as a browser does: the login page (its
 * cookie and CSRF token), then the form. Returns the answer and the staff cookie (undefined when
 * refused). `headers` go on both requests (e.g. `x-forwarded-for`).
 */
export async function passwordLogin(
  t: Pick<TestGateway, 'request'>,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ res: Response; cookie: string | undefined }> {
  const page = await t.request('/kcc/login', { headers });
  const loginCookie = cookieOf(page, 'dichtbij_kcc_login')!;
  const csrf = csrfOf(await page.text())!;
  const res = await t.request('/kcc/login', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, password }).toString(),
  });
  return { res, cookie: cookieOf(res, 'dichtbij_kcc') };
}
