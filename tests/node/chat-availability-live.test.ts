// Chat availability as the backend reports it: the SDK words GET /v1/chat/availability exactly as
// it words its own computation, tells the panel when to ask again, and the gateway adapter reads
// the real gateway's answer while live hours pass and agents come and go.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoConfig, gatewayAdapter } from '@dichtbij/sdk';
import {
  availabilityFromReport,
  chatAvailability,
  nextAvailabilityCheck,
  type ChatAvailabilityReport,
} from '../../packages/sdk/src/chat-availability.ts';
import { ChatHub } from '../../packages/gateway/src/chat/hub.ts';
import { closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

const report = (a: ReturnType<typeof chatAvailability>): ChatAvailabilityReport => ({
  enabled: a.enabled,
  live: a.live,
  agentsOnline: a.agentsOnline,
  nextLive: a.nextLive ?? null,
});

describe('availabilityFromReport', () => {
  const instants = [
    '2026-05-26T08:29:00+02:00', // before opening: back today
    '2026-05-26T10:00:00+02:00', // open
    '2026-05-26T20:00:00+02:00', // closed: back tomorrow
    '2026-05-29T13:00:00+02:00', // Friday afternoon: back Monday
    '2026-12-24T18:00:00+01:00', // before Kerst: back Monday 28 December
  ];
  for (const iso of instants) {
    for (const agents of [0, 2]) {
      for (const locale of ['nl', 'en'] as const) {
        test(`${iso}, ${agents} agents, ${locale}: the same as computed locally`, () => {
          const at = new Date(iso);
          const local = chatAvailability(demoConfig, at, locale, agents);
          assert.deepEqual(availabilityFromReport(report(local), at, locale), local);
        });
      }
    }
  }

  test('chat off → not available', () => {
    const a = availabilityFromReport({ enabled: false, live: false, agentsOnline: 0, nextLive: null }, new Date());
    assert.equal(a.enabled, false);
    assert.equal(a.text, 'niet beschikbaar');
  });
});

describe('nextAvailabilityCheck', () => {
  const at = new Date('2026-05-26T08:29:58+02:00');
  test('polls every interval; sooner, just after live hours start', () => {
    const closed = chatAvailability(demoConfig, at, 'nl', 1);
    assert.equal(nextAvailabilityCheck(closed, at, 60_000), 3000); // 8:30:00 + 1 s
    assert.equal(nextAvailabilityCheck(closed, new Date('2026-05-26T07:00:00+02:00'), 60_000), 60_000);
    assert.equal(
      nextAvailabilityCheck(chatAvailability(demoConfig, new Date('2026-05-26T10:00:00+02:00')), at),
      60_000,
    );
    assert.equal(nextAvailabilityCheck(undefined, at, 10), 1000, 'never faster than once a second');
  });
});

describe('gatewayAdapter.chat.availability on the real gateway', () => {
  test('follows live hours and agents coming and going', async () => {
    const t = await testGateway();
    try {
      const adapter = gatewayAdapter({
        baseUrl: 'http://gateway.test',
        fetch: (input, init) => Promise.resolve(t.gateway.app.request(new Request(input, init))),
      });
      const chats = ChatHub.for(t.gateway.deps).chats;
      t.clock.set('2026-11-24T08:29:00+01:00');
      assert.deepEqual(await adapter.chat.availability!(), {
        enabled: true,
        live: false,
        agentsOnline: 0,
        nextLive: new Date('2026-11-24T08:30:00+01:00').toISOString(),
      });
      t.clock.set('2026-11-24T08:31:00+01:00');
      assert.equal((await adapter.chat.availability!()).live, false, 'open, but nobody there');
      await chats.setAgentName('agent-1', 'Anna', true);
      assert.deepEqual(await adapter.chat.availability!(), {
        enabled: true,
        live: true,
        agentsOnline: 1,
        nextLive: null,
      });
      t.clock.advance(60_000); // no heartbeat for a minute: gone
      assert.equal((await adapter.chat.availability!()).agentsOnline, 0);
      await chats.heartbeat('agent-1');
      assert.equal((await adapter.chat.availability!()).live, true);
      t.clock.set('2026-11-24T17:00:30+01:00');
      await chats.heartbeat('agent-1');
      const after17 = await adapter.chat.availability!();
      assert.equal(after17.live, false, 'after hours, even with someone there');
      assert.equal(after17.nextLive, new Date('2026-11-25T08:30:00+01:00').toISOString());
    } finally {
      await t.close();
    }
  });
});
