/**
 * The Zaken connector (CaseSource), the /zgw proxy and commonGroundAdapter against Prism
 * validation proxies of the official Zaken API 1.5.1 and Catalogi API 1.3.1 specs, in front of
 * a scripted Open Zaak that serves the recorded Open Zaak bodies (tests/support/open-zaak.ts).
 *
 * Prism runs with `--errors`: a request that does not match the spec is refused with 422 and
 * never reaches the upstream (the connector then fails the test), and an upstream answer that
 * does not match the spec becomes a 500. Every request Prism saw is also checked for logged
 * violations. The scripted Open Zaak checks what the spec cannot: the JWT signature and claims,
 * and, like the real one, answers 412 without `Accept-Crs`.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CaseStatusSchema, DichtbijError, demoConfig } from '@dichtbij/sdk';
import { commonGroundAdapter } from '../../packages/sdk/src/adapters/common-ground.ts';
import { ZgwError, zakenCaseSource, zgwProxyRoutes } from '../../packages/gateway/src/connectors/zaken.ts';
import { closeSharedStore, testGateway } from '../support/gateway-harness.ts';
import {
  BSN,
  CLIENT_ID,
  STATUS,
  ZAAK,
  ZAAKTYPE,
  freshDb,
  recorded,
  addOtherZaak,
  startOpenZaak,
  startZgwPrisms,
  uuidOf,
  type Json,
  type Seen,
} from '../support/open-zaak.ts';
import type { PrismServer } from '../support/prism.ts';

after(closeSharedStore);

describe('Zaken connector against Prism (Zaken API 1.5.1, Catalogi API 1.3.1)', () => {
  let zakenPrism: PrismServer;
  let catalogiPrism: PrismServer;
  let openZaak: { url: string; server: Server };
  let db = freshDb();
  const seen: Seen[] = [];
  let env: Record<string, string>;

  before(async () => {
    openZaak = await startOpenZaak(() => db, seen);
    const zgw = await startZgwPrisms(openZaak.url);
    [zakenPrism, catalogiPrism] = zgw.prisms;
    env = zgw.env;
  });
  after(async () => {
    await Promise.all([zakenPrism?.stop(), catalogiPrism?.stop()]);
    await new Promise((r) => openZaak?.server.close(r));
  });
  beforeEach(() => {
    db = freshDb();
    seen.length = 0;
    zakenPrism.reset();
    catalogiPrism.reset();
  });
  const noViolations = async () => {
    await Promise.all([zakenPrism.flush(), catalogiPrism.flush()]);
    assert.deepEqual([...zakenPrism.violations(), ...catalogiPrism.violations()], [], 'Prism found nothing wrong');
  };

  it('get(reference): zaak → zaaktype → statussen + statustypen + rollen, mapped, with the check and owners', async () => {
    const source = zakenCaseSource(env)!;
    assert.equal(source.name, 'zaken-api');
    const record = await source.get('OF-6BGYLA');
    assert.ok(record);
    assert.equal(record.check, '4191 AB', 'the initiator’s postcode is the second factor');
    assert.deepEqual(record.bsns, [BSN]);
    assert.deepEqual(CaseStatusSchema.parse(record.status), record.status);
    assert.equal(record.status.reference, 'OF-6BGYLA');
    assert.equal(record.status.title, 'Test');
    assert.deepEqual(
      record.status.steps.map((s) => `${s.title}:${s.state}`),
      ['Ontvangen:current', 'Afgerond:upcoming'],
    );

    assert.deepEqual(seen.map((s) => s.path).sort(), [
      '/catalogi/api/v1/statustypen',
      '/catalogi/api/v1/zaaktypen/1f41885e-23fc-4462-bbc8-80be4ae484dc',
      '/zaken/api/v1/rollen',
      '/zaken/api/v1/statussen',
      '/zaken/api/v1/zaken',
    ]);
    assert.equal(seen[0]!.path, '/zaken/api/v1/zaken', 'the zaak first');
    assert.equal(seen[0]!.query.get('identificatie'), 'OF-6BGYLA');
    assert.ok(
      seen.every((s) => s.jwtValid),
      'every call carries a valid HS256 JWT',
    );
    const claims = seen[0]!.claims!;
    assert.equal(claims.client_id, CLIENT_ID);
    assert.equal(claims.iss, CLIENT_ID);
    assert.ok(
      typeof claims.iat === 'number' && claims.exp > claims.iat && claims.exp - claims.iat <= 300,
      'a short-lived token',
    );
    for (const s of seen.filter((x) => x.path.startsWith('/zaken/'))) {
      assert.equal(s.headers['accept-crs'], 'EPSG:4326', `${s.path} has Accept-Crs`);
    }
    await noViolations();
  });

  it('get: unknown, intern or too confidential zaken are undefined, without needless calls', async () => {
    const source = zakenCaseSource(env)!;
    assert.equal(await source.get('OF-UNKNOWN'), undefined);
    assert.equal(await source.get('bad reference with spaces'), undefined);

    db.zaaktypen[0]!.indicatieInternOfExtern = 'intern';
    seen.length = 0;
    assert.equal(await source.get('OF-6BGYLA'), undefined);
    assert.ok(
      !seen.some((s) => s.path.endsWith('/statussen') || s.path.endsWith('/rollen')),
      'stops after the zaaktype',
    );

    db = freshDb();
    db.zaken[0]!.vertrouwelijkheidaanduiding = 'geheim';
    seen.length = 0;
    assert.equal(await zakenCaseSource(env)!.get('OF-6BGYLA'), undefined);
    assert.deepEqual(
      seen.map((s) => s.path),
      ['/zaken/api/v1/zaken'],
      'stops after the zaak',
    );
    await noViolations();
  });

  it('get: fetches the current status when /statussen does not list it', async () => {
    db.unlisted = [uuidOf(STATUS.url)!];
    const record = await zakenCaseSource(env)!.get('OF-6BGYLA');
    assert.ok(seen.some((s) => s.path === '/zaken/api/v1/statussen/6b810e21-a542-49ee-831c-e7ec476ccb8e'));
    assert.equal(record?.status.steps[0]?.state, 'current');
    await noViolations();
  });

  it('listForBsn: the resident’s zaken through /rollen (initiator), newest first', async () => {
    const cases = await zakenCaseSource(env)!.listForBsn(BSN);
    assert.deepEqual(
      cases.map((c) => c.reference),
      ['OF-SECOND', 'OF-6BGYLA'],
    );
    assert.ok(
      cases[0]!.steps.every((s) => s.state === 'upcoming'),
      'no status yet',
    );
    const rollen = seen.find((s) => s.path === '/zaken/api/v1/rollen')!;
    assert.equal(rollen.query.get('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn'), BSN);
    assert.equal(rollen.query.get('omschrijvingGeneriek'), 'initiator');
    assert.deepEqual(await zakenCaseSource(env)!.listForBsn('not-a-bsn'), []);
    await noViolations();
  });

  it('handles a 412 (Accept-Crs missing on the way) with a clear error, not as "not found"', async () => {
    db.dropCrs = true;
    await assert.rejects(zakenCaseSource(env)!.get('OF-6BGYLA'), (e: unknown) => {
      assert.ok(e instanceof ZgwError);
      assert.equal(e.code, 'precondition_failed');
      assert.equal(e.status, 412);
      assert.match(e.message, /Accept-Crs/);
      assert.ok(!e.message.includes('OF-6BGYLA'), 'no reference in the message (logs)');
      return true;
    });
  });

  it('is really validated: Prism refuses a zaken request without Accept-Crs or with a bad filter', async () => {
    const before = seen.length;
    const bare = await fetch(`${zakenPrism.url}/zaken?identificatie=OF-6BGYLA`, {
      headers: { Authorization: 'Bearer x' },
    });
    assert.equal(bare.status, 422);
    const body = (await bare.json()) as { validation: { message: string }[] };
    assert.ok(body.validation.some((v) => /accept-crs/i.test(v.message)));
    const badEnum = await fetch(`${zakenPrism.url}/rollen?omschrijvingGeneriek=aanvrager`, {
      headers: { Authorization: 'Bearer x' },
    });
    assert.equal(badEnum.status, 422);
    const noToken = await fetch(`${catalogiPrism.url}/statustypen?zaaktype=${encodeURIComponent(ZAAKTYPE.url)}`);
    assert.equal(noToken.status, 401);
    assert.equal(seen.length, before, 'none of them reached the API');
    // And answers are checked too: the raw recorded statustype (no `zaakobjecttype`) is refused.
    db.statustypen = recorded('statustypen.list.json').results;
    await assert.rejects(
      zakenCaseSource(env)!.get('OF-6BGYLA'),
      (e: unknown) => e instanceof ZgwError && e.status === 500,
    );
  });

  it('never sends the token to a host named in an answer; refuses malformed links', async () => {
    db.zaken[0]!.zaaktype = 'https://evil.example/catalogi/api/v1/zaaktypen/1f41885e-23fc-4462-bbc8-80be4ae484dc';
    const record = await zakenCaseSource(env)!.get('OF-6BGYLA');
    assert.ok(record, 'the zaaktype is read from the configured Catalogi API');
    assert.ok(seen.some((s) => s.path === '/catalogi/api/v1/zaaktypen/1f41885e-23fc-4462-bbc8-80be4ae484dc'));

    db = freshDb();
    db.zaken[0]!.zaaktype = 'https://oz.example.nl/catalogi/api/v1/zaaktypen/';
    await assert.rejects(
      zakenCaseSource(env)!.get('OF-6BGYLA'),
      (e: unknown) => e instanceof ZgwError && e.code === 'malformed',
    );
  });

  it('is off without ZAKEN_API_URL and refuses an incomplete configuration', () => {
    assert.equal(zakenCaseSource({}), undefined);
    assert.equal(zgwProxyRoutes({}), undefined);
    assert.throws(
      () => zakenCaseSource({ ZAKEN_API_URL: 'https://oz.example.nl/zaken/api/v1' }),
      /CATALOGI_API_URL, ZGW_CLIENT_ID, ZGW_SECRET/,
    );
    assert.throws(
      () => zakenCaseSource({ ...env, ZGW_MAX_VERTROUWELIJKHEID: 'top-secret' }),
      /ZGW_MAX_VERTROUWELIJKHEID/,
    );
    assert.throws(() => zakenCaseSource({ ...env, ZAKEN_API_URL: 'not a url' }), /ZAKEN_API_URL/);
    assert.throws(() => zakenCaseSource({ ...env, ZGW_ESUITE_GEMEENTECODE: '14' }), /ZGW_ESUITE_GEMEENTECODE/);
  });

  it('finds e-Suite zaken by the reference on the letter', async () => {
    db.zaken[0]!.identificatie = '0014ESUITE66392022';
    const record = await zakenCaseSource({ ...env, ZGW_ESUITE_GEMEENTECODE: '0014' })!.get('6639-2022');
    assert.equal(record?.status.reference, '6639-2022');
    assert.deepEqual(
      seen.filter((s) => s.path === '/zaken/api/v1/zaken').map((s) => s.query.get('identificatie')),
      ['6639-2022', '0014ESUITE66392022'],
      'as typed first, then the e-Suite form',
    );
  });

  it('several gemeenten in one zaaksysteem (ZGW_BRONORGANISATIES): each finds only its own zaken, also through /v1/cases', async () => {
    const DRUTEN = ZAAK.bronorganisatie as string;
    const WIJCHEN = '123456782';
    // Identificaties are unique per bronorganisatie: Wijchen has an OF-6BGYLA of its own (no status yet).
    addOtherZaak(db, WIJCHEN);
    const many = { ...env, ZGW_BRONORGANISATIES: `druten=${DRUTEN}, wijchen=${WIJCHEN}` };
    const source = zakenCaseSource(many)!;

    const druten = await source.get('OF-6BGYLA', 'druten');
    assert.equal(druten?.gemeente, 'druten');
    assert.deepEqual(
      druten.status.steps.map((x) => x.state),
      ['current', 'upcoming'],
      'Druten’s zaak, with its status',
    );
    assert.equal(seen.find((x) => x.path === '/zaken/api/v1/zaken')?.query.get('bronorganisatie'), DRUTEN);
    const wijchen = await source.get('OF-6BGYLA', 'wijchen');
    assert.equal(wijchen?.gemeente, 'wijchen');
    assert.equal(wijchen.status.startedOn, '2026-09-01', 'Wijchen’s own zaak, not Druten’s');
    assert.equal(await source.get('OF-SECOND', 'wijchen'), undefined, 'Druten’s other zaak is not Wijchen’s');
    assert.equal(await source.get('OF-6BGYLA', 'elders'), undefined, 'a gemeente without an RSIN finds nothing');
    assert.equal(await source.get('OF-6BGYLA'), undefined);

    const refs = async (g: string) => (await source.listForBsn(BSN, g)).map((c) => `${c.reference} ${c.startedOn}`);
    assert.deepEqual(await refs('druten'), ['OF-SECOND 2026-08-20', `OF-6BGYLA ${druten.status.startedOn}`]);
    assert.deepEqual(await refs('wijchen'), ['OF-6BGYLA 2026-09-01']);
    assert.deepEqual(await refs('elders'), []);
    // Without the pairs, two zaken with one identificatie are not guessed between.
    assert.equal(await zakenCaseSource(env)!.get('OF-6BGYLA'), undefined);
    await noViolations();

    // Through the gateway: the gemeente of the page (?gemeente=) decides whose zaak is shown.
    const t = await testGateway({
      config: { gemeenten: { druten: demoConfig, wijchen: demoConfig, elders: demoConfig }, default: 'druten' },
      caseSource: source,
      cdnDir: false,
    });
    try {
      const lookup = (q: string) => t.request(`/v1/cases/OF-6BGYLA${q}`, { headers: { 'Dichtbij-Check': '4191 AB' } });
      const atWijchen = await lookup('?gemeente=wijchen');
      assert.equal(atWijchen.status, 200);
      assert.equal(((await atWijchen.json()) as { startedOn: string }).startedOn, '2026-09-01');
      const atDruten = await lookup('?gemeente=druten');
      assert.equal(((await atDruten.json()) as { startedOn: string }).startedOn, druten.status.startedOn);
      const atElders = await lookup('?gemeente=elders');
      const unknown = await t.request('/v1/cases/OF-NOPE?gemeente=elders', {
        headers: { 'Dichtbij-Check': '4191 AB' },
      });
      assert.equal(atElders.status, 404);
      assert.deepEqual(await atElders.json(), await unknown.json(), 'the same answer as an unknown zaak');
    } finally {
      await t.close();
    }
  });

  it('refuses malformed ZGW_BRONORGANISATIES', () => {
    for (const value of [
      'druten=12',
      'druten',
      'druten=001234567,druten=001234568',
      '=001234567',
      'Druten!=001234567',
    ]) {
      assert.throws(() => zakenCaseSource({ ...env, ZGW_BRONORGANISATIES: value }), /ZGW_BRONORGANISATIES/, value);
    }
    assert.throws(
      () => zakenCaseSource({ ...env, ZGW_BRONORGANISATIE: '001234567', ZGW_BRONORGANISATIES: 'druten=001234567' }),
      /not both/,
    );
  });

  describe('the /zgw proxy and commonGroundAdapter', () => {
    type Proxy = NonNullable<ReturnType<typeof zgwProxyRoutes>>;
    let proxy: Proxy;
    let resident: { bsn: string } | undefined;
    /** The proxy as the gateway mounts it, at /zgw. */
    const app = {
      fetch(request: Request): Promise<Response> {
        const url = new URL(request.url);
        if (!url.pathname.startsWith('/zgw/')) return Promise.resolve(new Response('not found', { status: 404 }));
        url.pathname = url.pathname.slice('/zgw'.length);
        return Promise.resolve(proxy.fetch(new Request(url, request)));
      },
      request: (input: string, init?: RequestInit) => app.fetch(new Request(input, init)),
    };
    before(() => {
      proxy = zgwProxyRoutes(env, { resident: async () => resident })!;
    });
    beforeEach(() => {
      resident = undefined;
    });
    const get = (path: string, headers: Record<string, string> = {}) =>
      app.request(`http://gw/zgw${path}`, { headers });
    const adapter = () =>
      commonGroundAdapter({
        baseUrl: 'http://gw',
        retries: 0,
        fetch: (input, init) => app.fetch(new Request(input, init)),
      });

    it('answers a checked lookup with only non-personal zaak fields', async () => {
      const res = await get('/zaken/api/v1/zaken?identificatie=OF-6BGYLA', { 'Dichtbij-Check': '4191ab' });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { results: Json[] };
      assert.equal(body.results.length, 1);
      const zaak = body.results[0]!;
      assert.equal(zaak.identificatie, 'OF-6BGYLA');
      for (const personal of [
        'rollen',
        'zaakgeometrie',
        'toelichting',
        'omschrijving',
        'kenmerken',
        'zaakobjecten',
        'eigenschappen',
        '_expand',
      ]) {
        assert.ok(!(personal in zaak), `${personal} is stripped`);
      }
      assert.ok(!JSON.stringify(body).includes(BSN));
    });

    it('answers the same empty page for a wrong check, an unknown or a hidden zaak (no oracle)', async () => {
      const empty = { count: 0, next: null, previous: null, results: [] };
      const wrong = await get('/zaken/api/v1/zaken?identificatie=OF-6BGYLA', { 'Dichtbij-Check': '1234 AB' });
      assert.deepEqual(await wrong.json(), empty);
      const unknown = await get('/zaken/api/v1/zaken?identificatie=OF-NOPE', { 'Dichtbij-Check': '4191 AB' });
      assert.deepEqual(await unknown.json(), empty);
      db.zaaktypen[0]!.indicatieInternOfExtern = 'intern';
      // A fresh proxy: zaaktypen are cached for a few minutes.
      const hidden = await zgwProxyRoutes(env)!.request('http://gw/zaken/api/v1/zaken?identificatie=OF-6BGYLA', {
        headers: { 'Dichtbij-Check': '4191 AB' },
      });
      assert.deepEqual(await hidden.json(), empty);
      const noCheck = await get('/zaken/api/v1/zaken?identificatie=OF-6BGYLA');
      assert.equal(noCheck.status, 400);
    });

    it('serves statussen only for zaken it may show, and strips them', async () => {
      const res = await get(`/zaken/api/v1/statussen?zaak=${encodeURIComponent(ZAAK.url)}`);
      const body = (await res.json()) as { results: Json[] };
      assert.equal(body.results.length, 1);
      assert.deepEqual(Object.keys(body.results[0]!).sort(), [
        'datumStatusGezet',
        'indicatieLaatstGezetteStatus',
        'statustype',
        'url',
        'uuid',
        'zaak',
      ]);
      db.zaken[0]!.vertrouwelijkheidaanduiding = 'geheim';
      const fresh = zgwProxyRoutes(env)!;
      const hidden = await fresh.request(`http://gw/zaken/api/v1/statussen?zaak=${encodeURIComponent(ZAAK.url)}`);
      assert.deepEqual(((await hidden.json()) as { results: Json[] }).results, []);
    });

    it('refuses other resources and methods', async () => {
      assert.equal((await get('/zaken/api/v1/rollen')).status, 404);
      assert.equal((await get('/zaken/api/v1/zaken/df259d35-9684-4ba6-8f98-6f61073c60ca')).status, 404);
      assert.equal((await get('/catalogi/api/v1/zaaktypen/not-a-uuid')).status, 404);
      const post = await app.request('http://gw/zgw/zaken/api/v1/zaken', { method: 'POST', body: '{}' });
      assert.equal(post.status, 405);
      assert.equal((await get('/zaken/api/v1/zaken')).status, 401, '"mijn zaken" needs a login');
    });

    it('commonGroundAdapter.getCase gives the same CaseStatus as the gateway source', async () => {
      const viaProxy = await adapter().getCase('OF-6BGYLA', { check: '4191 AB' });
      const direct = await zakenCaseSource(env)!.get('OF-6BGYLA');
      assert.deepEqual(viaProxy, direct!.status);
      await assert.rejects(
        adapter().getCase('OF-6BGYLA', { check: '0000 XX' }),
        (e: unknown) => e instanceof DichtbijError && e.code === 'not_found',
      );
      await noViolations();
    });

    it('commonGroundAdapter.listCases: the logged-in resident’s zaken', async () => {
      resident = { bsn: BSN };
      const cases = await adapter().listCases();
      assert.deepEqual(
        cases.map((c) => c.reference),
        ['OF-SECOND', 'OF-6BGYLA'],
      );
      resident = undefined;
      await assert.rejects(
        adapter().listCases(),
        (e: unknown) => e instanceof DichtbijError && e.code === 'unauthorized',
      );
    });

    it('commonGroundAdapter turns malformed ZGW data into a bad_response error', async () => {
      const garbage = async () => Response.json({ results: [{ identificatie: 'X', url: 'u', zaaktype: 42 }] });
      const broken = commonGroundAdapter({ baseUrl: 'http://gw', retries: 0, fetch: garbage });
      await assert.rejects(
        broken.getCase('X', { check: 'x' }),
        (e: unknown) => e instanceof DichtbijError && e.code === 'bad_response',
      );
      assert.equal(broken.id, 'common-ground:http://gw');
      assert.equal(
        typeof broken.requestCallback,
        'function',
        'callbacks, feedback, config and chat go to the Dichtbij API',
      );
    });
  });
});
