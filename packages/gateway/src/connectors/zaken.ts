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
import type { ZgwClient } from './zgw-client.ts';
import { ZgwError, zgwClientFromEnv } from './zgw-client.ts';

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
}

interface ZaakBundle {
  zaak: ZgwZaak;
  zaaktype: ZgwZaakType;
  statussen: ZgwStatus[];
  statustypen: ZgwStatusType[];
}

/** The zaken logic shared by the case source and the proxy. */
export class ZakenService {
  readonly #zaaktypen = new Map<string, { at: number; value: Promise<ZgwZaakType> }>();
  readonly #statustypen = new Map<string, { at: number; value: Promise<ZgwStatusType[]> }>();

  constructor(
    readonly client: ZgwClient,
    readonly max: Vertrouwelijkheid,
    readonly options: {
      bronorganisatie?: string;
      /** gemeente id → RSIN, for several gemeenten in one zaaksysteem (ZGW_BRONORGANISATIES). */
      bronorganisaties?: Record<string, string>;
      esuiteGemeentecode?: string;
      catalogTtlMs?: number;
    } = {},
  ) {}

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

  /**
   * The RSIN to search a gemeente's zaken by: the gemeente's own when the gateway serves several
   * (undefined: a gemeente that has none, so nothing is found), else ZGW_BRONORGANISATIE.
   */
  bronorganisatieOf(gemeente: string | undefined): { rsin?: string; none?: true } {
    const map = this.options.bronorganisaties;
    if (!map) return this.options.bronorganisatie ? { rsin: this.options.bronorganisatie } : {};
    const rsin = gemeente !== undefined && Object.hasOwn(map, gemeente) ? map[gemeente] : undefined;
    return rsin ? { rsin } : { none: true };
  }

  /** The zaak with this reference, when exactly one matches (of `gemeente`, when several share the system). */
  async findZaak(reference: string, gemeente?: string): Promise<ZgwZaak | undefined> {
    const bron = this.bronorganisatieOf(gemeente);
    if (bron.none) return undefined;
    for (const identificatie of this.identificaties(reference)) {
      const query: Record<string, string> = { identificatie };
      if (bron.rsin) query.bronorganisatie = bron.rsin;
      const page = await this.client.get('zaken', 'zaken', ZaakPage, query);
      // Exact match only (some systems match loosely); two zaken with one identificatie: do not guess.
      const hits = page.results.filter(
        (z) => z.identificatie === identificatie && (!bron.rsin || z.bronorganisatie === bron.rsin),
      );
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

  async record(
    reference: string,
    gemeente?: string,
  ): Promise<(CaseRecord & { zaak: ZgwZaak; bundle: ZaakBundle }) | undefined> {
    const zaak = await this.findZaak(reference, gemeente);
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

  async casesForBsn(bsn: string, gemeente?: string): Promise<{ status: CaseStatus; bundle: ZaakBundle }[]> {
    const bron = this.bronorganisatieOf(gemeente);
    if (bron.none) return [];
    const zaken = (await this.zakenForBsn(bsn)).filter((z) => !bron.rsin || z.bronorganisatie === bron.rsin);
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

/** The zaken service from the environment, or undefined when ZAKEN_API_URL is not set. */
export function zakenServiceFromEnv(env: ConnectorEnv, options: ZakenOptions = {}): ZakenService | undefined {
  const client = zgwClientFromEnv(env, options.fetch);
  if (!client) return undefined;
  const max = env.ZGW_MAX_VERTROUWELIJKHEID?.trim() || 'openbaar';
  if (!isVertrouwelijkheid(max)) {
    throw new ZgwError(
      'config',
      'ZGW_MAX_VERTROUWELIJKHEID must be one of openbaar, beperkt_openbaar, intern, zaakvertrouwelijk, vertrouwelijk, confidentieel, geheim, zeer_geheim',
    );
  }
  const bron = env.ZGW_BRONORGANISATIE?.trim();
  if (bron && !/^\d{9}$/.test(bron)) throw new ZgwError('config', 'ZGW_BRONORGANISATIE must be an RSIN (9 digits)');
  const many = env.ZGW_BRONORGANISATIES?.trim();
  let bronorganisaties: Record<string, string> | undefined;
  if (many) {
    if (bron) throw new ZgwError('config', 'Set ZGW_BRONORGANISATIE or ZGW_BRONORGANISATIES, not both');
    bronorganisaties = Object.create(null) as Record<string, string>;
    for (const pair of many.split(',')) {
      const m = /^\s*([a-z0-9][a-z0-9-]{0,62})\s*=\s*(\d{9})\s*$/.exec(pair);
      if (!m || Object.hasOwn(bronorganisaties, m[1]!))
        throw new ZgwError(
          'config',
          'ZGW_BRONORGANISATIES must be gemeente=RSIN pairs, each gemeente once, e.g. druten=001234567,wijchen=007654321',
        );
      bronorganisaties[m[1]!] = m[2]!;
    }
  }
  const code = env.ZGW_ESUITE_GEMEENTECODE?.trim();
  if (code && !/^\d{4}$/.test(code))
    throw new ZgwError('config', 'ZGW_ESUITE_GEMEENTECODE must be 4 digits (CBS gemeentecode)');
  return new ZakenService(client, max, {
    ...(bron ? { bronorganisatie: bron } : {}),
    ...(bronorganisaties ? { bronorganisaties } : {}),
    ...(code ? { esuiteGemeentecode: code } : {}),
  });
}

/**
 * The gateway's `CaseSource` on the Zaken + Catalogi APIs, or undefined when ZAKEN_API_URL is
 * not set. Throws (stopping the start) when it is set but incomplete or invalid.
 */
export function zakenCaseSource(env: ConnectorEnv, options: ZakenOptions = {}): CaseSource | undefined {
  const service = zakenServiceFromEnv(env, options);
  if (!service) return undefined;
  return {
    name: 'zaken-api',
    async get(reference, gemeente) {
      const found = await service.record(reference, gemeente);
      if (!found) return undefined;
      const record: CaseRecord = { status: found.status, bsns: found.bsns };
      if (found.check) record.check = found.check;
      // Several gemeenten in one zaaksysteem: the zaak is this gemeente's (found by its RSIN).
      if (service.options.bronorganisaties && gemeente !== undefined) record.gemeente = gemeente;
      return record;
    },
    async listForBsn(bsn, gemeente) {
      return (await service.casesForBsn(bsn, gemeente)).map((c) => c.status);
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
  const service = zakenServiceFromEnv(env, options);
  if (!service) return undefined;
  const grantTtl = options.grantTtlMs ?? 15 * 60_000;
  /** Zaak UUIDs this proxy showed recently: their statussen may be read. */
  const granted = new Map<string, number>();
  const grant = (zaak: ZgwZaak) => {
    const id = zgwUuid(zaak.url);
    if (!id) return;
    granted.set(id, Date.now() + grantTtl);
    if (granted.size > 10_000) granted.delete(granted.keys().next().value!);
  };
  const isGranted = async (zaakUrl: string): Promise<boolean> => {
    const id = zgwUuid(zaakUrl);
    if (!id || !names(() => service.client.resourceUrl('zaken', zaakUrl))) return false;
    const until = granted.get(id);
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
    if (!isConfidentialityAllowed(zaak.vertrouwelijkheidaanduiding, service.max)) return false;
    if (!isZaakVisible(zaak, await service.zaaktype(zaak.zaaktype), service.max)) return false;
    grant(zaak);
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
        const cases = await service.casesForBsn(resident.bsn, gemeenteOf(c));
        for (const x of cases) grant(x.bundle.zaak);
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
      const found = await service.record(identificatie, gemeenteOf(c));
      const owner = !!resident && !!found?.bsns?.includes(resident.bsn);
      if (!found || (!owner && !checkMatches(check, found.check))) return json(c, page([]));
      grant(found.zaak);
      return json(c, page([pick(found.zaak, ZAAK_FIELDS)]));
    }),
  );

  app.get(
    '/zaken/api/v1/statussen',
    handle(async (c) => {
      const zaak = c.req.query('zaak');
      if (!zaak || !(await isGranted(zaak))) return json(c, page([]));
      const statussen = await service.client.list('statussen', 'statussen', StatusPage, { zaak });
      return json(c, page(statussen.map((s) => pick(s, STATUS_FIELDS))));
    }),
  );

  app.get(
    '/zaken/api/v1/statussen/:uuid',
    handle(async (c) => {
      const id = c.req.param('uuid') ?? '';
      if (!UUID.test(id)) return notFound();
      let status: ZgwStatus;
      try {
        status = await service.client.get('statussen', `statussen/${id}`, ZgwStatusSchema);
      } catch (error) {
        if (error instanceof ZgwError && error.status === 404) return notFound();
        throw error;
      }
      if (!status.zaak || !(await isGranted(status.zaak))) return notFound();
      return json(c, pick(status, STATUS_FIELDS));
    }),
  );

  app.get(
    '/catalogi/api/v1/statustypen',
    handle(async (c) => {
      const zaaktype = c.req.query('zaaktype');
      if (!zaaktype) return notFound();
      if (!names(() => service.client.resourceUrl('zaaktypen', zaaktype))) return notFound();
      const types = await service.statustypen(zaaktype);
      return json(c, page(types.map((t) => pick(t, STATUSTYPE_FIELDS))));
    }),
  );

  app.get(
    '/catalogi/api/v1/zaaktypen/:uuid',
    handle(async (c) => {
      const id = c.req.param('uuid') ?? '';
      if (!UUID.test(id)) return notFound();
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
