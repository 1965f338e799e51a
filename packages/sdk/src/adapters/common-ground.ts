import ky, { HTTPError, TimeoutError, type KyInstance, type Options as KyOptions } from 'ky';
import type { CaseLookupOptions, DichtbijAdapter, RequestOptions } from '../adapter.ts';
import { parseResponse } from '../adapter.ts';
import { DichtbijError, codeForStatus } from '../errors.ts';
import { CaseStatusSchema, ProblemSchema, type CaseStatus } from '../schemas.ts';
import {
  mapZaakToCaseStatus,
  zgwPageSchema,
  zgwUuid,
  ZgwStatusSchema,
  ZgwStatusTypeSchema,
  ZgwZaakSchema,
  ZgwZaakTypeSchema,
  type Vertrouwelijkheid,
  type ZgwStatus,
  type ZgwZaak,
} from '../zgw/index.ts';
import { gatewayAdapter, type GatewayAdapterOptions } from './gateway.ts';

export interface CommonGroundAdapterOptions extends GatewayAdapterOptions {
  /**
   * The most confidential zaken shown. The gateway's `/zgw` proxy already enforces its
   * ZGW_MAX_VERTROUWELIJKHEID; set this to narrow it further in the browser (default: the proxy decides).
   */
  maxVertrouwelijkheid?: Vertrouwelijkheid;
}

const ZaakPage = zgwPageSchema(ZgwZaakSchema);
const StatusPage = zgwPageSchema(ZgwStatusSchema);
const StatusTypePage = zgwPageSchema(ZgwStatusTypeSchema);

async function toDichtbijError(error: unknown, signal?: AbortSignal): Promise<unknown> {
  if (error instanceof DichtbijError) return error;
  if (signal?.aborted) return error;
  if (error instanceof TimeoutError) return new DichtbijError('timeout', 'The request took too long', { cause: error });
  if (error instanceof HTTPError) {
    const { status } = error.response;
    let detail: string | undefined;
    try {
      const parsed = ProblemSchema.safeParse(await error.response.clone().json());
      if (parsed.success) detail = parsed.data.detail ?? parsed.data.title;
    } catch {
      // not JSON
    }
    return new DichtbijError(codeForStatus(status), detail ?? `HTTP ${status}`, { status, cause: error });
  }
  if (error instanceof SyntaxError)
    return new DichtbijError('bad_response', 'The backend sent invalid JSON', { cause: error });
  return new DichtbijError('network', 'The backend could not be reached', { cause: error });
}

/**
 * Case status on the VNG Zaken API + Catalogi API shapes, through the gateway's `/zgw` proxy
 * (which holds the ZGW credentials and strips personal data: the browser never sees a JWT
 * secret or a BSN). Config, feedback, callback requests and chat go to the Dichtbij API of the
 * same gateway, as with `gatewayAdapter`.
 *
 * `getCase`: `GET {baseUrl}/zgw/zaken/api/v1/zaken?identificatie=…` (with the check from the
 * letter), then the zaak's zaaktype, statussen and statustypen; every answer is parsed with
 * the ZGW schemas and mapped with `mapZaakToCaseStatus`. Malformed data → `validation` error;
 * a zaak that is unknown, hidden or not matching the check → `not_found`.
 */
export function commonGroundAdapter(options: CommonGroundAdapterOptions): DichtbijAdapter {
  const gateway = gatewayAdapter(options);
  const base = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  const max = options.maxVertrouwelijkheid ?? 'zeer_geheim';
  const http: KyInstance = ky.create({
    prefixUrl: `${base}/zgw`,
    timeout: options.timeout ?? 10_000,
    credentials: 'omit',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      limit: options.retries ?? 2,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfter ?? 10_000,
      backoffLimit: 5_000,
      delay: (attempt) => (options.backoff ?? 300) * 2 ** (attempt - 1),
    },
  });

  const get = async <T extends Parameters<typeof parseResponse>[0]>(
    path: string,
    schema: T,
    what: string,
    kyOptions: KyOptions,
    o?: RequestOptions,
  ) =>
    parseResponse(
      schema,
      await http.get(path, { ...kyOptions, ...(o?.signal ? { signal: o.signal } : {}) }).json(),
      what,
    ) as ReturnType<typeof parseResponse<T>>;

  async function load(zaak: ZgwZaak, o?: RequestOptions, include = false): Promise<CaseStatus | undefined> {
    const zaaktypeId = zgwUuid(zaak.zaaktype);
    if (!zaaktypeId)
      throw new DichtbijError('bad_response', 'The backend sent a zaak without a usable zaaktype', {
        fields: [{ field: 'zaaktype', message: 'Not a zaaktype URL' }],
      });
    const kyOptions: KyOptions = include ? { credentials: 'include' } : {};
    const [zaaktype, statussenPage, statustypenPage] = await Promise.all([
      get(`catalogi/api/v1/zaaktypen/${zaaktypeId}`, ZgwZaakTypeSchema, 'zaaktype', kyOptions, o),
      get('zaken/api/v1/statussen', StatusPage, 'statussen', { ...kyOptions, searchParams: { zaak: zaak.url } }, o),
      get(
        'catalogi/api/v1/statustypen',
        StatusTypePage,
        'statustypen',
        { ...kyOptions, searchParams: { zaaktype: zaak.zaaktype } },
        o,
      ),
    ]);
    const statussen: ZgwStatus[] = [...statussenPage.results];
    const currentId = zgwUuid(zaak.status);
    if (currentId && !statussen.some((s) => zgwUuid(s.url) === currentId)) {
      try {
        statussen.push(await get(`zaken/api/v1/statussen/${currentId}`, ZgwStatusSchema, 'status', kyOptions, o));
      } catch (error) {
        // Without it the mapping falls back to the latest status.
        if (!(error instanceof HTTPError && error.response.status === 404)) throw error;
      }
    }
    let status: CaseStatus | undefined;
    try {
      status = mapZaakToCaseStatus(
        { zaak, zaaktype, statussen, statustypen: statustypenPage.results },
        { maxVertrouwelijkheid: max },
      );
    } catch (error) {
      throw new DichtbijError('bad_response', 'The backend sent a zaak that cannot be shown', { cause: error });
    }
    return status && parseResponse(CaseStatusSchema, status, 'case');
  }

  async function call<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw await toDichtbijError(error, signal);
    }
  }

  const notFound = () =>
    new DichtbijError('not_found', 'No case was found with this reference and check.', { status: 404 });

  return {
    ...gateway,
    id: `common-ground:${base}`,
    getCase: (reference: string, o?: CaseLookupOptions) =>
      call(async () => {
        const page = await get(
          'zaken/api/v1/zaken',
          ZaakPage,
          'zaken',
          {
            searchParams: { identificatie: reference },
            ...(o?.check ? { headers: { 'Dichtbij-Check': o.check } } : {}),
          },
          o,
        );
        // The proxy answers at most one zaak (it resolves e-Suite forms like 6639-2022 itself).
        if (page.results.length !== 1) throw notFound();
        const status = await load(page.results[0]!, o);
        if (!status) throw notFound();
        return status;
      }, o?.signal),
    listCases: (o?: RequestOptions) =>
      call(async () => {
        const page = await get('zaken/api/v1/zaken', ZaakPage, 'zaken', { credentials: 'include' }, o);
        const cases = await Promise.all(page.results.slice(0, 100).map((zaak) => load(zaak, o, true)));
        return cases.filter((c): c is CaseStatus => !!c);
      }, o?.signal),
  };
}
