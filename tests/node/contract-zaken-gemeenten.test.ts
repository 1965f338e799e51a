/**
 * Zaken per gemeente (issue 12, "one gateway for a werkorganisatie"): the `zaken` block of
 * GEMEENTE_CONFIG names each gemeente's bronorganisatie and optionally its own zaaksysteem (its
 * secret only from the environment, ZGW_SECRET_<ID>). Through the gateway (`/v1/cases`, "Mijn
 * zaken", the /zgw proxy) as `connectorsFromEnv` and `optionsFromEnv` build it.
 *
 * The shared zaaksysteem is the scripted Open Zaak (recorded bodies, tests/support/open-zaak.ts)
 * behind Prism validation proxies of the official specs, as in contract-zaken.test.ts; a
 * gemeente's own zaaksysteem is a second scripted Open Zaak with another secret.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { demoConfig, type GemeenteConfig } from '@dichtbij/sdk';
import { silentLogger } from '@dichtbij/gateway';
import { connectorsFromEnv } from '../../packages/gateway/src/connectors/index.ts';
import { zakenCaseSource } from '../../packages/gateway/src/connectors/zaken.ts';
import { optionsFromEnv } from '../../packages/gateway/src/env.ts';
import type { MultiGemeenteConfig } from '../../packages/gateway/src/tenants.ts';
import { closeSharedStore, testGateway, type TestGateway } from '../support/gateway-harness.ts';
import { hostileString } from '../support/hostile.ts';
import {
  BSN,
  CLIENT_ID,
  ROL,
  ZAAK,
  ZAAK2,
  clone,
  freshDb,
  addOtherZaak,
  startOpenZaak,
  startZgwPrisms,
  type Db,
  type Json,
  type Seen,
} from '../support/open-zaak.ts';
import type { PrismServer } from '../support/prism.ts';

after(closeSharedStore);

const DRUTEN = '002220647';
const WIJCHEN = '123456782';
const WIJCHEN_SECRET = 'wijchen-has-a-secret-of-its-own-too';
const CHECK = { 'Dichtbij-Check': '4191 AB' };

const gemeente = (name: string): GemeenteConfig => ({ ...demoConfig, name });
const GEMEENTEN = {
  druten: gemeente('Gemeente Druten'),
  wijchen: gemeente('Gemeente Wijchen'),
  elders: gemeente('Gemeente Elders'),
};

/** Druten's two zaken and Wijchen's OF-6BGYLA (identificaties are unique per bronorganisatie) in one system. */
function sharedDb(): Db {
  const db = freshDb();
  for (const z of db.zaken) z.bronorganisatie = DRUTEN;
  addOtherZaak(db, WIJCHEN);
  return db;
}

/** Wijchen's own zaaksysteem: its OF-6BGYLA and OF-WIJCHEN, the same resident's. */
function ownDb(): Db {
  const db = freshDb();
  const mine = (uuid: string, identificatie: string, startdatum: string): Json => ({
    ...clone(ZAAK),
    url: `http://zaken.wijchen.test/zaken/api/v1/zaken/${uuid}`,
    uuid,
    identificatie,
    bronorganisatie: WIJCHEN,
    startdatum,
    status: null,
    rollen: [],
  });
  const a = mine('5d3f8c74-ac73-4b0a-8f2f-7cbf4e9a6d32', 'OF-6BGYLA', '2026-10-05');
  const b = mine('6e4a9d85-bd84-4c1b-9a3a-8dc05fab7e43', 'OF-WIJCHEN', '2026-10-12');
  db.zaken = [a, b];
  db.statussen = [];
  db.rollen = [a, b].map((z, i) => ({
    ...clone(ROL),
    url: `http://zaken.wijchen.test/zaken/api/v1/rollen/7f5b0e96-ce95-4d2c-8b4b-9ed16ab08f5${i}`,
    uuid: `7f5b0e96-ce95-4d2c-8b4b-9ed16ab08f5${i}`,
    zaak: z.url,
  }));
  return db;
}

/** What a resident's browser can tell apart: status, body and the headers that matter. */
async function answer(res: Response) {
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    cache: res.headers.get('cache-control'),
    body: await res.text(),
  };
}

/** A query value as a browser would send it (lone surrogates become U+FFFD, like URLSearchParams). */
const encode = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

describe('Zaken per gemeente (GEMEENTE_CONFIG zaken), against Prism (Zaken API 1.5.1, Catalogi API 1.3.1)', () => {
  let zakenPrism: PrismServer;
  let catalogiPrism: PrismServer;
  let shared: { url: string; server: Server };
  let own: { url: string; server: Server };
  let db = sharedDb();
  let db2 = ownDb();
  const seen: Seen[] = [];
  const seen2: Seen[] = [];
  let env: Record<string, string>;
  let resident: { bsn: string } | undefined;
  const open: TestGateway[] = [];

  before(async () => {
    shared = await startOpenZaak(() => db, seen);
    own = await startOpenZaak(() => db2, seen2, WIJCHEN_SECRET);
    const zgw = await startZgwPrisms(shared.url);
    [zakenPrism, catalogiPrism] = zgw.prisms;
    env = { ...zgw.env, ZGW_SECRET_WIJCHEN: WIJCHEN_SECRET };
  });
  after(async () => {
    await Promise.all([zakenPrism?.stop(), catalogiPrism?.stop()]);
    await Promise.all([shared, own].map((s) => new Promise((r) => s?.server.close(r))));
  });
  beforeEach(async () => {
    for (const t of open.splice(0)) await t.close();
    db = sharedDb();
    db2 = ownDb();
    seen.length = 0;
    seen2.length = 0;
    resident = undefined;
    zakenPrism.reset();
    catalogiPrism.reset();
  });
  const noViolations = async () => {
    await Promise.all([zakenPrism.flush(), catalogiPrism.flush()]);
    assert.deepEqual([...zakenPrism.violations(), ...catalogiPrism.violations()], [], 'Prism found nothing wrong');
  };

  /** A gateway with the connectors as the CLI builds them from the environment and this configuration. */
  async function gateway(config: MultiGemeenteConfig | GemeenteConfig, extraEnv: Record<string, string> = {}) {
    const connectors = await connectorsFromEnv({ ...env, ...extraEnv }, { logger: silentLogger, config });
    assert.ok(connectors.caseSource && connectors.zgwProxy, 'the zaken connector and its proxy are on');
    const t = await testGateway({
      config,
      caseSource: connectors.caseSource,
      zgwProxy: connectors.zgwProxy,
      auth: () => resident,
      cdnDir: false,
    });
    open.push(t);
    return t;
  }
  const lookup = (t: TestGateway, reference: string, query = '') =>
    t.request(`/v1/cases/${reference}${query}`, { headers: CHECK });
  const startedOn = async (res: Response) => {
    assert.equal(res.status, 200);
    return ((await res.json()) as { startedOn: string }).startedOn;
  };
  const mijnZaken = async (t: TestGateway, g: string) => {
    const res = await t.request(`/v1/cases?gemeente=${g}`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { cases: { reference: string; startedOn: string }[] }).cases.map(
      (c) => `${c.reference} ${c.startedOn}`,
    );
  };

  const SHARED: MultiGemeenteConfig = {
    gemeenten: GEMEENTEN,
    default: 'druten',
    zaken: { druten: { bronorganisatie: DRUTEN }, wijchen: { bronorganisatie: WIJCHEN } },
  };

  it('two gemeenten in one zaaksysteem: each sees its own zaak; another gemeente’s answers exactly like an unknown one', async () => {
    const t = await gateway(SHARED);
    const drutenStart = ZAAK.startdatum as string;
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=druten')), drutenStart);
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA')), drutenStart, 'no gemeente: the default one');
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=wijchen')), '2026-09-01');
    assert.equal(await startedOn(await lookup(t, 'OF-SECOND', '?gemeente=druten')), ZAAK2.startdatum);
    const searched = seen.filter((s) => s.path === '/zaken/api/v1/zaken' && s.query.has('identificatie'));
    assert.ok(searched.length >= 4, `${searched.length} searches`);
    assert.ok(
      searched.every((s) => [DRUTEN, WIJCHEN].includes(s.query.get('bronorganisatie') ?? '')),
      'every search names the bronorganisatie',
    );

    // Druten's OF-SECOND at Wijchen, an unknown zaak at Wijchen, and any zaak at a gemeente
    // without zaken here: one answer, byte for byte.
    const unknown = await answer(await lookup(t, 'OF-NOPE', '?gemeente=wijchen'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.type, 'application/problem+json');
    assert.deepEqual(await answer(await lookup(t, 'OF-SECOND', '?gemeente=wijchen')), unknown);
    seen.length = 0;
    assert.deepEqual(await answer(await lookup(t, 'OF-6BGYLA', '?gemeente=elders')), unknown);
    assert.deepEqual(await answer(await lookup(t, 'OF-SECOND', '?gemeente=elders')), unknown);
    assert.deepEqual(seen, [], 'a gemeente without zaken here asks no zaaksysteem');
    // Logged in as the owner (no check needed) changes nothing for another gemeente's zaak.
    resident = { bsn: BSN };
    assert.deepEqual(
      await answer(await t.request('/v1/cases/OF-SECOND?gemeente=wijchen')),
      await answer(await t.request('/v1/cases/OF-NOPE?gemeente=wijchen')),
    );

    // "Mijn zaken": the same resident, each gemeente's own zaken only.
    assert.deepEqual(await mijnZaken(t, 'druten'), [`OF-SECOND ${ZAAK2.startdatum}`, `OF-6BGYLA ${drutenStart}`]);
    assert.deepEqual(await mijnZaken(t, 'wijchen'), ['OF-6BGYLA 2026-09-01']);
    assert.deepEqual(await mijnZaken(t, 'elders'), []);
    await noViolations();
  });

  it('the /zgw proxy: a zaak shown to one gemeente’s page does not open its statussen to another', async () => {
    const t = await gateway(SHARED);
    const found = async (g: string) => {
      const res = await t.request(`/zgw/zaken/api/v1/zaken?identificatie=OF-6BGYLA&gemeente=${g}`, {
        headers: CHECK,
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { results: Json[] }).results;
    };
    const [druten] = await found('druten');
    assert.equal(druten?.bronorganisatie, DRUTEN);
    const [wijchen] = await found('wijchen');
    assert.equal(wijchen?.bronorganisatie, WIJCHEN);
    assert.deepEqual(await found('elders'), []);
    const statussen = async (g: string) => {
      const res = await t.request(`/zgw/zaken/api/v1/statussen?zaak=${encodeURIComponent(druten!.url)}&gemeente=${g}`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { count: number }).count;
    };
    assert.equal(await statussen('druten'), 1);
    assert.equal(await statussen('wijchen'), 0, 'Druten’s zaak is not Wijchen’s');
    assert.equal(await statussen('elders'), 0);
    const statusId = (db.statussen[0]!.url as string).split('/').at(-1)!;
    assert.equal((await t.request(`/zgw/zaken/api/v1/statussen/${statusId}?gemeente=druten`)).status, 200);
    assert.equal((await t.request(`/zgw/zaken/api/v1/statussen/${statusId}?gemeente=wijchen`)).status, 404);
    resident = { bsn: BSN };
    const mine = await t.request('/zgw/zaken/api/v1/zaken?gemeente=wijchen');
    assert.deepEqual(
      ((await mine.json()) as { results: Json[] }).results.map((z) => `${z.identificatie} ${z.bronorganisatie}`),
      [`OF-6BGYLA ${WIJCHEN}`],
    );
    await noViolations();
  });

  it('a gemeente with its own zaaksysteem: its lookups go there only, signed with its own secret', async () => {
    const config: MultiGemeenteConfig = {
      gemeenten: GEMEENTEN,
      default: 'druten',
      zaken: {
        druten: { bronorganisatie: DRUTEN },
        wijchen: {
          bronorganisatie: WIJCHEN,
          zakenApiUrl: `${own.url}/zaken/api/v1`,
          catalogiApiUrl: `${own.url}/catalogi/api/v1`,
          clientId: 'dichtbij-wijchen',
        },
      },
    };
    const t = await gateway(config);
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=wijchen')), '2026-10-05');
    assert.equal(seen.length, 0, 'nothing went to the shared zaaksysteem');
    assert.ok(seen2.length > 0, 'Wijchen’s own system was asked');
    assert.ok(
      seen2.every((s) => s.jwtValid && s.claims?.client_id === 'dichtbij-wijchen'),
      'Wijchen’s client id, signed with ZGW_SECRET_WIJCHEN',
    );
    seen2.length = 0;
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=druten')), ZAAK.startdatum);
    assert.equal(seen2.length, 0, 'Druten’s lookup never reaches Wijchen’s system');
    assert.ok(
      seen.every((s) => s.jwtValid && s.claims?.client_id === CLIENT_ID),
      'the shared system gets the shared client id',
    );

    const unknown = await answer(await lookup(t, 'OF-NOPE', '?gemeente=wijchen'));
    assert.equal(unknown.status, 404);
    assert.deepEqual(await answer(await lookup(t, 'OF-SECOND', '?gemeente=wijchen')), unknown, 'Druten’s zaak');
    assert.deepEqual(await answer(await lookup(t, 'OF-WIJCHEN', '?gemeente=druten')), unknown, 'Wijchen’s zaak');
    assert.deepEqual(await answer(await lookup(t, 'OF-6BGYLA', '?gemeente=elders')), unknown);

    resident = { bsn: BSN };
    assert.deepEqual(await mijnZaken(t, 'wijchen'), ['OF-WIJCHEN 2026-10-12', 'OF-6BGYLA 2026-10-05']);
    assert.deepEqual(await mijnZaken(t, 'druten'), [`OF-SECOND ${ZAAK2.startdatum}`, `OF-6BGYLA ${ZAAK.startdatum}`]);
    const proxied = await t.request('/zgw/zaken/api/v1/zaken?identificatie=OF-WIJCHEN&gemeente=wijchen');
    assert.equal(((await proxied.json()) as { count: number }).count, 1, 'the /zgw proxy uses the same system');

    // What browsers get of the configuration holds nothing of the zaaksysteem.
    for (const g of ['wijchen', 'druten']) {
      const text = await (await t.request(`/v1/config?gemeente=${g}`)).text();
      for (const secretish of [own.url, 'dichtbij-wijchen', WIJCHEN, DRUTEN, WIJCHEN_SECRET, 'bronorganisatie'])
        assert.ok(!text.includes(secretish), `/v1/config?gemeente=${g} does not hold ${secretish}`);
    }
    await noViolations();
  });

  it('hostile gemeente values: an unknown gemeente is a 404 before any zaaksysteem is asked', async () => {
    const t = await gateway(SHARED);
    const KNOWN: Record<string, string> = { druten: ZAAK.startdatum as string, wijchen: '2026-09-01' };
    const fixed = [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'wijchen\u0000',
      'wijchen ',
      ' wijchen',
      '../wijchen',
      'wijchen/../druten',
      'wijchen,druten',
      'wijchen\u200b',
      'wijchen\ufeff',
      'wıjchen', // dotless i
      'ＷＩＪＣＨＥＮ',
      'w'.repeat(5000),
    ];
    // `?gemeente=` (empty) is the default gemeente, as without it; upper case names the same one.
    const idOf = (value: string | undefined) => (value === '' ? 'druten' : value?.toLowerCase());
    const check = async (query: string, value?: string) => {
      seen.length = 0;
      const res = await lookup(t, 'OF-6BGYLA', query);
      assert.ok(res.status < 500, `${query}: ${res.status}`);
      if (res.status === 200) {
        const id = idOf(value);
        const known = id !== undefined && Object.hasOwn(KNOWN, id) ? KNOWN[id] : undefined;
        assert.ok(known, `${query}: a zaak only for a gemeente of the configuration`);
        assert.equal(await startedOn(res), known);
      } else {
        assert.equal(res.status, 404, query);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        const id = idOf(value);
        if (id === undefined || !Object.hasOwn(KNOWN, id))
          assert.deepEqual(seen, [], `${query}: no zaaksysteem was asked`);
      }
    };
    for (const value of fixed) await check(`?gemeente=${encode(value)}`, value);
    for (const raw of ['%FF', '%C0%AF', '%', '%2', '%E2%82', 'wijchen%00']) await check(`?gemeente=${raw}`);
    // Upper case names the same gemeente (ids are lower case).
    assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=WIJCHEN')), '2026-09-01');
    // Twice: one gemeente decides, the same for the whole request.
    const twice = await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=wijchen&gemeente=druten'));
    assert.ok(Object.values(KNOWN).includes(twice), `one gemeente’s zaak (${twice})`);
    await fc.assert(
      fc.asyncProperty(hostileString, async (value) => check(`?gemeente=${encode(value)}`, value)),
      { numRuns: 150 },
    );

    // The connector itself: a gemeente id that is a property of every object is no gemeente.
    const source = zakenCaseSource(env, { gemeenten: SHARED.zaken, gemeenteIds: Object.keys(GEMEENTEN) })!;
    seen.length = 0;
    for (const value of ['__proto__', 'constructor', 'toString', '', 'DRUTEN', 'druten ']) {
      assert.equal(await source.get('OF-6BGYLA', value), undefined, JSON.stringify(value));
      assert.deepEqual(await source.listForBsn(BSN, value), []);
    }
    assert.equal(await source.get('OF-6BGYLA'), undefined, 'no gemeente: none');
    assert.deepEqual(seen, []);
    await noViolations();
  });

  it('e-Suite references per gemeente: each with its own gemeentecode', async () => {
    db.zaken[0]!.identificatie = '0225ESUITE66392022'; // Druten's
    db.zaken[2]!.identificatie = '0296ESUITE77012023'; // Wijchen's
    const source = zakenCaseSource(
      { ...env, ZGW_ESUITE_GEMEENTECODE: '0225' },
      {
        gemeenten: {
          druten: { bronorganisatie: DRUTEN },
          wijchen: { bronorganisatie: WIJCHEN, esuiteGemeentecode: '0296' },
        },
        gemeenteIds: Object.keys(GEMEENTEN),
      },
    )!;
    assert.equal((await source.get('6639-2022', 'druten'))?.status.reference, '6639-2022', 'ZGW_ESUITE_GEMEENTECODE');
    assert.equal((await source.get('7701-2023', 'wijchen'))?.status.reference, '7701-2023', 'its own code');
    assert.equal(await source.get('6639-2022', 'wijchen'), undefined);
    assert.equal(await source.get('7701-2023', 'druten'), undefined);
    const asked = seen.filter((s) => s.path === '/zaken/api/v1/zaken').map((s) => s.query.get('identificatie'));
    assert.deepEqual(
      asked,
      [
        ...['6639-2022', '0225ESUITE66392022'], // Druten
        ...['7701-2023', '0296ESUITE77012023'], // Wijchen
        ...['6639-2022', '0296ESUITE66392022'], // Wijchen, not found
        ...['7701-2023', '0225ESUITE77012023'], // Druten, not found
      ],
      'as typed, then the e-Suite form with the gemeente’s own code',
    );
    await noViolations();
  });

  it('without zaken per gemeente nothing changes: one zaaksysteem for every gemeente', async () => {
    db = freshDb(); // one OF-6BGYLA, of bronorganisatie 000000000
    const single = await gateway(demoConfig);
    assert.equal(await startedOn(await lookup(single, 'OF-6BGYLA')), ZAAK.startdatum);
    assert.equal((await lookup(single, 'OF-NOPE')).status, 404);
    const multi = await gateway({ gemeenten: GEMEENTEN, default: 'druten' });
    for (const g of ['druten', 'wijchen', 'elders'])
      assert.equal(await startedOn(await lookup(multi, 'OF-6BGYLA', `?gemeente=${g}`)), ZAAK.startdatum, g);
    const source = zakenCaseSource(env)!;
    const record = await source.get('OF-6BGYLA', 'wijchen');
    assert.equal(record?.gemeente, undefined, 'not tied to a gemeente');
    assert.ok(
      seen.filter((s) => s.path === '/zaken/api/v1/zaken').every((s) => !s.query.has('bronorganisatie')),
      'no bronorganisatie filter',
    );
    await noViolations();
  });

  it('refuses a wrong zaken configuration at start, naming the setting', async () => {
    const ids = Object.keys(GEMEENTEN);
    const refuse = (zaken: unknown, pattern: RegExp, extra: Record<string, string | undefined> = {}) =>
      assert.throws(() => zakenCaseSource({ ...env, ...extra }, { gemeenten: zaken, gemeenteIds: ids }), pattern);
    const ownSystem = {
      zakenApiUrl: 'https://zaken.wijchen.test/zaken/api/v1',
      catalogiApiUrl: 'https://zaken.wijchen.test/catalogi/api/v1',
      clientId: 'dichtbij-wijchen',
    };
    refuse({ wijchen: { bronorganisatie: '12345678' } }, /zaken\.wijchen\.bronorganisatie must be an RSIN/);
    refuse({ wijchen: { bronorganisatie: 123456782 } }, /zaken\.wijchen\.bronorganisatie must be a non-empty string/);
    refuse({ wijchen: { bronorganisatie: '１２３４５６７８２' } }, /RSIN/);
    refuse({ oss: { bronorganisatie: WIJCHEN } }, /zaken\.oss is not one of the gemeenten/);
    refuse(
      JSON.parse('{"__proto__": {"bronorganisatie": "123456782"}}'),
      /zaken\.__proto__ is not one of the gemeenten/,
    );
    refuse({ wijchen: {} }, /zaken\.wijchen: name its bronorganisatie/);
    refuse({ wijchen: 'yes' }, /zaken\.wijchen must be an object/);
    refuse(['wijchen'], /zaken must be an object/);
    refuse({ wijchen: { bronorganisatie: WIJCHEN, rsin: WIJCHEN } }, /zaken\.wijchen\.rsin is not a setting/);
    refuse(
      { wijchen: { ...ownSystem, secret: 'x' } },
      /zaken\.wijchen\.secret: secrets are never read .* ZGW_SECRET_WIJCHEN/,
    );
    refuse({ wijchen: { ...ownSystem, clientSecret: 'x' } }, /ZGW_SECRET_WIJCHEN/);
    refuse({ wijchen: ownSystem }, /ZGW_SECRET_WIJCHEN must be set/, { ZGW_SECRET_WIJCHEN: undefined });
    refuse({ wijchen: { ...ownSystem, clientId: undefined } }, /clientId must be set too/);
    refuse({ wijchen: { zakenApiUrl: ownSystem.zakenApiUrl } }, /catalogiApiUrl and clientId must be set too/);
    refuse({ wijchen: { bronorganisatie: WIJCHEN, clientId: 'x' } }, /set zakenApiUrl too/);
    refuse(
      { wijchen: { ...ownSystem, zakenApiUrl: 'ftp://zaken.wijchen.test/' } },
      /zaken\.wijchen\.zakenApiUrl must be an http\(s\) URL/,
    );
    refuse(
      { wijchen: { ...ownSystem, catalogiApiUrl: 'https://zaken.wijchen.test/catalogi/api/v1?x=1' } },
      /zaken\.wijchen\.catalogiApiUrl must not have a query/,
    );
    refuse({ wijchen: { bronorganisatie: WIJCHEN, esuiteGemeentecode: '296' } }, /esuiteGemeentecode must be 4 digits/);
    refuse({ wijchen: { bronorganisatie: WIJCHEN } }, /zaken\.wijchen: this gemeente is also in ZGW_BRONORGANISATIES/, {
      ZGW_BRONORGANISATIES: `wijchen=${WIJCHEN}`,
    });
    refuse({ wijchen: { bronorganisatie: WIJCHEN } }, /not both/, { ZGW_BRONORGANISATIE: DRUTEN });
    refuse({ wijchen: { bronorganisatie: WIJCHEN } }, /shared zaaksysteem .* ZAKEN_API_URL must be set/, {
      ZAKEN_API_URL: undefined,
    });
    refuse(undefined, /ZGW_BRONORGANISATIES names oss/, { ZGW_BRONORGANISATIES: `oss=${WIJCHEN}` });

    // A gemeente with its own zaaksysteem is enough to switch the connector on.
    const only = zakenCaseSource(
      { ZGW_SECRET_WIJCHEN: WIJCHEN_SECRET, ZGW_MAX_VERTROUWELIJKHEID: 'zaakvertrouwelijk' },
      {
        gemeenten: {
          wijchen: {
            ...ownSystem,
            zakenApiUrl: `${own.url}/zaken/api/v1`,
            catalogiApiUrl: `${own.url}/catalogi/api/v1`,
          },
        },
        gemeenteIds: ids,
      },
    );
    assert.ok(only, 'on without ZAKEN_API_URL');
    assert.equal((await only.get('OF-6BGYLA', 'wijchen'))?.status.startedOn, '2026-10-05');
    assert.equal(await only.get('OF-6BGYLA', 'druten'), undefined);
  });

  it('from GEMEENTE_CONFIG: optionsFromEnv gives the gateway the zaken of each gemeente', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dichtbij-zaken-'));
    try {
      const file = join(dir, 'gemeenten.json');
      writeFileSync(file, JSON.stringify(SHARED));
      const options = await optionsFromEnv({ ...env, GEMEENTE_CONFIG: file }, silentLogger);
      const t = await testGateway({
        config: options.config!,
        caseSource: options.caseSource!,
        zgwProxy: options.zgwProxy!,
        cdnDir: false,
      });
      open.push(t);
      assert.equal(await startedOn(await lookup(t, 'OF-6BGYLA', '?gemeente=wijchen')), '2026-09-01');
      assert.equal((await lookup(t, 'OF-SECOND', '?gemeente=wijchen')).status, 404);
      const proxied = await t.request('/zgw/zaken/api/v1/zaken?identificatie=OF-6BGYLA&gemeente=wijchen', {
        headers: CHECK,
      });
      assert.equal(((await proxied.json()) as { results: Json[] }).results[0]?.bronorganisatie, WIJCHEN);

      writeFileSync(file, JSON.stringify({ ...SHARED, zaken: { oss: { bronorganisatie: WIJCHEN } } }));
      await assert.rejects(optionsFromEnv({ ...env, GEMEENTE_CONFIG: file }, silentLogger), /zaken\.oss/);
      // A single-gemeente configuration is the gemeente `default`.
      writeFileSync(file, JSON.stringify(demoConfig));
      await assert.rejects(
        optionsFromEnv({ ...env, GEMEENTE_CONFIG: file, ZGW_BRONORGANISATIES: `wijchen=${WIJCHEN}` }, silentLogger),
        /ZGW_BRONORGANISATIES names wijchen/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await noViolations();
  });
});
