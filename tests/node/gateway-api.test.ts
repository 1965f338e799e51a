// Dichtbij API v1 on the gateway: config, feedback, callback requests, idempotency, bad input,
// the OpenAPI document. In process (app.request), on one in-memory PGlite store.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CallbackReceiptSchema,
  FeedbackReceiptSchema,
  GemeenteConfigSchema,
  ProblemSchema,
  demoConfig,
} from '@dichtbij/sdk';
import { callbackBody, closeSharedStore, feedbackBody, newKey, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

async function problemOf(res: Response) {
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = ProblemSchema.parse(await res.json());
  assert.equal(body.status, res.status);
  return body;
}
const fields = (p: { errors?: { field: string }[] }) => (p.errors ?? []).map((e) => e.field);

describe('GET /v1/config and /healthz', () => {
  test('config is the gemeente profile in the SDK shape', async () => {
    const t = await testGateway();
    const res = await t.request('/v1/config');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const config = GemeenteConfigSchema.parse(await res.json());
    assert.equal(config.name, demoConfig.name);
    assert.deepEqual(config.openingHours, demoConfig.openingHours);
    assert.ok(config.callback.topics.length > 0);
  });

  test('a config module can adjust what /v1/config answers (chat presence)', async () => {
    const t = await testGateway();
    t.gateway.deps.extendConfig((c) => ({ ...c, chat: { ...c.chat, agentsOnline: 4 } }));
    const config = GemeenteConfigSchema.parse(await (await t.request('/v1/config')).json());
    assert.equal(config.chat.agentsOnline, 4);
  });

  test('an invalid gemeente configuration stops the start with the field named', async () => {
    await assert.rejects(testGateway({ config: { ...demoConfig, privacyUrl: 'javascript:alert(1)' } }), /privacyUrl/);
  });

  test('healthz checks the database', async () => {
    const t = await testGateway();
    const res = await t.request('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', store: 'pglite' });
  });

  test('unknown API routes are problem+json 404', async () => {
    const t = await testGateway();
    const res = await t.request('/v1/nope');
    assert.equal(res.status, 404);
    await problemOf(res);
  });
});

describe('POST /v1/feedback', () => {
  test('stores a page rating: 201 with a receipt; the page URL loses its query string', async () => {
    const t = await testGateway();
    const res = await t.post(
      '/v1/feedback',
      feedbackBody({
        useful: false,
        reasons: ['unclear'],
        comment: 'Ik snap de kosten niet',
        page: { url: 'https://www.gemeente.nl/paspoort?bsn=123#x' },
      }),
    );
    assert.equal(res.status, 201);
    const receipt = FeedbackReceiptSchema.parse(await res.json());
    assert.equal(receipt.receivedAt, t.clock.now().toISOString());
    const [row] = await t.store.recentFeedback(5);
    assert.equal(row!.id, receipt.id);
    assert.equal(row!.useful, false);
    assert.deepEqual(row!.reasons, ['unclear']);
    assert.equal(row!.comment, 'Ik snap de kosten niet');
    assert.equal(row!.pageUrl, 'https://www.gemeente.nl/paspoort');
  });

  test('stores a contact score with a callback phone number (normalised, checked)', async () => {
    const t = await testGateway();
    const res = await t.post(
      '/v1/feedback',
      feedbackBody({
        variant: 'score',
        useful: undefined,
        score: 8,
        channel: 'telefoon',
        contact: 'KC-123',
        callbackPhone: '+31301234567',
      }),
    );
    assert.equal(res.status, 201);
    const [row] = await t.store.recentFeedback(1);
    assert.equal(row!.score, 8);
    assert.equal(row!.channel, 'telefoon');
    assert.equal(row!.callbackPhone, '+31301234567');
    const bad = await t.post(
      '/v1/feedback',
      feedbackBody({ variant: 'score', score: 8, callbackPhone: '+319001234567' }),
    );
    assert.equal(bad.status, 400);
    assert.deepEqual(fields(await problemOf(bad)), ['callbackPhone']);
  });

  test('idempotency: same key and body → the first answer with 200; another body → 409', async () => {
    const t = await testGateway();
    const key = newKey();
    const first = await t.post('/v1/feedback', feedbackBody(), { key });
    assert.equal(first.status, 201);
    const receipt = await first.json();
    // Same body, other key order: still the same body.
    const reordered = JSON.stringify({
      locale: 'nl',
      page: feedbackBody().page,
      channel: 'website',
      useful: true,
      variant: 'page',
    });
    const again = await t.post('/v1/feedback', reordered, { key });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), receipt);
    const other = await t.post('/v1/feedback', feedbackBody({ useful: false }), { key });
    assert.equal(other.status, 409);
    assert.deepEqual(fields(await problemOf(other)), ['Idempotency-Key']);
    assert.equal((await t.store.recentFeedback(10)).length, 1);
  });

  test('concurrent requests with one key store one record', async () => {
    const t = await testGateway();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.post('/v1/feedback', feedbackBody(), { key })));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).id)));
    assert.equal(ids.size, 1);
    assert.equal((await t.store.recentFeedback(10)).length, 1);
  });

  test('a missing Idempotency-Key is a 400 naming the header; nothing is stored', async () => {
    const t = await testGateway();
    const res = await t.post('/v1/feedback', feedbackBody(), { key: null });
    assert.equal(res.status, 400);
    const p = await problemOf(res);
    assert.deepEqual(fields(p), ['Idempotency-Key']);
    assert.equal((await t.store.recentFeedback(10)).length, 0);
  });

  test('bad input: malformed JSON, wrong types, unknown fields, hostile strings, size, media type', async () => {
    const t = await testGateway();
    const malformed = await t.post('/v1/feedback', '{"variant": "page",');
    assert.equal(malformed.status, 400);
    assert.deepEqual(fields(await problemOf(malformed)), ['(body)']);

    const wrongTypes = await t.post('/v1/feedback', feedbackBody({ useful: 'yes', page: { url: 42 } }));
    assert.equal(wrongTypes.status, 400);
    assert.deepEqual(fields(await problemOf(wrongTypes)).sort(), ['page.url', 'useful']);

    const missingRating = await t.post('/v1/feedback', feedbackBody({ useful: undefined }));
    assert.equal(missingRating.status, 400);
    assert.deepEqual(fields(await problemOf(missingRating)), ['variant']);

    const hostile = await t.post('/v1/feedback', feedbackBody({ '<img src=x onerror=alert(1)>': 'x', isAdmin: true }));
    assert.equal(hostile.status, 400);
    const hp = await problemOf(hostile);
    assert.deepEqual(fields(hp).sort(), ['<img src=x onerror=alert(1)>', 'isAdmin']);
    assert.equal(hostile.headers.get('x-content-type-options'), 'nosniff');

    const score11 = await t.post('/v1/feedback', feedbackBody({ variant: 'score', score: 11 }));
    assert.deepEqual(fields(await problemOf(score11)), ['score']);

    const big = await t.post('/v1/feedback', feedbackBody({ comment: 'x'.repeat(20_000) }));
    assert.equal(big.status, 413);
    await problemOf(big);

    const text = await t.request('/v1/feedback', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'idempotency-key': newKey() },
      body: JSON.stringify(feedbackBody()),
    });
    assert.equal(text.status, 415);
    assert.deepEqual(fields(await problemOf(text)), ['Content-Type']);

    const array = await t.post('/v1/feedback', '[]');
    assert.equal(array.status, 400);
    assert.equal((await t.store.recentFeedback(10)).length, 0, 'nothing stored');
  });
});

describe('POST /v1/callback-requests', () => {
  test('201 with a short reference and the expected window from the opening hours', async () => {
    const t = await testGateway();
    const res = await t.post(
      '/v1/callback-requests',
      callbackBody({ context: { source: 'status-tracker', caseReference: 'Z-2026-0142' } }),
    );
    assert.equal(res.status, 201);
    const receipt = CallbackReceiptSchema.parse(await res.json());
    assert.match(receipt.reference, /^TB-[A-Z2-9]{5}$/);
    assert.deepEqual(receipt.expected, { kind: 'today', before: '17:00' });
    const [row] = await t.store.listCallbacks();
    assert.equal(row!.reference, receipt.reference);
    assert.equal(row!.phone, '+31612345678');
    assert.equal(row!.topicLabel, 'Paspoort of ID-kaart');
    assert.equal(row!.status, 'new');
    assert.equal(row!.syncStatus, 'local');
    assert.equal(row!.context?.caseReference, 'Z-2026-0142');
  });

  test('after closing time: the next working day; a chosen slot: that slot', async () => {
    const t = await testGateway();
    t.clock.set('2026-11-27T12:00:00Z'); // Friday 13:00, closed from 12:30
    const late = CallbackReceiptSchema.parse(await (await t.post('/v1/callback-requests', callbackBody())).json());
    assert.deepEqual(late.expected, { kind: 'next-working-day', date: '2026-11-30' });
    const slot = await t.post(
      '/v1/callback-requests',
      callbackBody({ phone: '+31611111111', preferred: { kind: 'slot', date: '2026-12-01', part: 'afternoon' } }),
    );
    assert.equal(slot.status, 201);
    assert.deepEqual((await slot.json()).expected, { kind: 'slot', date: '2026-12-01', part: 'afternoon' });
  });

  test('a slot on a closed day or part of day is refused naming the field', async () => {
    const t = await testGateway();
    const saturday = await t.post(
      '/v1/callback-requests',
      callbackBody({ preferred: { kind: 'slot', date: '2026-11-28', part: 'morning' } }),
    );
    assert.equal(saturday.status, 400);
    assert.deepEqual(fields(await problemOf(saturday)), ['preferred.date']);
    const fridayAfternoon = await t.post(
      '/v1/callback-requests',
      callbackBody({ preferred: { kind: 'slot', date: '2026-11-27', part: 'afternoon' } }),
    );
    assert.deepEqual(fields(await problemOf(fridayAfternoon)), ['preferred.part']);
    const past = await t.post(
      '/v1/callback-requests',
      callbackBody({ preferred: { kind: 'slot', date: '2026-11-17', part: 'morning' } }),
    );
    assert.deepEqual(fields(await problemOf(past)), ['preferred.date']);
    const badDate = await t.post(
      '/v1/callback-requests',
      callbackBody({ preferred: { kind: 'slot', date: 'tomorrow', part: 'morning' } }),
    );
    assert.deepEqual(fields(await problemOf(badDate)), ['preferred.date']);
    assert.equal((await t.store.listCallbacks()).length, 0);
  });

  test('only callable Dutch numbers: mobile and landline yes; 0800/0900/0906/0909/14 0xx/112/foreign no', async () => {
    const t = await testGateway();
    for (const ok of ['+31612345678', '+31301234567', '+31201234567']) {
      const res = await t.post('/v1/callback-requests', callbackBody({ phone: ok }));
      assert.equal(res.status, 201, ok);
    }
    for (const bad of [
      '+318001234567',
      '+319001234567',
      '+319061234567',
      '+319091234567',
      '+31140345',
      '+31112',
      '+3214123456',
      '+441632960000',
      '+31612',
    ]) {
      const res = await t.post('/v1/callback-requests', callbackBody({ phone: bad }));
      assert.equal(res.status, 400, bad);
      assert.deepEqual(fields(await problemOf(res)), ['phone'], bad);
    }
    assert.equal((await t.store.listCallbacks()).length, 3);
  });

  test('foreign numbers when the configuration allows them', async () => {
    const t = await testGateway({
      config: { ...demoConfig, callback: { ...demoConfig.callback, allowInternational: true } },
    });
    assert.equal((await t.post('/v1/callback-requests', callbackBody({ phone: '+32470123456' }))).status, 201);
    assert.equal((await t.post('/v1/callback-requests', callbackBody({ phone: '+319001234567' }))).status, 400);
  });

  test('idempotency 201 → 200 → 409, and bad input never stores half a request', async () => {
    const t = await testGateway();
    const key = newKey();
    const first = await t.post('/v1/callback-requests', callbackBody(), { key });
    assert.equal(first.status, 201);
    const receipt = await first.json();
    const again = await t.post('/v1/callback-requests', callbackBody(), { key });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), receipt);
    const other = await t.post('/v1/callback-requests', callbackBody({ question: 'Iets anders' }), { key });
    assert.equal(other.status, 409);
    for (const bad of [
      callbackBody({ phone: '0612345678' }), // not E.164
      callbackBody({ preferred: { kind: 'later' } }),
      callbackBody({ question: 'x'.repeat(301) }),
      callbackBody({ locale: 'fr' }),
    ]) {
      const res = await t.post('/v1/callback-requests', bad);
      assert.equal(res.status, 400);
      assert.ok(fields(await problemOf(res)).length > 0);
    }
    const nested = await t.post(
      '/v1/callback-requests',
      callbackBody({ context: { source: 'chat', evil: '<script>' } }),
    );
    assert.deepEqual(fields(await problemOf(nested)), ['context.evil']);
    assert.equal((await t.store.listCallbacks()).length, 1);
    const missingKey = await t.post('/v1/callback-requests', callbackBody(), { key: null });
    assert.deepEqual(fields(await problemOf(missingKey)), ['Idempotency-Key']);
  });
});

describe('GET /v1/openapi.json', () => {
  test('OpenAPI 3.1 with every route, request bodies, responses and problem+json from the zod schemas', async () => {
    const t = await testGateway();
    const res = await t.request('/v1/openapi.json');
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/v1/config',
      '/v1/feedback',
      '/v1/callback-requests',
      '/v1/cases/{reference}',
      '/v1/cases',
      '/v1/openapi.json',
      '/healthz',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    const feedbackPost = doc.paths['/v1/feedback'].post;
    assert.equal(
      feedbackPost.requestBody.content['application/json'].schema.$ref,
      '#/components/schemas/FeedbackInput',
    );
    assert.ok(
      feedbackPost.parameters.some(
        (p: { name: string; required: boolean }) => p.name === 'Idempotency-Key' && p.required,
      ),
    );
    for (const status of ['200', '201', '400', '404', '409', '413', '429'])
      assert.ok(feedbackPost.responses[status], status);
    // Several gemeenten in one gateway: every /v1 operation takes ?gemeente= (this document and /healthz do not).
    for (const [path, item] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
      >,
    )) {
      for (const op of Object.values(item)) {
        const has = !!op.parameters?.some((p) => p.name === 'gemeente' && p.in === 'query');
        assert.equal(has, path.startsWith('/v1/') && path !== '/v1/openapi.json', path);
        if (has) assert.ok(op.responses['404'], `${path}: 404 for an unknown gemeente`);
      }
    }
    assert.ok(feedbackPost.responses['400'].content['application/problem+json']);

    const schemas = doc.components.schemas;
    // Generated from the zod schemas: strict inputs, enums, patterns.
    assert.equal(schemas.FeedbackInput.additionalProperties, false);
    assert.deepEqual(schemas.FeedbackInput.properties.variant.enum, ['page', 'score']);
    assert.ok(schemas.FeedbackInput.required.includes('channel'));
    assert.equal(schemas.CallbackRequestInput.properties.phone.pattern, '^\\+[1-9]\\d{6,14}$');
    assert.ok(schemas.CaseStatus.properties.steps);
    assert.ok(schemas.Problem.properties.errors);
    assert.ok(schemas.GemeenteConfig.properties.openingHours);

    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 10);
    for (const ref of refs) {
      const name = ref.split('/').pop()!.replace('"', '');
      assert.ok(schemas[name], `unresolved ${ref}`);
    }
  });
});
