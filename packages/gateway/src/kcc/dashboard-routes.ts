/**
 * The console's service-norm dashboard (issue 12): GET /kcc/dashboard (figures per day for the
 * last 14 days and per ISO week, charts with tables) and GET /kcc/dashboard/{table}.csv (each table
 * as CSV, recorded in the audit log). Mounted by ./routes.ts behind the staff login.
 *
 * With several gemeenten in one gateway, both show one gemeente at a time (`?gemeente=druten`,
 * default the first the staff member may see), with that gemeente's own norms, from its own
 * records. A gemeente the staff member may not see is a 404, the same answer as one that does
 * not exist: the console does not tell which gemeenten there are.
 */
import { Hono, type Context } from 'hono';
import { amsterdamDate, type OpeningHours } from '@dichtbij/sdk/opening-hours';
import { addDays, mondayOf, startOfDay } from '@dichtbij/sdk/service-norms';
import type { GatewayDeps } from '../deps.ts';
import type { Tenant } from '../tenants.ts';
import type { AuditLog } from './audit.ts';
import { toCsv } from './csv.ts';
import { Dashboard, dashboardTables, type DashboardRange } from './dashboard.ts';
import { dashboardNotFoundView, dashboardView, type DashboardGemeente } from './dashboard-view.ts';
import { visibleGemeenten } from './gemeenten.ts';
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
  const { tenants } = deps;
  // One dashboard per gemeente, each with its own norms and opening hours. A single-gemeente
  // gateway counts every record (they all belong to it), as before.
  const dashboards = new Map<string, Dashboard>();
  const dashboardOf = (tenant: Tenant) => {
    let found = dashboards.get(tenant.id);
    if (!found) {
      found = new Dashboard(deps.store, tenant.config, tenants.multi ? tenant.id : undefined);
      dashboards.set(tenant.id, found);
    }
    return found;
  };

  /** The gemeente asked for, when the staff member may see it; undefined: not found. */
  const tenantFor = (c: Context<KccEnv>, given: string | undefined): Tenant | undefined => {
    const asked = given?.toLowerCase();
    if (!tenants.multi) return asked === undefined || asked === tenants.default.id ? tenants.default : undefined;
    const visible = visibleGemeenten(tenants, c.get('staff').gemeenten);
    const id = asked ?? visible[0];
    return id && visible.includes(id) ? tenants.get(id) : undefined;
  };

  /** What the view and the CSV links need to know of the gemeente (nothing for a single one). */
  const gemeenteOf = (c: Context<KccEnv>, tenant: Tenant): DashboardGemeente | undefined =>
    tenants.multi
      ? {
          id: tenant.id,
          name: tenant.config.name,
          choices: visibleGemeenten(tenants, c.get('staff').gemeenten).map((id) => ({ id, name: tenants.name(id) })),
        }
      : undefined;

  const load = async (dashboard: Dashboard, weeks: number) => {
    const now = deps.clock.now();
    const ranges = dashboardRanges(now, weeks);
    const [tables, callbackWeeks] = await Promise.all([
      dashboardTables(dashboard, ranges, now),
      dashboard.callbacks(ranges.weeks, 'week', now),
    ]);
    return { tables, callbackWeeks };
  };

  const notFound = (c: Context<KccEnv>) =>
    ctx.page(c, 'Niet gevonden', dashboardNotFoundView(), { csrf: c.get('staff').csrf, status: 404 });

  app.get('/dashboard', async (c) => {
    const query = parseQuery(c.req.url, DashboardQuerySchema);
    if (!query.ok) return ctx.badQuery(c, query.field, { href: '/kcc/dashboard', label: 'Naar de servicenormen' });
    const tenant = tenantFor(c, query.data.gemeente);
    if (!tenant) return notFound(c);
    const weeks = Number(query.data.weeks ?? 12);
    const dashboard = dashboardOf(tenant);
    const { tables, callbackWeeks } = await load(dashboard, weeks);
    const gemeente = gemeenteOf(c, tenant);
    return ctx.page(
      c,
      gemeente ? `Servicenormen ${gemeente.name}` : 'Servicenormen',
      dashboardView({ norms: dashboard.norms, weeks, tables, callbackWeeks, ...(gemeente ? { gemeente } : {}) }),
      { active: '/kcc/dashboard', csrf: c.get('staff').csrf },
    );
  });

  app.get('/dashboard/:file', async (c) => {
    const file = c.req.param('file');
    const query = parseQuery(c.req.url, DashboardQuerySchema);
    if (!query.ok) return ctx.badQuery(c, query.field, { href: '/kcc/dashboard', label: 'Naar de servicenormen' });
    const tenant = tenantFor(c, query.data.gemeente);
    if (!tenant) return c.text('Not found', 404);
    const match = /^([a-z0-9-]{1,60})\.csv$/.exec(file);
    const weeks = Number(query.data.weeks ?? 12);
    const table = match ? (await load(dashboardOf(tenant), weeks)).tables.find((t) => t.id === match[1]) : undefined;
    if (!table) return c.text('Not found', 404);
    const name = tenants.multi ? `${tenant.id}-${table.id}` : table.id;
    await ctx.audit.record({
      actor: c.get('staff').identity,
      action: 'exported',
      recordType: 'console',
      detail: `${name}.csv (${weeks} weken)`,
    });
    return c.body(toCsv(table.headers, table.rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
