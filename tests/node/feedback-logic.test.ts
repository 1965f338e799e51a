// Feedback logic of the SDK (packages/sdk/src/feedback.ts and feedback-link.ts): building what is sent, the page
// address policy, e-mail link parameters, the PII helpers and the once-per-session marker.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  buildFeedbackInput,
  feedbackPage,
  feedbackPageUrl,
  removePii,
  type FeedbackDraft,
} from '../../packages/sdk/src/feedback.ts';
import {
  FEEDBACK_LINK_PARAMS,
  FEEDBACK_REASONS,
  commentLength,
  feedbackSessionKey,
  isContactReference,
  parseFeedbackLink,
  piiKinds,
  readFeedbackSession,
  writeFeedbackSession,
} from '../../packages/sdk/src/feedback-link.ts';
import { findPii } from '../../packages/sdk/src/pii.ts';
import { FeedbackInputSchema } from '../../packages/sdk/src/schemas.ts';

const page = { url: 'https://gemeente.example/paspoort', title: 'Paspoort aanvragen' };
const base: FeedbackDraft = { variant: 'page', channel: 'website', page, locale: 'nl' };

test('buildFeedbackInput: page variant "Ja" sends exactly the fields that apply', () => {
  const input = buildFeedbackInput({
    ...base,
    useful: true,
    reasons: ['missing'],
    score: 7,
    callbackPhone: '+31612345678',
  });
  assert.deepEqual(input, { variant: 'page', useful: true, channel: 'website', page, locale: 'nl' });
  assert.ok(FeedbackInputSchema.safeParse(input).success);
});

test('buildFeedbackInput: page variant "Nee" with reasons (deduplicated, in fixed order) and a trimmed comment', () => {
  const input = buildFeedbackInput({
    ...base,
    useful: false,
    reasons: ['other', 'missing', 'other'],
    comment: '  Te lang verhaal.  ',
  });
  assert.deepEqual(input, {
    variant: 'page',
    useful: false,
    reasons: ['missing', 'other'],
    comment: 'Te lang verhaal.',
    channel: 'website',
    page,
    locale: 'nl',
  });
  assert.deepEqual(FEEDBACK_REASONS, ['missing', 'unclear', 'broken', 'other']);
  assert.ok(FeedbackInputSchema.safeParse(input).success);
});

test('buildFeedbackInput: score variant with contact and callback phone; no empty values', () => {
  const input = buildFeedbackInput({
    variant: 'score',
    score: 8,
    useful: false,
    reasons: ['broken'],
    comment: '   ',
    channel: 'e-mail',
    contact: 'KC-123',
    callbackPhone: '+31612345678',
    page,
    locale: 'en',
  });
  assert.deepEqual(input, {
    variant: 'score',
    score: 8,
    callbackPhone: '+31612345678',
    channel: 'e-mail',
    contact: 'KC-123',
    page,
    locale: 'en',
  });
  assert.ok(FeedbackInputSchema.safeParse(input).success);
});

test('buildFeedbackInput: a detected BSN never leaves; an invalid contact is left out', () => {
  const input = buildFeedbackInput({
    ...base,
    useful: false,
    comment: 'Mijn BSN is 111222333 en 123456782',
    contact: '<script>',
  });
  assert.equal(input.comment, 'Mijn BSN is [BSN verwijderd] en [BSN verwijderd]');
  assert.equal('contact' in input, false);
  assert.deepEqual(
    findPii(input.comment ?? '').filter((f) => f.kind === 'bsn'),
    [],
  );
  // stripping never pushes the comment over the limit
  const long = buildFeedbackInput({ ...base, useful: false, comment: `${'a'.repeat(489)} 111222333` });
  assert.ok([...(long.comment ?? '')].length <= 500);
  assert.ok(!long.comment?.includes('111222333'));
  assert.ok(FeedbackInputSchema.safeParse(long).success);
});

test('commentLength counts characters of the trimmed text, as the schema does', () => {
  assert.equal(commentLength('  abc  '), 3);
  assert.equal(commentLength('😀😀'), 2);
  assert.equal(commentLength(''), 0);
  const input = buildFeedbackInput({ ...base, useful: false });
  for (const n of [499, 500, 501]) {
    const comment = '😀'.repeat(n);
    assert.equal(
      FeedbackInputSchema.safeParse({ ...input, comment }).success,
      commentLength(comment) <= 500,
      String(n),
    );
  }
  // stripping at the limit stays within it, in characters
  const long = buildFeedbackInput({ ...base, useful: false, comment: `${'😀'.repeat(495)} 111222333` });
  assert.ok(FeedbackInputSchema.safeParse(long).success);
});

test('parseFeedbackLink reads valid e-mail link parameters', () => {
  assert.deepEqual(FEEDBACK_LINK_PARAMS, {
    score: 'dichtbij-score',
    contact: 'dichtbij-contact',
    channel: 'dichtbij-channel',
  });
  assert.deepEqual(
    parseFeedbackLink('https://gemeente.nl/tevreden?dichtbij-score=8&dichtbij-contact=KC-123&dichtbij-channel=e-mail'),
    { score: 8, contact: 'KC-123', channel: 'e-mail' },
  );
  assert.deepEqual(parseFeedbackLink(new URL('https://gemeente.nl/?dichtbij-score=10')), { score: 10 });
  assert.deepEqual(parseFeedbackLink('https://gemeente.nl/?dichtbij-score=1&dichtbij-channel=TELEFOON'), {
    score: 1,
    channel: 'telefoon',
  });
  assert.deepEqual(parseFeedbackLink('https://gemeente.nl/tevreden'), {});
});

test('parseFeedbackLink ignores every invalid value on its own', () => {
  for (const score of ['0', '11', '08', '8.0', '8.5', '-3', 'acht', '', '1e1', ' ', '10abc']) {
    const link = parseFeedbackLink(
      `https://gemeente.nl/?dichtbij-score=${encodeURIComponent(score)}&dichtbij-contact=KC-1`,
    );
    assert.deepEqual(link, { contact: 'KC-1' }, `score ${JSON.stringify(score)}`);
  }
  for (const contact of ['<img src=x onerror=alert(1)>', 'a b', 'x'.repeat(65), 'KC/123', '']) {
    const link = parseFeedbackLink(
      `https://gemeente.nl/?dichtbij-contact=${encodeURIComponent(contact)}&dichtbij-score=7`,
    );
    assert.deepEqual(link, { score: 7 }, `contact ${JSON.stringify(contact)}`);
  }
  assert.deepEqual(parseFeedbackLink('https://gemeente.nl/?dichtbij-channel=fax'), {});
  assert.deepEqual(parseFeedbackLink('not a url'), {});
  assert.equal(isContactReference('KC-123'), true);
  assert.equal(isContactReference(undefined), false);
});

test('feedbackPageUrl drops query, fragment and credentials by default', () => {
  assert.equal(
    feedbackPageUrl('https://jan:geheim@gemeente.nl/zoeken?q=jan+de+vries&email=jan%40x.nl#resultaten'),
    'https://gemeente.nl/zoeken',
  );
  assert.equal(
    feedbackPageUrl('https://gemeente.nl/tevreden?dichtbij-score=8&dichtbij-contact=KC-123'),
    'https://gemeente.nl/tevreden',
  );
  assert.equal(feedbackPageUrl('http://localhost:8000/a/b/'), 'http://localhost:8000/a/b/');
  assert.equal(feedbackPageUrl('file:///home/x.html'), undefined);
  assert.equal(feedbackPageUrl('about:blank'), undefined);
  assert.equal(feedbackPageUrl('nonsense'), undefined);
});

test('feedbackPageUrl keeps only allowlisted parameters with plain, non-personal values', () => {
  const keepParams = ['id', 'L', 'dichtbij-score'];
  assert.equal(
    feedbackPageUrl('https://gemeente.nl/index.php?id=42&L=1&q=zoek', { keepParams }),
    'https://gemeente.nl/index.php?id=42&L=1',
  );
  for (const value of [
    'jan@example.nl',
    '111222333',
    '0612345678',
    'NL91ABNA0417164300',
    'a b',
    '<x>',
    'x'.repeat(65),
    '1234567',
  ]) {
    assert.equal(
      feedbackPageUrl(`https://gemeente.nl/index.php?id=${encodeURIComponent(value)}`, { keepParams }),
      'https://gemeente.nl/index.php',
      value,
    );
  }
  assert.equal(feedbackPageUrl('https://gemeente.nl/?dichtbij-score=8', { keepParams }), 'https://gemeente.nl/');
});

test('feedbackPageUrl redacts path segments with a BSN, e-mail address or IBAN', () => {
  assert.equal(
    feedbackPageUrl('https://gemeente.nl/burgers/111222333/zaak'),
    'https://gemeente.nl/burgers/redacted/zaak',
  );
  assert.equal(feedbackPageUrl('https://gemeente.nl/u/jan%40example.nl'), 'https://gemeente.nl/u/redacted');
  assert.equal(feedbackPageUrl('https://gemeente.nl/paspoort-2024/stap-2'), 'https://gemeente.nl/paspoort-2024/stap-2');
  const long = feedbackPageUrl(`https://gemeente.nl/${'a'.repeat(3000)}`);
  assert.ok(long && long.length <= 2048);
});

test('feedbackPage gives a context the schema accepts', () => {
  const ctx = feedbackPage('https://gemeente.nl/a?b=c', `  Paspoort\n aanvragen  ${'x'.repeat(400)}`);
  assert.equal(ctx?.url, 'https://gemeente.nl/a');
  assert.ok(ctx?.title?.startsWith('Paspoort aanvragen '));
  assert.equal(ctx?.title?.length, 300);
  assert.deepEqual(feedbackPage('https://gemeente.nl/', '   '), { url: 'https://gemeente.nl/' });
  assert.equal(feedbackPage('about:blank', 'x'), undefined);
  const input = buildFeedbackInput({ ...base, useful: true, page: ctx! });
  assert.ok(FeedbackInputSchema.safeParse(input).success);
});

test('piiKinds and removePii: name what was found and take it out', () => {
  const text = 'Bel 06-12345678 of mail jan@example.nl, bsn 111222333.';
  const found = findPii(text);
  assert.deepEqual(piiKinds(found), ['phone', 'email', 'bsn']);
  assert.deepEqual(piiKinds(findPii('06 12345678 en 0612345679')), ['phone']);
  const cleaned = removePii(text);
  assert.equal(cleaned, 'Bel of mail, bsn.');
  assert.deepEqual(findPii(cleaned), []);
  assert.equal(removePii('geen gegevens hier'), 'geen gegevens hier');
});

test('session marker: key per page, variant and contact, without the address; read is safe; write stores nothing personal', () => {
  const a = feedbackSessionKey('https://gemeente.nl/a', 'page');
  assert.match(a, /^dichtbij-feedback:page:[0-9a-z]+$/);
  // the key does not contain the address (a path could hold personal data)
  assert.ok(!feedbackSessionKey('https://gemeente.nl/burger/111222333', 'page').includes('111222333'));
  // same page whatever the query (unless kept) or fragment
  assert.equal(feedbackSessionKey('https://gemeente.nl/a?q=jan#x', 'page'), a);
  assert.notEqual(feedbackSessionKey('https://gemeente.nl/b', 'page'), a);
  assert.match(feedbackSessionKey('https://gemeente.nl/a', 'score'), /^dichtbij-feedback:score:/);
  const t = (contact?: string) => feedbackSessionKey('https://gemeente.nl/t', 'score', contact);
  assert.notEqual(t('KC-1'), t('KC-2'));
  assert.equal(t('<bad>'), t());
  const typo3 = (href: string) => feedbackSessionKey(href, 'page', undefined, ['id']);
  assert.notEqual(typo3('https://gemeente.nl/index.php?id=1'), typo3('https://gemeente.nl/index.php?id=2'));
  assert.equal(typo3('https://gemeente.nl/index.php?id=1&q=x'), typo3('https://gemeente.nl/index.php?id=1'));

  const data = new Map<string, string>();
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
  assert.equal(readFeedbackSession(storage, a), undefined);
  assert.equal(writeFeedbackSession(storage, a, { useful: false }), true);
  assert.equal(data.get(a), '{"useful":false}');
  assert.deepEqual(readFeedbackSession(storage, a), { useful: false });
  writeFeedbackSession(storage, 'k2', {});
  assert.deepEqual(readFeedbackSession(storage, 'k2'), {});

  data.set('bad', '{not json');
  assert.equal(readFeedbackSession(storage, 'bad'), undefined);
  data.set('arr', '[1]');
  assert.equal(readFeedbackSession(storage, 'arr'), undefined);
  data.set('odd', '{"useful":"yes","comment":"x"}');
  assert.deepEqual(readFeedbackSession(storage, 'odd'), {});

  const blocked = {
    getItem: () => {
      throw new DOMException('denied', 'SecurityError');
    },
    setItem: () => {
      throw new DOMException('full', 'QuotaExceededError');
    },
  };
  assert.equal(readFeedbackSession(blocked, a), undefined);
  assert.equal(writeFeedbackSession(blocked, a, {}), false);
  assert.equal(readFeedbackSession(undefined, a), undefined);
  assert.equal(writeFeedbackSession(undefined, a, {}), false);
});
