// The chat bot per gemeente (issue 12 item 5): in a gateway for Druten and Wijchen, Wijchen has its
// own knowledge file (GEMEENTE_CONFIG's `faq`, relative to the configuration file); its chats are
// answered from it, with Wijchen's phone number; Druten's from the default file. A wrong `faq`
// entry or knowledge file stops the gateway at start, naming it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@dichtbij/gateway';
import { demoConfig } from '@dichtbij/sdk';
import { optionsFromEnv } from '../../packages/gateway/src/env.ts';
import { parseTenants, type MultiGemeenteConfig } from '../../packages/gateway/src/tenants.ts';
import { closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);
const dir = mkdtempSync(join(tmpdir(), 'dichtbij-faq-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const wijchenFaq = {
  version: 1,
  topics: [
    {
      id: 'kermis',
      title: { nl: 'Kermis', en: 'Funfair' },
      keywords: { nl: ['kermis', 'kermisweek'], en: ['funfair', 'fair'] },
      questions: { nl: ['Wanneer is de kermis?'], en: ['When is the funfair?'] },
      answer: {
        nl: 'De kermis in Wijchen is in september. Bel {phone}.',
        en: 'The Wijchen funfair is in September. Call {phone}.',
      },
    },
  ],
};

const config = {
  gemeenten: {
    druten: { ...demoConfig, name: 'Gemeente Druten', phone: '14 0487' },
    wijchen: { ...demoConfig, name: 'Gemeente Wijchen', phone: '14 024' },
  },
  faq: { wijchen: 'faq-wijchen.json' },
};

describe('the chat bot per gemeente', () => {
  test('each gemeente’s chats are answered from its own knowledge file, with its own phone number', async () => {
    writeFileSync(join(dir, 'faq-wijchen.json'), JSON.stringify(wijchenFaq));
    writeFileSync(join(dir, 'gemeenten.json'), JSON.stringify(config));
    const options = await optionsFromEnv({ GEMEENTE_CONFIG: join(dir, 'gemeenten.json') }, silentLogger);
    assert.equal((options.config as MultiGemeenteConfig).faq!.wijchen, join(dir, 'faq-wijchen.json'));
    const t = await testGateway({ config: options.config!, cdnDir: false });
    try {
      const ask = async (gemeente: string, text: string) => {
        const start = await t.request(`/v1/chat/sessions?gemeente=${gemeente}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locale: 'nl' }),
        });
        assert.equal(start.status, 201);
        const { id } = (await start.json()) as { id: string };
        const sent = await t.request(`/v1/chat/sessions/${id}/messages?gemeente=${gemeente}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, clientId: `c-${gemeente}-${text.length}` }),
        });
        assert.equal(sent.status, 201);
        const rows = await t.store.db.query<{ text: string }>(
          "SELECT text FROM chat_messages WHERE session_id = $1 AND sender = 'bot' ORDER BY seq",
          [id],
        );
        return rows.map((r) => r.text);
      };
      // The topic's title, as its quick reply sends it.
      const wijchen = await ask('wijchen', 'Kermis');
      assert.equal(wijchen.at(-1), 'De kermis in Wijchen is in september. Bel 14 024.');
      const druten = await ask('druten', 'Kermis');
      assert.doesNotMatch(druten.at(-1)!, /kermis/, 'Druten’s bot does not know Wijchen’s topic');
      // Druten keeps the default knowledge file, with its own phone number where an answer has one.
      const passport = await ask('druten', 'Hoe vraag ik een paspoort aan?');
      assert.match(passport.at(-1)!, /paspoort/i);
      assert.doesNotMatch((await ask('wijchen', 'Hoe vraag ik een paspoort aan?')).at(-1)!, /afspraak/);
    } finally {
      await t.close();
    }
  });

  test('a `faq` entry for an unknown gemeente, or a broken knowledge file, stops the start naming it', async () => {
    await assert.rejects(parseTenants({ ...config, faq: { nijmegen: 'x.json' } }), /at: faq\.nijmegen/);
    await assert.rejects(parseTenants({ ...config, faq: { wijchen: '' } }), /at: faq\.wijchen/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ version: 1, topics: [] }));
    await assert.rejects(
      testGateway({ config: { ...config, faq: { wijchen: broken } }, cdnDir: false }),
      /knowledge file .*broken\.json is invalid/,
    );
  });
});
