// The callback request's logic outside the DOM (packages/sdk/src/bel-me.ts): the promise for a
// moment (weekdays, evenings, weekends, holidays, the gemeente's closed days, DST), the moments a
// resident can pick, the request that is sent, and the sanitised hand-off context.
import assert from 'node:assert/strict';
import test, { describe } from 'node:test';
import {
  callbackSlots,
  CallbackRequestInputSchema,
  demoConfig,
  HandoffContextSchema,
  isPreferredMomentValid,
  openingHours,
  type CallbackSlotDay,
} from '../../packages/sdk/src/index.ts';
import {
  callbackPromise,
  callbackRequestInput,
  clockText,
  handoffContext,
  handoffQuestion,
  handoffSummary,
  handoffTopic,
  matchTopic,
  pageContext,
  parsePreferredKey,
  preferredKey,
  retryWait,
  telHref,
  topicForCaseType,
  topicLabel,
  type CallbackPromise,
} from '../../packages/sdk/src/bel-me.ts';
import type { CallbackTopic } from '../../packages/sdk/src/schemas.ts';

const hours = openingHours(demoConfig.openingHours);
const topics = demoConfig.callback.topics;
const slotText = (slots: CallbackSlotDay[]) => slots.map((s) => `${s.date} ${s.parts.join('+')}`);

describe('callbackPromise: what a resident is told for "Zo snel mogelijk"', () => {
  // [what, instant (UTC), expected promise, first offered day]
  const matrix: [string, string, CallbackPromise, string][] = [
    ['Tuesday 10:00, open', '2026-05-26T08:00:00Z', { kind: 'within', minutes: 60 }, '2026-05-27'],
    [
      'Tuesday 16:30, closing at 17:00',
      '2026-05-26T14:30:00Z',
      { kind: 'today-or-next', date: '2026-05-27' },
      '2026-05-27',
    ],
    ['Tuesday 18:00, closed', '2026-05-26T16:00:00Z', { kind: 'next-working-day', date: '2026-05-27' }, '2026-05-27'],
    ['Tuesday 7:00, opens later', '2026-05-26T05:00:00Z', { kind: 'later-today', from: '08:30' }, '2026-05-27'],
    ['Thursday 19:00, open late', '2026-05-28T17:00:00Z', { kind: 'within', minutes: 60 }, '2026-05-29'],
    // Friday closes 12:30; Monday 25 May 2026 is Pinkstermaandag.
    [
      'Friday evening before Pinksteren',
      '2026-05-22T17:00:00Z',
      { kind: 'next-working-day', date: '2026-05-26' },
      '2026-05-26',
    ],
    // Friday 15 May 2026 is a closedDate of the demo gemeente (after Hemelvaart).
    [
      'Wednesday before Hemelvaart 2026',
      '2026-05-13T17:00:00Z',
      { kind: 'next-working-day', date: '2026-05-18' },
      '2026-05-18',
    ],
    // Thursday 6 May 2027 Hemelvaart, Friday 7 May closed by the gemeente.
    [
      'Wednesday before Hemelvaart 2027',
      '2027-05-05T16:00:00Z',
      { kind: 'next-working-day', date: '2027-05-10' },
      '2027-05-10',
    ],
    [
      'Monday before Koningsdag 2027',
      '2027-04-26T16:00:00Z',
      { kind: 'next-working-day', date: '2027-04-28' },
      '2027-04-28',
    ],
    [
      'Friday before Koningsdag 2026 (Monday)',
      '2026-04-24T12:00:00Z',
      { kind: 'next-working-day', date: '2026-04-28' },
      '2026-04-28',
    ],
    [
      'Christmas Eve 2026 after closing',
      '2026-12-24T20:00:00Z',
      { kind: 'next-working-day', date: '2026-12-28' },
      '2026-12-28',
    ],
    ['Kerst 2026 itself', '2026-12-25T10:00:00Z', { kind: 'next-working-day', date: '2026-12-28' }, '2026-12-28'],
    // DST starts Sunday 29 March 2026: 07:00Z is 8:00 CET on the Monday before, 9:00 CEST after.
    [
      'Friday before the DST weekend',
      '2026-03-27T13:00:00Z',
      { kind: 'next-working-day', date: '2026-03-30' },
      '2026-03-30',
    ],
    [
      'Sunday of the DST switch',
      '2026-03-29T10:00:00Z',
      { kind: 'next-working-day', date: '2026-03-30' },
      '2026-03-30',
    ],
    ['Monday 07:00Z in CET (8:00)', '2026-03-23T07:00:00Z', { kind: 'later-today', from: '08:30' }, '2026-03-24'],
    ['Monday 07:00Z in CEST (9:00)', '2026-03-30T07:00:00Z', { kind: 'within', minutes: 60 }, '2026-03-31'],
    // DST ends Sunday 25 October 2026.
    [
      'Saturday of the autumn switch',
      '2026-10-24T10:00:00Z',
      { kind: 'next-working-day', date: '2026-10-26' },
      '2026-10-26',
    ],
  ];
  for (const [what, at, promise, firstDay] of matrix) {
    test(what, () => {
      const now = new Date(at);
      assert.deepEqual(callbackPromise(hours, now, 60), promise);
      const slots = callbackSlots(hours, now);
      assert.equal(slots[0]?.date, firstDay);
      assert.equal(slots.length, 5);
      for (const s of slots) assert.ok(hours.isOpenOn(s.date), `${s.date} is open`);
    });
  }

  test('the window comes from the config', () => {
    assert.deepEqual(callbackPromise(hours, new Date('2026-05-26T08:00:00Z'), 30), { kind: 'within', minutes: 30 });
    // 16:15 with a 30-minute window: still "within"; with 60: today or the next day.
    assert.deepEqual(callbackPromise(hours, new Date('2026-05-26T14:15:00Z'), 30), { kind: 'within', minutes: 30 });
    assert.equal(callbackPromise(hours, new Date('2026-05-26T14:15:00Z'), 60).kind, 'today-or-next');
  });

  test('a lunch break: closed now, open again this afternoon', () => {
    const lunch = openingHours({
      weekly: {
        tue: [
          ['08:30', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    assert.deepEqual(callbackPromise(lunch, new Date('2026-05-26T10:15:00Z')), { kind: 'later-today', from: '13:00' });
  });

  test('opening hours without any open day: unknown, not a crash', () => {
    assert.deepEqual(callbackPromise(openingHours({ weekly: {} }), new Date('2026-05-26T08:00:00Z')), {
      kind: 'unknown',
    });
  });

  test('a Friday offers only its morning (open until 12:30)', () => {
    const slots = slotText(callbackSlots(hours, new Date('2026-05-26T08:00:00Z')));
    assert.deepEqual(slots, [
      '2026-05-27 morning+afternoon',
      '2026-05-28 morning+afternoon',
      '2026-05-29 morning',
      '2026-06-01 morning+afternoon',
      '2026-06-02 morning+afternoon',
    ]);
  });

  test('a slot becomes invalid when the page stays open past its day', () => {
    const slot = { kind: 'slot', date: '2026-05-27', part: 'morning' } as const;
    assert.equal(isPreferredMomentValid(hours, slot, new Date('2026-05-26T15:00:00Z')), true);
    assert.equal(isPreferredMomentValid(hours, slot, new Date('2026-05-27T07:00:00Z')), false);
    assert.equal(isPreferredMomentValid(hours, { kind: 'asap' }, new Date('2026-05-27T07:00:00Z')), true);
  });
});

describe('small helpers', () => {
  test('clockText drops the leading zero of the hour only', () => {
    assert.equal(clockText('08:30'), '8:30');
    assert.equal(clockText('17:00'), '17:00');
    assert.equal(clockText('00:15'), '0:15');
  });

  test('preferred moments round-trip through radio values; anything else is refused', () => {
    for (const m of [
      { kind: 'asap' },
      { kind: 'slot', date: '2026-05-27', part: 'morning' },
      { kind: 'slot', date: '2026-05-29', part: 'afternoon' },
    ] as const) {
      assert.deepEqual(parsePreferredKey(preferredKey(m)), m);
    }
    for (const bad of ['', 'soon', '2026-05-27', '2026-05-27:evening', '2026-05-27:morning;x', '<b>']) {
      assert.equal(parsePreferredKey(bad), undefined, bad);
    }
  });

  test('matchTopic finds a configured topic by id or by label', () => {
    assert.equal(matchTopic(topics, 'verhuizen'), 'verhuizen');
    assert.equal(matchTopic(topics, '  Paspoort of  ID-kaart '), 'paspoort-id');
    assert.equal(matchTopic(topics, 'AFVAL'), 'afval');
    assert.equal(matchTopic(topics, 'Hondenbelasting'), undefined);
    assert.equal(matchTopic(topics, ''), undefined);
    assert.equal(matchTopic(topics, undefined), undefined);
  });

  test('retryWait: whole minutes and the clock time in Amsterdam', () => {
    const at = new Date('2026-05-26T12:00:00Z'); // 14:00 CEST
    assert.deepEqual(retryWait(120, at), { minutes: 2, at: '14:02' });
    assert.deepEqual(retryWait(61, at), { minutes: 2, at: '14:01' });
    assert.deepEqual(retryWait(5, at), { minutes: 1, at: '14:00' });
    assert.deepEqual(retryWait(3600, at), { minutes: 60, at: '15:00' });
    assert.equal(retryWait(undefined, at), undefined);
    assert.equal(retryWait(Number.NaN, at), undefined);
    assert.equal(retryWait(-1, at), undefined);
  });

  test('telHref turns the gemeente number into a tel: link', () => {
    assert.equal(telHref('14 0345'), 'tel:140345');
    assert.equal(telHref('0345-123 456'), 'tel:0345123456');
    assert.equal(telHref('+31 (0)30 123 4567'), 'tel:+31301234567');
    assert.equal(telHref('bel ons'), undefined);
  });
});

describe('callbackRequestInput', () => {
  test('trims, leaves empty optional fields out, and passes the schema', () => {
    const input = callbackRequestInput({
      phone: '+31612345678',
      name: '  ',
      topic: 'afval',
      question: '  Mijn container is niet geleegd.  ',
      preferred: { kind: 'asap' },
      context: {},
      locale: 'nl',
    });
    assert.deepEqual(input, {
      phone: '+31612345678',
      topic: 'afval',
      question: 'Mijn container is niet geleegd.',
      preferred: { kind: 'asap' },
      locale: 'nl',
    });
    assert.ok(CallbackRequestInputSchema.safeParse(input).success);
  });

  test('keeps a hand-off context with content', () => {
    const context = { source: 'chat', summary: 'Vraag over afval' } as const;
    const input = callbackRequestInput({
      phone: '+31301234567',
      name: 'Jan',
      preferred: { kind: 'slot', date: '2026-05-27', part: 'afternoon' },
      context,
      locale: 'en',
    });
    assert.deepEqual(input.context, context);
    assert.equal(input.name, 'Jan');
    assert.ok(CallbackRequestInputSchema.safeParse(input).success);
  });
});

describe('handoffContext: untrusted event detail made safe', () => {
  test('takes the known fields and drops the event routing', () => {
    const context = handoffContext({
      to: 'callback',
      source: 'status-tracker',
      topic: 'Vergunning',
      page: { url: 'https://www.example.nl/dakkapel', title: 'Dakkapel  bouwen' },
      caseReference: 'Z-2026-0142',
      caseTitle: 'Omgevingsvergunning: dakkapel',
    });
    assert.deepEqual(context, {
      source: 'status-tracker',
      topic: 'Vergunning',
      page: { url: 'https://www.example.nl/dakkapel', title: 'Dakkapel bouwen' },
      caseReference: 'Z-2026-0142',
      caseTitle: 'Omgevingsvergunning: dakkapel',
    });
    assert.ok(HandoffContextSchema.safeParse(context).success);
  });

  test('drops bad fields one by one instead of the whole context', () => {
    const context = handoffContext({
      source: 'evil',
      topic: 42,
      page: { url: 'javascript:alert(1)', title: 'x' },
      caseReference: { toString: () => 'Z-1' },
      summary: 'De inwoner vroeg naar de ophaaldag.\n\nDaarna: <img src=x onerror=alert(1)>',
      extra: 'ignored',
    });
    assert.deepEqual(context, {
      summary: 'De inwoner vroeg naar de ophaaldag.\n\nDaarna: <img src=x onerror=alert(1)>',
    });
  });

  test('shortens long text to the schema limits and strips control characters', () => {
    const context = handoffContext({
      caseTitle: 'a'.repeat(500),
      summary: `b${'\u0007'}c ${'d'.repeat(3000)}`,
      caseReference: 'Z\u0000-1',
    })!;
    assert.equal(context.caseTitle!.length, 200);
    assert.ok(context.caseTitle!.endsWith('…'));
    assert.equal(context.summary!.length, 2000);
    assert.ok(context.summary!.startsWith('bc '));
    assert.equal(context.caseReference, 'Z -1');
    assert.ok(HandoffContextSchema.safeParse(context).success);
  });

  test('nothing useful: undefined', () => {
    assert.equal(handoffContext(undefined), undefined);
    assert.equal(handoffContext('callback'), undefined);
    assert.equal(handoffContext({ to: 'callback', source: 'feedback' }), undefined);
    assert.equal(handoffContext({ summary: '   ' }), undefined);
  });
});

describe('handoffSummary: the rows under "Dit sturen we mee"', () => {
  test('page, zaak and chat summary in a fixed order; a known topic is left to the form', () => {
    const rows = handoffSummary({
      source: 'chat',
      topic: 'Afval',
      page: { url: 'https://www.example.nl/afval', title: 'Afvalkalender' },
      caseReference: 'Z-2026-0077',
      caseTitle: 'Bijzondere bijstand',
      summary: 'Vraag over de container',
    });
    assert.deepEqual(rows, [
      { kind: 'page', text: 'Afvalkalender' },
      { kind: 'case', text: 'Z-2026-0077 – Bijzondere bijstand' },
      { kind: 'summary', text: 'Vraag over de container' },
    ]);
  });

  test('no topic row, even for an unknown topic (the form shows it once); a page without title shows its address', () => {
    const rows = handoffSummary({ topic: 'Hondenbelasting', page: { url: 'https://www.example.nl/honden' } });
    assert.deepEqual(rows, [{ kind: 'page', text: 'https://www.example.nl/honden' }]);
    assert.deepEqual(handoffSummary({ caseReference: 'Z-1' }), [{ kind: 'case', text: 'Z-1' }]);
    assert.deepEqual(handoffSummary(undefined), []);
  });
});

describe('topics: the English label, the zaaktypen a topic covers, the one topic of a hand-off', () => {
  const custom: CallbackTopic[] = [
    { id: 'vergunning', label: 'Vergunning', labelEn: 'Permit', zaaktypen: ['OMGEVINGSVERGUNNING'] },
    {
      id: 'inkomen',
      label: 'Werk en inkomen',
      zaaktypen: ['https://catalogi.example.nl/api/v1/zaaktypen/9a1b2c3d-0000-4000-8000-000000000001'],
    },
    { id: 'afval', label: 'Afval' },
  ];

  test('topicLabel: English when given, else the Dutch label marked lang="nl"; Dutch as is', () => {
    assert.deepEqual(topicLabel(custom[0]!, 'en'), { text: 'Permit' });
    assert.deepEqual(topicLabel(custom[2]!, 'en'), { text: 'Afval', lang: 'nl' });
    assert.deepEqual(topicLabel(custom[0]!, 'nl'), { text: 'Vergunning' });
    assert.deepEqual(topicLabel({ id: 'x', label: 'X', labelEn: '  ' }, 'en'), { text: 'X', lang: 'nl' });
  });

  test('matchTopic also knows the English label', () => {
    assert.equal(matchTopic(custom, 'permit'), 'vergunning');
    assert.equal(matchTopic(topics, 'Moving house'), 'verhuizen');
  });

  test('topicForCaseType: by identificatie (any case) or by the URL or its last part', () => {
    assert.equal(topicForCaseType(custom, 'omgevingsvergunning'), 'vergunning');
    assert.equal(
      topicForCaseType(custom, 'https://catalogi.example.nl/api/v1/zaaktypen/9a1b2c3d-0000-4000-8000-000000000001'),
      'inkomen',
    );
    assert.equal(topicForCaseType(custom, '9A1B2C3D-0000-4000-8000-000000000001'), 'inkomen');
    assert.equal(topicForCaseType(custom, 'paspoort'), undefined);
    assert.equal(topicForCaseType(custom, ''), undefined);
    assert.equal(topicForCaseType(topics, 'parkeervergunning'), 'vergunning', 'the demo config lists it');
  });

  test('handoffTopic: the named topic, else the zaaktype, else the zaak itself; never the case title as a topic id', () => {
    // The dakkapel permit from the status tracker: its zaaktype is covered by "Vergunning".
    assert.deepEqual(
      handoffTopic(
        {
          source: 'status-tracker',
          caseReference: 'Z-2026-0142',
          caseTitle: 'Omgevingsvergunning: dakkapel',
          caseType: 'omgevingsvergunning',
        },
        custom,
      ),
      { id: 'vergunning' },
    );
    // No topic covers it: the zaak is the topic.
    assert.deepEqual(
      handoffTopic({ caseReference: 'Z-2026-0077', caseTitle: 'Bijzondere bijstand', caseType: 'bijstand' }, custom),
      { text: 'Bijzondere bijstand' },
    );
    assert.deepEqual(handoffTopic({ caseReference: 'Z-9' }, custom), { text: 'Z-9' });
    // A topic the page named wins over the zaaktype.
    assert.deepEqual(handoffTopic({ topic: 'afval', caseType: 'omgevingsvergunning' }, custom), { id: 'afval' });
    assert.deepEqual(handoffTopic({ topic: 'Hondenbelasting' }, custom), { text: 'Hondenbelasting' });
    assert.equal(handoffTopic({ summary: 'Vraag' }, custom), undefined);
    assert.equal(handoffTopic(undefined, custom), undefined);
  });

  test('handoffQuestion: text only, control characters out, at most 300 characters', () => {
    assert.equal(handoffQuestion({ question: '  Wanneer\u0007 komt de bak?  ' }), 'Wanneer komt de bak?');
    assert.ok(handoffQuestion({ question: 'a'.repeat(500) })!.length <= 300);
    assert.equal(handoffQuestion({ question: 7 }), undefined);
    assert.equal(handoffQuestion({ question: '   ' }), undefined);
    assert.equal(handoffQuestion(null), undefined);
  });

  test('handoffContext keeps a clean caseType', () => {
    assert.equal(
      handoffContext({ caseReference: 'Z-1', caseType: ' omgevingsvergunning\n' })?.caseType,
      'omgevingsvergunning',
    );
    assert.equal(handoffContext({ caseReference: 'Z-1', caseType: 42 })?.caseType, undefined);
  });

  test('pageContext: origin and path only, no query or fragment; not for other schemes', () => {
    assert.deepEqual(pageContext('https://www.example.nl/paspoort?bsn=123456782#x', ' Paspoort\n aanvragen '), {
      url: 'https://www.example.nl/paspoort',
      title: 'Paspoort aanvragen',
    });
    assert.deepEqual(pageContext('http://localhost:8080/demo/'), { url: 'http://localhost:8080/demo/' });
    assert.equal(pageContext('javascript:alert(1)'), undefined);
    assert.equal(pageContext('about:blank'), undefined);
    assert.equal(pageContext('not a url'), undefined);
  });
});
