// The SDK's chat logic: transcript merge without loss or doubles, resume point, texts for the
// resident (transcript) and for a hand-off (summary, topic), availability, storage, links.
import assert from 'node:assert/strict';
import test from 'node:test';
import { chatAvailability } from '../../packages/sdk/src/chat-availability.ts';
import {
  chatSummary,
  chatQuestion,
  chatTopic,
  handoffNote,
  speaker,
  transcriptText,
  withoutBsn,
} from '../../packages/sdk/src/chat-text.ts';
import {
  CHAT_STORAGE_KEY,
  chatHandoffContext,
  clearStoredChat,
  contiguousSeq,
  linkParts,
  loadStoredChat,
  mergeMessages,
  newChatClientId,
  safeHttpUrl,
  saveStoredChat,
  type StoredChat,
} from '../../packages/sdk/src/chat.ts';
import {
  ChatMessageInputSchema,
  ChatStartInputSchema,
  demoConfig,
  type ChatMessage,
  type GemeenteConfig,
} from '@dichtbij/sdk';

const msg = (seq: number, from: ChatMessage['from'], text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  seq,
  from,
  text,
  at: new Date(Date.UTC(2026, 4, 26, 12, seq)).toISOString(),
  ...extra,
});

class FakeStorage {
  map = new Map<string, string>();
  failWrites = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

test('mergeMessages: ordered by seq, each once, whatever the arrival order and repeats', () => {
  const a = msg(0, 'bot', 'Hallo');
  const b = msg(1, 'resident', 'paspoort', { clientId: 'cabcdefgh1' });
  const c = msg(2, 'bot', 'Antwoord');
  let list = mergeMessages([], [c]);
  list = mergeMessages(list, [a, c, a]);
  list = mergeMessages(list, [b, b]);
  assert.deepEqual(
    list.map((m) => m.seq),
    [0, 1, 2],
  );
  // nothing new: same array back (no needless re-render)
  assert.equal(mergeMessages(list, [a, b, c]), list);
  // same id with another seq is still a double
  assert.equal(mergeMessages(list, [{ ...a, seq: 9 }]).length, 3);
});

test('contiguousSeq: resume point never skips a message that has not arrived', () => {
  assert.equal(contiguousSeq([]), -1);
  assert.equal(contiguousSeq([msg(0, 'bot', 'a'), msg(1, 'resident', 'b')]), 1);
  // seq 2 is missing (the send answer 3 arrived before the bot's 2 on the stream)
  assert.equal(contiguousSeq([msg(0, 'bot', 'a'), msg(1, 'resident', 'b'), msg(3, 'resident', 'd')]), 1);
});

test('newChatClientId matches the message input schema and is unique', () => {
  const ids = new Set(Array.from({ length: 200 }, () => newChatClientId()));
  assert.equal(ids.size, 200);
  for (const clientId of ids) assert.ok(ChatMessageInputSchema.safeParse({ text: 'x', clientId }).success);
});

test('transcriptText: heading, Amsterdam times, speakers, links, multi-line text', () => {
  const messages = [
    msg(0, 'bot', 'Hallo! Wat is uw vraag?'),
    msg(1, 'resident', 'Hoe vraag ik\neen paspoort aan?'),
    msg(2, 'bot', 'U maakt een afspraak.', {
      links: [{ title: 'Paspoort aanvragen', url: 'https://www.example.nl/paspoort' }],
    }),
    msg(3, 'agent', 'Ik help u verder.', { agentName: 'Anna' }),
  ];
  const text = transcriptText(messages, { gemeente: 'Gemeente West Betuwe', at: new Date('2026-05-26T12:10:00Z') });
  assert.match(text, /^Chat met Gemeente West Betuwe\nOpgeslagen op dinsdag 26 mei 2026 om 14:10\n/);
  assert.match(text, /— dinsdag 26 mei —/);
  assert.match(text, /\n14:00 Chatbot: Hallo! Wat is uw vraag\?\n/);
  assert.match(text, /\n14:01 U: Hoe vraag ik\n {4}een paspoort aan\?\n/);
  assert.match(text, /\n {4}Paspoort aanvragen: https:\/\/www\.example\.nl\/paspoort\n/);
  assert.match(text, /\n14:03 Anna \(medewerker\): Ik help u verder\.\n/);
  const en = transcriptText(messages, { locale: 'en', at: new Date('2026-05-26T12:10:00Z') });
  assert.match(en, /^Chat with the municipality\nSaved on Tuesday 26 May 2026 at 14:10/);
  assert.match(en, /14:01 You: /);
  assert.equal(speaker({ from: 'agent' }, 'en'), 'Staff member');
});

test('chatSummary: questions in own words, BSN removed, bot links, agents, bounded length', () => {
  const messages = [
    msg(0, 'bot', 'Hallo'),
    msg(1, 'resident', 'Mijn BSN is 111222333, hoe verhuis ik?'),
    msg(2, 'bot', 'Geef uw verhuizing door.', {
      links: [{ title: 'Verhuizing doorgeven', url: 'https://www.example.nl/verhuizen' }],
    }),
    msg(3, 'resident', 'En mijn   parkeervergunning?'),
  ];
  const summary = chatSummary(messages);
  assert.equal(
    summary,
    'Vragen in de chat: "Mijn BSN is [BSN verwijderd], hoe verhuis ik?"; "En mijn parkeervergunning?". De chatbot wees op: Verhuizing doorgeven.',
  );
  assert.doesNotMatch(summary, /111222333/);
  const long = Array.from({ length: 40 }, (_, i) => msg(i, 'resident', 'x'.repeat(300)));
  const clipped = chatSummary(long, 'nl', 2000);
  assert.ok(clipped.length <= 2000);
  assert.ok(clipped.endsWith('…'));
  assert.equal(chatSummary([msg(0, 'bot', 'Hallo')], 'en'), 'No question was typed in the chat.');
  assert.match(chatSummary([msg(0, 'agent', 'Hoi', { agentName: 'Anna' })]), /Gesproken met: Anna\./);
});

test('withoutBsn: only 9-digit numbers passing the 11-proef, in any notation', () => {
  assert.equal(withoutBsn('BSN 111222333 en 111.222.333'), 'BSN [BSN verwijderd] en [BSN verwijderd]');
  assert.equal(withoutBsn('nummer 123456789, tel 0612345678'), 'nummer 123456789, tel 0612345678');
  assert.equal(withoutBsn('zaak Z-2026-0142'), 'zaak Z-2026-0142');
});

test('chatTopic: only the page topic (at most 120 characters); the first question is no topic', () => {
  const messages = [msg(0, 'bot', 'Hallo'), msg(1, 'resident', 'Afval ophalen '.repeat(20))];
  assert.equal(chatTopic(messages, '  Verhuizen '), 'Verhuizen');
  assert.equal(chatTopic(messages, 'x'.repeat(200))!.length <= 120, true);
  assert.equal(chatTopic(messages), undefined);
  assert.equal(chatTopic(messages, '  '), undefined);
});

test('chatQuestion: the resident\'s words for "Uw vraag", BSN removed, without "Praat met een medewerker", ≤ 300', () => {
  const messages = [
    msg(0, 'bot', 'Hallo'),
    msg(1, 'resident', 'Wanneer wordt de groene bak geleegd?'),
    msg(2, 'bot', 'Kijk in de afvalkalender.'),
    msg(3, 'resident', 'Mijn BSN is 111222333, de bak is niet geleegd'),
    msg(4, 'resident', 'Praat met een medewerker'),
  ];
  assert.equal(
    chatQuestion(messages),
    'Wanneer wordt de groene bak geleegd? Mijn BSN is [BSN verwijderd], de bak is niet geleegd',
  );
  assert.ok(chatQuestion([msg(0, 'resident', 'vraag '.repeat(100))])!.length <= 300);
  assert.equal(chatQuestion([msg(0, 'bot', 'Hallo'), msg(1, 'resident', 'Talk to a staff member')]), undefined);
  assert.equal(chatQuestion([]), undefined);
});

test('chatAvailability: live, no staff, closed (tomorrow / after a weekend), disabled, liveHours', () => {
  const config: GemeenteConfig = { ...demoConfig, chat: { enabled: true, agentsOnline: 2 } };
  // Tuesday 26 May 2026 10:00 Amsterdam (08:00Z)
  const tue10 = new Date('2026-05-26T08:00:00Z');
  assert.deepEqual(chatAvailability(config, tue10), {
    enabled: true,
    live: true,
    withinHours: true,
    agentsOnline: 2,
    text: 'medewerkers nu online',
  });
  assert.equal(chatAvailability(config, tue10, 'en').text, 'staff online now');
  const none = chatAvailability(config, tue10, 'nl', 0);
  assert.equal(none.live, false);
  assert.equal(none.text, 'chatbot, nu geen medewerkers online');
  // Tuesday 20:00 → Wednesday 8:30
  const evening = chatAvailability(config, new Date('2026-05-26T18:00:00Z'));
  assert.equal(evening.text, 'chatbot, medewerkers weer morgen vanaf 8:30');
  assert.equal(evening.nextLive, '2026-05-27T06:30:00.000Z');
  assert.equal(evening.back, 'morgen vanaf 8:30');
  assert.equal(
    chatAvailability(config, new Date('2026-05-26T18:00:00Z'), 'en').text,
    'chatbot, staff back tomorrow from 8:30',
  );
  // Saturday → Monday 1 June
  assert.equal(
    chatAvailability(config, new Date('2026-05-30T10:00:00Z')).text,
    'chatbot, medewerkers weer maandag 1 juni vanaf 8:30',
  );
  // early morning → today
  assert.equal(
    chatAvailability(config, new Date('2026-05-26T04:00:00Z')).text,
    'chatbot, medewerkers weer vandaag vanaf 8:30',
  );
  // live hours differ from the office hours
  const late = chatAvailability(
    { ...config, chat: { enabled: true, agentsOnline: 1, liveHours: { weekly: { tue: [['19:00', '21:00']] } } } },
    new Date('2026-05-26T18:00:00Z'),
  );
  assert.equal(late.live, true);
  assert.equal(chatAvailability({ ...config, chat: { enabled: false } }, tue10).live, false);
});

test('stored chat: round trip, other backend ignored, hostile or corrupt data ignored, full storage tolerated', () => {
  const storage = new FakeStorage();
  const chat: StoredChat = {
    v: 1,
    backend: 'gateway:http://127.0.0.1:1',
    sessionId: 'chat-1',
    session: { id: 'chat-1', state: 'bot' },
    messages: [msg(0, 'bot', 'Hallo')],
    pending: [{ clientId: 'cabcdefgh1', text: 'nog niet verstuurd', at: '2026-05-26T12:00:00Z' }],
    open: true,
    unread: 0,
  };
  assert.equal(loadStoredChat(storage), undefined);
  assert.ok(saveStoredChat(storage, chat));
  assert.deepEqual(loadStoredChat(storage, chat.backend), chat);
  assert.equal(loadStoredChat(storage, 'memory'), undefined);
  storage.map.set(CHAT_STORAGE_KEY, '{not json');
  assert.equal(loadStoredChat(storage), undefined);
  storage.map.set(CHAT_STORAGE_KEY, JSON.stringify({ ...chat, messages: [{ ...chat.messages[0], seq: -1 }] }));
  assert.equal(loadStoredChat(storage), undefined);
  // many messages: only the newest are kept
  const many = Array.from({ length: 260 }, (_, i) => msg(i, 'resident', `v${i}`));
  assert.ok(saveStoredChat(storage, { ...chat, messages: many }));
  const back = loadStoredChat(storage)!;
  assert.equal(back.messages.length, 200);
  assert.equal(back.messages[0]!.seq, 60);
  storage.failWrites = true;
  assert.equal(saveStoredChat(storage, chat), false);
  clearStoredChat(storage);
  assert.equal(storage.map.size, 0);
  assert.equal(saveStoredChat(undefined, chat), false);
  // the hand-off the chat started with comes along; a hostile one makes the record unreadable
  const withContext = { ...chat, context: { source: 'feedback' as const, topic: 'Afval', summary: 'Niet nuttig.' } };
  storage.failWrites = false;
  assert.ok(saveStoredChat(storage, withContext));
  assert.deepEqual(loadStoredChat(storage)!.context, withContext.context);
  storage.map.set(CHAT_STORAGE_KEY, JSON.stringify({ ...chat, context: 'Afval' }));
  assert.equal(loadStoredChat(storage), undefined);
});

test('chatHandoffContext: a page event detail becomes a valid ChatStartInput.context, or nothing', () => {
  const detail = {
    to: 'chat',
    source: 'feedback',
    topic: `  ${'t'.repeat(200)} `,
    summary: 's'.repeat(3000),
    caseReference: 'ZAAK-1',
    caseTitle: '',
    page: { url: 'https://www.gemeente.nl/afval', title: 'Afval', extra: 1 },
    onclick: 'alert(1)',
  };
  const context = chatHandoffContext(detail)!;
  assert.deepEqual(Object.keys(context).sort(), ['caseReference', 'page', 'source', 'summary', 'topic']);
  assert.equal(context.topic!.length, 120);
  assert.equal(context.summary!.length, 2000);
  assert.deepEqual(context.page, { url: 'https://www.gemeente.nl/afval', title: 'Afval' });
  assert.ok(ChatStartInputSchema.safeParse({ locale: 'nl', context }).success, 'the gateway accepts it');
  assert.equal(ChatStartInputSchema.safeParse({ locale: 'nl', context: detail }).success, false, 'the raw detail not');
  assert.deepEqual(chatHandoffContext({ source: 'elsewhere', page: { url: 'javascript:alert(1)' } }), undefined);
  assert.equal(chatHandoffContext(null), undefined);
  assert.equal(chatHandoffContext('chat'), undefined);
  assert.deepEqual(chatHandoffContext({ to: 'chat', source: 'status-tracker' }), { source: 'status-tracker' });
});

test('handoffNote and chatSummary with the hand-off: where from, topic, case, what is known; BSN removed', () => {
  const context = {
    source: 'feedback' as const,
    page: { url: 'https://www.gemeente.nl/afval', title: 'Afval' },
    topic: 'Afval',
    summary: 'De informatie was niet nuttig. Mijn BSN is 111222333.',
  };
  assert.equal(
    handoffNote(context),
    'Doorgestuurd vanuit de feedback op de pagina "Afval". Onderwerp: Afval. Wat al bekend is: De informatie was niet nuttig. Mijn BSN is [BSN verwijderd].',
  );
  assert.equal(
    handoffNote({ source: 'status-tracker', caseReference: 'Z-1', caseTitle: 'Kapvergunning' }, 'en'),
    'Passed on from the status of a case. Case: Z-1 – Kapvergunning.',
  );
  assert.equal(
    handoffNote({ page: { url: 'https://www.gemeente.nl/x' } }),
    'Doorgestuurd vanaf de pagina "https://www.gemeente.nl/x".',
  );
  assert.equal(handoffNote(undefined), '');
  assert.equal(handoffNote({}), '');
  const messages = [msg(0, 'system', handoffNote(context)), msg(1, 'bot', 'Hallo'), msg(2, 'resident', 'Wanneer?')];
  const summary = chatSummary(messages, 'nl', 2000, context);
  assert.ok(summary.startsWith('Doorgestuurd vanuit de feedback'), summary);
  assert.match(summary, /Vragen in de chat: "Wanneer\?"\./);
  assert.ok(!summary.includes('111222333'));
  assert.ok(chatSummary(messages, 'nl', 300, { ...context, summary: 'x'.repeat(5000) }).length <= 300);
  assert.equal(chatSummary(messages), 'Vragen in de chat: "Wanneer?".', 'without the context: as before');
});

test('linkParts: only http(s) links, trailing punctuation stays text, hostile schemes stay text', () => {
  assert.deepEqual(linkParts('Kijk op https://www.example.nl/afval. Of bel.'), [
    { kind: 'text', text: 'Kijk op ' },
    { kind: 'link', text: 'https://www.example.nl/afval', href: 'https://www.example.nl/afval' },
    { kind: 'text', text: '. Of bel.' },
  ]);
  const hostile = 'javascript:alert(1) data:text/html,<b>x</b> <a href="https://evil.example">x</a>';
  const parts = linkParts(hostile);
  assert.ok(parts.every((p) => p.kind === 'text' || /^https:\/\/evil\.example\/?$/.test(p.href)));
  assert.equal(parts.map((p) => p.text).join(''), hostile);
  assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
  assert.equal(safeHttpUrl('HTTPS://Example.nl/x'), 'https://example.nl/x');
  assert.deepEqual(linkParts(''), []);
});
