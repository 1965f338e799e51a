// Background jobs: the retention job (injected clock) and filing callback requests with a sink
// (Klantinteracties) with retry and backoff when it fails or answers garbage.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallbackReceiptSchema } from '@dichtbij/sdk';
import { createGateway, type CallbackRecord, type CallbackSink } from '@dichtbij/gateway';
import { connectorsFromEnv, optionalFactory } from '../../packages/gateway/src/connectors/index.ts';
import {
  callbackBody,
  captureLogger,
  closeSharedStore,
  feedbackBody,
  NO_LIMITS,
  sharedStore,
  testGateway,
} from '../support/gateway-harness.ts';

after(closeSharedStore);
const DAY = 86_400_000;

describe('retention', () => {
  test('erases callback phone numbers, names, questions, context and feedback texts after RETENTION_DAYS', async () => {
    const t = await testGateway({ retentionDays: 30 });
    const receipt = CallbackReceiptSchema.parse(
      await (
        await t.post(
          '/v1/callback-requests',
          callbackBody({ context: { source: 'chat', summary: 'Gesprek over paspoort' } }),
        )
      ).json(),
    );
    await t.post('/v1/feedback', feedbackBody({ useful: false, comment: 'Mijn naam is Piet' }));
    await t.post(
      '/v1/feedback',
      feedbackBody({ variant: 'score', score: 9, callbackPhone: '+31612345678', comment: 'Top' }),
    );

    t.clock.advance(29 * DAY);
    const early = await t.gateway.retention.run();
    assert.equal(early.callbacks, 0);
    assert.equal(early.feedback, 0);
    // Something newer that must survive the next run.
    await t.post('/v1/feedback', feedbackBody({ comment: 'Nieuw' }));

    t.clock.advance(2 * DAY);
    const result = await t.gateway.retention.run();
    assert.equal(result.callbacks, 1);
    assert.equal(result.feedback, 2);
    assert.ok(result.idempotencyKeys >= 3);

    const [callback] = await t.store.listCallbacks();
    assert.equal(callback!.reference, receipt.reference, 'the request itself stays (statistics, status)');
    assert.equal(callback!.phone, null);
    assert.equal(callback!.name, null);
    assert.equal(callback!.question, null);
    assert.equal(callback!.context, null);
    assert.equal(callback!.topicLabel, 'Paspoort of ID-kaart');
    assert.ok(callback!.redactedAt);

    const feedback = await t.store.recentFeedback(10);
    const byComment = feedback.map((f) => f.comment);
    assert.deepEqual(byComment, ['Nieuw', null, null]);
    assert.equal(feedback.find((f) => f.score === 9)!.callbackPhone, null);
    assert.equal(feedback.find((f) => f.score === 9)!.score, 9, 'scores stay for the dashboard');

    const again = await t.gateway.retention.run();
    assert.equal(again.callbacks + again.feedback, 0, 'idempotent');
  });

  test('a shorter period from the options; the job runs on start', async () => {
    const { store, clock } = await sharedStore();
    await store.reset();
    const first = await testGateway({ retentionDays: 7 });
    await first.post('/v1/callback-requests', callbackBody());
    clock.advance(8 * DAY);
    const logger = captureLogger();
    const g = await createGateway({ store, clock, logger, retentionDays: 7, limits: NO_LIMITS }); // jobs on
    try {
      await g.retention.idle();
      const [row] = await store.listCallbacks();
      assert.equal(row!.phone, null);
      assert.ok(logger.lines.some((l) => l.event === 'retention.run' && l.fields.callbacks === 1));
    } finally {
      await g.close();
    }
  });

  test('RETENTION_DAYS must be at least 1', async () => {
    await assert.rejects(testGateway({ retentionDays: 0 }), /RETENTION_DAYS/);
  });
});

function fakeSink(behaviour: (r: CallbackRecord, attempt: number) => Promise<unknown>) {
  const calls: CallbackRecord[] = [];
  const sink: CallbackSink = {
    name: 'klantinteracties',
    file: async (r) => {
      calls.push(r);
      return (await behaviour(r, calls.length)) as { externalId: string };
    },
  };
  return { sink, calls };
}

describe('callback sink', () => {
  test('a working sink gets the full request and its id is kept', async () => {
    const { sink, calls } = fakeSink(async () => ({ externalId: 'a1b2c3d4-interne-taak' }));
    const t = await testGateway({ callbackSink: sink });
    const res = await t.post('/v1/callback-requests', callbackBody({ context: { source: 'page', topic: 'Paspoort' } }));
    assert.equal(res.status, 201);
    const receipt = await res.json();
    await t.gateway.callbackSync!.idle();
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.reference, receipt.reference);
    assert.equal(calls[0]!.phone, '+31612345678');
    assert.equal(calls[0]!.topicLabel, 'Paspoort of ID-kaart');
    assert.deepEqual(calls[0]!.expected, receipt.expected);
    const [row] = await t.store.listCallbacks();
    assert.equal(row!.syncStatus, 'synced');
    assert.equal(row!.syncExternalId, 'a1b2c3d4-interne-taak');
    assert.equal(row!.syncTarget, 'klantinteracties');
  });

  test('sink down: the resident still gets a reference; sync_failed; retried with backoff until it works', async () => {
    const { sink, calls } = fakeSink(async (_r, attempt) => {
      if (attempt < 3) throw new Error('connect ECONNREFUSED 10.1.2.3:443 (+31612345678)');
      return { externalId: 'taak-42' };
    });
    const t = await testGateway({ callbackSink: sink, sync: { baseDelayMs: 30_000, maxDelayMs: 3_600_000 } });
    const res = await t.post('/v1/callback-requests', callbackBody());
    assert.equal(res.status, 201);
    CallbackReceiptSchema.parse(await res.json());
    await t.gateway.callbackSync!.idle();
    let [row] = await t.store.listCallbacks();
    assert.equal(row!.syncStatus, 'sync_failed');
    assert.equal(row!.syncAttempts, 1);
    assert.equal(row!.syncNextAt!.getTime(), t.clock.now().getTime() + 30_000);
    assert.match(row!.syncError!, /ECONNREFUSED/);

    assert.deepEqual(await t.gateway.callbackSync!.runDue(), { synced: 0, failed: 0 }, 'not due yet');
    t.clock.advance(30_000);
    assert.deepEqual(await t.gateway.callbackSync!.runDue(), { synced: 0, failed: 1 });
    [row] = await t.store.listCallbacks();
    assert.equal(row!.syncAttempts, 2);
    assert.equal(row!.syncNextAt!.getTime(), t.clock.now().getTime() + 60_000, 'the delay doubles');
    t.clock.advance(60_000);
    assert.deepEqual(await t.gateway.callbackSync!.runDue(), { synced: 1, failed: 0 });
    [row] = await t.store.listCallbacks();
    assert.equal(row!.syncStatus, 'synced');
    assert.equal(row!.syncExternalId, 'taak-42');
    assert.equal(calls.length, 3);
    const logText = t.logger.text();
    assert.ok(
      !logText.includes('ECONNREFUSED') && !logText.includes('612345678'),
      'sink errors are not logged verbatim',
    );
    assert.ok(t.logger.lines.some((l) => l.event === 'callback.sync_failed' && l.fields.attempts === 1));
  });

  test('garbage answers and hanging sinks count as failures', async () => {
    for (const answer of [undefined, {}, { externalId: '' }, { externalId: 42 }, 'ok', { id: 'x' }]) {
      const { sink } = fakeSink(async () => answer);
      const t = await testGateway({ callbackSink: sink });
      assert.equal((await t.post('/v1/callback-requests', callbackBody())).status, 201);
      await t.gateway.callbackSync!.idle();
      const [row] = await t.store.listCallbacks();
      assert.equal(row!.syncStatus, 'sync_failed', JSON.stringify(answer));
      assert.match(row!.syncError!, /invalid answer/);
    }
    const { sink } = fakeSink(() => new Promise(() => undefined));
    const t = await testGateway({ callbackSink: sink, sync: { timeoutMs: 50 } });
    assert.equal((await t.post('/v1/callback-requests', callbackBody())).status, 201);
    await t.gateway.callbackSync!.idle();
    const [row] = await t.store.listCallbacks();
    assert.equal(row!.syncStatus, 'sync_failed');
    assert.equal(row!.syncError, 'timeout');
  });

  test('without a sink requests stay local', async () => {
    const t = await testGateway();
    await t.post('/v1/callback-requests', callbackBody());
    assert.equal(t.gateway.callbackSync, undefined);
    assert.equal((await t.store.listCallbacks())[0]!.syncStatus, 'local');
  });
});

describe('connectors from env', () => {
  test('a connector module that does not exist is simply absent; empty env configures nothing', async () => {
    assert.equal(await optionalFactory('./does-not-exist.ts', 'whatever'), undefined);
    const connectors = await connectorsFromEnv({}, { logger: captureLogger() });
    assert.equal(connectors.callbackSink, undefined);
    assert.equal(connectors.caseSource, undefined);
  });
});
