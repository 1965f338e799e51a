/**
 * ZGW → CaseStatus mapping, on the recorded Open Zaak bodies in tests/fixtures/specs/examples/zgw and
 * on crafted edge cases (what real zaaksystemen do that the spec does not promise).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CaseStatusSchema } from '@dichtbij/sdk';
import {
  esuiteIdentificatie,
  isoDurationDays,
  mapZaakToCaseStatus,
  zaakReference,
  zgwPageSchema,
  ZgwRolSchema,
  ZgwStatusSchema,
  ZgwStatusTypeSchema,
  ZgwZaakSchema,
  ZgwZaakTypeSchema,
  type MapZaakInput,
  type ZgwStatus,
  type ZgwStatusType,
  type ZgwZaak,
  type ZgwZaakType,
} from '@dichtbij/sdk/zgw';

const examples = new URL('../fixtures/specs/examples/zgw/', import.meta.url);
const recorded = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));

// The recorded bodies, parsed exactly as a connector parses them at its boundary.
const recZaak = ZgwZaakSchema.parse(recorded('zaak.get.json'));
const recZaaktype = ZgwZaakTypeSchema.parse(recorded('zaaktype.get.json'));
const recStatustypen = zgwPageSchema(ZgwStatusTypeSchema).parse(recorded('statustypen.list.json')).results;
const recStatus = ZgwStatusSchema.parse(recorded('status.post.response.json'));

const ZT = 'https://oz.example.nl/catalogi/api/v1/zaaktypen/0b0b0b0b-0000-4000-8000-000000000000';
const ZAAK = 'https://oz.example.nl/zaken/api/v1/zaken/0a0a0a0a-0000-4000-8000-000000000000';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const stUrl = (n: number) => `https://oz.example.nl/catalogi/api/v1/statustypen/${uuid(n)}`;
const sUrl = (n: number) => `https://oz.example.nl/zaken/api/v1/statussen/${uuid(100 + n)}`;

function type(n: number, omschrijving: string, extra: Partial<ZgwStatusType> = {}): ZgwStatusType {
  return { url: stUrl(n), omschrijving, volgnummer: n, isEindstatus: false, zaaktype: ZT, ...extra };
}
function status(n: number, typeN: number, at: string, extra: Partial<ZgwStatus> = {}): ZgwStatus {
  return { url: sUrl(n), zaak: ZAAK, statustype: stUrl(typeN), datumStatusGezet: at, ...extra };
}
const zaaktype: ZgwZaakType = {
  url: ZT,
  omschrijving: 'Aanvraag parkeervergunning',
  indicatieInternOfExtern: 'extern',
  vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
};
function zaak(extra: Partial<ZgwZaak> = {}): ZgwZaak {
  return {
    url: ZAAK,
    identificatie: 'ZAAK-2026-0042',
    zaaktype: ZT,
    startdatum: '2026-03-02',
    einddatum: null,
    einddatumGepland: '2026-04-13',
    uiterlijkeEinddatumAfdoening: '2026-04-27',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    status: sUrl(2),
    opschorting: { indicatie: false, reden: '' },
    verlenging: null,
    ...extra,
  };
}
const fiveTypes = [
  type(3, 'Beoordeling', { statustekst: 'We bekijken uw aanvraag.' }),
  type(1, 'Ontvangen', { statustekst: 'We hebben uw aanvraag ontvangen.' }),
  type(5, 'Afgehandeld', { isEindstatus: true }),
  type(2, 'In behandeling'),
  type(4, 'Besluit'),
];
const opts = { maxVertrouwelijkheid: 'zaakvertrouwelijk' as const, now: new Date('2026-03-20T12:00:00Z') };
const map = (input: Partial<MapZaakInput>, o: Parameters<typeof mapZaakToCaseStatus>[1] = opts) =>
  mapZaakToCaseStatus(
    {
      zaak: zaak(),
      zaaktype,
      statustypen: fiveTypes,
      statussen: [status(1, 1, '2026-03-02T09:00:00Z'), status(2, 2, '2026-03-05T10:30:00Z')],
      ...input,
    },
    o,
  );
const summary = (steps: { title: string; state: string }[]) => steps.map((s) => `${s.title}:${s.state}`);

describe('ZGW schemas on recorded Open Zaak bodies', () => {
  it('parse the recorded bodies, tolerating extra fields (_expand, zaakobjecttypen, …)', () => {
    assert.equal(recZaak.identificatie, 'OF-6BGYLA');
    assert.equal(recZaak.status, recStatus.url);
    assert.equal(recStatustypen.length, 2);
    assert.equal((recZaak as Record<string, unknown>)._expand, undefined, 'unknown keys are dropped');
    const rollen = zgwPageSchema(ZgwRolSchema).parse(recorded('rollen.list.json')).results;
    assert.deepEqual(
      rollen.map((r) => r.betrokkeneIdentificatie?.inpBsn),
      [undefined, '123456782'],
    );
  });

  it('reject a zaak without identificatie or startdatum (malformed data is not guessed)', () => {
    const { identificatie: _i, ...noId } = recorded('zaak.get.json') as Record<string, unknown>;
    assert.equal(ZgwZaakSchema.safeParse(noId).success, false);
    assert.equal(ZgwZaakSchema.safeParse({ ...(recorded('zaak.get.json') as object), startdatum: 42 }).success, false);
    assert.equal(ZgwStatusTypeSchema.safeParse({ url: stUrl(1) }).success, false);
  });
});

describe('mapZaakToCaseStatus on the recorded bodies', () => {
  const input = { zaak: recZaak, statussen: [recStatus], statustypen: recStatustypen, zaaktype: recZaaktype };

  it('hides the recorded zaak: its zaaktype is "intern"', () => {
    assert.equal(recZaaktype.indicatieInternOfExtern, 'intern');
    assert.equal(mapZaakToCaseStatus(input, { maxVertrouwelijkheid: 'zeer_geheim' }), undefined);
  });

  it('maps it once the zaaktype is extern: sorted steps (2 came before 1), current = zaak.status', () => {
    const result = mapZaakToCaseStatus(
      { ...input, zaaktype: { ...recZaaktype, indicatieInternOfExtern: 'extern' } },
      { maxVertrouwelijkheid: 'intern', now: new Date('2026-08-18T08:00:00Z') },
    );
    assert.ok(result);
    assert.deepEqual(CaseStatusSchema.parse(result), result, 'a valid CaseStatus');
    assert.deepEqual(result, {
      reference: 'OF-6BGYLA',
      title: 'Test',
      caseType: recZaaktype.identificatie,
      startedOn: '2026-08-17',
      plannedEnd: null,
      deadline: '2026-08-18',
      suspended: null,
      extended: null,
      closed: false,
      closedOn: null,
      steps: [
        { title: 'Ontvangen', text: 'Ontvangen', state: 'current', completedAt: '2026-08-17T15:58:24.824894Z' },
        { title: 'Afgerond', text: 'Afgerond', state: 'upcoming' },
      ],
    });
  });

  it('carries the zaaktype and the kind its handelingInitiator tells (Melden → melding; Indienen: not sure)', () => {
    const extern = { ...recZaaktype, indicatieInternOfExtern: 'extern' };
    const map = (zaaktype: typeof extern) =>
      mapZaakToCaseStatus(
        { ...input, zaaktype },
        { maxVertrouwelijkheid: 'intern', now: new Date('2026-08-18T08:00:00Z') },
      );
    assert.equal(map({ ...extern, identificatie: 'MOR-1', handelingInitiator: 'Melden' })?.kind, 'melding');
    assert.equal(map({ ...extern, handelingInitiator: 'aanvragen' })?.kind, 'aanvraag');
    assert.equal(map({ ...extern, handelingInitiator: 'Indienen' })?.kind, undefined);
    assert.equal(map({ ...extern, identificatie: 'MOR-1' })?.caseType, 'MOR-1');
  });

  it('hides it when it is more confidential than the maximum ("intern" > "beperkt_openbaar")', () => {
    const extern = { ...input, zaaktype: { ...recZaaktype, indicatieInternOfExtern: 'extern' } };
    assert.equal(mapZaakToCaseStatus(extern, { maxVertrouwelijkheid: 'beperkt_openbaar' }), undefined);
    assert.ok(mapZaakToCaseStatus(extern, { maxVertrouwelijkheid: 'intern' }));
  });
});

describe('mapZaakToCaseStatus edge cases', () => {
  it('orders unsorted statustypen by volgnummer, end status last; done / current / upcoming', () => {
    const result = map({})!;
    assert.deepEqual(summary(result.steps), [
      'Ontvangen:done',
      'In behandeling:current',
      'Beoordeling:upcoming',
      'Besluit:upcoming',
      'Afgehandeld:upcoming',
    ]);
    assert.equal(result.steps[0]!.text, 'We hebben uw aanvraag ontvangen.', 'statustekst first');
    assert.equal(result.steps[1]!.text, 'In behandeling', 'else omschrijving');
    assert.equal(result.steps[0]!.completedAt, '2026-03-02T09:00:00Z');
    assert.equal(result.steps[2]!.completedAt, undefined);
    assert.equal(result.reference, 'ZAAK-2026-0042');
    assert.equal(result.title, 'Aanvraag parkeervergunning');
    assert.equal(result.plannedEnd, '2026-04-13');
    assert.equal(result.deadline, '2026-04-27');
    assert.equal(result.closed, false);
    assert.ok(CaseStatusSchema.safeParse(result).success);
  });

  it('marks steps below the current one done even when their status was never set', () => {
    const result = map({
      zaak: zaak({ status: sUrl(4) }),
      statussen: [status(1, 1, '2026-03-02T09:00:00Z'), status(4, 4, '2026-03-10T09:00:00Z')],
    })!;
    assert.deepEqual(summary(result.steps), [
      'Ontvangen:done',
      'In behandeling:done',
      'Beoordeling:done',
      'Besluit:current',
      'Afgehandeld:upcoming',
    ]);
    assert.equal(result.steps[1]!.completedAt, undefined, 'no date we do not know');
  });

  it('keeps the end status last even when its volgnummer is not the highest', () => {
    const types = [type(1, 'Ontvangen'), type(2, 'Klaar', { isEindstatus: true }), type(3, 'In behandeling')];
    const result = map({
      statustypen: types,
      zaak: zaak({ status: sUrl(1) }),
      statussen: [status(1, 1, '2026-03-02T09:00:00Z')],
    })!;
    assert.deepEqual(summary(result.steps), ['Ontvangen:current', 'In behandeling:upcoming', 'Klaar:upcoming']);
  });

  it('tolerates a missing volgnummer: orders by when the status was set, then by name', () => {
    const types = [
      type(0, 'Zaak afgerond', { volgnummer: undefined, isEindstatus: true }),
      type(7, 'Beoordeling', { volgnummer: null }),
      type(8, 'Aanvraag ontvangen', { volgnummer: undefined }),
      type(9, 'Advies gevraagd', { volgnummer: undefined }),
    ];
    const statussen = [status(1, 8, '2026-03-02T09:00:00Z'), status(2, 7, '2026-03-04T09:00:00Z')];
    const result = map({ statustypen: types, statussen })!;
    assert.deepEqual(summary(result.steps), [
      'Aanvraag ontvangen:done',
      'Beoordeling:current',
      'Advies gevraagd:upcoming',
      'Zaak afgerond:upcoming',
    ]);
  });

  it('falls back when the current status is missing from /statussen: flag, then the latest', () => {
    const missing = zaak({
      status: 'https://oz.example.nl/zaken/api/v1/statussen/ffffffff-0000-4000-8000-000000000000',
    });
    const byDate = map({
      zaak: missing,
      statussen: [status(3, 3, '2026-03-09T09:00:00Z'), status(1, 1, '2026-03-02T09:00:00Z')],
    })!;
    assert.equal(byDate.steps.find((s) => s.state === 'current')?.title, 'Beoordeling');

    const flagged = map({
      zaak: missing,
      statussen: [
        status(1, 1, '2026-03-02T09:00:00Z'),
        status(2, 2, '2026-03-05T09:00:00Z', { indicatieLaatstGezetteStatus: true }),
        status(3, 3, '2026-03-05T09:00:00Z', { indicatieLaatstGezetteStatus: false }),
      ],
    })!;
    assert.equal(flagged.steps.find((s) => s.state === 'current')?.title, 'In behandeling');

    const noStatusUrl = map({ zaak: zaak({ status: null }), statussen: [status(1, 1, '2026-03-02T09:00:00Z')] })!;
    assert.equal(noStatusUrl.steps.find((s) => s.state === 'current')?.title, 'Ontvangen');
  });

  it('matches status URLs by UUID (another host name or a trailing slash)', () => {
    const result = map({
      zaak: zaak({ status: `http://openzaak.internal:8000/zaken/api/v1/statussen/${uuid(101)}/` }),
    })!;
    assert.equal(result.steps.find((s) => s.state === 'current')?.title, 'Ontvangen');
  });

  it('has no current step and all upcoming before any status was set', () => {
    const result = map({ zaak: zaak({ status: null }), statussen: [] })!;
    assert.ok(result.steps.every((s) => s.state === 'upcoming'));
    assert.equal(result.steps.length, 5);
  });

  it('shows one end status when a zaaktype has several', () => {
    const types = [
      type(1, 'Ontvangen'),
      type(2, 'In behandeling'),
      type(3, 'Verleend', { isEindstatus: true }),
      type(4, 'Geweigerd', { isEindstatus: true }),
    ];
    const open = map({ statustypen: types })!;
    assert.deepEqual(summary(open.steps), ['Ontvangen:done', 'In behandeling:current', 'Verleend:upcoming']);

    const refused = map({
      statustypen: types,
      zaak: zaak({ status: sUrl(4) }),
      statussen: [status(1, 1, '2026-03-02T09:00:00Z'), status(4, 4, '2026-03-12T15:00:00Z')],
    })!;
    assert.deepEqual(summary(refused.steps), ['Ontvangen:done', 'In behandeling:done', 'Geweigerd:current']);
    assert.equal(refused.closed, true, 'the current status is an end status');
    assert.equal(refused.closedOn, '2026-03-12', 'closedOn from the end status when einddatum is not set yet');
  });

  it('is closed when einddatum is set', () => {
    const result = map({ zaak: zaak({ einddatum: '2026-03-15' }) })!;
    assert.equal(result.closed, true);
    assert.equal(result.closedOn, '2026-03-15');
  });

  it('reports suspension (opschorting) with its reason', () => {
    const result = map({ zaak: zaak({ opschorting: { indicatie: true, reden: 'Wij wachten op uw bouwtekening.' } }) })!;
    assert.deepEqual(result.suspended, { since: null, reason: 'Wij wachten op uw bouwtekening.' });
    assert.equal(map({})!.suspended, null, 'indicatie false: not suspended');
  });

  it('reports extension (verlenging) in days from an ISO 8601 duration', () => {
    const result = map({ zaak: zaak({ verlenging: { duur: 'P30D', reden: 'Extra advies nodig' } }) })!;
    assert.deepEqual(result.extended, { days: 30, reason: 'Extra advies nodig' });
    assert.equal(map({ zaak: zaak({ verlenging: { duur: null, reden: '' } }) })!.extended, null);
    assert.deepEqual(map({ zaak: zaak({ verlenging: { duur: 'P1M', reden: 'Drukte' } }) })!.extended, {
      days: null,
      reason: 'Drukte',
    });
    assert.equal(isoDurationDays('P2W'), 14);
    assert.equal(isoDurationDays('P1W3D'), 10);
    assert.equal(isoDurationDays('-P5D'), -5);
    assert.equal(isoDurationDays('P1M'), undefined);
    assert.equal(isoDurationDays('string'), undefined);
    assert.equal(isoDurationDays('P'), undefined);
    assert.equal(isoDurationDays(null), undefined);
  });

  it('shows e-Suite identificaties the way letters write them', () => {
    assert.equal(zaakReference('0014ESUITE66392022'), '6639-2022');
    assert.equal(zaakReference(' ZAAK-1 '), 'ZAAK-1');
    assert.equal(esuiteIdentificatie('6639-2022', '0014'), '0014ESUITE66392022');
    assert.equal(esuiteIdentificatie('ZAAK-1', '0014'), undefined);
    assert.equal(map({ zaak: zaak({ identificatie: '0014ESUITE66392022' }) })!.reference, '6639-2022');
  });

  it('returns undefined for an intern zaaktype or a zaak above the maximum (no oracle)', () => {
    assert.equal(map({ zaaktype: { ...zaaktype, indicatieInternOfExtern: 'intern' } }), undefined);
    assert.equal(map({ zaaktype: { ...zaaktype, indicatieInternOfExtern: undefined } }), undefined);
    assert.equal(map({ zaak: zaak({ vertrouwelijkheidaanduiding: 'vertrouwelijk' }) }), undefined);
    assert.equal(map({ zaak: zaak({ vertrouwelijkheidaanduiding: 'geheim' }) }), undefined);
    assert.equal(
      map({ zaak: zaak({ vertrouwelijkheidaanduiding: 'iets-onbekends' }) }),
      undefined,
      'unknown: fail closed',
    );
    assert.ok(map({ zaak: zaak({ vertrouwelijkheidaanduiding: 'openbaar' }) }));
    assert.ok(map({}, { maxVertrouwelijkheid: 'zeer_geheim' }));
    assert.throws(() => map({}, { maxVertrouwelijkheid: 'bogus' as never }), TypeError);
  });

  it('passes hostile strings through unchanged as plain text', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script> & "quotes"';
    const result = map({
      zaaktype: { ...zaaktype, omschrijving: hostile },
      statustypen: [type(1, hostile, { statustekst: `${hostile} ${'x'.repeat(2000)}` }), type(2, 'In behandeling')],
    })!;
    assert.equal(result.title, hostile);
    assert.equal(result.steps[0]!.title, hostile);
    assert.ok(result.steps[0]!.text!.startsWith(hostile));
    assert.ok(result.steps[0]!.text!.length <= 1000, 'clipped to what CaseStatus allows');
    assert.ok(CaseStatusSchema.safeParse(result).success);
  });

  it('ignores statussen dated in the future (not in effect yet)', () => {
    const result = map({
      zaak: zaak({ status: null }),
      statussen: [status(1, 1, '2026-03-02T09:00:00Z'), status(3, 3, '2026-12-01T09:00:00Z')],
    })!;
    assert.equal(result.steps.find((s) => s.state === 'current')?.title, 'Ontvangen');
  });

  it('ignores statussen of another zaak and duplicate statustypen', () => {
    const result = map({
      statustypen: [...fiveTypes, type(2, 'In behandeling')],
      statussen: [
        status(1, 1, '2026-03-02T09:00:00Z'),
        status(2, 2, '2026-03-05T10:30:00Z'),
        status(9, 4, '2026-03-06T10:30:00Z', {
          zaak: 'https://oz.example.nl/zaken/api/v1/zaken/99999999-0000-4000-8000-000000000000',
        }),
      ],
    })!;
    assert.equal(result.steps.length, 5);
    assert.equal(result.steps.find((s) => s.state === 'current')?.title, 'In behandeling');
  });

  it('marks set steps done when the current statustype is not in the list', () => {
    const result = map({
      zaak: zaak({ status: sUrl(9) }),
      statussen: [status(1, 1, '2026-03-02T09:00:00Z'), status(9, 99, '2026-03-06T10:30:00Z')],
    })!;
    assert.deepEqual(
      result.steps.map((s) => s.state),
      ['done', 'upcoming', 'upcoming', 'upcoming', 'upcoming'],
    );
  });
});
