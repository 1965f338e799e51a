/**
 * The console's service-norm dashboard (issue 12): GET /kcc/dashboard (figures per day for the
 * last 14 days and per ISO week, charts with tables) and GET /kcc/dashboard/{table}.csv (each table
 * as CSV, recorded in the audit log). Mounted by ./routes.ts behind the staff login.
 */
import { Hono, type Context } from 'hono';
import { amsterdamDate, type OpeningHours } from '@dichtbij/sdk/opening-hours';
import { addDays, mondayOf, startOfDay } from '@dichtbij/sdk/service-norms';
import type { GatewayDeps } from '../deps.ts';
import type { AuditLog } from './audit.ts';
import { toCsv } from './csv.ts';
import { Dashboard, dashboardTables, type DashboardRange } from './dashboard.ts';
import { dashboardView } from './dashboard-view.ts';
import type { SafeHtml } from './html.ts';
import { DashboardQuerySchema, parseQuery } from './query.ts';
import type { KccEnv } from './routes.ts';

/** The last 14 days and the last `weeks` ISO weeks up to now, from 00:00 in Amsterdam. */
export function dashboardRanges(now: Date, weeks: number): { days: DashboardRange; weeks: DashboardRange } {
  const to = new Date(now.getTime() + 1);
  const today = amsterdamDate(now);
  return {
    days: { from: startOfDay(addDays(today, -13)), to },
    weeks: { from: startOfDay(addDays(mondayOf(today), -7 * (weeks - 1))), to },
  };
}

export function dashboardRoutes(
  deps: GatewayDeps,
  ctx: {
    page: (
      c: Context,
      title: string,
      body: SafeHtml,
      extra?: { active?: string; csrf?: string; status?: number },
    ) => Response | Promise<Response>;
    badQuery: (
      c: Context<KccEnv>,
      field: string,
      back: { href: string; label: string },
    ) => Response | Promise<Response>;
    audit: AuditLog;
    hours: OpeningHours;
  },
): Hono<KccEnv> {
  const app = new Hono<KccEnv>();
  const dashboard = new Dashboard(deps.store, deps.config);

  const load = async (weeks: number) => {
    const now = deps.clock.now();
    const ranges = dashboardRanges(now, weeks);
    const [tables, callbackWeeks] = await Promise.all([
      dashboardTables(dashboard, ranges, now),
      dashboard.callbacks(ranges.weeks, 'week', now),
    ]);
    return { tables, callbackWeeks };
  };

  app.get('/dashboard', async (c) => {
    const query = parseQuery(c.req.url, DashboardQuerySchema);
    if (!query.ok) return ctx.badQuery(c, query.field, { href: '/kcc/dashboard', label: 'Naar de servicenormen' });
    const weeks = Number(query.data.weeks ?? 12);
    const { tables, callbackWeeks } = await load(weeks);
    return ctx.page(c, 'Servicenormen', dashboardView({ norms: dashboard.norms, weeks, tables, callbackWeeks }), {
      active: '/kcc/dashboard',
      csrf: c.get('staff').csrf,
    });
  });

  app.get('/dashboard/:file', async (c) => {
    const file = c.req.param('file');
    const query = parseQuery(c.req.url, DashboardQuerySchema);
    if (!query.ok) return ctx.badQuery(c, query.field, { href: '/kcc/dashboard', label: 'Naar de servicenormen' });
    const match = /^([a-z0-9-]{1,60})\.csv$/.exec(file);
    const weeks = Number(query.data.weeks ?? 12);
    const table = match ? (await load(weeks)).tables.find((t) => t.id === match[1]) : undefined;
    if (!table) return c.text('Not found', 404);
    await ctx.audit.record({
      actor: c.get('staff').identity,
      action: 'exported',
      recordType: 'console',
      detail: `${table.id}.csv (${weeks} weken)`,
    });
    return c.body(toCsv(table.headers, table.rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${table.id}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
