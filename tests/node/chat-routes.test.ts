// Chat routes of the gateway (/v1/chat): start, messages once per clientId, the FAQ bot's
// answers, bad input, the live queue and left messages, availability and /v1/config presence,
// SSE with Last-Event-ID resume (no loss, no doubles), rate limits in the database, ending
// with a klantcontact, retention. In process (app.request) on one in-memory PGlite store.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createGateway, optionsFromEnv, Store } from '@dichtbij/gateway';
import {
  ChatMessageSchema,
  ChatSessionSchema,
  GemeenteConfigSchema,
  ProblemSchema,
  type ChatMessage,
  type ChatSession,
} from '@dichtbij/sdk';
import {
  captureLogger,
  closeSharedStore,
  NO_LIMITS,
  PGLITE_IMAGE_CACHE,
  testGateway,
  TestClock,
  TUESDAY_10,
  type TestGateway,
} from '../support/gateway-harness.ts';
import { readSse } from '../support/sse.ts';
import { ChatHub } from '../../packages/gateway/src/chat/hub.ts';
import type { ChatDeps } from '../../packages/gateway/src/chat/routes.ts';
import type { ChatContactRecord, ChatContactSink } from '../../packages/gateway/src/chat/klantcontact.ts';
import { chatOpenApi } from '../../packages/gateway/src/chat/openapi.ts';

after(closeSharedStore);

let t: TestGateway;
beforeEach(async () => {
  t = await testGateway();
  await t.store.db.exec('TRUNCATE chat_sessions, chat_messages, chat_agents');
});

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
let clientIds = 0;
const clientId = () => `client${Date.now()}x${++clientIds}`;

async function start(
  locale: 'nl' | 'en' = 'nl',
  page = { url: 'https://www.gemeente.nl/paspoort?bsn=123#x', title: 'Paspoort' },
) {
  const res = await t.request('/v1/chat/sessions', json({ locale, page }));
  assert.equal(res.status, 201);
  return ChatSessionSchema.parse(await res.json());
}
async function send(id: string, text: string, cid = clientId()) {
  return t.request(`/v1/chat/sessions/${id}/messages`, json({ text, clientId: cid }));
}
async function messages(id: string): Promise<ChatMessage[]> {
  return ChatHub.for(t.gateway.deps).chats.transcript(id);
}
async function problem(res: Response) {
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return ProblemSchema.parse(await res.json());
}
/** An agent present in the console (as a heartbeat would record). */
async function agentPresent(id = 'agent-1', name = 'Anna') {
  await ChatHub.for(t.gateway.deps).chats.setAgentName(id, name, true);
}

describe('starting and talking to the bot', () => {
  test('a new chat starts with the bot greeting; the page is kept without query or fragment', async () => {
    const session = await start();
    assert.equal(session.state, 'bot');
    assert.match(session.id, /^[0-9a-f-]{36}$/);
    const [greeting, ...rest] = await messages(session.id);
    assert.equal(rest.length, 0);
    assert.equal(greeting!.seq, 0);
    assert.equal(greeting!.from, 'bot');
    assert.match(greeting!.text, /digitale assistent van Gemeente West Betuwe/);
    assert.ok(greeting!.quickReplies?.includes('Praat met een medewerker'));
    const [row] = await t.store.db.query<{ page_url: string }>('SELECT page_url FROM chat_sessions WHERE id = $1', [
      session.id,
    ]);
    assert.equal(row!.page_url, 'https://www.gemeente.nl/paspoort');
    const get = await t.request(`/v1/chat/sessions/${session.id}`);
    assert.deepEqual(ChatSessionSchema.parse(await get.json()), {
      id: session.id,
      state: 'bot',
      position: null,
      agentName: null,
    });
  });

  test('a question gets an answer from the knowledge file, with links; seqs have no gaps', async () => {
    const { id } = await start();
    const res = await send(id, 'Hoe verleng ik mijn rijbewijs?');
    assert.equal(res.status, 201);
    const mine = ChatMessageSchema.parse(await res.json());
    assert.equal(mine.from, 'resident');
    assert.equal(mine.seq, 1);
    const all = await messages(id);
    assert.deepEqual(
      all.map((m) => m.seq),
      [0, 1, 2],
    );
    const answer = all[2]!;
    assert.equal(answer.from, 'bot');
    assert.match(answer.text, /rijbewijs aan bij de gemeente/);
    assert.deepEqual(answer.links, [
      { title: 'Rijbewijs aanvragen of verlengen', url: 'https://www.example.nl/rijbewijs' },
    ]);
  });

  test('the bot does not invent: an off-topic question gets "I do not know" and a person offered', async () => {
    const { id } = await start();
    await send(id, 'Wat is de hoofdstad van Frankrijk?');
    const answer = (await messages(id)).at(-1)!;
    assert.match(answer.text, /geen goed antwoord/);
    assert.deepEqual(answer.quickReplies, ['Praat met een medewerker']);
    assert.equal(answer.links, undefined);
  });

  test('the opening-hours answer uses the configured phone number and the hours now', async () => {
    const { id } = await start();
    await send(id, 'Wat zijn de openingstijden?');
    assert.match((await messages(id)).at(-1)!.text, /U belt ons op 14 0345\. Nu: Nu open tot 17:00\./);
  });

  test('English chats get English answers', async () => {
    const { id } = await start('en');
    await send(id, 'I am moving house');
    const all = await messages(id);
    assert.match(all[0]!.text, /digital assistant/);
    assert.match(all.at(-1)!.text, /Report your move/);
  });

  test('the same clientId is stored once: a retried send returns the first message, no second answer', async () => {
    const { id } = await start();
    const cid = clientId();
    const first = await send(id, 'paspoort', cid);
    assert.equal(first.status, 201);
    const again = await send(id, 'paspoort', cid);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), await first.json());
    assert.equal((await messages(id)).length, 3);
  });

  test('hostile text is stored and returned as the text it is', async () => {
    const { id } = await start();
    const text = '<img src=x onerror=alert(1)> javascript:alert(1) "quotes" & ampersands';
    const res = await send(id, text);
    assert.equal(ChatMessageSchema.parse(await res.json()).text, text);
  });
});

describe('bad input', () => {
  test('empty, too long, unknown fields, a bad clientId and malformed JSON: 400 naming the field, nothing stored', async () => {
    const { id } = await start();
    const cases: [unknown, string][] = [
      [{ text: '   ', clientId: clientId() }, 'text'],
      [{ text: 'x'.repeat(1001), clientId: clientId() }, 'text'],
      [{ text: 'hallo', clientId: 'kort' }, 'clientId'],
      [{ text: 'hallo', clientId: clientId(), evil: '<script>' }, 'evil'],
      [{ clientId: clientId() }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request(`/v1/chat/sessions/${id}/messages`, json(body));
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 40));
      assert.ok(
        (await problem(res)).errors?.some((e) => e.field === field),
        field,
      );
    }
    const malformed = await t.request(`/v1/chat/sessions/${id}/messages`, json('{"text":'));
    assert.equal(malformed.status, 400);
    const start400 = await t.request('/v1/chat/sessions', json({ locale: 'fr' }));
    assert.equal(start400.status, 400);
    assert.equal((await messages(id)).length, 1);
  });

  test('unknown and malformed session ids are 404; an ended chat takes no messages (409)', async () => {
    for (const path of [
      '/v1/chat/sessions/00000000-0000-4000-8000-000000000000',
      '/v1/chat/sessions/not-a-uuid',
      "/v1/chat/sessions/1'%20OR%201=1",
    ]) {
      assert.equal((await t.request(path)).status, 404);
      assert.equal((await t.request(`${path}/events`)).status, 404);
    }
    assert.equal((await send('00000000-0000-4000-8000-000000000000', 'hallo')).status, 404);
    const { id } = await start();
    const end = await t.request(`/v1/chat/sessions/${id}/end`, { method: 'POST' });
    assert.equal(ChatSessionSchema.parse(await end.json()).state, 'ended');
    const res = await send(id, 'nog iets');
    assert.equal(res.status, 409);
    assert.match((await problem(res)).title ?? '', /beëindigd/);
  });

  test('a burst of messages is rate-limited per chat with Retry-After; the limited message is not stored', async () => {
    const { id } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(id, `vraag ${i}`)).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    const limited = await send(id, 'nog een');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.ok((await problem(limited)).retryAfter! >= 1);
    const residentMessages = (await messages(id)).filter((m) => m.from === 'resident');
    assert.equal(residentMessages.length, 5);
    // The limit is in the database: it holds for another gateway instance on the same store too,
    // and a new window opens when the clock moves on.
    t.clock.advance(11_000);
    assert.equal((await send(id, 'later')).status, 201);
  });
});

describe('a person: the live queue and left messages', () => {
  test('outside live hours (or with nobody present) asking for a person leaves a message: queued without a place', async () => {
    const { id } = await start();
    const res = await t.request(`/v1/chat/sessions/${id}/agent`, { method: 'POST' });
    assert.deepEqual(ChatSessionSchema.parse(await res.json()), {
      id,
      state: 'queued',
      position: null,
      agentName: null,
    });
    // the bot stays quiet once a person was asked for
    await send(id, 'Mijn telefoonnummer is 0612345678');
    assert.equal((await messages(id)).at(-1)!.from, 'resident');
  });

  test('during live hours with an agent present: places in the queue, first come first served', async () => {
    await agentPresent();
    const a = await start();
    const b = await start();
    const ask = async (id: string) =>
      ChatSessionSchema.parse(await (await t.request(`/v1/chat/sessions/${id}/agent`, { method: 'POST' })).json());
    assert.equal((await ask(a.id)).position, 1);
    t.clock.advance(1000);
    assert.equal((await ask(b.id)).position, 2);
    // asking again changes nothing
    assert.equal((await ask(b.id)).position, 2);
    await t.request(`/v1/chat/sessions/${a.id}/end`, { method: 'POST' });
    const bNow = ChatSessionSchema.parse(await (await t.request(`/v1/chat/sessions/${b.id}`)).json());
    assert.equal(bNow.position, 1);
  });

  test('availability and /v1/config follow agent presence and the hours', async () => {
    const before = await (await t.request('/v1/chat/availability')).json();
    assert.deepEqual(before, {
      enabled: true,
      live: false,
      agentsOnline: 0,
      nextLive: null,
      text: { nl: 'chatbot, nu geen medewerkers online', en: 'chatbot, no staff online right now' },
    });
    await agentPresent();
    const now = await (await t.request('/v1/chat/availability')).json();
    assert.equal(now.live, true);
    assert.equal(now.text.nl, 'medewerkers nu online');
    assert.equal(GemeenteConfigSchema.parse(await (await t.request('/v1/config')).json()).chat.agentsOnline, 1);
    // presence expires without a heartbeat
    t.clock.advance(60_000);
    assert.equal((await (await t.request('/v1/chat/availability')).json()).agentsOnline, 0);
    // Tuesday 20:00: closed until Wednesday 8:30
    t.clock.set('2026-11-24T19:00:00Z');
    await agentPresent();
    const evening = await (await t.request('/v1/chat/availability')).json();
    assert.equal(evening.live, false);
    assert.equal(evening.text.nl, 'chatbot, medewerkers weer morgen vanaf 8:30');
    assert.equal(evening.text.en, 'chatbot, staff back tomorrow from 8:30');
  });
});

describe('server-sent events', () => {
  test('the stream sends the state and every message with its seq as id; resuming with Last-Event-ID loses nothing and repeats nothing', async () => {
    const { id } = await start();
    const first = readSse(await t.request(`/v1/chat/sessions/${id}/events`));
    await first.until((e) => e.some((x) => x.event === 'session') && first.messages().length === 1, 5000, 'greeting');
    assert.equal(first.events.find((e) => e.event === 'message')!.id, '0');
    assert.equal(
      ChatSessionSchema.parse(JSON.parse(first.events.find((e) => e.event === 'session')!.data)).state,
      'bot',
    );
    await send(id, 'paspoort aanvragen');
    await first.until(() => first.messages().length === 3, 5000, 'question and answer');
    // the connection drops; meanwhile two more questions and answers
    await first.close();
    await send(id, 'verhuizen');
    await send(id, 'afval');
    const resumed = readSse(await t.request(`/v1/chat/sessions/${id}/events`, { headers: { 'Last-Event-ID': '2' } }));
    await resumed.until(() => resumed.messages().length === 4, 5000, 'the missed messages');
    const seqs = [...first.messages(), ...resumed.messages()].map((m) => m.seq);
    assert.deepEqual(seqs, [0, 1, 2, 3, 4, 5, 6]);
    for (const m of resumed.messages()) ChatMessageSchema.parse(m);
    // ?after= works too, and the larger of the two wins
    const after = readSse(
      await t.request(`/v1/chat/sessions/${id}/events?after=5`, { headers: { 'Last-Event-ID': '1' } }),
    );
    await after.until(() => after.messages().length === 1, 5000, 'seq 6');
    assert.equal(after.messages()[0]!.seq, 6);
    await resumed.close();
    await after.close();
  });

  test('live delivery: a message stored while the stream is open arrives once, also when the heartbeat catches up', async () => {
    const { id } = await start();
    const stream = readSse(await t.request(`/v1/chat/sessions/${id}/events?after=0`));
    await stream.until((e) => e.some((x) => x.event === 'session'), 5000, 'session');
    const hub = ChatHub.for(t.gateway.deps);
    // stored without a notification (as if NOTIFY was lost): the heartbeat delivers it
    await hub.chats.append(id, { from: 'system', text: 'zonder melding' });
    await hub.beat();
    await stream.until(() => stream.messages().length === 1, 5000, 'caught up');
    assert.ok(stream.comments.includes('ping'));
    await hub.notify(id, 'message');
    await hub.beat();
    await send(id, 'paspoort');
    await stream.until(() => stream.messages().length === 3, 5000, 'question and answer');
    assert.deepEqual(
      stream.messages().map((m) => m.seq),
      [1, 2, 3],
    );
    await stream.close();
  });

  test('session events tell a waiting resident their place and when an agent joins', async () => {
    await agentPresent();
    const a = await start();
    const b = await start();
    await t.request(`/v1/chat/sessions/${a.id}/agent`, { method: 'POST' });
    t.clock.advance(1000);
    await t.request(`/v1/chat/sessions/${b.id}/agent`, { method: 'POST' });
    const stream = readSse(await t.request(`/v1/chat/sessions/${b.id}/events?after=0`));
    const sessions = () =>
      stream.events.filter((e) => e.event === 'session').map((e) => JSON.parse(e.data) as ChatSession);
    await stream.until(() => sessions().some((s) => s.position === 2), 5000, 'place 2');
    const hub = ChatHub.for(t.gateway.deps);
    await hub.chats.join(a.id, { id: 'agent-1', name: 'Anna' });
    await hub.notify(a.id, 'queue');
    await stream.until(() => sessions().at(-1)?.position === 1, 5000, 'place 1');
    await hub.chats.join(b.id, { id: 'agent-1', name: 'Anna' });
    await hub.chats.append(b.id, { from: 'system', text: 'Anna neemt het gesprek over.' });
    await hub.notify(b.id, 'message');
    await hub.notify(b.id, 'session');
    await stream.until(() => sessions().at(-1)?.state === 'live' && stream.messages().length === 1, 5000, 'live');
    assert.equal(sessions().at(-1)!.agentName, 'Anna');
    assert.equal(stream.messages()[0]!.text, 'Anna neemt het gesprek over.');
    await stream.close();
  });
});

describe('ending and keeping', () => {
  test('an ended chat is recorded as a klantcontact: kanaal chat, a short report without BSN', async () => {
    const records: ChatContactRecord[] = [];
    let fail = 1;
    (t.gateway.deps as ChatDeps).chat = {
      contactSink: {
        name: 'fake-klantinteracties',
        async recordChat(record) {
          if (fail-- > 0) throw new Error('503 from Open Klant');
          records.push(record);
          return { externalId: 'b0c1d2e3-0000-4000-8000-000000000001' };
        },
      },
    };
    const { id } = await start();
    await send(id, 'Mijn BSN is 111222333. Hoe vraag ik een paspoort aan?');
    await t.request(`/v1/chat/sessions/${id}/end`, { method: 'POST' });
    const hub = ChatHub.for(t.gateway.deps);
    for (let i = 0; i < 100 && !records.length; i++) await new Promise((r) => setTimeout(r, 50 + i * 10));
    assert.equal(records.length, 1);
    const record = records[0]!;
    assert.equal(record.id, id);
    assert.equal(record.kanaal, 'chat');
    assert.equal(record.taal, 'nld');
    assert.equal(record.indicatieContactGelukt, false);
    assert.ok(record.inhoud.length <= 1000 && record.onderwerp.length <= 200);
    assert.match(record.inhoud, /Chat via de website \(pagina https:\/\/www\.gemeente\.nl\/paspoort\)/);
    assert.match(record.inhoud, /Beëindigd door de inwoner\./);
    assert.doesNotMatch(JSON.stringify(record), /111222333/);
    const row = await hub.chats.getSession(id);
    assert.equal(row!.syncStatus, 'synced');
    assert.equal(row!.syncExternalId, 'b0c1d2e3-0000-4000-8000-000000000001');
    // no personal data in the logs
    assert.doesNotMatch(t.logger.text(), /111222333|paspoort aan/);
  });

  test('retention deletes old transcripts and ends chats nobody touched for hours', async () => {
    const old = await start();
    t.clock.advance(31 * 86_400_000);
    const idle = await start();
    t.clock.advance(13 * 3_600_000);
    const fresh = await start();
    const result = await t.gateway.retention.run();
    assert.ok(result.other >= 2);
    const hub = ChatHub.for(t.gateway.deps);
    assert.equal(await hub.chats.getSession(old.id), undefined);
    assert.equal((await hub.chats.getSession(idle.id))!.state, 'ended');
    assert.equal((await hub.chats.getSession(fresh.id))!.state, 'bot');
  });
});

describe('a warm hand-off into the chat', () => {
  const context = {
    source: 'feedback',
    topic: 'Afval',
    page: { url: 'https://www.gemeente.nl/afval?x=1', title: 'Afval en containers' },
    summary:
      'De informatie op deze pagina was niet nuttig. Uitleg: mijn BSN is 111222333, de container is niet geleegd.',
  };

  test('starts with a note of where the resident came from and what they said (BSN removed), then the greeting', async () => {
    const res = await t.request('/v1/chat/sessions', json({ locale: 'nl', context }));
    assert.equal(res.status, 201);
    const { id } = ChatSessionSchema.parse(await res.json());
    const [note, greeting, ...rest] = await messages(id);
    assert.equal(rest.length, 0);
    assert.equal(note!.from, 'system');
    assert.equal(note!.seq, 0);
    assert.equal(
      note!.text,
      'Doorgestuurd vanuit de feedback op de pagina "Afval en containers". Onderwerp: Afval. Wat al bekend is: ' +
        'De informatie op deze pagina was niet nuttig. Uitleg: mijn BSN is [BSN verwijderd], de container is niet geleegd.',
    );
    assert.equal(greeting!.from, 'bot');
    const row = await ChatHub.for(t.gateway.deps).chats.getSession(id);
    assert.equal(row!.pageUrl, 'https://www.gemeente.nl/afval', "the hand-off's page, when the start has none");
    assert.deepEqual(row!.handoff, {
      source: 'feedback',
      page: { url: 'https://www.gemeente.nl/afval', title: 'Afval en containers' },
      topic: 'Afval',
      summary:
        'De informatie op deze pagina was niet nuttig. Uitleg: mijn BSN is [BSN verwijderd], de container is niet geleegd.',
    });
    assert.doesNotMatch(t.logger.text(), /111222333|container/, 'nothing of it in the logs');
  });

  test('in English; and the klantcontact report starts with the hand-off, its topic as onderwerp', async () => {
    const records: ChatContactRecord[] = [];
    (t.gateway.deps as ChatDeps).chat = {
      contactSink: {
        name: 'fake',
        async recordChat(record) {
          records.push(record);
          return { externalId: 'x-1' };
        },
      },
    };
    const res = await t.request(
      '/v1/chat/sessions',
      json({ locale: 'en', page: { url: 'https://www.gemeente.nl/en/waste' }, context }),
    );
    const { id } = ChatSessionSchema.parse(await res.json());
    const [note] = await messages(id);
    assert.match(
      note!.text,
      /^Passed on from the feedback on the page "Afval en containers"\. Topic: Afval\. Already known: /,
    );
    await t.request(`/v1/chat/sessions/${id}/end`, { method: 'POST' });
    for (let i = 0; i < 100 && !records.length; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(records[0]!.onderwerp, 'Afval');
    assert.match(
      records[0]!.inhoud,
      /Doorgestuurd vanuit de feedback op de pagina "Afval en containers"\. Onderwerp: Afval\./,
    );
    assert.doesNotMatch(records[0]!.inhoud, /111222333/);
    assert.equal((await ChatHub.for(t.gateway.deps).chats.getSession(id))!.pageUrl, 'https://www.gemeente.nl/en/waste');
  });

  test('bad context: unknown fields, wrong types, too long, a non-http page: 400, nothing stored', async () => {
    for (const bad of [
      { ...context, to: 'chat' },
      { ...context, source: 'elsewhere' },
      { ...context, summary: 's'.repeat(2001) },
      { ...context, page: { url: 'javascript:alert(1)' } },
      'Afval',
    ]) {
      const res = await t.request('/v1/chat/sessions', json({ locale: 'nl', context: bad }));
      assert.equal(res.status, 400, JSON.stringify(bad).slice(0, 60));
    }
    const [row] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_sessions');
    assert.equal(row!.n, 0);
  });
});

describe('Klantinteracties from the environment', () => {
  const servers: Server[] = [];
  after(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  /** An Open Klant on loopback that keeps the klantcontacten posted to it. */
  async function openKlant() {
    const posted: Record<string, unknown>[] = [];
    const requests: string[] = [];
    const server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      requests.push(`${req.method} ${new URL(req.url!, 'http://x').pathname}`);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') {
        res.end(JSON.stringify({ count: posted.length, next: null, previous: null, results: posted }));
        return;
      }
      const klantcontact = { ...(JSON.parse(raw) as object), uuid: randomUUID(), url: 'http://x' };
      posted.push(klantcontact);
      res.statusCode = 201;
      res.end(JSON.stringify(klantcontact));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/klantinteracties/api/v1`, posted, requests };
  }

  /** Counts the calls of a sink. */
  function counted(sink: ChatContactSink) {
    const calls: string[] = [];
    return {
      calls,
      sink: {
        name: sink.name,
        recordChat: (record: ChatContactRecord) => (calls.push(record.id), sink.recordChat(record)),
      } satisfies ChatContactSink,
    };
  }

  const until = async (what: () => Promise<boolean> | boolean, label: string) => {
    for (let i = 0; i < 200; i++) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${label}`);
  };

  test('KLANTINTERACTIES_* gives chat.contactSink next to CHAT_FAQ_FILE; an ended chat is filed once, however often it ends', async () => {
    const ok = await openKlant();
    const faqFile = fileURLToPath(new URL('../../packages/gateway/src/chat/faq/default.json', import.meta.url));
    const options = await optionsFromEnv(
      { KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 'secret', CHAT_FAQ_FILE: faqFile },
      captureLogger(),
    );
    assert.equal(options.chat?.faqFile, faqFile, 'CHAT_FAQ_FILE is kept (merged, not overwritten)');
    assert.equal(options.chat?.contactSink?.name, 'klantinteracties');
    assert.ok(options.callbackSink, 'and the callback sink, from the same variables');
    assert.equal((await optionsFromEnv({}, captureLogger())).chat, undefined, 'off by default');

    const { calls, sink } = counted(options.chat!.contactSink!);
    t = await testGateway({ chat: { ...options.chat, contactSink: sink } });
    await t.store.db.exec('TRUNCATE chat_sessions, chat_messages, chat_agents');
    const { id } = await start();
    await send(id, 'Wanneer wordt de groene container geleegd?');
    // The resident ends it twice at once, then again; the KCC ends it too.
    const ends = await Promise.all([1, 2, 3].map(() => t.request(`/v1/chat/sessions/${id}/end`, { method: 'POST' })));
    assert.deepEqual(
      ends.map((r) => r.status),
      [200, 200, 200],
    );
    const hub = ChatHub.for(t.gateway.deps);
    assert.equal((await hub.chats.end(id, 'agent', true))!.changed, false);
    await until(async () => (await hub.chats.getSession(id))!.syncStatus === 'synced', 'synced');
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(calls, [id], 'the sink is called once');
    assert.equal(ok.posted.length, 1, 'one klantcontact');
    assert.equal(ok.posted[0]!.kanaal, 'chat');
    assert.equal((await hub.chats.getSession(id))!.syncExternalId, ok.posted[0]!.uuid);
    assert.deepEqual(ok.requests, [
      'GET /klantinteracties/api/v1/klantcontacten',
      'POST /klantinteracties/api/v1/klantcontacten',
    ]);
    assert.doesNotMatch(t.logger.text(), /secret|groene container/);
  });

  test('a chat ended for being idle is filed too, once; one where nobody typed is not', async () => {
    const ok = await openKlant();
    const options = await optionsFromEnv(
      { KLANTINTERACTIES_API_URL: ok.url, KLANTINTERACTIES_TOKEN: 't' },
      captureLogger(),
    );
    const { calls, sink } = counted(options.chat!.contactSink!);
    // Its own store: the shared one holds the retention tasks of this file's earlier gateways.
    const clock = new TestClock(TUESDAY_10);
    const store = await Store.open({ clock, pgliteImageCache: PGLITE_IMAGE_CACHE });
    const gateway = await createGateway({
      store,
      clock,
      logger: captureLogger(),
      jobs: false,
      limits: NO_LIMITS,
      chat: { contactSink: sink },
    });
    try {
      const post = (path: string, body?: unknown) =>
        Promise.resolve(gateway.app.request(path, body === undefined ? { method: 'POST' } : json(body)));
      const asked = ChatSessionSchema.parse(await (await post('/v1/chat/sessions', { locale: 'nl' })).json());
      await post(`/v1/chat/sessions/${asked.id}/messages`, {
        text: 'Hoe vraag ik een parkeervergunning aan?',
        clientId: clientId(),
      });
      const silent = ChatSessionSchema.parse(await (await post('/v1/chat/sessions', { locale: 'nl' })).json());
      clock.advance(13 * 3_600_000);
      await gateway.retention.run();
      const hub = ChatHub.for(gateway.deps);
      assert.equal((await hub.chats.getSession(silent.id))!.state, 'ended');
      assert.equal((await hub.chats.getSession(silent.id))!.syncStatus, 'local');
      await until(async () => (await hub.chats.getSession(asked.id))!.syncStatus === 'synced', 'synced');
      await gateway.retention.run();
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(calls, [asked.id]);
      assert.equal(ok.posted.length, 1);
      assert.match(String(ok.posted[0]!.inhoud), /Beëindigd door het systeem/);
    } finally {
      await gateway.close();
      await store.close();
    }
  });
});

describe('OpenAPI', () => {
  test('the chat paths for the OpenAPI document cover every route, with the SDK schemas', () => {
    const { paths, schemas } = chatOpenApi();
    assert.deepEqual(Object.keys(paths).sort(), [
      '/v1/chat/availability',
      '/v1/chat/sessions',
      '/v1/chat/sessions/{id}',
      '/v1/chat/sessions/{id}/agent',
      '/v1/chat/sessions/{id}/end',
      '/v1/chat/sessions/{id}/events',
      '/v1/chat/sessions/{id}/messages',
    ]);
    const input = schemas.ChatMessageInput as { required: string[]; additionalProperties: boolean };
    assert.deepEqual(input.required, ['text', 'clientId']);
    assert.equal(input.additionalProperties, false);
  });
});
