/**
 * A scripted Open Zaak for the zaken connector tests: one server for /zaken/api/v1 and
 * /catalogi/api/v1 serving the recorded Open Zaak bodies (tests/fixtures/specs/examples/zgw),
 * made visible (extern zaaktype) and given an initiator address. It checks what the specs cannot:
 * the JWT signature and claims, and, like the real one, answers 412 without `Accept-Crs`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import { specPath, startPrism, type PrismServer } from './prism.ts';

const examples = new URL('../fixtures/specs/examples/zgw/', import.meta.url);
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const recorded = (name: string): Json => JSON.parse(readFileSync(new URL(name, examples), 'utf8')) as Json;
export const clone = <T>(v: T): T => structuredClone(v);

export const SECRET = 'a-test-secret-of-reasonable-length';
export const CLIENT_ID = 'dichtbij-test';
export const BSN = '111222333';
export const uuidOf = (url: string) => /([0-9a-f-]{36})\/?$/.exec(url)?.[1];

// ---------------------------------------------------------------------------------------
// The scripted Open Zaak (one server, /zaken/api/v1 and /catalogi/api/v1).

export interface Seen {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  claims?: Json;
  jwtValid: boolean;
}
export interface Db {
  zaken: Json[];
  statussen: Json[];
  statustypen: Json[];
  zaaktypen: Json[];
  rollen: Json[];
  /** Statussen left out of the list (but readable by URL), like a lagging index. */
  unlisted?: string[];
  /** Behave as if something between gateway and API dropped Accept-Crs. */
  dropCrs?: boolean;
}

function verifyJwt(authorization: string | undefined, secret: string): { valid: boolean; claims?: Json } {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!m) return { valid: false };
  const expected = createHmac('sha256', secret).update(`${m[1]}.${m[2]}`).digest();
  const given = Buffer.from(m[3]!, 'base64url');
  const header = JSON.parse(Buffer.from(m[1]!, 'base64url').toString()) as Json;
  const claims = JSON.parse(Buffer.from(m[2]!, 'base64url').toString()) as Json;
  const valid = header.alg === 'HS256' && given.length === expected.length && timingSafeEqual(given, expected);
  return { valid, claims };
}

const list = (results: Json[]) => ({ count: results.length, next: null, previous: null, results });

/** A scripted Open Zaak on 127.0.0.1 serving `db()`; every request is recorded in `seen`. Tokens must be signed with `secret`. */
export async function startOpenZaak(
  db: () => Db,
  seen: Seen[],
  secret = SECRET,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://openzaak');
    const { valid, claims } = verifyJwt(req.headers.authorization, secret);
    seen.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      jwtValid: valid,
      ...(claims ? { claims } : {}),
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
        'API-version': '1.5.1',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (!valid)
      return send(403, {
        code: 'permission_denied',
        title: 'Forbidden',
        status: 403,
        detail: 'bad token',
        instance: 'urn:x',
      });
    const data = db();
    const path = url.pathname.replace(/\/+$/, '');
    const q = (k: string) => url.searchParams.get(k);
    const byUuid = (items: Json[], id: string | undefined) => items.find((x) => uuidOf(String(x.url)) === id);
    const crs = { 'Content-Crs': 'EPSG:4326' };

    if (path.startsWith('/zaken/api/v1/zaken')) {
      // Open Zaak's behaviour (recorded): no Accept-Crs on zaak endpoints → 412.
      if (!req.headers['accept-crs'] || data.dropCrs)
        return send(412, recorded('zaken.list.412-missing-accept-crs.json'));
      if (path === '/zaken/api/v1/zaken') {
        return send(
          200,
          list(
            data.zaken.filter(
              (z) =>
                (!q('identificatie') || z.identificatie === q('identificatie')) &&
                (!q('bronorganisatie') || z.bronorganisatie === q('bronorganisatie')),
            ),
          ),
          crs,
        );
      }
      const zaak = byUuid(data.zaken, path.split('/').at(-1));
      return zaak
        ? send(200, zaak, crs)
        : send(404, { code: 'not_found', title: 'Niet gevonden', status: 404, detail: '-', instance: 'urn:x' });
    }
    if (path === '/zaken/api/v1/statussen')
      return send(
        200,
        list(
          data.statussen.filter(
            (s) => uuidOf(s.zaak) === uuidOf(q('zaak') ?? '') && !data.unlisted?.includes(uuidOf(s.url)!),
          ),
        ),
      );
    if (path.startsWith('/zaken/api/v1/statussen/')) {
      const s = byUuid(data.statussen, path.split('/').at(-1));
      return s
        ? send(200, s)
        : send(404, { code: 'not_found', title: 'Niet gevonden', status: 404, detail: '-', instance: 'urn:x' });
    }
    if (path === '/zaken/api/v1/rollen') {
      return send(
        200,
        list(
          data.rollen.filter(
            (r) =>
              (!q('zaak') || uuidOf(r.zaak) === uuidOf(q('zaak')!)) &&
              (!q('omschrijvingGeneriek') || r.omschrijvingGeneriek === q('omschrijvingGeneriek')) &&
              (!q('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn') ||
                r.betrokkeneIdentificatie?.inpBsn === q('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn')),
          ),
        ),
      );
    }
    if (path === '/catalogi/api/v1/statustypen')
      return send(200, list(data.statustypen.filter((t) => uuidOf(t.zaaktype) === uuidOf(q('zaaktype') ?? ''))));
    if (path.startsWith('/catalogi/api/v1/zaaktypen/')) {
      const t = byUuid(data.zaaktypen, path.split('/').at(-1));
      return t
        ? send(200, t)
        : send(404, {
            code: 'not_found',
            title: 'Niet gevonden',
            status: 404,
            detail: '-',
            instance: 'urn:x',
            invalidParams: [],
          });
    }
    send(404, { code: 'not_found', title: 'Niet gevonden', status: 404, detail: 'no route', instance: 'urn:x' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

// ---------------------------------------------------------------------------------------
// Data: the recorded bodies, made visible (extern zaaktype) and given an initiator address.

export const ZAAK = recorded('zaak.get.json');
export const ZAAKTYPE: Json = { ...recorded('zaaktype.get.json'), indicatieInternOfExtern: 'extern' };
// Prism checks answers against the spec, and the recorded answers deviate from it in two known ways
// (tolerated by the schemas; the mapping tests use the raw bodies): Open Zaak returns
// `zaakobjecttypen` where the 1.3.1 spec requires `zaakobjecttype` (SOURCES.md), and below:
export const STATUSTYPEN = recorded('statustypen.list.json').results.map((t: Json) => ({
  ...t,
  zaakobjecttype: 'http://localhost:8003/catalogi/api/v1/zaakobjecttypen/00000000-0000-4000-8000-000000000000',
}));
// Open Zaak sends `gezetdoor: null`; the 1.5.1 spec has it as a non-nullable string (URL).
export const { gezetdoor: _gezetdoor, ...STATUS } = recorded('status.post.response.json');
// Open Zaak also sends blank optional fields as "" where the spec declares `format: uri` / `email`
// (rol.betrokkene, contactpersoonRol.emailadres): left out / null here.
const { betrokkene: _betrokkene, ...RECORDED_ROL } = recorded('rol-natuurlijk-persoon.post.response.json');
export const ROL: Json = {
  ...RECORDED_ROL,
  contactpersoonRol: null,
  betrokkeneIdentificatie: {
    ...RECORDED_ROL.betrokkeneIdentificatie,
    verblijfsadres: {
      aoaIdentificatie: '0000200000000001',
      wplWoonplaatsNaam: 'Geldermalsen',
      gorOpenbareRuimteNaam: 'Markt',
      aoaPostcode: '4191 AB',
      aoaHuisnummer: 1,
      aoaHuisletter: '',
      aoaHuisnummertoevoeging: '',
      inpLocatiebeschrijving: '',
    },
  },
};
// A second zaak of the same resident, started later, with no status yet.
export const ZAAK2: Json = {
  ...ZAAK,
  url: 'http://localhost:8003/zaken/api/v1/zaken/7d0e7c4e-94a1-4c47-9a3c-7f6f3e1e0c11',
  uuid: '7d0e7c4e-94a1-4c47-9a3c-7f6f3e1e0c11',
  identificatie: 'OF-SECOND',
  startdatum: '2026-08-20',
  status: null,
  rollen: [],
};
export const ROL2: Json = {
  ...ROL,
  url: 'http://localhost:8003/zaken/api/v1/rollen/9c3a4b1e-3f0e-4c36-9d8e-0a1b2c3d4e5f',
  uuid: '9c3a4b1e-3f0e-4c36-9d8e-0a1b2c3d4e5f',
  zaak: ZAAK2.url,
};

export const freshDb = (): Db => ({
  zaken: [clone(ZAAK), clone(ZAAK2)],
  statussen: [clone(STATUS)],
  statustypen: clone(STATUSTYPEN),
  zaaktypen: [clone(ZAAKTYPE)],
  rollen: [clone(ROL), clone(ROL2)],
});

/**
 * Prism proxies of the official Zaken and Catalogi specs in front of a scripted Open Zaak (every
 * request and answer checked against the spec), and the gateway's env for them.
 */
export async function startZgwPrisms(openZaakUrl: string): Promise<{
  /** [Zaken, Catalogi] */
  prisms: [PrismServer, PrismServer];
  env: Record<string, string>;
}> {
  const [zaken, catalogi] = await Promise.all(
    [
      ['zaken-api-1.5.1.openapi.yaml', 'zaken'],
      ['catalogi-api-1.3.1.openapi.yaml', 'catalogi'],
    ].map(([spec, api]) =>
      startPrism({ spec: specPath(spec!), mode: 'proxy', upstream: `${openZaakUrl}/${api}/api/v1`, errors: true }),
    ),
  );
  return {
    prisms: [zaken!, catalogi!],
    env: {
      ZAKEN_API_URL: zaken!.url,
      CATALOGI_API_URL: catalogi!.url,
      ZGW_CLIENT_ID: CLIENT_ID,
      ZGW_SECRET: SECRET,
      ZGW_MAX_VERTROUWELIJKHEID: 'zaakvertrouwelijk',
    },
  };
}

/**
 * Adds another gemeente's zaak with the same identificatie as ZAAK (identificaties are unique per
 * bronorganisatie), without a status yet, and its initiator role. Returns the zaak.
 */
export function addOtherZaak(db: Db, bronorganisatie: string): Json {
  const zaak: Json = {
    ...clone(ZAAK),
    url: 'http://localhost:8003/zaken/api/v1/zaken/3b1f6a52-8a51-4a8e-9f0e-5a9d2c7e4b10',
    uuid: '3b1f6a52-8a51-4a8e-9f0e-5a9d2c7e4b10',
    bronorganisatie,
    startdatum: '2026-09-01',
    status: null,
    rollen: [],
  };
  db.zaken.push(zaak);
  db.rollen.push({
    ...clone(ROL),
    url: 'http://localhost:8003/zaken/api/v1/rollen/4c2e7b63-9b62-4f9f-8a1f-6bae3d8f5c21',
    uuid: '4c2e7b63-9b62-4f9f-8a1f-6bae3d8f5c21',
    zaak: zaak.url,
  });
  return zaak;
}
