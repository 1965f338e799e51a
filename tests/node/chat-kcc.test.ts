// The live-chat console at /kcc/chat: behind the login, the agent's name, presence through the
// agent's stream (drives availability), the queue with page context, join (one agent only),
// replies that reach the resident's stream at once, end, left messages, CSRF, escaping.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword } from '@dichtbij/gateway';
import { ChatSessionSchema, type ChatSession } from '@dichtbij/sdk';
import { closeSharedStore, testGateway, type TestGateway, passwordLogin, csrfOf } from '../support/gateway-harness.ts';
import { readSse } from '../support/sse.ts';
import { ChatHub } from '../../packages/gateway/src/chat/hub.ts';

after(closeSharedStore);

const PASSWORD = 'kcc-test-wachtwoord';
let passwordHash: string;
before(async () => {
  passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
});

let t: TestGateway;
beforeEach(async () => {
  t = await testGateway({ kcc: { passwordHash } });
  await t.store.db.exec('TRUNCATE chat_sessions, chat_messages, chat_agents');
});

interface Agent {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, data: Record<string, string>, csrf?: string | null): Promise<Response>;
  postJson(path: string, body: unknown, csrf?: string | null): Promise<Response>;
}

async function loginAgent(name?: string): Promise<Agent> {
  const cookie = (await passwordLogin(t, PASSWORD)).cookie!;
  const first = await t.request('/kcc/chat', { headers: { cookie } });
  const csrf = csrfOf(await first.text())!;
  const agent: Agent = {
    cookie,
    csrf,
    get: (path) => t.request(path, { headers: { cookie } }),
    post: (path, data, token = csrf) =>
      t.request(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...data, ...(token ? { csrf: token } : {}) }).toString(),
      }),
    postJson: (path, body, token = csrf) =>
      t.request(path, {
        method: 'POST',
        headers: {
          cookie,
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { 'x-csrf-token': token } : {}),
        },
        body: JSON.stringify(body),
      }),
  };
  if (name) assert.equal((await agent.post('/kcc/chat/name', { name })).status, 303);
  return agent;
}

const startChat = async (text?: string) => {
  const res = await t.request('/v1/chat/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      locale: 'nl',
      page: { url: 'https://www.gemeente.nl/verhuizen', title: 'Verhuizen <b>nu</b>' },
    }),
  });
  const session = ChatSessionSchema.parse(await res.json());
  if (text) {
    await t.request(`/v1/chat/sessions/${session.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, clientId: `c${Date.now()}${Math.random().toString(36).slice(2, 8)}` }),
    });
  }
  return session;
};
const askAgent = async (id: string) =>
  ChatSessionSchema.parse(await (await t.request(`/v1/chat/sessions/${id}/agent`, { method: 'POST' })).json());

describe('the console', () => {
  test('needs the staff login; an agent first chooses the name residents see', async () => {
    const anonymous = await t.request('/kcc/chat');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/kcc/login');
    assert.equal((await t.request('/kcc/chat/events')).status, 303);
    const agent = await loginAgent();
    const page = await (await agent.get('/kcc/chat')).text();
    assert.match(page, /Uw voornaam/);
    assert.match(page, /<script src="\/kcc\/chat\/assets\/console\.js" defer><\/script>/);
    assert.doesNotMatch(page, /<script>|style="/);
    const bad = await agent.post('/kcc/chat/name', { name: '<script>alert(1)</script>' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /Vul een voornaam in/);
    assert.equal((await agent.post('/kcc/chat/name', { name: 'Anna' }, null)).status, 403);
    assert.equal((await agent.post('/kcc/chat/name', { name: 'Anna' })).status, 303);
    assert.match(await (await agent.get('/kcc/chat')).text(), /U bent online als <strong>Anna<\/strong>/);
    const js = await agent.get('/kcc/chat/assets/console.js');
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(js.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test("an open console is presence: availability goes live while the agent's stream is open, and off after", async () => {
    const agent = await loginAgent('Anna');
    const availability = async () =>
      (await (await t.request('/v1/chat/availability')).json()) as { live: boolean; agentsOnline: number };
    // presence is the open console: without its stream the agent is gone
    await ChatHub.for(t.gateway.deps).chats.agentGone(await firstAgentId());
    assert.equal((await availability()).live, false);
    const controller = new AbortController();
    const stream = readSse(
      await t.request('/kcc/chat/events', { headers: { cookie: agent.cookie }, signal: controller.signal }),
    );
    for (let i = 0; i < 50 && !(await availability()).live; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await availability()).agentsOnline, 1);
    assert.equal((await availability()).live, true);
    // heartbeats keep the agent present as time passes
    t.clock.advance(40_000);
    await ChatHub.for(t.gateway.deps).beat();
    t.clock.advance(40_000);
    assert.equal((await availability()).live, true);
    await stream.close();
    controller.abort();
    for (let i = 0; i < 50 && (await availability()).live; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await availability()).live, false);
  });

  test('queue with page context and the first question (escaped); join; a colleague cannot take it too', async () => {
    const anna = await loginAgent('Anna');
    const bram = await loginAgent('Bram');
    await ChatHub.for(t.gateway.deps).chats.heartbeat(await firstAgentId());
    const chat = await startChat('Ik ga verhuizen <img src=x onerror=alert(1)>');
    assert.equal((await askAgent(chat.id)).position, 1);
    const list = await (await anna.get('/kcc/chat')).text();
    assert.match(list, /Wachtrij \(1\)/);
    assert.match(list, /Ik ga verhuizen &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(list, /Verhuizen &lt;b&gt;nu&lt;\/b&gt;/);
    const fragment = await (await anna.get('/kcc/chat?fragment=lists')).text();
    assert.match(fragment, /^<div id="lists" data-queue="1">/);

    const detail = await (await anna.get(`/kcc/chat/${chat.id}`)).text();
    assert.match(detail, /href="https:\/\/www\.gemeente\.nl\/verhuizen"/);
    assert.match(detail, /Wacht op een medewerker/);
    assert.match(detail, /Daar weet ik geen goed antwoord op/); // the bot's answer in the transcript

    const join = await anna.post(`/kcc/chat/${chat.id}/join`, {});
    assert.equal(join.status, 303);
    const taken = await bram.post(`/kcc/chat/${chat.id}/join`, {});
    assert.equal(taken.headers.get('location'), `/kcc/chat/${chat.id}?done=taken`);
    assert.match(
      await (await bram.get(`/kcc/chat/${chat.id}?done=taken`)).text(),
      /Een collega heeft deze chat al aangenomen/,
    );
    // only Anna may reply
    assert.equal((await bram.postJson(`/kcc/chat/${chat.id}/messages`, { text: 'Hallo' })).status, 409);
    const session = ChatSessionSchema.parse(await (await t.request(`/v1/chat/sessions/${chat.id}`)).json());
    assert.deepEqual(session, { id: chat.id, state: 'live', position: null, agentName: 'Anna' });
  });

  test('a chat that came from a hand-off shows where from and what is known already (escaped), at the top', async () => {
    const anna = await loginAgent('Anna');
    const res = await t.request('/v1/chat/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        locale: 'nl',
        context: {
          source: 'feedback',
          topic: 'Afval',
          page: { url: 'https://www.gemeente.nl/afval', title: 'Afval <i>en</i> containers' },
          summary: 'De informatie op deze pagina was niet nuttig. Uitleg: <img src=x onerror=alert(1)>',
        },
      }),
    });
    const chat = ChatSessionSchema.parse(await res.json());
    const detail = await (await anna.get(`/kcc/chat/${chat.id}`)).text();
    assert.match(detail, /<dt>Doorgestuurd<\/dt>/);
    const fact = /<dd id="chat-handoff">([^<]*)<\/dd>/.exec(detail)?.[1] ?? '';
    assert.match(
      fact,
      /^Doorgestuurd vanuit de feedback op de pagina &quot;Afval &lt;i&gt;en&lt;\/i&gt; containers&quot;\./,
    );
    assert.match(fact, /Onderwerp: Afval\. Wat al bekend is: De informatie op deze pagina was niet nuttig\./);
    assert.match(fact, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(detail, /<img src=x/);
    // The transcript starts with the same note, before the bot's greeting.
    const transcript = detail.slice(detail.indexOf('id="transcript"'));
    assert.ok(transcript.indexOf('Doorgestuurd vanuit de feedback') < transcript.indexOf('digitale assistent'));
  });

  test('a reply reaches the resident at once; the resident answers; the agent ends the chat', async () => {
    const anna = await loginAgent('Anna');
    await ChatHub.for(t.gateway.deps).chats.heartbeat(await firstAgentId());
    const chat = await startChat('Mijn vraag gaat over afval');
    await askAgent(chat.id);
    const resident = readSse(await t.request(`/v1/chat/sessions/${chat.id}/events?after=2`));
    const agentView = readSse(await anna.get(`/kcc/chat/${chat.id}/events?after=2`));
    await anna.post(`/kcc/chat/${chat.id}/join`, {});
    await resident.until(() => resident.messages().some((m) => m.from === 'system'), 5000, 'join notice');
    assert.equal(resident.messages()[0]!.text, 'Anna neemt het gesprek over.');

    const reply = await anna.postJson(`/kcc/chat/${chat.id}/messages`, { text: 'Goedemiddag, waarmee kan ik helpen?' });
    assert.equal(reply.status, 201);
    await resident.until(() => resident.messages().some((m) => m.from === 'agent'), 5000, 'agent reply');
    const fromAgent = resident.messages().find((m) => m.from === 'agent') as { agentName?: string; text: string };
    assert.equal(fromAgent.agentName, 'Anna');
    assert.equal(fromAgent.text, 'Goedemiddag, waarmee kan ik helpen?');
    // Pasted text with a NUL and half an emoji is stored normalised, not a 500.
    const pasted = await anna.postJson(`/kcc/chat/${chat.id}/messages`, { text: 'Een\u0000 moment \ud83d' });
    assert.equal(pasted.status, 201);
    assert.equal(((await pasted.json()) as { text: string }).text, 'Een moment \ufffd');

    await t.request(`/v1/chat/sessions/${chat.id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Mijn container is niet geleegd', clientId: 'resident-reply-1' }),
    });
    await agentView.until(
      () => agentView.messages().some((m) => m.text === 'Mijn container is niet geleegd'),
      5000,
      'resident reply',
    );
    // no bot answer while an agent is in the chat
    assert.ok(!agentView.messages().some((m) => m.from === 'bot'));
    // empty and too long replies are refused; a form post without CSRF is refused
    assert.equal((await anna.postJson(`/kcc/chat/${chat.id}/messages`, { text: '  ' })).status, 400);
    assert.equal((await anna.postJson(`/kcc/chat/${chat.id}/messages`, { text: 'x'.repeat(2001) })).status, 400);
    assert.equal((await anna.postJson(`/kcc/chat/${chat.id}/messages`, { text: 'zonder token' }, null)).status, 403);

    assert.equal((await anna.post(`/kcc/chat/${chat.id}/end`, {})).status, 303);
    const sessions = () =>
      resident.events.filter((e) => e.event === 'session').map((e) => JSON.parse(e.data) as ChatSession);
    await resident.until(() => sessions().at(-1)?.state === 'ended', 5000, 'ended');
    // the whole transcript without a gap
    const seqs = resident.messages().map((m) => m.seq);
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => i + 3),
    );
    await resident.close();
    await agentView.close();
  });

  test('messages left outside live hours are listed until handled', async () => {
    const anna = await loginAgent('Anna');
    const chat = await startChat('Bel mij over mijn WOZ-waarde, 0612345678');
    const left = await askAgent(chat.id);
    assert.equal(left.position, null);
    await t.request(`/v1/chat/sessions/${chat.id}/end`, { method: 'POST' });
    const page = await (await anna.get('/kcc/chat')).text();
    assert.match(page, /Achtergelaten berichten \(1\)/);
    assert.match(page, /Bel mij over mijn WOZ-waarde, 0612345678/);
    assert.equal((await anna.post(`/kcc/chat/${chat.id}/handled`, {})).status, 303);
    assert.match(await (await anna.get('/kcc/chat')).text(), /Achtergelaten berichten \(0\)/);
  });
});

/** The pseudonymous id of the (first) agent that chose a name. */
async function firstAgentId(): Promise<string> {
  const [row] = await t.store.db.query<{ id: string }>('SELECT id FROM chat_agents ORDER BY name LIMIT 1');
  return row!.id;
}
