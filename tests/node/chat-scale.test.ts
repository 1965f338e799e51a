// Scale-out: two gateway processes (the real CLI) on loopback share one PostgreSQL. A chat
// started on one is continued on the other; each instance's event stream carries the messages
// stored through the other (LISTEN/NOTIFY) in order, without gaps or doubles; a stream that
// loses its instance resumes on the other with Last-Event-ID; the per-chat rate limit and agent
// presence are in the database, so they hold across instances. Skipped (with the reason) when
// PostgreSQL is not installed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ChatMessageSchema, ChatSessionSchema, type ChatMessage } from '@dichtbij/sdk';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { readSse } from '../support/sse.ts';

const skip = postgresUnavailable();
const CLI = fileURLToPath(new URL('../../packages/gateway/src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'scale-test-wachtwoord';

interface Instance {
  url: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the gateway CLI with DATABASE_URL; resolves with its URL from the start log line. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      KCC_PASSWORD: PASSWORD,
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${stderr}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { event?: string; url?: string };
        if (entry.event === 'gateway.started' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    url,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

const post = (base: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
let ids = 0;
const say = (base: string, id: string, text: string) =>
  post(base, `/v1/chat/sessions/${id}/messages`, { text, clientId: `scale${Date.now()}x${++ids}` });

/** Logs in to the KCC console of an instance; returns its cookie. */
async function staffLogin(base: string): Promise<string> {
  const page = await fetch(`${base}/kcc/login`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('dichtbij_kcc_login='))!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/kcc/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrf, password: PASSWORD }).toString(),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('dichtbij_kcc='))!;
}

describe('two gateway instances on one PostgreSQL', { skip: skip ? `skipped: ${skip}` : false }, () => {
  let pg: TestPostgres;
  let a: Instance;
  let b: Instance;

  before(async () => {
    pg = await startPostgres();
    const db = await pg.createDatabase();
    // Both start at once: migrations run once (advisory lock).
    [a, b] = await Promise.all([startInstance(db), startInstance(db)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await pg?.stop();
  });

  test('a chat continues on the other instance; each stream gets every message once, in order', async () => {
    const session = ChatSessionSchema.parse(await (await post(a.url, '/v1/chat/sessions', { locale: 'nl' })).json());
    const onA = readSse(await fetch(`${a.url}/v1/chat/sessions/${session.id}/events`));
    const onB = readSse(await fetch(`${b.url}/v1/chat/sessions/${session.id}/events`));
    assert.equal((await say(a.url, session.id, 'paspoort aanvragen')).status, 201);
    assert.equal((await say(b.url, session.id, 'Ik ga verhuizen')).status, 201);
    assert.equal((await say(a.url, session.id, 'afvalkalender')).status, 201);
    // greeting + 3 questions + 3 answers
    await onA.until(() => onA.messages().length === 7, 10_000, 'all on A');
    await onB.until(() => onB.messages().length === 7, 10_000, 'all on B');
    for (const stream of [onA, onB]) {
      const messages = stream.messages<ChatMessage>().map((m) => ChatMessageSchema.parse(m));
      assert.deepEqual(
        messages.map((m) => m.seq),
        [0, 1, 2, 3, 4, 5, 6],
      );
      assert.deepEqual(
        messages.filter((m) => m.from === 'resident').map((m) => m.text),
        ['paspoort aanvragen', 'Ik ga verhuizen', 'afvalkalender'],
      );
    }
    await onA.close();
    await onB.close();
  });

  test('the per-chat rate limit is shared: 5 messages on A, the 6th on B is refused', async () => {
    const session = ChatSessionSchema.parse(await (await post(b.url, '/v1/chat/sessions', { locale: 'nl' })).json());
    for (let i = 0; i < 5; i++) assert.equal((await say(a.url, session.id, `vraag ${i}`)).status, 201);
    const sixth = await say(b.url, session.id, 'nog een');
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers.get('retry-after')) >= 1);
  });

  test("an agent present on B makes A's availability live; a reply on B reaches the resident on A", async () => {
    const cookie = await staffLogin(b.url);
    const page = await (await fetch(`${b.url}/kcc/chat`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const named = await fetch(`${b.url}/kcc/chat/name`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, name: 'Anna' }).toString(),
    });
    assert.equal(named.status, 303);
    const console = readSse(await fetch(`${b.url}/kcc/chat/events`, { headers: { cookie } }));
    let live = false;
    for (let i = 0; i < 100 && !live; i++) {
      live =
        ((await (await fetch(`${a.url}/v1/chat/availability`)).json()) as { agentsOnline: number }).agentsOnline > 0;
      if (!live) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(live, true, 'presence on B is seen by A');

    const session = ChatSessionSchema.parse(await (await post(a.url, '/v1/chat/sessions', { locale: 'nl' })).json());
    const resident = readSse(await fetch(`${a.url}/v1/chat/sessions/${session.id}/events`));
    await say(a.url, session.id, 'Ik wil een medewerker');
    const waiting = ChatSessionSchema.parse(await (await post(a.url, `/v1/chat/sessions/${session.id}/agent`)).json());
    // live only during opening hours: outside them the chat waits as a left message
    const join = await fetch(`${b.url}/kcc/chat/${session.id}/join`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf }).toString(),
    });
    assert.equal(join.status, 303);
    assert.equal(join.headers.get('location'), `/kcc/chat/${session.id}`);
    const reply = await fetch(`${b.url}/kcc/chat/${session.id}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ text: 'Goedemiddag, ik ben Anna.' }),
    });
    assert.equal(reply.status, 201);
    await resident.until(() => resident.messages().some((m) => m.from === 'agent'), 10_000, 'the reply on A');
    assert.ok(resident.events.some((e) => e.event === 'session' && JSON.parse(e.data).state === 'live'));
    assert.ok(waiting.state === 'queued');
    await resident.close();
    await console.close();
  });

  test('an instance goes away mid-chat: the stream resumes on the other with Last-Event-ID, nothing lost or doubled', async () => {
    const session = ChatSessionSchema.parse(await (await post(b.url, '/v1/chat/sessions', { locale: 'nl' })).json());
    const onA = readSse(await fetch(`${a.url}/v1/chat/sessions/${session.id}/events`));
    await say(b.url, session.id, 'paspoort');
    await onA.until(() => onA.messages().length === 3, 10_000, 'three on A');
    const last = onA.events.filter((e) => e.event === 'message').at(-1)!.id!;
    await a.stop('SIGKILL');
    await onA.until(() => onA.ended, 10_000, 'A gone');
    // meanwhile the chat goes on through B
    await say(b.url, session.id, 'verhuizen');
    const onB = readSse(
      await fetch(`${b.url}/v1/chat/sessions/${session.id}/events`, { headers: { 'Last-Event-ID': last } }),
    );
    await onB.until(() => onB.messages().length === 2, 10_000, 'the missed messages on B');
    const seqs = [...onA.messages(), ...onB.messages()].map((m) => m.seq);
    assert.deepEqual(seqs, [0, 1, 2, 3, 4]);
    await onB.close();
  });
});
