/**
 * Several gemeenten in one gateway (a werkorganisatie, e.g. Druten and Wijchen): each with its
 * own configuration, every API request and record scoped to one of them.
 *
 * The configuration is either one GemeenteConfig (today's shape: a single gemeente, id
 * `default`) or `{ "gemeenten": { "druten": {…}, "wijchen": {…} }, "default": "druten" }`.
 *
 * The widgets name their gemeente with `<dichtbij-config gemeente="wijchen">`; the SDK's gateway
 * adapter sends it as the query parameter `gemeente` on every request to /v1 (a query parameter,
 * not a header: it needs no CORS preflight, EventSource can send it, and a cache keys on it).
 * Without it, a request is for the default gemeente. An unknown gemeente is a 404.
 */
import type { Context, MiddlewareHandler } from 'hono';
import {
  GemeenteConfigSchema,
  loadInternationalPhoneMetadata,
  openingHours,
  type GemeenteConfig,
  type OpeningHours,
  type PhoneOptions,
} from '@dichtbij/sdk';
import type { GemeenteZakenConfig } from './connectors/zaken-gemeenten.ts';
import { notFoundProblem } from './http/problem.ts';
import { DEFAULT_GEMEENTE, type GemeenteScope } from './store/store.ts';

/** A gemeente's id: lower case letters, digits and dashes ("druten", "west-betuwe"). */
export const GEMEENTE_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** The configuration file of a gateway for several gemeenten. */
export interface MultiGemeenteConfig {
  gemeenten: Record<string, GemeenteConfig>;
  /** The gemeente of a request without `gemeente` (default: the first one). */
  default?: string;
  /**
   * The chat bot's knowledge file per gemeente (`{ "wijchen": "faq-wijchen.json" }`, relative to
   * the configuration file); a gemeente without one uses CHAT_FAQ_FILE or the default file.
   * Gateway-side only: never part of what GET /v1/config answers.
   */
  faq?: Record<string, string>;
  /**
   * The zaken of each gemeente (`{ "wijchen": { "bronorganisatie": "…", "zakenApiUrl": … } }`):
   * its RSIN and optionally its own zaaksysteem, read by the zaken connector
   * (connectors/zaken-gemeenten.ts; secrets only from the environment). Gateway-side only:
   * never part of what GET /v1/config answers.
   */
  zaken?: Record<string, GemeenteZakenConfig>;
}
export type GatewayConfig = GemeenteConfig | MultiGemeenteConfig;

export interface Tenant {
  id: string;
  config: GemeenteConfig;
  hours: OpeningHours;
  phoneOptions: PhoneOptions;
  /** The chat bot's knowledge file of this gemeente (MultiGemeenteConfig.faq), if it has its own. */
  faqFile?: string;
}

export interface Tenants {
  /** True when the gateway serves more than a single-gemeente configuration. */
  multi: boolean;
  ids: readonly string[];
  default: Tenant;
  get(id: string): Tenant | undefined;
  /** The gemeente's name for the console ("Gemeente Druten"). */
  name(id: string): string;
}

export const isMultiConfig = (value: unknown): value is MultiGemeenteConfig =>
  !!value && typeof value === 'object' && 'gemeenten' in value;

async function tenantOf(id: string, value: unknown, where: string): Promise<Tenant> {
  const parsed = GemeenteConfigSchema.safeParse(value);
  if (!parsed.success) {
    const at = parsed.error.issues.map((i) => [where, ...i.path].filter(Boolean).join('.') || '(root)').join(', ');
    throw new Error(`The gemeente configuration is invalid at: ${at}`);
  }
  const config = parsed.data;
  const hours = openingHours(config.openingHours); // throws a clear error for a bad schedule
  const phoneOptions: PhoneOptions = config.callback.allowInternational
    ? { allowInternational: true, international: await loadInternationalPhoneMetadata() }
    : {};
  return { id, config, hours, phoneOptions };
}

/** Validates a single or multi-gemeente configuration (throws naming the wrong field). */
export async function parseTenants(input: unknown): Promise<Tenants> {
  const list: Tenant[] = [];
  let defaultId = DEFAULT_GEMEENTE;
  const multi = isMultiConfig(input);
  if (multi) {
    const { gemeenten } = input;
    if (!gemeenten || typeof gemeenten !== 'object' || Array.isArray(gemeenten) || !Object.keys(gemeenten).length) {
      throw new Error('The gemeente configuration is invalid at: gemeenten (an object with at least one gemeente)');
    }
    for (const [id, value] of Object.entries(gemeenten)) {
      if (!GEMEENTE_ID.test(id)) {
        throw new Error(
          `The gemeente configuration is invalid at: gemeenten.${id} (an id is lower case letters, digits and dashes)`,
        );
      }
      list.push(await tenantOf(id, value, `gemeenten.${id}`));
    }
    defaultId = input.default ?? list[0]!.id;
    if (!list.some((t) => t.id === defaultId)) {
      throw new Error('The gemeente configuration is invalid at: default (not one of the gemeenten)');
    }
    for (const [id, file] of Object.entries(input.faq ?? {})) {
      const tenant = list.find((t) => t.id === id);
      if (!tenant || typeof file !== 'string' || !file.trim()) {
        throw new Error(`The gemeente configuration is invalid at: faq.${id} (a file for one of the gemeenten)`);
      }
      tenant.faqFile = file.trim();
    }
  } else {
    list.push(await tenantOf(DEFAULT_GEMEENTE, input, ''));
  }
  const byId = new Map(list.map((t) => [t.id, t]));
  return {
    multi,
    ids: list.map((t) => t.id),
    default: byId.get(defaultId)!,
    get: (id) => byId.get(id),
    name: (id) => byId.get(id)?.config.name ?? id,
  };
}

export type TenantEnv = { Variables: { tenant: Tenant } };

/**
 * Resolves `?gemeente=` to a tenant (`c.get('tenant')`); without it the default gemeente. An
 * unknown or malformed gemeente is a 404 (problem+json), the same answer as an unknown route.
 */
export function tenantMiddleware(tenants: Tenants): MiddlewareHandler<TenantEnv> {
  return async (c, next) => {
    const asked = c.req.query('gemeente');
    const tenant = asked === undefined || asked === '' ? tenants.default : tenants.get(asked.toLowerCase());
    if (!tenant) return notFoundProblem('No such gemeente in this gateway.');
    c.set('tenant', tenant);
    await next();
  };
}

/** The tenant of a /v1 request (the default one where the middleware did not run). */
export function tenantOfRequest(c: Context, tenants: Tenants): Tenant {
  return (c.get('tenant') as Tenant | undefined) ?? tenants.default;
}

/**
 * Which gemeenten a staff member may see: every one for a single gemeente; the configured list
 * (or every one) for the shared login; the gemeenten from the identity provider's claim otherwise.
 */
export function staffScope(
  tenants: Tenants,
  identity: { via: 'oidc' | 'password'; gemeenten?: string[] },
  passwordGemeenten?: readonly string[],
): GemeenteScope {
  if (!tenants.multi) return undefined;
  const known = (list: readonly string[]) => tenants.ids.filter((id) => list.includes(id));
  if (identity.via === 'password') return passwordGemeenten ? known(passwordGemeenten) : tenants.ids;
  return known(identity.gemeenten ?? []);
}

/** A scope narrowed to one gemeente the staff member picked (when it is within the scope). */
export function narrowScope(scope: GemeenteScope, picked: string | undefined, tenants: Tenants): GemeenteScope {
  if (!picked) return scope;
  if (scope && !scope.includes(picked)) return scope;
  if (!tenants.get(picked)) return scope;
  return [picked];
}
