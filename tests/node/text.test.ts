// Free text: normalizeText and the schemas' text(max), as property tests over any string
// (lone surrogates, controls, combining marks, emoji with joiners), plus the fixed cases the
// issue found (a NUL, a title cut inside an emoji).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CallbackRequestInputSchema,
  ChatMessageInputSchema,
  FeedbackInputSchema,
  codePointLength,
  cleanTextValue,
  feedbackPage,
  handoffContext,
  chatHandoffContext,
  normalizeText,
  text,
  nonEmptyText,
  truncateText,
} from '@dichtbij/sdk';
import { hostileString, hostileUnit } from '../support/hostile.ts';

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const RUNS = { numRuns: 2000 };

test('normalizeText: idempotent, well-formed, no forbidden controls, NFC, JSON round trip', () => {
  fc.assert(
    fc.property(hostileString, (s) => {
      const n = normalizeText(s);
      assert.equal(normalizeText(n), n);
      assert.ok(!LONE.test(n), 'no unpaired surrogate');
      assert.ok(!FORBIDDEN.test(n), 'no control character but tab and newline');
      assert.ok(!n.includes('\r'));
      assert.equal(n.normalize('NFC'), n);
      assert.equal(JSON.parse(JSON.stringify(n)), n);
      // What survives UTF-8 comes back unchanged (a lone surrogate would come back as U+FFFD).
      assert.equal(Buffer.from(n, 'utf8').toString('utf8'), n);
    }),
    RUNS,
  );
});

test('normalizeText keeps what a person types: letters, accents, emoji, tab and newlines', () => {
  assert.equal(normalizeText('Graag één\tvraag 👨‍👩‍👧\n🇳🇱'), 'Graag één\tvraag 👨‍👩‍👧\n🇳🇱');
  assert.equal(normalizeText('e\u0301'), 'é');
  assert.equal(normalizeText('a\r\nb\rc'), 'a\nb\nc');
  assert.equal(normalizeText('a\u0000b\u0007c\u009bd\u007f'), 'abcd');
  assert.equal(normalizeText('x\ud83dy\ude00'), 'x\ufffdy\ufffd');
  assert.equal(normalizeText('\ud83d\ude00'), '😀');
});

test('truncateText: at most max code points, a prefix, never through a pair or a grapheme', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  fc.assert(
    fc.property(hostileString.map(normalizeText), fc.integer({ min: 1, max: 40 }), fc.boolean(), (s, max, dots) => {
      const t = truncateText(s, max, dots);
      assert.ok(codePointLength(t) <= max);
      assert.ok(!LONE.test(t));
      if (codePointLength(s) <= max) return assert.equal(t, s);
      const body = dots ? t.slice(0, -1) : t;
      if (dots) assert.ok(t.endsWith('…'));
      assert.ok(s.startsWith(body), 'a prefix of the text');
      // The cut is on a grapheme boundary of the original (unless one grapheme is longer than max).
      const boundaries = new Set([0]);
      let at = 0;
      for (const g of segmenter.segment(s)) boundaries.add((at += g.segment.length));
      const first = [...segmenter.segment(s)][0]!.segment;
      if (codePointLength(first) <= (dots ? max - 1 : max))
        assert.ok(boundaries.has(body.length), `cut at ${body.length}`);
    }),
    RUNS,
  );
  assert.equal(truncateText('ab👨‍👩‍👧cd', 5), 'ab');
  assert.equal(truncateText('abc👍def', 4), 'abc👍');
  assert.equal(truncateText('abc👍def', 4, true), 'abc…');
});

test('cleanTextValue: normalised, at most max code points, idempotent', () => {
  fc.assert(
    fc.property(hostileString, fc.integer({ min: 1, max: 80 }), (s, max) => {
      const t = cleanTextValue(s, max);
      assert.ok(codePointLength(t) <= max);
      assert.equal(normalizeText(t), t);
      assert.equal(cleanTextValue(t, max), t);
    }),
    RUNS,
  );
});

test('text(max): accepts any string within max code points after normalising, refuses a longer one', () => {
  const schema = text(20);
  const required = nonEmptyText(20);
  fc.assert(
    fc.property(hostileString, (s) => {
      const n = normalizeText(s);
      const result = schema.safeParse(s);
      assert.equal(result.success, codePointLength(n) <= 20);
      if (result.success) {
        assert.equal(result.data, n);
        assert.equal(schema.parse(result.data), result.data, 'the output passes again, unchanged');
      } else {
        assert.equal(result.error.issues[0]!.message, 'At most 20 characters');
      }
      const r2 = required.safeParse(s);
      assert.equal(r2.success, n.trim().length > 0 && codePointLength(n.trim()) <= 20);
    }),
    RUNS,
  );
  // 20 emoji are 40 UTF-16 units but 20 characters.
  assert.ok(schema.safeParse('😀'.repeat(20)).success);
  assert.ok(!schema.safeParse('😀'.repeat(21)).success);
});

test('every free-text field of the input schemas is normalised', () => {
  const feedback = FeedbackInputSchema.parse({
    variant: 'page',
    useful: false,
    comment: 'Mijn\u0000 vraag\r\nover e\u0301\ud800n ding',
    channel: 'website',
    page: { url: 'https://www.gemeente.nl/afval', title: 'Afval\u0007 en \udfffmeer' },
    locale: 'nl',
  });
  assert.equal(feedback.comment, 'Mijn vraag\nover é\ufffdn ding');
  assert.equal(feedback.page.title, 'Afval en \ufffdmeer');

  const callback = CallbackRequestInputSchema.parse({
    phone: '+31612345678',
    name: 'Jan\u0000 Jansen',
    topic: 'afval\u0001',
    question: 'Wanneer\ud83d?',
    preferred: { kind: 'asap' },
    context: {
      topic: 'x\u0000',
      summary: 'a\u0000b',
      caseTitle: 'c\u0000d',
      caseReference: 'Z\u00001',
      page: { url: 'https://www.gemeente.nl/', title: 't\u0000' },
    },
    locale: 'nl',
  });
  assert.deepEqual(
    [callback.name, callback.topic, callback.question, callback.context],
    [
      'Jan Jansen',
      'afval',
      'Wanneer\ufffd?',
      {
        topic: 'x',
        summary: 'ab',
        caseTitle: 'cd',
        caseReference: 'Z1',
        page: { url: 'https://www.gemeente.nl/', title: 't' },
      },
    ],
  );
  assert.equal(ChatMessageInputSchema.parse({ text: ' hallo\u0000 ', clientId: 'client-0001' }).text, 'hallo');
  // Only control characters: nothing left, so a required text is refused.
  assert.equal(ChatMessageInputSchema.safeParse({ text: '\u0000\u0001', clientId: 'client-0001' }).success, false);
  // A URL with a control character or an unpaired surrogate is not one a browser gives.
  for (const url of ['https://x.nl/\u0000', 'https://x.nl/\ud800', 'https://x.nl/a\u0085b']) {
    assert.equal(FeedbackInputSchema.safeParse({ ...feedback, page: { url } }).success, false, JSON.stringify(url));
  }
});

test('hand-off contexts made by the SDK never cut an emoji and always pass the schema', () => {
  // The issue's case: a ~300 character title with an emoji where the cut falls.
  const title = `${'a'.repeat(298)}😀 en meer`;
  const context = handoffContext({ page: { url: 'https://www.gemeente.nl/x', title } })!;
  assert.ok(!LONE.test(context.page!.title!));
  assert.ok(codePointLength(context.page!.title!) <= 300);
  const chat = chatHandoffContext({ page: { url: 'https://www.gemeente.nl/x', title }, summary: '👍'.repeat(2500) })!;
  assert.ok(!LONE.test(chat.page!.title!) && !LONE.test(chat.summary!));
  assert.equal(codePointLength(chat.summary!), 2000);

  fc.assert(
    fc.property(
      fc.record({
        topic: hostileString,
        caseTitle: fc.string({ unit: hostileUnit, maxLength: 400 }),
        summary: hostileString,
      }),
      fc.string({ unit: hostileUnit, minLength: 280, maxLength: 320 }),
      (fields, pageTitle) => {
        const detail = { ...fields, page: { url: 'https://www.gemeente.nl/x', title: pageTitle } };
        for (const made of [handoffContext(detail), chatHandoffContext(detail)]) {
          if (!made) continue;
          const again = CallbackRequestInputSchema.safeParse({
            phone: '+31612345678',
            preferred: { kind: 'asap' },
            context: made,
            locale: 'nl',
          });
          assert.ok(again.success, JSON.stringify(again.error?.issues));
          assert.deepEqual(again.data.context, made, 'already normalised: the gateway stores what the SDK sent');
        }
        const page = feedbackPage('https://www.gemeente.nl/x', pageTitle);
        assert.ok(page && !LONE.test(page.title ?? '') && codePointLength(page.title ?? '') <= 300);
      },
    ),
    { numRuns: 300 },
  );
});
