/**
 * The KCC console at /kcc: login, the callback queue, the feedback dashboard, and a slot for
 * live chat (src/chat/kcc.ts). Server-rendered HTML, external CSS, strict CSP, no script.
 * The staff session cookie is HttpOnly, SameSite=Strict, Path=/kcc, Secure over https; every
 * POST carries a CSRF token bound to the session.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import * as z from 'zod/mini';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { GatewayDeps } from '../deps.ts';
import { readLimited } from '../http/body.ts';
import type { ProxyTrust, TrustProxySpec } from '../http/proxy.ts';
import { CONSOLE_CSP, isHttps } from '../http/security.ts';
import {
  CALLBACK_STATUSES,
  isUuid,
  type CallbackStatus,
  type FeedbackWeekRow,
  type GemeenteScope,
} from '../store/store.ts';
import { AuditLog, auditChat, auditView } from './audit.ts';
import { html, renderPage, type SafeHtml } from './html.ts';
import { loginLimit, PASSWORD_ACCOUNT } from './login-limit.ts';
import { oidcLoginView, oidcRoutes, type OidcOptions } from './oidc.ts';
import { verifyPassword } from './password.ts';
import { badQueryView, CallbacksQuerySchema, FeedbackQuerySchema, parseQuery } from './query.ts';
import { identityFromSubject, type StaffIdentity } from './staff.ts';
import { narrowScope, staffScope } from '../tenants.ts';
import { gemeenteFilterView, headerName, visibleGemeenten } from './gemeenten.ts';
import {
  callbacksView,
  feedbackView,
  loginView,
  QUEUE_PAGE_SIZE,
  queueHref,
  STATUS_LABELS,
  type QueueFilter,
} from './views.ts';
import { openingHours } from '@dichtbij/sdk/opening-hours';
import { dashboardRoutes } from './dashboard-routes.ts';
import { dueInfo, fillDueTimes } from './queue.ts';
import { surveyButton, surveyConsoleRoutes, type SurveyOptions } from './survey-routes.ts';

export const STAFF_COOKIE = 'dichtbij_kcc';
const LOGIN_COOKIE = 'dichtbij_kcc_login';
const SESSION_TTL = 8 * 3_600_000;
const FORM_LIMIT = 4 * 1024;
const CSS = readFileSync(new URL('./assets/kcc.css', import.meta.url), 'utf8');

export interface StaffSession {
  csrf: string;
  /** Who is logged in (./staff.ts): from the identity provider, or the shared login. */
  identity: StaffIdentity;
  /** The gemeenten this person may see (undefined: all; see tenants.ts staffScope). */
  gemeenten: GemeenteScope;
}
export type KccEnv = { Variables: { staff: StaffSession; form: URLSearchParams } };

export interface KccOptions {
  /** scrypt hash of the staff password; the login is disabled without one. */
  passwordHash?: string;
  /** Secure cookies: true, false, or 'auto' (when the request is https). Default 'auto'. */
  secureCookies?: boolean | 'auto';
  /** The gateway's trusted proxies (X-Forwarded-Proto is believed only from one of them). */
  trustProxy?: ProxyTrust | TrustProxySpec;
  /** Routes of the live-chat console, mounted at /kcc/chat behind the login. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  chat?: Hono<any, any, any>;
  /** Called after staff asked to retry filing a callback request (kicks the sync job). */
  onRetry?: () => void;
  /** OpenID Connect login (./oidc.ts); when set, the shared password login is off. */
  oidc?: OidcOptions;
  /** The survey after a callback (issue 12): the page with the score widget, and SMTP. */
  survey?: SurveyOptions;
  /** Several gemeenten: the ones the shared password login sees (default: all). */
  gemeenten?: readonly string[];
}

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function kccRoutes(deps: GatewayDeps, options: KccOptions): Hono<KccEnv> {
  const { store, config } = deps;
  const logins = loginLimit(deps);
  const app = new Hono<KccEnv>();
  const audit = new AuditLog(store, deps.clock);
  const hours = openingHours(config.openingHours);
  /** A request's promise runs out by the opening hours of its own gemeente. */
  const hoursOf = (gemeente: string) => deps.tenants.get(gemeente)?.hours ?? hours;

  const isSecure = (c: Context) => {
    if (options.secureCookies !== undefined && options.secureCookies !== 'auto') return options.secureCookies;
    return isHttps(c, options.trustProxy);
  };
  const cookieOptions = (c: Context, maxAge?: number) => ({
    path: '/kcc',
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: isSecure(c),
    ...(maxAge ? { maxAge } : {}),
  });
  const page = (
    c: Context,
    title: string,
    body: SafeHtml,
    extra: { active?: string; csrf?: string; status?: number } = {},
  ) => {
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(
      renderPage({
        title,
        body,
        gemeente: c.get('staff')
          ? headerName(deps.tenants, (c.get('staff') as StaffSession).gemeenten)
          : deps.tenants.multi
            ? deps.tenants.ids.map((id) => deps.tenants.name(id)).join(', ')
            : config.name,
        ...(c.get('staff') ? { staff: (c.get('staff') as StaffSession).identity } : {}),
        ...(extra.active ? { active: extra.active } : {}),
        ...(extra.csrf ? { csrf: extra.csrf } : {}),
      }),
      (extra.status ?? 200) as 200,
    );
  };

  /** Reads an urlencoded form (at most 4 kB). */
  const readForm = async (c: Context): Promise<URLSearchParams | undefined> => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) return undefined;
    const bytes = await readLimited(c.req.raw, FORM_LIMIT);
    return bytes ? new URLSearchParams(new TextDecoder().decode(bytes)) : undefined;
  };

  app.get('/assets/kcc.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(CSS);
  });

  const loginForm = (c: Context, error?: string, status = 200) => {
    const csrf = randomBytes(24).toString('base64url');
    setCookie(c, LOGIN_COOKIE, csrf, cookieOptions(c, 1800));
    return page(c, 'Inloggen', loginView({ csrf, configured: !!options.passwordHash, ...(error ? { error } : {}) }), {
      status,
    });
  };

  app.get('/login', async (c) => {
    if (await store.getSession('staff', getCookie(c, STAFF_COOKIE))) return c.redirect('/kcc/callbacks', 303);
    if (options.oidc) return page(c, 'Inloggen', oidcLoginView());
    return loginForm(c);
  });

  if (options.oidc) {
    app.route(
      '/auth',
      oidcRoutes(
        deps,
        { ...options.oidc, ...(deps.tenants.multi ? { gemeenten: deps.tenants.ids } : {}) },
        {
          cookie: cookieOptions,
          origin: (c) => `${isSecure(c) ? 'https' : 'http'}://${new URL(c.req.url).host}`,
          page: (c, title, body, status) => page(c, title, body, { status }),
          startSession: async (c, identity) => {
            const session = await store.createSession('staff', JSON.stringify(identity), SESSION_TTL);
            setCookie(c, STAFF_COOKIE, session.token, cookieOptions(c, SESSION_TTL / 1000));
            await audit.record({ actor: identity, action: 'login', recordType: 'console' });
            return c.redirect('/kcc/callbacks', 303);
          },
        },
      ),
    );
  }

  app.post('/login', async (c) => {
    if (options.oidc) return c.redirect('/kcc/login', 303); // the shared password is off with OIDC
    const form = await readForm(c);
    const token = getCookie(c, LOGIN_COOKIE);
    if (!form || !token || !equal(form.get('csrf') ?? '', token)) {
      return loginForm(c, 'Het formulier is verlopen. Probeer het opnieuw.', 403);
    }
    // Only failed logins count (per account and per address); while locked, no password is checked.
    const decision = await logins.allowed(c, PASSWORD_ACCOUNT);
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfter));
      return loginForm(
        c,
        `Te veel mislukte pogingen. Probeer het over ${Math.ceil(decision.retryAfter / 60)} minuten opnieuw.`,
        429,
      );
    }
    const password = form.get('password') ?? '';
    const ok =
      !!options.passwordHash && password.length <= 200 && (await verifyPassword(password, options.passwordHash));
    if (!ok) {
      await logins.failed(c, PASSWORD_ACCOUNT);
      deps.logger.warn('kcc.login_failed');
      return loginForm(c, 'Dit wachtwoord klopt niet.', 401);
    }
    await logins.succeeded(c, PASSWORD_ACCOUNT);
    const session = await store.createSession('staff', null, SESSION_TTL);
    deleteCookie(c, LOGIN_COOKIE, { path: '/kcc' });
    setCookie(c, STAFF_COOKIE, session.token, cookieOptions(c, SESSION_TTL / 1000));
    deps.logger.info('kcc.login');
    return c.redirect('/kcc/callbacks', 303);
  });

  // Everything below needs a staff session; every POST a CSRF token.
  const requireStaff: MiddlewareHandler<KccEnv> = async (c, next) => {
    const found = await store.getSession('staff', getCookie(c, STAFF_COOKIE));
    const identity = found && identityFromSubject(found.subject);
    // With OIDC on, a session of the shared password (from before) no longer counts.
    const session = identity && !(options.oidc && identity.via === 'password') ? found : undefined;
    if (!session || !identity) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/kcc/login', 303);
      return c.text('Log in again.', 401);
    }
    c.set('staff', { csrf: session.csrf, identity, gemeenten: staffScope(deps.tenants, identity, options.gemeenten) });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const header = c.req.header('x-csrf-token');
      let given = header;
      if (!given) {
        const form = await readForm(c);
        if (form) c.set('form', form);
        given = form?.get('csrf') ?? undefined;
      }
      if (!given || !equal(given, session.csrf)) return c.text('Invalid or missing CSRF token. Reload the page.', 403);
    }
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('Cache-Control', 'no-store');
    await next();
  };
  app.use('/', requireStaff);
  app.use('/logout', requireStaff);
  app.use('/callbacks', requireStaff);
  app.use('/callbacks/*', requireStaff);
  app.use('/feedback', requireStaff);
  app.use('/chat', requireStaff);
  app.use('/chat/*', requireStaff);
  app.use('/audit', requireStaff);
  app.use('/dashboard', requireStaff);
  app.use('/dashboard/*', requireStaff);
  app.use('/chat/*', auditChat(audit));

  app.get('/', (c) => c.redirect('/kcc/callbacks', 303));

  app.post('/logout', async (c) => {
    await audit.record({ actor: c.get('staff').identity, action: 'logout', recordType: 'console' });
    await store.deleteSession(getCookie(c, STAFF_COOKIE));
    deleteCookie(c, STAFF_COOKIE, { path: '/kcc' });
    return c.redirect('/kcc/login', 303);
  });

  /** The console's 400 page for a query parameter that cannot be used. */
  const badQuery = (c: Context<KccEnv>, field: string, back: { href: string; label: string }) =>
    page(c, 'Dit adres klopt niet', badQueryView(field, back), { csrf: c.get('staff').csrf, status: 400 });

  app.get('/callbacks', async (c) => {
    const query = parseQuery(c.req.url, CallbacksQuerySchema);
    if (!query.ok) return badQuery(c, query.field, { href: '/kcc/callbacks', label: 'Naar de terugbelverzoeken' });
    const filter: QueueFilter = query.data.status ?? 'open';
    const status: CallbackStatus[] =
      filter === 'open' ? ['new', 'called', 'no_answer'] : filter === 'all' ? [...CALLBACK_STATUSES] : [filter];
    const search = query.data.q?.trim() || undefined;
    const gemeenten = narrowScope(c.get('staff').gemeenten, query.data.gemeente, deps.tenants);
    const [total, counts] = await Promise.all([
      store.countCallbacks({ status, gemeenten, ...(search ? { search } : {}) }),
      store.callbackCounts(gemeenten),
    ]);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    const pageNumber = Math.min(pages, Number(query.data.page ?? 1));
    await fillDueTimes(store, hoursOf);
    const list = await store.listCallbacks({
      status,
      limit: QUEUE_PAGE_SIZE,
      offset: (pageNumber - 1) * QUEUE_PAGE_SIZE,
      order: 'promise',
      gemeenten,
      ...(search ? { search } : {}),
    });
    const now = deps.clock.now();
    // Staff of several gemeenten see each request's gemeente, in text.
    const manyGemeenten = deps.tenants.multi && visibleGemeenten(deps.tenants, c.get('staff').gemeenten).length > 1;
    const extra = new Map(
      list.map((r) => {
        const due = dueInfo(r, hoursOf(r.gemeente), now);
        return [
          r.id,
          {
            ...(due ? { due } : {}),
            ...(manyGemeenten ? { gemeente: deps.tenants.name(r.gemeente) } : {}),
            ...(r.status === 'called' || r.status === 'done'
              ? { survey: surveyButton(r.id, c.get('staff').csrf) }
              : {}),
          },
        ];
      }),
    );
    await audit.record({
      actor: c.get('staff').identity,
      action: 'queue_viewed',
      recordType: 'callback',
      detail: `${filter} ${pageNumber}/${pages}: ${list.map((r) => r.reference).join(', ') || 'leeg'}`,
    });
    const done = query.data.done;
    const notice =
      done === 'retry'
        ? 'Het verzoek wordt opnieuw doorgezet.'
        : done
          ? `Status gewijzigd in “${STATUS_LABELS[done]}”.`
          : undefined;
    return page(
      c,
      'Terugbelverzoeken',
      html`${gemeenteFilterView(deps.tenants, c.get('staff').gemeenten, query.data.gemeente, c.req.url)}${callbacksView(
        {
          list,
          counts,
          filter,
          csrf: c.get('staff').csrf,
          total,
          page: pageNumber,
          pageSize: QUEUE_PAGE_SIZE,
          ...(search ? { search } : {}),
          ...(notice ? { notice } : {}),
          extra,
        },
      )}`,
      {
        active: '/kcc/callbacks',
        csrf: c.get('staff').csrf,
      },
    );
  });

  /** Only a queue address the console itself makes (filter, page, search), rebuilt from its parts. */
  const backTo = (value: string | null | undefined) => {
    if (!value?.startsWith('/kcc/callbacks')) return '/kcc/callbacks';
    let url: URL;
    try {
      url = new URL(value, 'http://console.invalid');
    } catch {
      return '/kcc/callbacks';
    }
    const query = parseQuery(url.href, CallbacksQuerySchema);
    if (url.pathname !== '/kcc/callbacks' || !query.ok) return '/kcc/callbacks';
    return queueHref({
      ...(query.data.status ? { status: query.data.status } : {}),
      ...(query.data.page ? { page: Number(query.data.page) } : {}),
      ...(query.data.q ? { q: query.data.q } : {}),
    });
  };
  const withNotice = (url: string, done: string) => `${url}${url.includes('?') ? '&' : '?'}done=${done}`;

  app.post('/callbacks/:id/status', async (c) => {
    const form = c.get('form') ?? (await readForm(c));
    const parsed = z.enum(CALLBACK_STATUSES).safeParse(form?.get('status'));
    const id = c.req.param('id');
    if (!parsed.success || !isUuid(id)) return c.text('Bad request', 400);
    const status = parsed.data;
    if (!(await store.setCallbackStatus(id, status, c.get('staff').gemeenten))) return c.text('Not found', 404);
    await audit.record({
      actor: c.get('staff').identity,
      action: 'callback_status',
      recordType: 'callback',
      recordId: id,
      detail: STATUS_LABELS[status],
    });
    deps.logger.info('kcc.callback_status', { status });
    return c.redirect(withNotice(backTo(form?.get('back')), status), 303);
  });

  app.post('/callbacks/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!(await store.retrySyncNow(id, c.get('staff').gemeenten))) return c.text('Not found', 404);
    await audit.record({
      actor: c.get('staff').identity,
      action: 'callback_retry',
      recordType: 'callback',
      recordId: id,
    });
    options.onRetry?.();
    return c.redirect(withNotice('/kcc/callbacks', 'retry'), 303);
  });

  app.get('/feedback', async (c) => {
    const query = parseQuery(c.req.url, FeedbackQuerySchema);
    if (!query.ok) return badQuery(c, query.field, { href: '/kcc/feedback', label: 'Naar alle feedback' });
    const weeks = Number(query.data.weeks ?? 12);
    const channel = query.data.channel;
    const pageUrl = query.data.page;
    const now = deps.clock.now();
    const since = startOfWeek(new Date(now.getTime() - (weeks - 1) * 7 * 86_400_000));
    const gemeenten = narrowScope(c.get('staff').gemeenten, query.data.gemeente, deps.tenants);
    const filter = { since, gemeenten, ...(channel ? { channel } : {}), ...(pageUrl ? { pageUrl } : {}) };
    const [totals, byChannel, byPage, trend, comments] = await Promise.all([
      store.feedbackTotals(filter),
      store.feedbackStats('channel', filter),
      store.feedbackStats('page', filter),
      store.feedbackTrend(filter),
      store.feedbackComments(filter),
    ]);
    const body = feedbackView({
      totals,
      byChannel,
      byPage,
      trend: fillWeeks(trend, since, weeks),
      comments,
      weeks,
      ...(channel ? { channel } : {}),
      ...(pageUrl ? { page: pageUrl } : {}),
    });
    const filters = gemeenteFilterView(deps.tenants, c.get('staff').gemeenten, query.data.gemeente, c.req.url);
    return page(c, 'Feedback', html`${filters}${body}`, { active: '/kcc/feedback', csrf: c.get('staff').csrf });
  });

  // The audit log (AVG verwerkingsregister): for a teamleider only.
  app.get('/audit', async (c) => {
    if (c.get('staff').identity.role !== 'teamleider') {
      deps.logger.warn('kcc.audit_refused', { role: c.get('staff').identity.role });
      return page(
        c,
        'Geen toegang',
        html`<h1>Geen toegang</h1>
          <p>Het verwerkingsregister is alleen te zien voor een teamleider.</p>`,
        { csrf: c.get('staff').csrf, status: 403 },
      );
    }
    const rows = await audit.list({ limit: 500 });
    return page(c, 'Verwerkingsregister', auditView(rows, deps.retentionDays), {
      active: '/kcc/audit',
      csrf: c.get('staff').csrf,
    });
  });

  app.route('/', dashboardRoutes(deps, { page, badQuery, audit, hours }));
  app.route(
    '/',
    surveyConsoleRoutes(deps, { page, audit, readForm, ...(options.survey ? { survey: options.survey } : {}) }),
  );

  if (options.chat) app.route('/chat', options.chat);

  return app;
}

/** Monday 00:00 (UTC date) of the Amsterdam week of `at`, as a Date at UTC midnight. */
function startOfWeek(at: Date): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);
  const day = new Date(`${ymd}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * 86_400_000 - 2 * 3_600_000); // a little early: Amsterdam is UTC+1/+2
}

function fillWeeks(rows: FeedbackWeekRow[], since: Date, weeks: number): FeedbackWeekRow[] {
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const first = new Date(since.getTime() + 3 * 3_600_000); // back to the Monday's date
  const out: FeedbackWeekRow[] = [];
  for (let i = 0; i < weeks; i++) {
    const week = new Date(first.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10);
    out.push(byWeek.get(week) ?? { week, key: week, count: 0, rated: 0, useful: 0, scored: 0, meanScore: null });
  }
  return out;
}
