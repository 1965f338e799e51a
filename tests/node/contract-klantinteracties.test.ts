/**
 * The Klantinteracties sink against a Prism mock of the official Klantinteracties API 0.9.0 spec
 * (Open Klant 2.18): every request the sink sends is validated by Prism, which refuses one that
 * does not match. Plus: the recorded 0.0.3-era Open Klant answers are read, a partly filed chain
 * is continued (not filed twice), and failures throw so the gateway retries.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { ChatMessage } from '@dichtbij/sdk';
import type { CallbackRecord } from '../../packages/gateway/src/connectors/types.ts';
import {
  chatContactInhoud,
  contactnaam,
  dichtbijChatMarker,
  dichtbijMarker,
  KlantinteractiesError,
  klantinteractiesChatSink,
  klantinteractiesSink,
} from '../../packages/gateway/src/connectors/klantinteracties.ts';
import { chatContactRecord, type ChatContactRecord } from '../../packages/gateway/src/chat/klantcontact.ts';
import type { SessionRow } from '../../packages/gateway/src/chat/store.ts';
import { specPath, startPrism, type PrismServer } from '../support/prism.ts';

const ACTOR = '559dff5e-1733-4abf-bd62-724181e98113';
const examples = new URL('../fixtures/specs/examples/klantinteracties/', import.meta.url);
const recorded = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));

function record(extra: Partial<CallbackRecord> = {}): CallbackRecord {
  return {
    id: randomUUID(),
    reference: 'TB-7K3QX',
    receivedAt: '2026-05-04T08:15:00.000Z',
    phone: '+31612345678',
    name: 'Maria van den Berg',
    topic: 'afval',
    topicLabel: 'Afval en containers',
    question: 'Mijn container is niet geleegd.',
    preferred: { kind: 'asap' },
    expected: { kind: 'today', before: '17:00' },
    context: {
      source: 'status-tracker',
      caseReference: 'ZAAK-2026-0042',
      caseTitle: 'Aanvraag parkeervergunning',
      page: { url: 'https://www.gemeente.nl/afval', title: 'Afval' },
    },
    locale: 'nl',
    ...extra,
  };
}

/** An ended chat as the gateway keeps it. */
function chatSession(extra: Partial<SessionRow> = {}): SessionRow {
  return {
    id: randomUUID(),
    createdAt: new Date('2026-05-04T08:15:00.000Z'),
    updatedAt: new Date('2026-05-04T08:31:00.000Z'),
    state: 'ended',
    locale: 'nl',
    pageUrl: 'https://www.gemeente.nl/afval',
    pageTitle: 'Afval',
    nextSeq: 4,
    requestedAt: new Date('2026-05-04T08:20:00.000Z'),
    liveQueue: true,
    agentId: 'agent-1',
    agentName: 'Anna',
    joinedAt: new Date('2026-05-04T08:21:00.000Z'),
    endedAt: new Date('2026-05-04T08:31:00.000Z'),
    endedBy: 'agent',
    handledAt: null,
    syncStatus: 'pending',
    syncExternalId: null,
    handoff: null,
    ...extra,
  };
}
const chatMessage = (seq: number, from: ChatMessage['from'], text: string, extra: Partial<ChatMessage> = {}) => ({
  id: `m${seq}`,
  seq,
  from,
  text,
  at: new Date(Date.UTC(2026, 4, 4, 8, 15 + seq)).toISOString(),
  ...extra,
});
const chatRecord = (session = chatSession(), messages: ChatMessage[] = chatTranscript()) =>
  chatContactRecord(session, messages);
function chatTranscript(): ChatMessage[] {
  return [
    chatMessage(0, 'bot', 'Hallo! Waar kan ik mee helpen?'),
    chatMessage(1, 'resident', 'Mijn container is niet geleegd, BSN 111222333.'),
    chatMessage(2, 'bot', 'Daar weet ik geen goed antwoord op.'),
    chatMessage(3, 'agent', 'Ik zet een melding voor u uit.', { agentName: 'Anna' }),
  ];
}

interface Call {
  method: string;
  path: string;
  query: string;
  status: number;
  auth: string | null;
  body: Record<string, unknown> | undefined;
}
/** A fetch that goes to the network as usual and notes what was sent and how it was answered. */
function recordingFetch(calls: Call[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    calls.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      status: response.status,
      auth: new Headers(init?.headers).get('authorization'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
    });
    return response;
  };
}

describe('Klantinteracties sink against Prism (Klantinteracties API 0.9.0)', () => {
  let prism: PrismServer;
  before(async () => {
    prism = await startPrism({ spec: specPath('klantinteracties-api-0.9.0.openklant-2.18.0.openapi.yaml') });
  });
  after(() => prism?.stop());

  const env = (extra: Record<string, string> = {}) => ({
    KLANTINTERACTIES_API_URL: prism.url,
    KLANTINTERACTIES_TOKEN: 'test-token',
    ...extra,
  });

  it('files klantcontact → betrokkene → digitaal adres → interne taak, each accepted by Prism', async () => {
    prism.reset();
    const calls: Call[] = [];
    const sink = klantinteractiesSink(env({ KLANTINTERACTIES_ACTOR: ACTOR }), { fetch: recordingFetch(calls) })!;
    assert.equal(sink.name, 'klantinteracties');
    const { externalId } = await sink.file(record());
    assert.match(externalId, /^[0-9a-f-]{36}$/);

    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.path} ${c.status}`),
      [
        'GET /klantcontacten 200',
        'POST /klantcontacten 201',
        'POST /betrokkenen 201',
        'POST /digitaleadressen 201',
        'POST /internetaken 201',
      ],
    );
    assert.ok(calls.every((c) => c.auth === 'Token test-token'));
    await prism.flush();
    assert.deepEqual(prism.requestViolations(), [], 'Prism found nothing wrong with any request');

    const [, klantcontact, betrokkene, adres, taak] = calls.map((c) => c.body);
    assert.equal(klantcontact!.kanaal, 'website');
    assert.equal(klantcontact!.onderwerp, 'Afval en containers');
    assert.equal(klantcontact!.indicatieContactGelukt, false);
    assert.equal(klantcontact!.taal, 'nld');
    assert.equal(klantcontact!.vertrouwelijk, true);
    assert.equal(klantcontact!.plaatsgevondenOp, '2026-05-04T08:15:00.000Z');
    const inhoud = klantcontact!.inhoud as string;
    assert.ok(inhoud.startsWith('Mijn container is niet geleegd.'));
    assert.match(inhoud, /Zaak: ZAAK-2026-0042 – Aanvraag parkeervergunning/);
    assert.match(inhoud, /toegezegd: vandaag vóór 17:00/);
    assert.ok(inhoud.endsWith(dichtbijMarker('TB-7K3QX')));

    assert.deepEqual(betrokkene, {
      wasPartij: null,
      hadKlantcontact: { uuid: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f' },
      contactnaam: { voornaam: 'Maria', voorvoegselAchternaam: 'van den', achternaam: 'Berg' },
      rol: 'klant',
      initiator: true,
    });
    assert.equal(adres!.adres, '+31612345678');
    assert.equal(adres!.soortDigitaalAdres, 'telefoonnummer');
    assert.deepEqual(adres!.verstrektDoorBetrokkene, { uuid: '095be615-a8ad-4c33-8e9c-c7612fbf6c9f' });
    assert.equal(taak!.gevraagdeHandeling, 'Terugbellen');
    assert.equal(taak!.status, 'te_verwerken');
    assert.deepEqual(taak!.toegewezenAanActoren, [{ uuid: ACTOR }]);
    assert.equal(taak!.nummer, undefined, 'nummer is deprecated in 0.9.0: left to the server');
    assert.ok(!String(taak!.toelichting).includes('+31612345678'), 'the number lives in the digitaal adres only');
  });

  it('files without an actor, in English, from chat, with long texts clipped to the spec limits', async () => {
    prism.reset();
    const calls: Call[] = [];
    const sink = klantinteractiesSink(env(), { fetch: recordingFetch(calls) })!;
    await sink.file(
      record({
        name: undefined,
        topic: undefined,
        topicLabel: undefined,
        question: 'Q'.repeat(300),
        locale: 'en',
        preferred: { kind: 'slot', date: '2026-05-06', part: 'afternoon' },
        expected: { kind: 'slot', date: '2026-05-06', part: 'afternoon' },
        context: { source: 'chat', summary: `<script>alert(1)</script> ${'s'.repeat(2000)}`, caseReference: 'ZAAK-1' },
      }),
    );
    assert.deepEqual(
      calls.map((c) => c.status),
      [200, 201, 201, 201, 201],
    );
    await prism.flush();
    assert.deepEqual(prism.requestViolations(), []);
    const [, klantcontact, betrokkene, , taak] = calls.map((c) => c.body);
    assert.equal(klantcontact!.kanaal, 'chat');
    assert.equal(klantcontact!.taal, 'eng');
    assert.equal(klantcontact!.onderwerp, 'Vraag over zaak ZAAK-1');
    assert.ok((klantcontact!.inhoud as string).length <= 1000);
    assert.ok((klantcontact!.inhoud as string).endsWith(dichtbijMarker('TB-7K3QX')), 'the marker survives clipping');
    assert.equal(betrokkene!.contactnaam, null);
    assert.equal(taak!.toegewezenAanActoren, undefined);
  });

  it('files an ended chat as one klantcontact with kanaal chat, accepted by Prism', async () => {
    prism.reset();
    const calls: Call[] = [];
    const sink = klantinteractiesChatSink(env(), { fetch: recordingFetch(calls) })!;
    assert.equal(sink.name, 'klantinteracties');
    const record = chatRecord();
    const { externalId } = await sink.recordChat(record);
    assert.match(externalId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.path} ${c.status}`),
      ['GET /klantcontacten 200', 'POST /klantcontacten 201'],
    );
    assert.ok(calls.every((c) => c.auth === 'Token test-token'));
    await prism.flush();
    assert.deepEqual(prism.requestViolations(), [], 'Prism found nothing wrong with any request');

    const body = calls[1]!.body!;
    assert.deepEqual(Object.keys(body).sort(), [
      'indicatieContactGelukt',
      'inhoud',
      'kanaal',
      'onderwerp',
      'plaatsgevondenOp',
      'taal',
      'vertrouwelijk',
    ]);
    assert.equal(body.kanaal, 'chat');
    assert.equal(body.onderwerp, record.onderwerp);
    assert.equal(body.taal, 'nld');
    assert.equal(body.vertrouwelijk, false);
    assert.equal(body.indicatieContactGelukt, true, 'a staff member took part');
    assert.equal(body.plaatsgevondenOp, '2026-05-04T08:15:00.000Z', 'when the chat began');
    const inhoud = body.inhoud as string;
    assert.ok(inhoud.length <= 1000);
    assert.ok(inhoud.startsWith('Chat via de website (pagina https://www.gemeente.nl/afval)'));
    assert.match(inhoud, /Gesproken met de chatbot en Anna \(medewerker\)/);
    assert.ok(inhoud.endsWith(dichtbijChatMarker(record.id)));
    assert.doesNotMatch(JSON.stringify(body), /111222333/, 'no BSN');
    // The GET looked for an earlier klantcontact of this chat: same moment, same kanaal.
    const query = new URLSearchParams(calls[0]!.query);
    assert.equal(query.get('plaatsgevondenOp'), '2026-05-04T08:15:00.000Z');
    assert.equal(query.get('kanaal'), 'chat');
  });

  it('files a bot-only chat in English with a long report clipped, the marker kept', async () => {
    prism.reset();
    const calls: Call[] = [];
    const sink = klantinteractiesChatSink(env(), { fetch: recordingFetch(calls) })!;
    const long = Array.from({ length: 12 }, (_, i) =>
      chatMessage(i + 1, 'resident', `<script>alert(${i})</script> ${'vraag '.repeat(40)}`),
    );
    const record = chatRecord(
      chatSession({
        locale: 'en',
        agentName: null,
        agentId: null,
        joinedAt: null,
        requestedAt: null,
        endedBy: 'resident',
        pageUrl: null,
        pageTitle: null,
        handoff: { source: 'feedback', topic: 'Afval', summary: 'De informatie op deze pagina was niet nuttig.' },
      }),
      [chatMessage(0, 'bot', 'Hello!'), ...long],
    );
    await sink.recordChat(record);
    assert.deepEqual(
      calls.map((c) => c.status),
      [200, 201],
    );
    await prism.flush();
    assert.deepEqual(prism.requestViolations(), []);
    const body = calls[1]!.body!;
    assert.equal(body.taal, 'eng');
    assert.equal(body.indicatieContactGelukt, false);
    assert.equal(body.onderwerp, 'Afval', 'the hand-off topic');
    const inhoud = body.inhoud as string;
    assert.ok(inhoud.length <= 1000, `${inhoud.length} characters`);
    assert.match(inhoud, /Doorgestuurd vanuit de feedback/);
    assert.ok(inhoud.endsWith(dichtbijChatMarker(record.id)), 'the marker survives clipping');
  });

  it('is really validated: Prism refuses bodies and requests that break the spec', async () => {
    prism.reset();
    const post = (
      path: string,
      body: unknown,
      headers: Record<string, string> = { Authorization: 'Token test-token' },
    ) =>
      fetch(`${prism.url}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const missing = await post('klantcontacten', { kanaal: 'website', taal: 'nld' });
    assert.equal(missing.status, 422);
    const problem = (await missing.json()) as { validation: { message: string }[] };
    assert.ok(problem.validation.some((v) => /onderwerp/.test(v.message)));

    const wrongEnum = await post('internetaken', {
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: { uuid: randomUUID() },
      status: 'nieuw',
    });
    assert.equal(wrongEnum.status, 422);
    const tooLong = await post('klantcontacten', {
      kanaal: 'website',
      onderwerp: 'x',
      taal: 'nld',
      vertrouwelijk: true,
      inhoud: 'x'.repeat(1001),
    });
    assert.equal(tooLong.status, 422);
    const wrongType = await post('digitaleadressen', { adres: '+31612345678', soortDigitaalAdres: 'fax' });
    assert.equal(wrongType.status, 422);
    const noToken = await post(
      'klantcontacten',
      { kanaal: 'website', onderwerp: 'x', taal: 'nld', vertrouwelijk: true },
      {},
    );
    assert.equal(noToken.status, 401);

    await prism.flush();
    assert.ok(prism.requestViolations().length >= 4, 'and logs what was wrong');
  });

  it('throws on an error answer, so the gateway keeps the request and retries', async () => {
    const sink = klantinteractiesSink(env({ KLANTINTERACTIES_API_URL: `${prism.url}/not-the-api` }))!;
    await assert.rejects(
      sink.file(record()),
      (e: unknown) => e instanceof KlantinteractiesError && e.code === 'http' && e.status === 404,
    );
  });
});

// ---------------------------------------------------------------------------------------
// Behaviour Prism cannot show (its answers are generated): a scripted Open Klant.

type Route = (req: IncomingMessage, body: Record<string, unknown> | undefined) => { status: number; body: unknown };
async function fakeOpenKlant(route: Route): Promise<{ url: string; calls: string[]; server: Server }> {
  const calls: string[] = [];
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    calls.push(`${req.method} ${new URL(req.url!, 'http://x').pathname}`);
    const answer = route(req, raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined);
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/klantinteracties/api/v1`, calls, server };
}
const empty = { count: 0, next: null, previous: null, results: [] };

describe('Klantinteracties sink: older Open Klant answers, retries and idempotency', () => {
  const servers: Server[] = [];
  after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('reads the recorded Open Klant (API 0.0.3) answers', async () => {
    const ok = await fakeOpenKlant((req) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (req.method === 'GET') return { status: 200, body: empty };
      if (path.endsWith('/klantcontacten')) return { status: 201, body: recorded('klantcontact.post.response.json') };
      if (path.endsWith('/betrokkenen')) return { status: 201, body: recorded('betrokkene.post.response.json') };
      if (path.endsWith('/digitaleadressen'))
        return { status: 201, body: recorded('digitaaladres.post.response.json') };
      return { status: 201, body: recorded('internetaak.post.response.json') };
    });
    servers.push(ok.server);
    const sink = klantinteractiesSink({ KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 't' })!;
    assert.deepEqual(await sink.file(record()), { externalId: '16d249e5-5e44-434a-9db5-60a0f77a8cb9' });
  });

  it('continues a partly filed chain on retry instead of filing it twice', async () => {
    let failAdres = true;
    const ok = await fakeOpenKlant((req) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (req.method === 'GET') return { status: 200, body: empty };
      if (path.endsWith('/digitaleadressen') && failAdres) {
        failAdres = false;
        return { status: 503, body: {} };
      }
      return { status: 201, body: { uuid: randomUUID(), url: 'http://x' } };
    });
    servers.push(ok.server);
    const sink = klantinteractiesSink({ KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 't' })!;
    const r = record();
    await assert.rejects(sink.file(r), (e: unknown) => e instanceof KlantinteractiesError && e.status === 503);
    await sink.file(r);
    assert.deepEqual(ok.calls, [
      'GET /klantinteracties/api/v1/klantcontacten',
      'POST /klantinteracties/api/v1/klantcontacten',
      'POST /klantinteracties/api/v1/betrokkenen',
      'POST /klantinteracties/api/v1/digitaleadressen',
      'POST /klantinteracties/api/v1/digitaleadressen',
      'POST /klantinteracties/api/v1/internetaken',
    ]);
  });

  it('finds a contactverzoek filed before (e.g. by another instance) through its marker', async () => {
    const r = record();
    const existing = {
      ...(recorded('klantcontact.post.response.json') as object),
      inhoud: `Vraag\n\n${dichtbijMarker(r.reference)}`,
      leiddeTotInterneTaken: [{ uuid: '16d249e5-5e44-434a-9db5-60a0f77a8cb9', url: 'http://x' }],
    };
    const decoy = {
      ...(recorded('klantcontact.post.response.json') as object),
      inhoud: 'Iets anders [Dichtbij-referentie: TB-7K3QX1]',
    };
    let query = '';
    const ok = await fakeOpenKlant((req) => {
      query = new URL(req.url!, 'http://x').search;
      return { status: 200, body: { ...empty, count: 2, results: [decoy, existing] } };
    });
    servers.push(ok.server);
    const sink = klantinteractiesSink({ KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 't' })!;
    assert.deepEqual(await sink.file(r), { externalId: '16d249e5-5e44-434a-9db5-60a0f77a8cb9' });
    assert.deepEqual(ok.calls, ['GET /klantinteracties/api/v1/klantcontacten']);
    assert.equal(new URLSearchParams(query).get('plaatsgevondenOp'), r.receivedAt);
  });

  it('throws when Open Klant is down or answers garbage', async () => {
    const garbage = await fakeOpenKlant((req) =>
      req.method === 'GET' ? { status: 200, body: empty } : { status: 201, body: { uuid: 'not-a-uuid' } },
    );
    servers.push(garbage.server);
    const sink = klantinteractiesSink({ KLANTINTERACTIES_API_URL: garbage.url, KLANTINTERACTIES_TOKEN: 't' })!;
    await assert.rejects(
      sink.file(record()),
      (e: unknown) => e instanceof KlantinteractiesError && e.code === 'malformed',
    );

    const down = await fakeOpenKlant(() => ({ status: 200, body: empty }));
    await new Promise((r) => down.server.close(r));
    const offline = klantinteractiesSink({ KLANTINTERACTIES_API_URL: down.url, KLANTINTERACTIES_TOKEN: 't' })!;
    await assert.rejects(
      offline.file(record()),
      (e: unknown) => e instanceof KlantinteractiesError && e.code === 'network',
    );
  });

  it('is off without KLANTINTERACTIES_API_URL and refuses an incomplete configuration', () => {
    assert.equal(klantinteractiesSink({}), undefined);
    assert.throws(
      () => klantinteractiesSink({ KLANTINTERACTIES_API_URL: 'https://ok.example.nl' }),
      /KLANTINTERACTIES_TOKEN/,
    );
    assert.throws(
      () => klantinteractiesSink({ KLANTINTERACTIES_API_URL: 'ftp://x', KLANTINTERACTIES_TOKEN: 't' }),
      /http/,
    );
    assert.throws(
      () =>
        klantinteractiesSink({
          KLANTINTERACTIES_API_URL: 'https://ok.example.nl',
          KLANTINTERACTIES_TOKEN: 't',
          KLANTINTERACTIES_ACTOR: 'kcc',
        }),
      /uuid/,
    );
  });

  it('splits names into contactnaam parts', () => {
    assert.deepEqual(contactnaam('Jan'), { achternaam: 'Jan' });
    assert.deepEqual(contactnaam('  Jan   de Vries '), {
      voornaam: 'Jan',
      voorvoegselAchternaam: 'de',
      achternaam: 'Vries',
    });
    assert.deepEqual(contactnaam('Ahmed El Amrani'), {
      voornaam: 'Ahmed',
      voorvoegselAchternaam: 'El',
      achternaam: 'Amrani',
    });
    assert.deepEqual(contactnaam('Piet van'), { voornaam: 'Piet', achternaam: 'van' });
    assert.equal(contactnaam(''), null);
  });
});

describe('Klantinteracties chat sink: once per chat', () => {
  const servers: Server[] = [];
  after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  /** An Open Klant that keeps what was posted and finds it again (GET filters plaatsgevondenOp + kanaal). */
  async function keepingOpenKlant(options: { loseFirstAnswer?: boolean } = {}) {
    const posted: Record<string, unknown>[] = [];
    let lose = !!options.loseFirstAnswer;
    const ok = await fakeOpenKlant((req, body) => {
      const url = new URL(req.url!, 'http://x');
      if (req.method === 'GET') {
        const results = posted.filter(
          (k) =>
            k.plaatsgevondenOp === url.searchParams.get('plaatsgevondenOp') &&
            k.kanaal === url.searchParams.get('kanaal'),
        );
        return { status: 200, body: { ...empty, count: results.length, results } };
      }
      const klantcontact = { ...body, uuid: randomUUID(), url: 'http://x' };
      posted.push(klantcontact);
      if (lose) {
        // Filed, but the answer never arrives in one piece.
        lose = false;
        return { status: 504, body: {} };
      }
      return { status: 201, body: klantcontact };
    });
    servers.push(ok.server);
    return { ...ok, posted, env: { KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 't' } };
  }

  it('a retry after a lost answer finds the klantcontact through its marker instead of filing it again', async () => {
    const ok = await keepingOpenKlant({ loseFirstAnswer: true });
    const sink = klantinteractiesChatSink(ok.env)!;
    const record = chatRecord();
    await assert.rejects(
      sink.recordChat(record),
      (e: unknown) => e instanceof KlantinteractiesError && e.status === 504,
    );
    const { externalId } = await sink.recordChat(record);
    assert.equal(ok.posted.length, 1, 'one klantcontact');
    assert.equal(externalId, ok.posted[0]!.uuid);
    assert.deepEqual(ok.calls, [
      'GET /klantinteracties/api/v1/klantcontacten',
      'POST /klantinteracties/api/v1/klantcontacten',
      'GET /klantinteracties/api/v1/klantcontacten',
    ]);
  });

  it('another instance (a new sink) finds it too; this instance does not even ask again', async () => {
    const ok = await keepingOpenKlant();
    const record = chatRecord();
    const first = klantinteractiesChatSink(ok.env)!;
    const a = await first.recordChat(record);
    const b = await first.recordChat(record);
    const c = await klantinteractiesChatSink(ok.env)!.recordChat(record);
    assert.equal(ok.posted.length, 1);
    assert.deepEqual([b.externalId, c.externalId], [a.externalId, a.externalId]);
    assert.deepEqual(ok.calls, [
      'GET /klantinteracties/api/v1/klantcontacten',
      'POST /klantinteracties/api/v1/klantcontacten',
      'GET /klantinteracties/api/v1/klantcontacten',
    ]);
    // A different chat at the same moment is a different klantcontact: the marker holds the chat id.
    const other = chatRecord(chatSession());
    assert.notEqual((await first.recordChat(other)).externalId, a.externalId);
    assert.equal(ok.posted.length, 2);
  });

  it('the marker is the last line of inhoud, also after clipping', () => {
    const record: ChatContactRecord = { ...chatRecord(), inhoud: 'x'.repeat(1000) };
    const inhoud = chatContactInhoud(record);
    assert.equal(inhoud.length, 1000);
    assert.ok(inhoud.endsWith(`\n\n${dichtbijChatMarker(record.id)}`));
  });

  it('throws when Open Klant is down or answers garbage, so the chat keeps trying', async () => {
    const garbage = await fakeOpenKlant((req) =>
      req.method === 'GET' ? { status: 200, body: empty } : { status: 201, body: { uuid: 'not-a-uuid' } },
    );
    servers.push(garbage.server);
    const sink = klantinteractiesChatSink({ KLANTINTERACTIES_API_URL: garbage.url, KLANTINTERACTIES_TOKEN: 't' })!;
    await assert.rejects(
      sink.recordChat(chatRecord()),
      (e: unknown) => e instanceof KlantinteractiesError && e.code === 'malformed',
    );
    const refused = await fakeOpenKlant(() => ({ status: 403, body: {} }));
    servers.push(refused.server);
    const no = klantinteractiesChatSink({ KLANTINTERACTIES_API_URL: refused.url, KLANTINTERACTIES_TOKEN: 't' })!;
    await assert.rejects(
      no.recordChat(chatRecord()),
      (e: unknown) => e instanceof KlantinteractiesError && e.status === 403,
    );
  });

  it('is off without KLANTINTERACTIES_API_URL and refuses an incomplete configuration (same env as callbacks)', () => {
    assert.equal(klantinteractiesChatSink({}), undefined);
    assert.throws(
      () => klantinteractiesChatSink({ KLANTINTERACTIES_API_URL: 'https://ok.example.nl' }),
      /KLANTINTERACTIES_TOKEN/,
    );
    assert.throws(
      () =>
        klantinteractiesChatSink({
          KLANTINTERACTIES_API_URL: 'https://ok.example.nl',
          KLANTINTERACTIES_TOKEN: 't',
          KLANTINTERACTIES_TIMEOUT_MS: '-1',
        }),
      /KLANTINTERACTIES_TIMEOUT_MS/,
    );
  });
});
