// The FAQ bot: real questions find the right topic (or a choice between close ones), off-topic
// or vague questions get "I do not know" and a person — never an invented answer. Every reply
// text is one of the knowledge file's answers or the bot's fixed copy. The knowledge file is
// valid, B1-sized, has ~30 topics and only http(s) links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaqBot, loadFaq, processTerm, TALK_TO_AGENT, DEFAULT_FAQ_FILE } from '../../packages/gateway/src/chat/faq.ts';

const bot = FaqBot.fromFile();
const ctx = { phone: '14 0345', openingHours: 'Nu open tot 17:00', gemeente: 'Gemeente West Betuwe' };

const ANSWERS: [string, string][] = [
  ['paspoort', 'paspoort-id'],
  ['mijn id kaart is verlopen', 'paspoort-id'],
  ['Ik ben mijn paspoort kwijt', 'paspoort-kwijt'],
  ['portemonnee gestolen met id-kaart', 'paspoort-kwijt'],
  ['rijbewijs verlengen', 'rijbewijs'],
  ['Ik ga verhuizen', 'verhuizen'],
  ['nieuw adres doorgeven', 'verhuizen'],
  ['verhuizing', 'verhuizen'],
  ['wanneer wordt het afval opgehaald', 'afval-ophalen'],
  ['mijn kliko is niet geleegd', 'afval-ophalen'],
  ['oude bank weggooien', 'grofvuil'],
  ['waar kan ik verf wegbrengen', 'milieustraat'],
  ['deksel container kapot', 'container'],
  ['parkeervergunning aanvragen', 'parkeervergunning'],
  ['parkeren voor bezoek', 'parkeervergunning'],
  ['ik heb hulp nodig in het huishouden', 'wmo'],
  ['traplift', 'wmo'],
  ['bijstand aanvragen', 'bijstand'],
  ['ik heb schulden', 'schuldhulp'],
  ['dakkapel vergunning', 'omgevingsvergunning'],
  ['mag ik een boom kappen', 'kapvergunning'],
  ['klacht indienen', 'klacht'],
  ['ik wil klagen over een medewerker', 'klacht'],
  ['bezwaar maken', 'bezwaar'],
  ['openingstijden', 'openingstijden'],
  ['wat is jullie telefoonnummer', 'openingstijden'],
  ['afspraak maken', 'afspraak'],
  ['lantaarnpaal kapot', 'melding-openbare-ruimte'],
  ['aanslag gemeentelijke belastingen betalen', 'belastingen'],
  ['kwijtschelding', 'kwijtschelding'],
  ['woz waarde te hoog', 'woz'],
  ['uittreksel brp', 'uittreksel-brp'],
  ['geboorte aangeven', 'geboorte'],
  ['wij willen trouwen', 'trouwen'],
  ['mijn vader is overleden', 'overlijden'],
  ['vog aanvragen', 'vog'],
  ['hondenbelasting', 'hond'],
  ['buurtfeest organiseren', 'evenement'],
  ['zorgen om mijn kind', 'jeugdhulp'],
  ['hoe staat mijn aanvraag ervoor', 'status-aanvraag'],
  // compound words and typos
  ['paspoortaanvraag', 'paspoort-id'],
  ['pasport aanvragen', 'paspoort-id'],
  ['Verhuizng doorgeven', 'verhuizen'],
];
const ANSWERS_EN: [string, string][] = [
  ['How do I apply for a passport?', 'paspoort-id'],
  ['I am moving house', 'verhuizen'],
  ['when is my rubbish collected', 'afval-ophalen'],
  ['parking permit', 'parkeervergunning'],
];
const CHOICES: [string, string][] = [
  // "vergunning" alone: which permit? The bot asks rather than guesses.
  ['vergunning', 'omgevingsvergunning'],
  ['belasting', 'belastingen'],
];
const UNKNOWN = [
  'Wat is de hoofdstad van Frankrijk?',
  'Ik wil een pizza bestellen',
  'asdfgh qwerty',
  'Wat vind je van het weer vandaag?',
  'hoe laat begint de voetbalwedstrijd',
  'hallo',
  'aanvragen',
  'Kan ik een huurtoeslag krijgen van de belastingdienst?',
  '?',
  '',
  'de het een',
];

test('questions residents ask find the right topic, with its links and a person offered', () => {
  for (const [question, topic] of ANSWERS) {
    const reply = bot.answer(question, 'nl', ctx);
    assert.equal(reply.kind, 'answer', `${question} → ${reply.kind}`);
    if (reply.kind !== 'answer') continue;
    assert.equal(reply.topic.id, topic, question);
    assert.deepEqual(reply.quickReplies, [TALK_TO_AGENT.nl]);
    assert.ok(reply.links.length >= 1);
    assert.ok(reply.confidence > 0 && reply.confidence <= 1);
  }
  for (const [question, topic] of ANSWERS_EN) {
    const reply = bot.answer(question, 'en', ctx);
    assert.equal(reply.kind === 'answer' ? reply.topic.id : reply.kind, topic, question);
  }
});

test('when two topics match about equally, the bot asks which one (as quick replies) instead of guessing', () => {
  for (const [question, expected] of CHOICES) {
    const reply = bot.answer(question, 'nl', ctx);
    assert.equal(reply.kind, 'choose', question);
    if (reply.kind !== 'choose') continue;
    assert.ok(reply.topics.some((t) => t.id === expected));
    assert.match(reply.text, /niet zeker wat u bedoelt/);
    assert.equal(reply.quickReplies.at(-1), TALK_TO_AGENT.nl);
    // picking a topic title answers that topic for certain
    const picked = bot.answer(reply.quickReplies[0]!, 'nl', ctx);
    assert.equal(picked.kind, 'answer');
    assert.equal(picked.kind === 'answer' && picked.confidence, 1);
  }
});

test('below the confidence threshold the bot says it does not know and offers a person', () => {
  for (const question of [...UNKNOWN]) {
    const reply = bot.answer(question, 'nl', ctx);
    assert.equal(
      reply.kind,
      'unknown',
      `${JSON.stringify(question)} → ${reply.kind === 'answer' ? reply.topic.id : reply.kind}`,
    );
    assert.deepEqual(reply.quickReplies, [TALK_TO_AGENT.nl]);
    assert.ok(reply.confidence < 0.5);
  }
  assert.equal(bot.answer('Who won the world cup?', 'en', ctx).kind, 'unknown');
  // a stricter threshold turns weak matches into "I do not know"
  const strict = new FaqBot(bot.faq, { minScore: 1000 });
  assert.equal(strict.answer('rijbewijs verlengen', 'nl', ctx).kind, 'unknown');
});

test('the bot never invents: every reply text is a knowledge-file answer or its fixed copy', () => {
  const answers = new Set(bot.faq.topics.flatMap((t) => [t.answer.nl, t.answer.en]));
  const questions = [...ANSWERS, ...CHOICES]
    .map(([q]) => q)
    .concat(UNKNOWN, ['bel mij', 'ik wil een nieuw paspoort en verhuizen']);
  for (const q of questions) {
    const reply = bot.answer(q, 'nl', ctx);
    if (reply.kind === 'answer') {
      const template = reply.topic.answer.nl;
      assert.ok(answers.has(template));
      assert.equal(
        reply.text,
        template.replaceAll('{phone}', ctx.phone).replaceAll('{openingHours}', ctx.openingHours),
      );
      for (const link of reply.links) assert.ok(reply.topic.links!.some((l) => l.url === link.url));
    } else {
      assert.ok(reply.text.length < 200);
      assert.equal('links' in reply, false);
    }
  }
});

test('the knowledge file: ~30 topics, both languages, B1-sized answers, http(s) links, unique ids; a bad file is refused', () => {
  const faq = loadFaq(fileURLToPath(DEFAULT_FAQ_FILE));
  assert.ok(faq.topics.length >= 30, `${faq.topics.length} topics`);
  for (const t of faq.topics) {
    for (const locale of ['nl', 'en'] as const) {
      // The default file is complete in both languages (a gemeente's own file may leave English out).
      assert.ok(t.answer[locale] && t.keywords[locale], `${t.id}: ${locale}`);
      const sentences = t.answer[locale]!.split(/(?<=[.?!])\s+/);
      assert.ok(sentences.length <= 6, `${t.id}: at most 6 sentences`);
      // B1: short sentences (a rough check: at most 30 words each)
      for (const s of sentences) assert.ok(s.split(/\s+/).length <= 30, `${t.id}/${locale}: "${s}"`);
      assert.ok(t.keywords[locale]!.length >= 3);
    }
    for (const l of t.links ?? []) assert.match(l.url, /^https?:\/\//);
  }
  const dir = mkdtempSync(join(tmpdir(), 'faq-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({
      version: 1,
      topics: [{ ...faq.topics[0], links: [{ title: { nl: 'x', en: 'x' }, url: 'javascript:alert(1)' }] }],
    }),
  );
  assert.throws(() => loadFaq(bad), /invalid at: topics\.0\.links\.0\.url/);
  const twice = join(dir, 'twice.json');
  writeFileSync(twice, JSON.stringify({ version: 1, topics: [faq.topics[0], faq.topics[0]] }));
  assert.throws(() => loadFaq(twice), /twice/);
});

test('text processing: case, accents, stop words and a light suffix strip', () => {
  assert.equal(processTerm('Verhuizing', 'nl'), 'verhuiz');
  assert.equal(processTerm('verhuizen', 'nl'), 'verhuiz');
  assert.equal(processTerm('Beëindigen', 'nl'), 'beeindig');
  assert.equal(processTerm('het', 'nl'), null);
  assert.equal(processTerm('2026', 'nl'), null);
  assert.equal(processTerm('passports', 'en'), 'passport');
  assert.deepEqual(bot.terms('Mijn paspoortaanvraag!', 'nl').sort(), ['aanvraag', 'paspoort', 'paspoortaanvraag']);
});

test('the greeting offers starter topics and a person', () => {
  const g = bot.greeting('nl', 'Gemeente West Betuwe');
  assert.match(g.text, /digitale assistent van Gemeente West Betuwe/);
  assert.match(g.text, /Uw BSN en andere persoonlijke gegevens heb ik niet nodig\./);
  assert.deepEqual(g.quickReplies, [
    'Paspoort of ID-kaart aanvragen',
    'Verhuizing doorgeven',
    'Wanneer wordt mijn afval opgehaald?',
    'Praat met een medewerker',
  ]);
  assert.equal(bot.greeting('en', 'X').quickReplies.at(-1), 'Talk to a staff member');
});

test('a topic without English: the English chat gets the Dutch answer, marked lang "nl"; Dutch is unmarked', () => {
  const faq = loadFaq(fileURLToPath(DEFAULT_FAQ_FILE));
  const only = faq.topics.find((t) => t.id === faq.topics[0]!.id)!;
  const dutchOnly = {
    ...faq,
    topics: [
      {
        ...only,
        title: { nl: only.title.nl },
        keywords: { nl: only.keywords.nl },
        questions: { nl: only.questions.nl },
        answer: { nl: only.answer.nl },
        links: (only.links ?? []).map((l) => ({ ...l, title: { nl: l.title.nl } })),
      },
      ...faq.topics.slice(1),
    ],
  };
  // The schema accepts it: English is optional.
  const dir = mkdtempSync(join(tmpdir(), 'faq-nl-'));
  const file = join(dir, 'faq.json');
  writeFileSync(file, JSON.stringify(dutchOnly));
  const bot = FaqBot.fromFile(file);
  const context = { phone: '14 0345', openingHours: 'Nu open tot 17:00', gemeente: 'Gemeente Test' };
  // The topic's Dutch title as a quick reply picks it in either language.
  const en = bot.answer(only.title.nl, 'en', context);
  assert.equal(en.kind, 'answer');
  assert.equal(en.kind === 'answer' && en.topic.id, only.id);
  assert.equal(en.kind === 'answer' && en.lang, 'nl');
  assert.equal(en.text.slice(0, 20), only.answer.nl.replaceAll('{phone}', '14 0345').slice(0, 20));
  const nl = bot.answer(only.title.nl, 'nl', context);
  assert.equal(nl.kind === 'answer' && nl.lang, undefined);
  // A topic with English stays English and unmarked.
  const other = faq.topics[1]!;
  const translated = bot.answer(other.title.en!, 'en', context);
  assert.equal(translated.kind === 'answer' && translated.lang, undefined);
});
