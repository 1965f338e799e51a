// Any text a person can type is stored: NUL, other control characters, unpaired surrogates,
// CR/LF, decomposed accents and emoji in every free-text field of feedback, callback requests
// (with a hand-off context) and chat, on PGlite and on PostgreSQL. What the database would still
// refuse is a 422 naming the field, never a 500.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeText, ProblemSchema } from '@dichtbij/sdk';
import { createGateway, Hono, Store, type Gateway } from '@dichtbij/gateway';
import { readJsonBody } from '../../packages/gateway/src/http/body.ts';
import { unstorableField } from '../../packages/gateway/src/http/storable.ts';
import {
  callbackBody,
  captureLogger,
  feedbackBody,
  newKey,
  NO_LIMITS,
  PGLITE_IMAGE_CACHE,
  TestClock,
  TUESDAY_10,
} from '../support/gateway-harness.ts';
import { hostileString } from '../support/hostile.ts';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres.ts';

const HOSTILE = 'Graag\u0000 hulp\u0007\r\nmet e\u0301\ud800n \udc00vraag 👨‍👩‍👧 \u009b\u007fklaar';
const CLEAN = normalizeText(HOSTILE);

let pg: TestPostgres | undefined;
const pgSkip = postgresUnavailable();
if (pgSkip) console.log(`# PostgreSQL text tests skipped: ${pgSkip}`);

const engines = [
  {
    name: 'PGlite',
    open: (clock: TestClock) => Store.open({ clock, pgliteImageCache: PGLITE_IMAGE_CACHE }),
  },
  {
    name: 'PostgreSQL',
    skip: pgSkip,
    async open(clock: TestClock) {
      pg = await startPostgres();
      return Store.open({ clock, databaseUrl: await pg.createDatabase() });
    },
  },
];

for (const engine of engines) {
  describe(`any text is stored, on ${engine.name}`, { skip: engine.skip ?? false }, () => {
    const clock = new TestClock(TUESDAY_10);
    const logger = captureLogger();
    let store: Store;
    let gateway: Gateway;
    const post = (path: string, body: unknown, key: string | null = newKey()) =>
      Promise.resolve(
        gateway.app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
          body: JSON.stringify(body),
        }),
      );

    before(async () => {
      store = await engine.open(clock);
      gateway = await createGateway({ store, clock, logger, jobs: false, limits: NO_LIMITS });
    });
    after(async () => {
      await gateway?.close();
      await store?.close();
      await pg?.stop();
    });

    test('the database itself refuses NUL and unpaired surrogates (why the schemas normalise)', async () => {
      await assert.rejects(store.db.query('SELECT $1::text AS t', ['a\u0000b']));
      await assert.rejects(store.db.query('SELECT $1::jsonb AS j', [JSON.stringify({ t: 'a\u0000b' })]));
      await assert.rejects(store.db.query('SELECT $1::jsonb AS j', [JSON.stringify({ t: 'a\ud800b' })]));
    });

    test('feedback: comment and page title are stored normalised', async () => {
      await store.reset();
      const res = await post(
        '/v1/feedback',
        feedbackBody({ useful: false, comment: HOSTILE, page: { url: 'https://www.gemeente.nl/a', title: HOSTILE } }),
      );
      assert.equal(res.status, 201, await res.clone().text());
      const [stored] = await store.recentFeedback(1);
      assert.equal(stored!.comment, CLEAN);
      assert.equal(stored!.pageTitle, CLEAN);
    });

    test('callback request: name, topic, question and every hand-off field are stored normalised', async () => {
      await store.reset();
      const context = {
        source: 'chat',
        topic: HOSTILE.slice(0, 40),
        summary: HOSTILE,
        caseReference: 'Z\u0000-1',
        caseTitle: HOSTILE,
        page: { url: 'https://www.gemeente.nl/b', title: HOSTILE },
      };
      const res = await post(
        '/v1/callback-requests',
        callbackBody({ name: 'Jan\u0000 \ud83dJansen', topic: 'paspoort-id\u0000', question: HOSTILE, context }),
      );
      assert.equal(res.status, 201, await res.clone().text());
      const [stored] = await store.recentCallbacks(1);
      assert.equal(stored!.name, 'Jan \ufffdJansen');
      assert.equal(stored!.topic, 'paspoort-id');
      assert.equal(stored!.question, CLEAN);
      assert.deepEqual(stored!.context, {
        source: 'chat',
        topic: normalizeText(HOSTILE.slice(0, 40)),
        summary: CLEAN,
        caseReference: 'Z-1',
        caseTitle: CLEAN,
        page: { url: 'https://www.gemeente.nl/b', title: CLEAN },
      });
    });

    test('chat: a hand-off into the chat and a message are stored normalised', async () => {
      await store.reset();
      const start = await post(
        '/v1/chat/sessions',
        {
          locale: 'nl',
          page: { url: 'https://www.gemeente.nl/c', title: HOSTILE },
          context: { source: 'feedback', summary: HOSTILE, page: { url: 'https://www.gemeente.nl/c', title: HOSTILE } },
        },
        null,
      );
      assert.equal(start.status, 201, await start.clone().text());
      const { id } = (await start.json()) as { id: string };
      const sent = await post(`/v1/chat/sessions/${id}/messages`, { text: HOSTILE, clientId: 'client-text-1' }, null);
      assert.equal(sent.status, 201, await sent.clone().text());
      const message = (await sent.json()) as { text: string };
      assert.equal(message.text, CLEAN);
      const rows = await store.db.query<{ text: string }>(
        `SELECT text FROM chat_messages WHERE session_id = $1 AND sender = 'resident'`,
        [id],
      );
      assert.deepEqual(
        rows.map((r) => r.text),
        [CLEAN],
      );
    });

    test('a typed field longer than its maximum is refused with 400 naming the field, in code points', async () => {
      const ok = await post('/v1/feedback', feedbackBody({ comment: '😀'.repeat(500) }));
      assert.equal(ok.status, 201, '500 emoji are 500 characters (1000 UTF-16 units)');
      const res = await post('/v1/feedback', feedbackBody({ comment: '😀'.repeat(501) }));
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const problem = (await res.json()) as { errors: { field: string; message: string }[] };
      assert.deepEqual(problem.errors, [{ field: 'comment', message: 'At most 500 characters' }]);
    });

    test('what the database still refuses is a 422 naming the field, never a 500', async () => {
      // Make the store receive text no schema cleaned, as a future field without text() would.
      const original = store.createFeedback.bind(store);
      store.createFeedback = (key, hash, record, rate) =>
        original(key, hash, { ...record, input: { ...record.input, comment: 'a\u0000b' } }, rate);
      try {
        const res = await post('/v1/feedback', feedbackBody());
        assert.equal(res.status, 422);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        const problem = (await res.json()) as { type: string; errors: { field: string }[] };
        assert.equal(problem.type, 'urn:dichtbij:problem:unstorable-text');
        assert.ok(problem.errors[0]!.field);
      } finally {
        store.createFeedback = original;
      }
    });

    test('property: any text in any free-text field is 201 and stored exactly as normalised', async () => {
      await store.reset();
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(hostileString, hostileString, hostileString, async (comment, title, question) => {
          runs++;
          const f = await post(
            '/v1/feedback',
            feedbackBody({ comment, page: { url: 'https://www.gemeente.nl/p', title } }),
          );
          assert.ok(f.status === 201 || f.status === 400, `feedback ${f.status}`);
          const c = await post('/v1/callback-requests', callbackBody({ name: title, question }));
          assert.ok(c.status === 201 || c.status === 400, `callback ${c.status}`);
          if (c.status === 201) {
            const { id } = (await c.json()) as { id: string };
            const [row] = await store.db.query<{ name: string | null; question: string | null }>(
              'SELECT name, question FROM callback_requests WHERE id = $1',
              [id],
            );
            assert.equal(row!.question, normalizeText(question).trim() || null);
            assert.equal(row!.name, normalizeText(title).trim() || null);
          } else {
            assert.equal(c.headers.get('content-type'), 'application/problem+json');
          }
        }),
        { numRuns: engine.name === 'PGlite' ? 150 : 80 },
      );
      assert.ok(runs >= 80);
      assert.ok(!logger.lines.some((l) => l.event === 'request.failed' && l.fields.code !== '22021'));
    });
  });
}

describe('the last guard before the store', () => {
  test('unstorableField names the first string or key with a NUL or an unpaired surrogate', () => {
    assert.equal(unstorableField({ a: 'ok', b: [{ c: 'x' }, { c: 'y\u0000' }] }), 'b.1.c');
    assert.equal(unstorableField({ page: { title: 'x\ud800' } }), 'page.title');
    assert.equal(unstorableField({ ['k\u0000']: 1 }), 'k?');
    assert.equal(unstorableField({ a: '😀', b: 'é\n\t' }), undefined);
    assert.equal(unstorableField('\udfff'), '(body)');
  });

  test('readJsonBody answers 422 naming the field for a schema that does not normalise', async () => {
    const app = new Hono();
    app.post('/x', async (c) => {
      // ProblemSchema's strings are plain z.string(): nothing normalises them.
      const body = await readJsonBody(c, ProblemSchema);
      return body.ok ? c.json(body.data, 201) : body.response;
    });
    const res = await app.request('/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ detail: 'a\u0000b' }),
    });
    assert.equal(res.status, 422);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(((await res.json()) as { errors: unknown }).errors, [
      { field: 'detail', message: 'Holds a character that cannot be stored' },
    ]);
  });
});
