/**
 * Case status from a zaaksysteem behind the VNG Zaken API 1.5 + Catalogi API 1.3 (Open Zaak,
 * e-Suite, …), off unless ZAKEN_API_URL is set.
 *
 * Env:
 *   ZAKEN_API_URL               e.g. https://openzaak.gemeente.nl/zaken/api/v1
 *   CATALOGI_API_URL            e.g. https://openzaak.gemeente.nl/catalogi/api/v1
 *   ZGW_CLIENT_ID, ZGW_SECRET   the gateway's ZGW application (HS256 JWT, minted here, never sent to a browser)
 *   ZGW_MAX_VERTROUWELIJKHEID   most confidential level shown to residents (default `openbaar`)
 *   ZGW_BRONORGANISATIE         optional RSIN: identificaties are unique per bronorganisatie
 *   ZGW_BRONORGANISATIES        optional, several gemeenten sharing one zaaksysteem (a werkorganisatie):
 *                               `druten=001234567,wijchen=007654321` (gemeente id = its RSIN). A lookup
 *                               then searches only the zaken of the gemeente the request was made to,
 *                               and "Mijn zaken" lists only those; another gemeente's zaak is not found.
 *   ZGW_SECRET_<ID>             the secret of a gemeente's own zaaksysteem, named in GEMEENTE_CONFIG's
 *                               `zaken` block (see ./zaken-gemeenten.ts: per gemeente its bronorganisatie
 *                               and optionally its own zakenApiUrl, catalogiApiUrl, clientId)
 *   ZGW_ESUITE_GEMEENTECODE     optional, e.g. `0014`: lets residents type e-Suite references as `6639-2022`
 *   ZGW_TIMEOUT_MS              optional, per request (default 10000)
 *
 * The second factor (`check`) is the postcode of the initiator's address as the zaak records it
 * (rol `initiator`, `betrokkeneIdentificatie.verblijfsadres.aoaPostcode`, natuurlijk persoon or
 * vestiging). A zaak without one cannot be looked up anonymously (only by its owner, logged in).
 *
 * `zgwProxyRoutes(env)` is the proxy `commonGroundAdapter` talks to: GET only, a handful of
 * resources, personal fields stripped, the same visibility rules and second factor.
 */
import { Hono, type Context } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { CaseStatus } from '@dichtbij/sdk';
import {
  isConfidentialityAllowed,
  isVertrouwelijkheid,
  isZaakVisible,
  mapZaakToCaseStatus,
  esuiteIdentificatie,
  zgwPageSchema,
  zgwUuid,
  ZgwRolSchema,
  ZgwStatusSchema,
  ZgwStatusTypeSchema,
  ZgwZaakSchema,
  ZgwZaakTypeSchema,
  type Vertrouwelijkheid,
  type ZgwRol,
  type ZgwStatus,
  type ZgwStatusType,
  type ZgwZaak,
  type ZgwZaakType,
} from '@dichtbij/sdk/zgw';
import { problemResponse, problemTypes } from '../http/problem.ts';
import type { CaseRecord, CaseSource, ConnectorEnv } from './types.ts';
import { ZgwClient, ZgwError, zgwClientFromEnv, zgwTimeoutFromEnv } from './zgw-client.ts';
import { gemeentenZaken, zgwSecretVariable } from './zaken-gemeenten.ts';

export { ZgwClient, ZgwError, mintZgwJwt } from './zgw-client.ts';

const ZaakPage = zgwPageSchema(ZgwZaakSchema);
const StatusPage = zgwPageSchema(ZgwStatusSchema);
const StatusTypePage = zgwPageSchema(ZgwStatusTypeSchema);
const RolPage = zgwPageSchema(ZgwRolSchema);

/** Rollen whose natuurlijk persoon "owns" the zaak for "mijn zaken" and owner lookups. */
const OWNER_ROLES = new Set(['initiator', 'mede_initiator', 'belanghebbende']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What a zaak identificatie can look like (Zaken API: max 40 characters). */
const IDENTIFICATIE = /^[A-Za-z0-9._-]{1,40}$/;

export interface ZakenOptions {
  fetch?: typeof fetch;
  /**
   * The `zaken` block of GEMEENTE_CONFIG (gemeente id → its bronorganisatie and optionally its own
   * zaaksysteem; validated here, see ./zaken-gemeenten.ts). Gateway-side only.
   */
  gemeenten?: unknown;
  /** The ids of the configured gemeenten: `gemeenten` and ZGW_BRONORGANISATIES may name only these. */
  gemeenteIds?: readonly string[];
}

/** Catalogue data cached for one zaaksysteem (shared by the gemeenten in it). */
export interface CatalogCache {
  zaaktypen: Map<string, { at: number; value: Promise<ZgwZaakType> }>;
  statustypen: Map<string, { at: number; value: Promise<ZgwStatusType[]> }>;
}
const catalogCache = (): CatalogCache => ({ zaaktypen: new Map(), statustypen: new Map() });

interface ZaakBundle {
  zaak: ZgwZaak;
  zaaktype: ZgwZaakType;
  statussen: ZgwStatus[];
  statustypen: ZgwStatusType[];
}

/** The zaken logic shared by the case source and the proxy, for one zaaksysteem (and one RSIN in it). */
export class ZakenService {
  readonly #zaaktypen: CatalogCache['zaaktypen'];
  readonly #statustypen: CatalogCache['statustypen'];

  constructor(
    readonly client: ZgwClient,
    readonly max: Vertrouwelijkheid,
    readonly options: {
      /** Only zaken of this RSIN (ZGW_BRONORGANISATIE, or a gemeente's own). */
      bronorganisatie?: string;
      esuiteGemeentecode?: string;
      catalogTtlMs?: number;
      /** Shared with other services on the same client. */
      catalog?: CatalogCache;
    } = {},
  ) {
    const catalog = options.catalog ?? catalogCache();
    this.#zaaktypen = catalog.zaaktypen;
    this.#statustypen = catalog.statustypen;
  }

  /** Catalogue data changes rarely: cache it briefly (default 5 minutes). */
  #cached<T>(map: Map<string, { at: number; value: Promise<T> }>, key: string, load: () => Promise<T>): Promise<T> {
    const ttl = this.options.catalogTtlMs ?? 300_000;
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < ttl) return hit.value;
    const value = load();
    map.set(key, { at: Date.now(), value });
    value.catch(() => map.delete(key));
    if (map.size > 500) map.delete(map.keys().next().value!);
    return value;
  }

  zaaktype(url: string): Promise<ZgwZaakType> {
    const href = this.client.resourceUrl('zaaktypen', url);
    return this.#cached(this.#zaaktypen, href, () => this.client.getUrl('zaaktypen', href, ZgwZaakTypeSchema));
  }

  statustypen(zaaktypeUrl: string): Promise<ZgwStatusType[]> {
    return this.#cached(this.#statustypen, zaaktypeUrl, () =>
      this.client.list('statustypen', 'statustypen', StatusTypePage, { zaaktype: zaaktypeUrl }),
    );
  }

  /** The identificaties a reference may stand for (as typed, and the e-Suite form). */
  identificaties(reference: string): string[] {
    const ref = reference.trim();
    const out = IDENTIFICATIE.test(ref) ? [ref] : [];
    const esuite = this.options.esuiteGemeentecode
      ? esuiteIdentificatie(ref, this.options.esuiteGemeentecode)
      : undefined;
    if (esuite && !out.includes(esuite)) out.push(esuite);
    return out;
  }

  /** Whether a zaak is one of this service's (its bronorganisatie, when one is set). */
  owns(zaak: ZgwZaak): boolean {
    const rsin = this.options.bronorganisatie;
    return !rsin || zaak.bronorganisatie === rsin;
  }

  /** The zaak with this reference, when exactly one matches (of this service's bronorganisatie). */
  async findZaak(reference: string): Promise<ZgwZaak | undefined> {
    const rsin = this.options.bronorganisatie;
    for (const identificatie of this.identificaties(reference)) {
      const query: Record<string, string> = { identificatie };
      if (rsin) query.bronorganisatie = rsin;
      const page = await this.client.get('zaken', 'zaken', ZaakPage, query);
      // Exact match only (some systems match loosely, or ignore a filter); two zaken with one
      // identificatie: do not guess.
      const hits = page.results.filter((z) => z.identificatie === identificatie && this.owns(z));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) return undefined;
    }
    return undefined;
  }

  zaakByUrl(url: string): Promise<ZgwZaak> {
    return this.client.getUrl('zaken', this.client.resourceUrl('zaken', url), ZgwZaakSchema);
  }

  /** Zaaktype, statussen and statustypen of a zaak residents may see; undefined otherwise. */
  async bundle(zaak: ZgwZaak): Promise<ZaakBundle | undefined> {
    // Cheap checks first: no further calls for a zaak that will not be shown.
    if (!isConfidentialityAllowed(zaak.vertrouwelijkheidaanduiding, this.max)) return undefined;
    const zaaktype = await this.zaaktype(zaak.zaaktype);
    if (!isZaakVisible(zaak, zaaktype, this.max)) return undefined;
    const [statussen, statustypen] = await Promise.all([
      this.client.list('statussen', 'statussen', StatusPage, { zaak: zaak.url }),
      this.statustypen(zaak.zaaktype),
    ]);
    // The current status is not always in the list (paging, or systems that lag): fetch it.
    if (zaak.status && !statussen.some((s) => zgwUuid(s.url) === zgwUuid(zaak.status))) {
      try {
        statussen.push(
          await this.client.getUrl('statussen', this.client.resourceUrl('statussen', zaak.status), ZgwStatusSchema),
        );
      } catch (error) {
        // Without it the mapping falls back to the latest status; a broken link is not fatal.
        if (!(error instanceof ZgwError) || (error.code !== 'http' && error.code !== 'malformed')) throw error;
      }
    }
    return { zaak, zaaktype, statussen, statustypen };
  }

  map(bundle: ZaakBundle): CaseStatus | undefined {
    try {
      return mapZaakToCaseStatus(bundle, { maxVertrouwelijkheid: this.max });
    } catch (error) {
      throw new ZgwError('malformed', 'Zaken API: a zaak without a usable identificatie or startdatum', undefined, {
        cause: error,
      });
    }
  }

  rollen(zaak: ZgwZaak): Promise<ZgwRol[]> {
    return this.client.list('rollen', 'rollen', RolPage, { zaak: zaak.url });
  }

  /** The BSNs that own a zaak and the postcode of its initiator (the second factor). */
  static owners(rollen: ZgwRol[]): { bsns: string[]; check?: string } {
    const people = rollen.filter((r) => r.betrokkeneType === 'natuurlijk_persoon' || r.betrokkeneIdentificatie?.inpBsn);
    const bsns = [
      ...new Set(
        people
          .filter((r) => OWNER_ROLES.has(r.omschrijvingGeneriek ?? ''))
          .map((r) => r.betrokkeneIdentificatie?.inpBsn?.trim())
          .filter((b): b is string => !!b && /^\d{9}$/.test(b)),
      ),
    ];
    const check = rollen
      .filter((r) => r.omschrijvingGeneriek === 'initiator')
      .map((r) => r.betrokkeneIdentificatie?.verblijfsadres?.aoaPostcode?.trim())
      .find((p) => !!p);
    return check ? { bsns, check } : { bsns };
  }

  async record(reference: string): Promise<(CaseRecord & { zaak: ZgwZaak; bundle: ZaakBundle }) | undefined> {
    const zaak = await this.findZaak(reference);
    if (!zaak) return undefined;
    const bundle = await this.bundle(zaak);
    if (!bundle) return undefined;
    const status = this.map(bundle);
    if (!status) return undefined;
    const owners = ZakenService.owners(await this.rollen(zaak));
    return { status, ...owners, zaak, bundle };
  }

  /** The zaken where this BSN is the initiator, as found through /rollen. */
  async zakenForBsn(bsn: string): Promise<ZgwZaak[]> {
    if (!/^\d{9}$/.test(bsn)) return [];
    const rollen = await this.client.list('rollen', 'rollen', RolPage, {
      betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: bsn,
      omschrijvingGeneriek: 'initiator',
    });
    const urls = [
      ...new Map(
        rollen
          // Defensive: only rollen that really are this person's initiator rol.
          .filter((r) => r.omschrijvingGeneriek === 'initiator' && (r.betrokkeneIdentificatie?.inpBsn ?? bsn) === bsn)
          .map((r) => [zgwUuid(r.zaak) ?? r.zaak, r.zaak] as const),
      ).values(),
    ].slice(0, 100);
    return mapLimit(urls, 4, (url) => this.zaakByUrl(url));
  }

  async casesForBsn(bsn: string): Promise<{ status: CaseStatus; bundle: ZaakBundle }[]> {
    const zaken = (await this.zakenForBsn(bsn)).filter((z) => this.owns(z));
    const found = await mapLimit(zaken, 4, async (zaak) => {
      const bundle = await this.bundle(zaak);
      const status = bundle && this.map(bundle);
      return status && bundle ? { status, bundle } : undefined;
    });
    return found
      .filter((x): x is { status: CaseStatus; bundle: ZaakBundle } => !!x)
      .sort((a, b) => b.status.startedOn.localeCompare(a.status.startedOn));
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The zaken services of a gateway: one for every gemeente (ZGW_BRONORGANISATIE or none: every
 * zaak of the one zaaksysteem), or one per gemeente named in ZGW_BRONORGANISATIES / the `zaken`
 * block of GEMEENTE_CONFIG; then a gemeente not named there has none (finds no zaken).
 */
export class ZakenServices {
  constructor(
    readonly shared: ZakenService | undefined,
    readonly perGemeente: ReadonlyMap<string, ZakenService> | undefined,
  ) {}

  /** True when each gemeente has its own zaken (the records then carry their gemeente). */
  get scoped(): boolean {
    return this.perGemeente !== undefined;
  }

  /** The service for a request to `gemeente` (its id; undefined: no gemeente), or undefined: none. */
  for(gemeente: string | undefined): ZakenService | undefined {
    if (!this.perGemeente) return this.shared;
    return gemeente === undefined ? undefined : this.perGemeente.get(gemeente);
  }
}

/** The zaken services from the environment (and GEMEENTE_CONFIG's `zaken`), or undefined when none is configured. */
export function zakenServicesFromEnv(env: ConnectorEnv, options: ZakenOptions = {}): ZakenServices | undefined {
  const perGemeente = gemeentenZaken(env, options.gemeenten, options.gemeenteIds);
  const client = zgwClientFromEnv(env, options.fetch);
  if (!client && !perGemeente?.size) return undefined;
  const max = env.ZGW_MAX_VERTROUWELIJKHEID?.trim() || 'openbaar';
  if (!isVertrouwelijkheid(max)) {
    throw new ZgwError(
      'config',
      'ZGW_MAX_VERTROUWELIJKHEID must be one of openbaar, beperkt_openbaar, intern, zaakvertrouwelijk, vertrouwelijk, confidentieel, geheim, zeer_geheim',
    );
  }
  const bron = env.ZGW_BRONORGANISATIE?.trim();
  if (bron && !/^\d{9}$/.test(bron)) throw new ZgwError('config', 'ZGW_BRONORGANISATIE must be an RSIN (9 digits)');
  if (bron && perGemeente)
    throw new ZgwError(
      'config',
      'Set ZGW_BRONORGANISATIE or the bronorganisatie per gemeente (ZGW_BRONORGANISATIES, zaken in GEMEENTE_CONFIG), not both',
    );
  const code = env.ZGW_ESUITE_GEMEENTECODE?.trim();
  if (code && !/^\d{4}$/.test(code))
    throw new ZgwError('config', 'ZGW_ESUITE_GEMEENTECODE must be 4 digits (CBS gemeentecode)');
  const shared =
    client &&
    new ZakenService(client, max, {
      ...(bron ? { bronorganisatie: bron } : {}),
      ...(code ? { esuiteGemeentecode: code } : {}),
    });
  if (!perGemeente) return new ZakenServices(shared, undefined);

  const timeout = zgwTimeoutFromEnv(env);
  const sharedCatalog = catalogCache();
  const services = new Map<string, ZakenService>();
  for (const [id, zaken] of perGemeente) {
    let own: ZgwClient | undefined;
    if (zaken.connection) {
      const at = `GEMEENTE_CONFIG: zaken.${id}`;
      own = new ZgwClient({
        zakenUrl: zaken.connection.zakenUrl,
        catalogiUrl: zaken.connection.catalogiUrl,
        auth: { clientId: zaken.connection.clientId, secret: zaken.connection.secret },
        names: {
          zakenUrl: `${at}.zakenApiUrl`,
          catalogiUrl: `${at}.catalogiApiUrl`,
          auth: `${at}.clientId and ${zgwSecretVariable(id)}`,
        },
        ...(timeout ? { timeout } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    } else if (!client) {
      throw new ZgwError(
        'config',
        `The zaken of ${id} are in the shared zaaksysteem (no zakenApiUrl of its own), so ZAKEN_API_URL must be set`,
      );
    }
    const esuite = zaken.esuiteGemeentecode ?? code;
    services.set(
      id,
      new ZakenService(own ?? client!, max, {
        ...(zaken.bronorganisatie ? { bronorganisatie: zaken.bronorganisatie } : {}),
        ...(esuite ? { esuiteGemeentecode: esuite } : {}),
        ...(own ? {} : { catalog: sharedCatalog }),
      }),
    );
  }
  return new ZakenServices(shared, services);
}

/**
 * The gateway's `CaseSource` on the Zaken + Catalogi APIs, or undefined when ZAKEN_API_URL is
 * not set. Throws (stopping the start) when it is set but incomplete or invalid.
 */
export function zakenCaseSource(env: ConnectorEnv, options: ZakenOptions = {}): CaseSource | undefined {
  const services = zakenServicesFromEnv(env, options);
  if (!services) return undefined;
  return {
    name: 'zaken-api',
    async get(reference, gemeente) {
      const service = services.for(gemeente);
      const found = await service?.record(reference);
      if (!found) return undefined;
      const record: CaseRecord = { status: found.status, bsns: found.bsns };
      if (found.check) record.check = found.check;
      // Zaken per gemeente: the zaak is this gemeente's (its own system, or found by its RSIN).
      if (services.scoped && gemeente !== undefined) record.gemeente = gemeente;
      return record;
    },
    async listForBsn(bsn, gemeente) {
      const service = services.for(gemeente);
      return service ? (await service.casesForBsn(bsn)).map((c) => c.status) : [];
    },
  };
}

// ---------------------------------------------------------------------------------------
// The /zgw proxy for commonGroundAdapter

/** Only these fields leave the gateway: nothing personal (no rollen, BSNs, addresses, notes). */
const ZAAK_FIELDS = [
  'url',
  'uuid',
  'identificatie',
  'bronorganisatie',
  'zaaktype',
  'registratiedatum',
  'startdatum',
  'einddatum',
  'einddatumGepland',
  'uiterlijkeEinddatumAfdoening',
  'vertrouwelijkheidaanduiding',
  'status',
  'opschorting',
  'verlenging',
] as const;
const STATUS_FIELDS = [
  'url',
  'uuid',
  'zaak',
  'statustype',
  'datumStatusGezet',
  'indicatieLaatstGezetteStatus',
] as const;
const STATUSTYPE_FIELDS = [
  'url',
  'omschrijving',
  'omschrijvingGeneriek',
  'statustekst',
  'volgnummer',
  'isEindstatus',
  'zaaktype',
] as const;
const ZAAKTYPE_FIELDS = [
  'url',
  'identificatie',
  'omschrijving',
  'omschrijvingGeneriek',
  'indicatieInternOfExtern',
  'vertrouwelijkheidaanduiding',
  'handelingInitiator',
  'statustypen',
] as const;

function pick<T extends object>(value: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in value) out[f] = (value as Record<string, unknown>)[f];
  return out;
}
/** Whether a URL a client sent names the expected kind of ZGW resource. */
const names = (resolve: () => string) => {
  try {
    resolve();
    return true;
  } catch {
    return false;
  }
};
const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });

const sha = (v: string) => createHash('sha256').update(v).digest();
const normaliseCheck = (v: string) => v.toUpperCase().replace(/[\s-]/g, '');
function checkMatches(given: string | undefined, expected: string | undefined): boolean {
  const a = normaliseCheck(given ?? '');
  const b = normaliseCheck(expected ?? '');
  return timingSafeEqual(sha(a), sha(b || '\u0000none')) && a.length > 0 && b.length > 0;
}

export interface ZgwProxyOptions extends ZakenOptions {
  /** The logged-in resident (the gateway's auth hook), for "mijn zaken" and owner lookups. */
  resident?: (c: Context) => Promise<{ bsn: string } | undefined>;
  /** Runs before every zaak lookup (e.g. the case-lookup rate limit); a Response stops it. */
  guard?: (c: Context) => Promise<Response | undefined>;
  /** How long a zaak stays readable (statussen) after the proxy showed it (default 15 minutes). */
  grantTtlMs?: number;
}

/**
 * A read-only ZGW proxy for `commonGroundAdapter`, to mount at `/zgw`:
 *
 *   GET /zaken/api/v1/zaken?identificatie=…   (header Dichtbij-Check, or the owner logged in)
 *   GET /zaken/api/v1/zaken                   ("mijn zaken": the logged-in resident's zaken)
 *   GET /zaken/api/v1/statussen?zaak=…        GET /zaken/api/v1/statussen/{uuid}
 *   GET /catalogi/api/v1/statustypen?zaaktype=…   GET /catalogi/api/v1/zaaktypen/{uuid}
 *
 * It adds the JWT, applies the visibility rules (extern zaaktype, ZGW_MAX_VERTROUWELIJKHEID) and
 * the second factor exactly like `/v1/cases`, answers "no such zaak" the same way for unknown,
 * hidden and wrongly-checked zaken (an empty page), returns only allowlisted non-personal
 * fields, and refuses everything else (404; 405 for other methods). Statussen are served only
 * for zaken it showed to this gateway recently or that are visible. Returns undefined when
 * ZAKEN_API_URL is not set.
 */
export function zgwProxyRoutes(env: ConnectorEnv, options: ZgwProxyOptions = {}): Hono | undefined {
  const services = zakenServicesFromEnv(env, options);
  if (!services) return undefined;
  const grantTtl = options.grantTtlMs ?? 15 * 60_000;
  /** Zaak UUIDs this proxy showed recently, per gemeente: their statussen may be read there. */
  const granted = new Map<string, number>();
  const grantKey = (gemeente: string | undefined, id: string) => `${gemeente ?? ''}\u0000${id}`;
  const grant = (gemeente: string | undefined, zaak: ZgwZaak) => {
    const id = zgwUuid(zaak.url);
    if (!id) return;
    granted.set(grantKey(gemeente, id), Date.now() + grantTtl);
    if (granted.size > 10_000) granted.delete(granted.keys().next().value!);
  };
  const isGranted = async (service: ZakenService, gemeente: string | undefined, zaakUrl: string): Promise<boolean> => {
    const id = zgwUuid(zaakUrl);
    if (!id || !names(() => service.client.resourceUrl('zaken', zaakUrl))) return false;
    const until = granted.get(grantKey(gemeente, id));
    if (until && until > Date.now()) return true;
    // Another gateway instance may have shown it: check visibility again (no second factor:
    // the zaak's UUID is only learned from a checked lookup).
    let zaak: ZgwZaak;
    try {
      zaak = await service.zaakByUrl(zaakUrl);
    } catch (error) {
      if (error instanceof ZgwError && error.status === 404) return false;
      throw error;
    }
    if (!service.owns(zaak)) return false; // another gemeente's zaak in a shared zaaksysteem
    if (!isConfidentialityAllowed(zaak.vertrouwelijkheidaanduiding, service.max)) return false;
    if (!isZaakVisible(zaak, await service.zaaktype(zaak.zaaktype), service.max)) return false;
    grant(gemeente, zaak);
    return true;
  };

  const app = new Hono();
  const json = (c: Context, body: unknown) => c.json(body, 200, { 'Cache-Control': 'private, no-store' });
  const notFound = () =>
    problemResponse(404, {
      type: problemTypes.notFound,
      title: 'Niet gevonden / Not found',
      detail: 'Not available through this proxy.',
    });
  const upstreamFailed = (error: unknown) => {
    if (!(error instanceof ZgwError)) throw error;
    return problemResponse(error.code === 'malformed' ? 502 : 503, {
      type: problemTypes.unavailable,
      title: 'Status nu niet beschikbaar / Case status unavailable',
      detail: 'The case system did not answer as expected. Try again later.',
    });
  };
  /** The gemeente of the request (`?gemeente=`, else the gateway's default one), when the gateway set it. */
  const gemeenteOf = (c: Context) => (c.get('tenant') as { id?: string } | undefined)?.id;
  const handle = (fn: (c: Context) => Promise<Response>) => async (c: Context) => {
    try {
      return await fn(c);
    } catch (error) {
      return upstreamFailed(error);
    }
  };

  app.get(
    '/zaken/api/v1/zaken',
    handle(async (c) => {
      const stop = await options.guard?.(c);
      if (stop) return stop;
      const identificatie = c.req.query('identificatie');
      const resident = await options.resident?.(c);
      if (identificatie === undefined) {
        if (!resident) {
          return problemResponse(401, {
            type: problemTypes.unauthorized,
            title: 'Log in / Not logged in',
            detail: 'Log in (DigiD) to see your cases.',
          });
        }
        const gemeente = gemeenteOf(c);
        const cases = (await services.for(gemeente)?.casesForBsn(resident.bsn)) ?? [];
        for (const x of cases) grant(gemeente, x.bundle.zaak);
        return json(c, page(cases.map((x) => pick(x.bundle.zaak, ZAAK_FIELDS))));
      }
      const check = c.req.header('dichtbij-check');
      if (!check && !resident) {
        return problemResponse(400, {
          type: problemTypes.validation,
          title: 'Controlegegeven ontbreekt / Check missing',
          detail: 'Send the check from the letter (e.g. the postcode) in the Dichtbij-Check header.',
          errors: [{ field: 'Dichtbij-Check', message: 'Required header' }],
        });
      }
      if (identificatie.length > 64 || (check && check.length > 64)) return json(c, page([]));
      const gemeente = gemeenteOf(c);
      const found = await services.for(gemeente)?.record(identificatie);
      const owner = !!resident && !!found?.bsns?.includes(resident.bsn);
      if (!found || (!owner && !checkMatches(check, found.check))) return json(c, page([]));
      grant(gemeente, found.zaak);
      return json(c, page([pick(found.zaak, ZAAK_FIELDS)]));
    }),
  );

  app.get(
    '/zaken/api/v1/statussen',
    handle(async (c) => {
      const zaak = c.req.query('zaak');
      const gemeente = gemeenteOf(c);
      const service = services.for(gemeente);
      if (!zaak || !service || !(await isGranted(service, gemeente, zaak))) return json(c, page([]));
      const statussen = await service.client.list('statussen', 'statussen', StatusPage, { zaak });
      return json(c, page(statussen.map((s) => pick(s, STATUS_FIELDS))));
    }),
  );

  app.get(
    '/zaken/api/v1/statussen/:uuid',
    handle(async (c) => {
      const id = c.req.param('uuid') ?? '';
      const gemeente = gemeenteOf(c);
      const service = services.for(gemeente);
      if (!UUID.test(id) || !service) return notFound();
      let status: ZgwStatus;
      try {
        status = await service.client.get('statussen', `statussen/${id}`, ZgwStatusSchema);
      } catch (error) {
        if (error instanceof ZgwError && error.status === 404) return notFound();
        throw error;
      }
      if (!status.zaak || !(await isGranted(service, gemeente, status.zaak))) return notFound();
      return json(c, pick(status, STATUS_FIELDS));
    }),
  );

  app.get(
    '/catalogi/api/v1/statustypen',
    handle(async (c) => {
      const zaaktype = c.req.query('zaaktype');
      const service = services.for(gemeenteOf(c));
      if (!zaaktype || !service) return notFound();
      if (!names(() => service.client.resourceUrl('zaaktypen', zaaktype))) return notFound();
      const types = await service.statustypen(zaaktype);
      return json(c, page(types.map((t) => pick(t, STATUSTYPE_FIELDS))));
    }),
  );

  app.get(
    '/catalogi/api/v1/zaaktypen/:uuid',
    handle(async (c) => {
      const id = c.req.param('uuid') ?? '';
      const service = services.for(gemeenteOf(c));
      if (!UUID.test(id) || !service) return notFound();
      try {
        const zaaktype = await service.zaaktype(`${service.client.catalogiUrl}/zaaktypen/${id}`);
        return json(c, pick(zaaktype, ZAAKTYPE_FIELDS));
      } catch (error) {
        if (error instanceof ZgwError && error.status === 404) return notFound();
        throw error;
      }
    }),
  );

  app.all('*', (c) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? notFound()
      : problemResponse(
          405,
          { type: 'about:blank', title: 'Alleen lezen / Read only', detail: 'This proxy only answers GET requests.' },
          { Allow: 'GET' },
        ),
  );
  return app;
}
