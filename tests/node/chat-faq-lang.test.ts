// A gemeente's FAQ without English (issue 14): the English chat gets the Dutch answer, and the
// stored message says so (`lang: 'nl'`), so the panel marks it as Dutch. Through the gateway's
// chat routes and its store (the migration adds the column).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatMessageSchema } from '@dichtbij/sdk';
import { DEFAULT_FAQ_FILE, loadFaq } from '../../packages/gateway/src/chat/faq.ts';
import { ChatHub } from '../../packages/gateway/src/chat/hub.ts';
import { closeSharedStore, testGateway } from '../support/gateway-harness.ts';

after(closeSharedStore);

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('English chat, Dutch-only topic: the answer in Dutch with lang "nl"; a translated topic has no lang', async () => {
  const faq = loadFaq(fileURLToPath(DEFAULT_FAQ_FILE));
  const [first, ...rest] = faq.topics;
  const dutchOnly = {
    ...faq,
    topics: [
      {
        ...first!,
        title: { nl: first!.title.nl },
        keywords: { nl: first!.keywords.nl },
        questions: { nl: first!.questions.nl },
        answer: { nl: first!.answer.nl },
        links: (first!.links ?? []).map((l) => ({ ...l, title: { nl: l.title.nl } })),
      },
      ...rest,
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'faq-lang-')), 'faq.json');
  writeFileSync(file, JSON.stringify(dutchOnly));
  const t = await testGateway({ chat: { faqFile: file } });
  const session = await (await t.request('/v1/chat/sessions', post({ locale: 'en' }))).json();
  for (const [text, clientId] of [
    [first!.title.nl, 'client-lang-1'],
    [rest[0]!.title.en!, 'client-lang-2'],
  ] as const) {
    const res = await t.request(`/v1/chat/sessions/${session.id}/messages`, post({ text, clientId }));
    assert.equal(res.status, 201);
  }
  const messages = (await ChatHub.for(t.gateway.deps).chats.transcript(session.id)).map((m) =>
    ChatMessageSchema.parse(m),
  );
  const answers = messages.filter((m) => m.from === 'bot').slice(1); // after the greeting
  assert.equal(answers.length, 2);
  assert.equal(answers[0]!.lang, 'nl');
  assert.equal(answers[0]!.text.slice(0, 15), first!.answer.nl.slice(0, 15));
  assert.equal(answers[1]!.lang, undefined);
  assert.equal(answers[1]!.text.slice(0, 15), rest[0]!.answer.en!.slice(0, 15));
});
