// <dichtbij-feedback> in real Chromium: both variants end to end against the memory adapter,
// keyboard only, axe in every state and theme, PII guard, e-mail link prefill, offline → online,
// double submits, hostile text, honeypot, once per session, errors, layout (320 px, RTL, forced colours).
import { fixture, html, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import {
  DichtbijError,
  createClient,
  memoryAdapter,
  memoryStore,
  type DichtbijClient,
  type MemoryAdapter,
  type MemorySeed,
} from '@dichtbij/sdk';
import '@dichtbij/components/feedback';
import { feedbackSessionKey } from '@dichtbij/sdk/feedback-link';
import type { DichtbijFeedback } from '@dichtbij/components/feedback';
import type { ErrorDetail, HandoffDetail, SubmittedDetail } from '../../packages/components/src/shared/events.ts';

const THEMES = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];
const TITLE = 'Paspoort aanvragen';
const pageUrl = () => `${location.origin}${location.pathname}`;

let clients: DichtbijClient[] = [];
let originalUrl = '';

function setup(seed: MemorySeed = {}): { adapter: MemoryAdapter; client: DichtbijClient } {
  const adapter = memoryAdapter(seed);
  // Retries only on `online` (or an explicit flush) in these tests: no timers race the assertions.
  const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore(), retry: { baseDelay: 600_000 } });
  clients.push(client);
  return { adapter, client };
}

const root = (el: DichtbijFeedback) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: DichtbijFeedback, selector: string) =>
  root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: DichtbijFeedback, selector: string) => [
  ...root(el).querySelectorAll<T>(selector),
];
const button = (el: DichtbijFeedback, text: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`No button "${text}"`);
  return found;
};
const statusText = (el: DichtbijFeedback) => $(el, '[role="status"]')!.textContent!.trim();
const active = (el: DichtbijFeedback) => root(el).activeElement as HTMLElement | null;

/** The code the element loads on first interaction (the PII guard); resolves once it is there. */
const lazyPart = () => import('../../packages/components/src/feedback/lazy.ts');

async function typeInto(el: DichtbijFeedback, selector: string, value: string) {
  const field = $<HTMLTextAreaElement | HTMLInputElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await lazyPart();
  await el.updateComplete;
}
async function chooseScore(el: DichtbijFeedback, n: number) {
  $<HTMLInputElement>(el, `#score-${n}`)!.click();
  await el.updateComplete;
}
/** Presses the send button and waits until the submission has settled (thanks, or the button is usable again). */
async function submit(el: DichtbijFeedback) {
  const send = button(el, el.locale === 'en' ? 'Send' : 'Verstuur');
  send.click();
  await el.updateComplete;
  await waitUntil(() => !send.isConnected || send.getAttribute('aria-disabled') === 'false', 'submission settled');
  await el.updateComplete;
}
const thanks = (el: DichtbijFeedback) => waitUntil(() => $(el, '#thanks'), 'thank-you heading');

function pageFixture(client: DichtbijClient, attrs = '') {
  const el = document.createElement('dichtbij-feedback');
  for (const [k, v] of attrs
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => a.split('=')))
    el.setAttribute(k!, v ?? '');
  el.client = client;
  return fixture<DichtbijFeedback>(el);
}

/** axe after the element has rendered and its colour transitions have ended (not mid-fade). */
async function accessible(el: DichtbijFeedback) {
  await el.updateComplete;
  await Promise.all(
    root(el)
      .getAnimations()
      .map((a) => a.finished),
  );
  await expect(el).to.be.accessible();
}

/** Captures events of one type on document from now on. */
function capture<T>(type: string) {
  const seen: T[] = [];
  const handler = (event: Event) => seen.push((event as CustomEvent<T>).detail);
  document.addEventListener(type, handler);
  return { seen, stop: () => document.removeEventListener(type, handler) };
}

beforeEach(() => {
  sessionStorage.clear();
  document.title = TITLE;
  originalUrl = location.href;
});
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  history.replaceState(null, '', originalUrl);
});

describe('<dichtbij-feedback variant="page">', () => {
  it('asks the question with two native buttons and passes axe', async () => {
    const { client } = setup();
    const el = await pageFixture(client);
    expect($(el, 'h2')!.textContent).to.equal('Was deze informatie nuttig?');
    const [yes, no] = $$<HTMLButtonElement>(el, '[role="group"] button');
    expect(yes!.textContent!.trim()).to.equal('Ja');
    expect(no!.textContent!.trim()).to.equal('Nee');
    expect(no!.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[role="group"]')!.getAttribute('aria-labelledby')).to.equal('question');
    await accessible(el);
  });

  it('"Ja" sends exactly the page fields, thanks, moves focus and fires dichtbij-submitted', async () => {
    const { adapter, client } = setup();
    history.replaceState(null, '', `${location.pathname}?q=jan+de+vries&email=jan%40example.nl#top`);
    const el = await pageFixture(client);
    const submitted = oneEvent(el, 'dichtbij-submitted');
    button(el, 'Ja').click();
    const { detail } = (await submitted) as CustomEvent<SubmittedDetail>;
    await thanks(el);
    expect(detail.result).to.equal('sent');
    expect(detail.id).to.equal(adapter.received.feedback[0]!.key);
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.received.feedback[0]!.input).to.deep.equal({
      variant: 'page',
      useful: true,
      channel: 'website',
      page: { url: pageUrl(), title: TITLE },
      locale: 'nl',
    });
    await el.updateComplete;
    expect(active(el)?.id).to.equal('thanks');
    expect($(el, '#thanks')!.textContent).to.equal('Bedankt voor uw reactie');
    expect(statusText(el)).to.equal('Uw reactie is verstuurd.');
    expect($(el, '[part="offer"]')).to.equal(null);
    await accessible(el);
  });

  it('"Nee" opens reasons (checkboxes in a fieldset) and free text; sends reasons and comment; offers a hand-off', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    const no = button(el, 'Nee');
    expect(no.getAttribute('aria-expanded')).to.equal('true');
    expect(no.getAttribute('aria-controls')).to.equal('details');
    expect($(el, 'fieldset legend')!.textContent).to.equal('Wat kunnen we verbeteren?');
    const boxes = $$<HTMLInputElement>(el, 'fieldset input[type="checkbox"]');
    expect(boxes.map((b) => b.value)).to.deep.equal(['missing', 'unclear', 'broken', 'other']);
    expect($(el, 'label[for="comment"]')).to.exist;
    expect($(el, '#comment-count')!.textContent!.trim()).to.equal('U heeft nog 500 tekens over.');
    await accessible(el);

    boxes[2]!.click();
    boxes[0]!.click();
    await typeInto(el, '#comment', 'Het formulier laadt niet.');
    expect($(el, '#comment-count')!.textContent!.trim()).to.equal('U heeft nog 475 tekens over.');
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback.map((r) => r.input)).to.deep.equal([
      {
        variant: 'page',
        useful: false,
        reasons: ['missing', 'broken'],
        comment: 'Het formulier laadt niet.',
        channel: 'website',
        page: { url: pageUrl(), title: TITLE },
        locale: 'nl',
      },
    ]);
    // the offer to continue in person
    const handoff = oneEvent(el, 'dichtbij-handoff');
    button(el, 'Bel mij terug').click();
    const { detail } = (await handoff) as CustomEvent<HandoffDetail>;
    expect(detail.to).to.equal('callback');
    expect(detail.source).to.equal('feedback');
    expect(detail.page).to.deep.equal({ url: pageUrl(), title: TITLE });
    expect(detail.summary).to.contain('niet nuttig');
    expect(detail.summary).to.contain('er ontbreekt informatie en iets werkt niet');
    expect(detail.summary).to.contain('Het formulier laadt niet.');
    const chat = oneEvent(el, 'dichtbij-handoff');
    button(el, 'Chat met ons').click();
    expect(((await chat) as CustomEvent<HandoffDetail>).detail.to).to.equal('chat');
    await accessible(el);
  });

  it('"Nee" then "Nee" again closes the questions; nothing is sent until the resident sends', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    button(el, 'Nee').click();
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    expect(button(el, 'Nee').getAttribute('aria-expanded')).to.equal('false');
    expect(adapter.calls.submitFeedback).to.equal(0);
  });

  it('keep-params keeps a CMS page id in the address; everything else in the query is dropped', async () => {
    const { adapter, client } = setup();
    history.replaceState(null, '', `${location.pathname}?id=42&q=${encodeURIComponent('jan@example.nl')}&wtr=1`);
    const el = await pageFixture(client, 'keep-params=id');
    button(el, 'Ja').click();
    await thanks(el);
    expect(adapter.received.feedback[0]!.input.page.url).to.equal(`${pageUrl()}?id=42`);
  });

  it('heading-level sets the level of the heading (and thanks)', async () => {
    const { client } = setup();
    const el = await pageFixture(client, 'heading-level=4');
    expect($(el, 'h4#question')).to.exist;
    expect($(el, 'h2')).to.equal(null);
    button(el, 'Ja').click();
    await thanks(el);
    expect($(el, '#thanks')!.tagName).to.equal('H4');
  });

  it('speaks English with locale="en"', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client, 'locale=en');
    expect($(el, '#question')!.textContent).to.equal('Was this information useful?');
    expect($(el, '.base')!.getAttribute('lang')).to.equal('en');
    button(el, 'No').click();
    await el.updateComplete;
    await submit(el);
    await thanks(el);
    expect($(el, '#thanks')!.textContent).to.equal('Thank you for your response');
    expect(adapter.received.feedback[0]!.input.locale).to.equal('en');
    expect(button(el, 'Call me back')).to.exist;
    await accessible(el);
  });
});

describe('<dichtbij-feedback variant="score">', () => {
  it('is a native radio group 1–10 in a fieldset with a legend; passes axe', async () => {
    const { client } = setup();
    const el = await pageFixture(client, 'variant=score');
    const fieldset = $(el, 'fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).to.equal('Welk cijfer geeft u voor het contact met ons?');
    const radios = $$<HTMLInputElement>(el, 'input[type="radio"][name="score"]');
    expect(radios.map((r) => r.value)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios.every((r) => r.closest('label'))).to.equal(true);
    expect(fieldset.getAttribute('aria-describedby')).to.equal('score-hint');
    await accessible(el);
  });

  it('empty submit: clear message linked to the group, focus on the error summary, nothing sent', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client, 'variant=score');
    await submit(el);
    const summary = $(el, '#error-summary')!;
    expect(summary).to.exist;
    expect(active(el)).to.equal(summary);
    expect(summary.textContent).to.contain('Kies een cijfer van 1 tot 10.');
    expect($(el, '#score-error')!.textContent).to.equal('Kies een cijfer van 1 tot 10.');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.contain('score-error');
    expect(adapter.calls.submitFeedback).to.equal(0);
    await accessible(el);
    // the link in the summary brings the resident to the first radio
    summary.querySelector('a')!.click();
    expect(active(el)?.id).to.equal('score-1');
  });

  it('sends score, comment, channel, contact and a validated callback phone', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client, 'variant=score channel=telefoon contact=KC-777');
    await chooseScore(el, 6);
    await typeInto(el, '#comment', '  Lang gewacht.  ');
    $<HTMLInputElement>(el, 'input[name="call"]')!.click();
    await el.updateComplete;
    expect($(el, '#phone')).to.exist;
    await typeInto(el, '#phone', '0900 1234567');
    await submit(el);
    expect($(el, '#phone-error')!.textContent).to.contain('Naar dit nummer kunnen we niet bellen');
    expect($(el, '#phone')!.getAttribute('aria-describedby')).to.equal('phone-hint phone-error');
    expect($(el, '#phone')!.getAttribute('aria-invalid')).to.equal('true');
    expect(adapter.calls.submitFeedback).to.equal(0);
    await accessible(el);

    await typeInto(el, '#phone', '06-12345678');
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback.map((r) => r.input)).to.deep.equal([
      {
        variant: 'score',
        score: 6,
        comment: 'Lang gewacht.',
        callbackPhone: '+31612345678',
        channel: 'telefoon',
        contact: 'KC-777',
        page: { url: pageUrl(), title: TITLE },
        locale: 'nl',
      },
    ]);
    expect($(el, '[part="offer"]')).to.equal(null);
  });

  it('an empty phone after "Ja, u mag mij bellen" is an error; unticking removes it', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client, 'variant=score');
    await chooseScore(el, 9);
    $<HTMLInputElement>(el, 'input[name="call"]')!.click();
    await el.updateComplete;
    await submit(el);
    expect($(el, '#phone-error')!.textContent).to.contain('Vul uw telefoonnummer in');
    $<HTMLInputElement>(el, 'input[name="call"]')!.click();
    await el.updateComplete;
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback[0]!.input).to.deep.equal({
      variant: 'score',
      score: 9,
      channel: 'website',
      page: { url: pageUrl(), title: TITLE },
      locale: 'nl',
    });
  });

  it('pre-selects the score from an e-mail link; one click confirms', async () => {
    const { adapter, client } = setup();
    history.replaceState(
      null,
      '',
      `${location.pathname}?dichtbij-score=8&dichtbij-contact=KC-123&dichtbij-channel=e-mail`,
    );
    const el = await pageFixture(client, 'variant=score');
    expect($<HTMLInputElement>(el, '#score-8')!.checked).to.equal(true);
    expect($(el, '#score-prefill')!.textContent).to.equal('U koos een 8 in onze e-mail. Klopt dat? Kies dan Verstuur.');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.contain('score-prefill');
    await accessible(el);
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback.map((r) => r.input)).to.deep.equal([
      {
        variant: 'score',
        score: 8,
        channel: 'e-mail',
        contact: 'KC-123',
        page: { url: pageUrl(), title: TITLE },
        locale: 'nl',
      },
    ]);
  });

  it('ignores invalid e-mail link values; attributes win over the link', async () => {
    const { adapter, client } = setup();
    history.replaceState(
      null,
      '',
      `${location.pathname}?dichtbij-score=11&dichtbij-contact=${encodeURIComponent('<img src=x onerror=alert(1)>')}&dichtbij-channel=fax`,
    );
    const el = await pageFixture(client, 'variant=score');
    expect($$<HTMLInputElement>(el, 'input[type="radio"]').some((r) => r.checked)).to.equal(false);
    expect($(el, '#score-prefill')).to.equal(null);
    await chooseScore(el, 7);
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback[0]!.input).to.deep.equal({
      variant: 'score',
      score: 7,
      channel: 'website',
      page: { url: pageUrl(), title: TITLE },
      locale: 'nl',
    });

    history.replaceState(
      null,
      '',
      `${location.pathname}?dichtbij-score=3&dichtbij-contact=KC-1&dichtbij-channel=e-mail`,
    );
    sessionStorage.clear();
    const el2 = await pageFixture(client, 'variant=score channel=balie contact=KC-2');
    await submit(el2);
    await thanks(el2);
    expect(adapter.received.feedback[1]!.input).to.include({ score: 3, channel: 'balie', contact: 'KC-2' });
  });
});

describe('<dichtbij-feedback>: personal data guard', () => {
  async function openComment(client: DichtbijClient) {
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    return el;
  }

  it('warns kindly about a valid BSN (11-proef), names it, links the warning; a detected BSN is never sent', async () => {
    const { adapter, client } = setup();
    const el = await openComment(client);
    await typeInto(el, '#comment', 'Mijn BSN is 111222333, graag terugbellen.');
    await waitUntil(() => $(el, '#comment-pii'), 'PII warning');
    const warning = $(el, '#comment-pii')!;
    expect(warning.textContent).to.contain('Dat hebben we niet nodig. Haal het weg, dan blijven uw gegevens privé.');
    expect(warning.textContent).not.to.contain('Vul geen');
    expect(warning.textContent).to.contain('een burgerservicenummer (BSN)');
    expect($(el, '#comment')!.getAttribute('aria-describedby')!.split(' ')).to.include('comment-pii');
    await accessible(el);
    await submit(el);
    await thanks(el);
    const sent = adapter.received.feedback[0]!.input;
    expect(sent.comment).to.equal('Mijn BSN is [BSN verwijderd], graag terugbellen.');
    expect(JSON.stringify(adapter.received.feedback)).not.to.contain('111222333');
  });

  it('does not flag 9 digits that fail the 11-proef', async () => {
    const { client } = setup();
    const el = await openComment(client);
    await typeInto(el, '#comment', 'BSN 111222333');
    await waitUntil(() => $(el, '#comment-pii'), 'PII warning for a valid BSN');
    await typeInto(el, '#comment', 'Ordernummer 123456789');
    expect($(el, '#comment-pii')).to.equal(null);
    expect($(el, '#comment')!.getAttribute('aria-describedby')).not.to.contain('comment-pii');
  });

  it('names phone, e-mail and IBAN; "Haal dit uit mijn tekst" removes them and returns focus', async () => {
    const { adapter, client } = setup();
    const el = await openComment(client);
    await typeInto(el, '#comment', 'Bel 06-12345678 of mail jan@example.nl. Mijn rekening is NL91ABNA0417164300.');
    await waitUntil(() => $(el, '#comment-pii'), 'PII warning');
    const warning = $(el, '#comment-pii')!.textContent!;
    expect(warning).to.contain('een telefoonnummer, een e-mailadres en een rekeningnummer (IBAN)');
    button(el, 'Haal dit uit mijn tekst').click();
    await el.updateComplete;
    await el.updateComplete;
    const field = $<HTMLTextAreaElement>(el, '#comment')!;
    expect(field.value).to.equal('Bel of mail. Mijn rekening is.');
    expect(active(el)).to.equal(field);
    expect($(el, '#comment-pii')).to.equal(null);
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback[0]!.input.comment).to.equal('Bel of mail. Mijn rekening is.');
  });

  it('BSN in several notations is stripped whatever the resident does', async () => {
    const { adapter, client } = setup();
    const el = await openComment(client);
    await typeInto(el, '#comment', 'a 1112.22.333 b 111 222 333 c 123456782');
    await submit(el);
    await thanks(el);
    const comment = adapter.received.feedback[0]!.input.comment!;
    expect(comment).to.equal('a [BSN verwijderd] b [BSN verwijderd] c [BSN verwijderd]');
  });
});

describe('<dichtbij-feedback>: bad input and failures', () => {
  it('text over the limit: live counter, clear error, input kept, nothing sent', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    const text = 'x'.repeat(503);
    await typeInto(el, '#comment', text);
    const counter = $(el, '#comment-count')!;
    expect(counter.textContent!.trim()).to.equal('U heeft 3 tekens te veel.');
    expect(counter.classList.contains('counter--over')).to.equal(true);
    await submit(el);
    expect(active(el)?.id).to.equal('error-summary');
    expect($(el, '#comment-error')!.textContent).to.equal(
      'Uw tekst is te lang. Gebruik maximaal 500 tekens. Nu zijn het er 503.',
    );
    expect($(el, '#comment')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#comment')!.getAttribute('aria-describedby')).to.contain('comment-error');
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal(text);
    expect(adapter.calls.submitFeedback).to.equal(0);
    await accessible(el);
  });

  it('announces the count politely near the limit, after a pause in typing', async () => {
    const { client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    const polite = $(el, '[aria-live="polite"]')!;
    await typeInto(el, '#comment', 'kort');
    await typeInto(el, '#comment', 'y'.repeat(460));
    await waitUntil(() => polite.textContent!.trim() !== '', 'polite announcement', { timeout: 5000 });
    expect(polite.textContent!.trim()).to.equal('U heeft nog 40 tekens over.');
  });

  it('429: says when to try again, keeps the input, fires dichtbij-error; a retry sends once', async () => {
    const { adapter, client } = setup({
      fail: (op, attempt) =>
        op === 'submitFeedback' && attempt === 1
          ? new DichtbijError('rate_limited', 'Too many requests', { status: 429, retryAfter: 120 })
          : undefined,
    });
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    await typeInto(el, '#comment', 'Mijn tekst');
    const error = oneEvent(el, 'dichtbij-error');
    await submit(el);
    const { detail } = (await error) as CustomEvent<ErrorDetail>;
    expect(detail.code).to.equal('rate_limited');
    await el.updateComplete;
    const summary = $(el, '#error-summary')!;
    expect(summary.textContent).to.contain('Probeer het over 2 minuten opnieuw.');
    expect(active(el)).to.equal(summary);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal('Mijn tekst');
    expect(adapter.received.feedback).to.have.length(0);
    await accessible(el);
    await submit(el);
    await thanks(el);
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.calls.submitFeedback).to.equal(2);
  });

  it('4xx: a clear message; 401/404: "works not at the moment"', async () => {
    const codes: DichtbijError[] = [
      new DichtbijError('validation', 'Bad request', { status: 400 }),
      new DichtbijError('not_found', 'Gone', { status: 404 }),
    ];
    const expected = ['Kijk of alles goed is ingevuld', 'Het formulier werkt op dit moment niet.'];
    for (const [i, failure] of codes.entries()) {
      const { adapter, client } = setup({ fail: (op) => (op === 'submitFeedback' ? failure : undefined) });
      const el = await pageFixture(client, 'variant=score');
      await chooseScore(el, 5);
      const error = oneEvent(el, 'dichtbij-error');
      await submit(el);
      expect(((await error) as CustomEvent<ErrorDetail>).detail.code).to.equal(failure.code);
      await el.updateComplete;
      expect($(el, '#error-summary')!.textContent).to.contain(expected[i]!);
      expect($<HTMLInputElement>(el, '#score-5')!.checked).to.equal(true);
      expect(adapter.received.feedback).to.have.length(0);
    }
  });

  it('5xx and timeouts are kept in the outbox and told honestly (queued), not lost', async () => {
    for (const failure of [
      new DichtbijError('server', 'Bad gateway', { status: 502 }),
      new DichtbijError('timeout', 'Took too long'),
    ]) {
      let down = true;
      sessionStorage.clear();
      const { adapter, client } = setup({ fail: (op) => (op === 'submitFeedback' && down ? failure : undefined) });
      const el = await pageFixture(client);
      const submitted = oneEvent(el, 'dichtbij-submitted');
      button(el, 'Ja').click();
      expect(((await submitted) as CustomEvent<SubmittedDetail>).detail.result).to.equal('queued');
      await el.updateComplete;
      // The truth: the gemeente's server does not answer (not "when you are back online").
      expect(statusText(el)).to.equal(
        'De server van de gemeente reageert nu niet. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
      );
      down = false;
      await client.outbox.flush(true);
      await el.updateComplete;
      expect(adapter.received.feedback).to.have.length(1);
      expect(statusText(el)).to.equal('Uw reactie is nu alsnog verstuurd.');
    }
  });

  it('server unreachable while the browser is online: told so (not "offline"); sent exactly once, even if "online" fires twice', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    adapter.setOffline(true);
    const events = capture<SubmittedDetail>('dichtbij-submitted');
    button(el, 'Nee').click();
    await el.updateComplete;
    await typeInto(el, '#comment', 'Offline geschreven');
    await submit(el);
    await thanks(el);
    await el.updateComplete;
    expect(events.seen.map((d) => d.result)).to.deep.equal(['queued']);
    // The request could not reach the server, but the browser is online: not "no internet connection".
    expect(navigator.onLine).to.equal(true);
    expect(statusText(el)).to.equal(
      'De server van de gemeente reageert nu niet. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
    );
    expect(statusText(el)).not.to.contain('online');
    expect(active(el)?.id).to.equal('thanks');
    await accessible(el);
    expect(adapter.received.feedback).to.have.length(0);

    adapter.setOffline(false);
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => adapter.received.feedback.length > 0, 'sent after online');
    await client.outbox.flush(true);
    window.dispatchEvent(new Event('online'));
    await client.outbox.flush(true);
    await el.updateComplete;
    events.stop();
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.received.feedback[0]!.input.comment).to.equal('Offline geschreven');
    expect(await client.outbox.pending()).to.equal(0);
    expect(statusText(el)).to.equal('Uw reactie is nu alsnog verstuurd.');
    expect(events.seen).to.deep.equal([
      { result: 'queued', id: events.seen[0]!.id },
      { result: 'sent', id: events.seen[0]!.id },
    ]);
    await accessible(el);
  });

  it('a double click sends once (submit and "Ja")', async () => {
    const { adapter, client } = setup({ latency: 30 });
    const el = await pageFixture(client, 'variant=score');
    await chooseScore(el, 10);
    const send = button(el, 'Verstuur');
    send.click();
    send.click();
    await el.updateComplete;
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    send.click();
    await thanks(el);
    expect(adapter.calls.submitFeedback).to.equal(1);
    expect(adapter.received.feedback).to.have.length(1);

    const page = await pageFixture(client);
    const yes = button(page, 'Ja');
    yes.click();
    yes.click();
    yes.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    await thanks(page);
    expect(adapter.calls.submitFeedback).to.equal(2);
  });

  it('hostile text is rendered and sent as text, never as markup', async () => {
    const { adapter, client } = setup();
    const hostile = '<img src=x onerror="window.__dichtbijPwned=1"><script>window.__dichtbijPwned=2</script>';
    document.title = `${TITLE} <img src=x onerror="window.__dichtbijPwned=3">`;
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    await typeInto(el, '#comment', hostile);
    await submit(el);
    await thanks(el);
    const handoff = oneEvent(el, 'dichtbij-handoff');
    button(el, 'Chat met ons').click();
    const { detail } = (await handoff) as CustomEvent<HandoffDetail>;
    expect($(el, 'img')).to.equal(null);
    expect($(el, 'script')).to.equal(null);
    expect((window as { __dichtbijPwned?: number }).__dichtbijPwned).to.equal(undefined);
    expect(adapter.received.feedback[0]!.input.comment).to.equal(hostile);
    expect(adapter.received.feedback[0]!.input.page.title).to.equal(document.title);
    expect(detail.summary).to.contain(hostile);
  });

  it('a filled honeypot pretends success and sends nothing; the honeypot is hidden and not focusable', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    const trap = $<HTMLInputElement>(el, 'input[name="website"]')!;
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.closest('[aria-hidden="true"]')).to.exist;
    expect(trap.closest('.visually-hidden')!.getBoundingClientRect().width).to.be.at.most(1);
    trap.value = 'http://spam.example';
    const events = capture<SubmittedDetail>('dichtbij-submitted');
    await submit(el);
    await thanks(el);
    events.stop();
    expect(statusText(el)).to.equal('Uw reactie is verstuurd.');
    expect(adapter.calls.submitFeedback).to.equal(0);
    expect(events.seen).to.have.length(0);
    expect(Object.keys(sessionStorage)).to.have.length(0);
  });

  it('not configured: a short notice and dichtbij-error { code: "config" }', async () => {
    const errors = capture<ErrorDetail>('dichtbij-error');
    const el = await fixture<DichtbijFeedback>(html`<dichtbij-feedback></dichtbij-feedback>`);
    errors.stop();
    expect(errors.seen).to.have.length(1);
    expect(errors.seen[0]!.code).to.equal('config');
    expect($(el, '[part="notice"]')!.textContent).to.equal('U kunt hier nu geen reactie geven.');
    expect($(el, 'button')).to.equal(null);
    await accessible(el);

    const bad = capture<ErrorDetail>('dichtbij-error');
    await fixture<DichtbijFeedback>(html`<dichtbij-feedback api="javascript:alert(1)"></dichtbij-feedback>`);
    bad.stop();
    expect(bad.seen.map((e) => e.code)).to.deep.equal(['config']);
  });
});

describe('<dichtbij-feedback>: once per page per session, privacy', () => {
  it('stores nothing before the resident acts; after sending, the same page shows thanks again', async () => {
    const { adapter, client } = setup();
    const el = await pageFixture(client);
    button(el, 'Nee').click();
    await el.updateComplete;
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    await submit(el);
    await thanks(el);
    expect(sessionStorage.length).to.equal(1);
    const [key] = Object.keys(sessionStorage);
    expect(key).to.equal(feedbackSessionKey(location.href, 'page'));
    expect(key).not.to.contain(location.host);
    expect(sessionStorage.getItem(key!)).to.equal('{"useful":false}');
    expect(document.cookie).to.equal('');

    // "reload": a new element on the same page in the same session
    el.remove();
    const again = await pageFixture(client);
    expect($(again, '#thanks')).to.exist;
    expect(again.shadowRoot!.textContent).to.contain('U heeft hier al gereageerd.');
    expect(button(again, 'Bel mij terug')).to.exist;
    expect($(again, '#question')).to.equal(null);
    await accessible(again);
    expect(adapter.received.feedback).to.have.length(1);

    // another contact on the same landing page may still be scored
    const other = await pageFixture(client, 'variant=score contact=KC-9');
    expect($(other, 'fieldset')).to.exist;
  });

  it('blocked storage does not break the widget', async () => {
    const { adapter, client } = setup();
    const original = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    try {
      const el = await pageFixture(client);
      button(el, 'Ja').click();
      await thanks(el);
      expect(adapter.received.feedback).to.have.length(1);
    } finally {
      Object.defineProperty(window, 'sessionStorage', original);
    }
  });
});

describe('<dichtbij-feedback>: keyboard only', () => {
  async function withStart(client: DichtbijClient, attrs: string) {
    const wrapper = await fixture<HTMLDivElement>(html`<div><button id="start">start</button></div>`);
    const el = document.createElement('dichtbij-feedback');
    for (const [k, v] of attrs
      .split(/\s+/)
      .filter(Boolean)
      .map((a) => a.split('=')))
      el.setAttribute(k!, v ?? '');
    el.client = client;
    wrapper.append(el);
    await el.updateComplete;
    wrapper.querySelector<HTMLButtonElement>('#start')!.focus();
    return el;
  }
  const press = (key: string) => sendKeys({ press: key });

  it('page variant: Tab, Space and Enter only', async () => {
    const { adapter, client } = setup();
    const el = await withStart(client, '');
    await press('Tab');
    expect(active(el)?.textContent?.trim()).to.equal('Ja');
    await press('Tab');
    expect(active(el)?.textContent?.trim()).to.equal('Nee');
    await press('Space');
    await el.updateComplete;
    expect(active(el)?.getAttribute('aria-expanded')).to.equal('true');
    await press('Tab');
    expect((active(el) as HTMLInputElement).value).to.equal('missing');
    await press('Space');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await press('Space');
    await press('Tab');
    expect(active(el)?.id).to.equal('comment');
    await sendKeys({ type: 'Te weinig info' });
    await press('Tab');
    expect(active(el)?.textContent?.trim()).to.equal('Verstuur');
    await press('Enter');
    await thanks(el);
    await el.updateComplete;
    expect(active(el)?.id).to.equal('thanks');
    expect(adapter.received.feedback[0]!.input).to.include({ useful: false, comment: 'Te weinig info' });
    expect(adapter.received.feedback[0]!.input.reasons).to.deep.equal(['missing', 'other']);
    // the hand-off buttons are reachable
    await press('Tab');
    expect(active(el)?.textContent?.trim()).to.equal('Bel mij terug');
    const handoff = oneEvent(el, 'dichtbij-handoff');
    await press('Enter');
    expect(((await handoff) as CustomEvent<HandoffDetail>).detail.to).to.equal('callback');
  });

  it('score variant: arrows in the radio group, Space on the checkbox, Enter to send', async () => {
    const { adapter, client } = setup();
    const el = await withStart(client, 'variant=score');
    await press('Tab');
    expect(active(el)?.id).to.equal('score-1');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(active(el)?.id).to.equal('score-3');
    await press('Tab'); // comment
    expect(active(el)?.id).to.equal('comment');
    await press('Tab'); // call me
    await press('Space');
    await el.updateComplete;
    await press('Tab');
    expect(active(el)?.id).to.equal('phone');
    await sendKeys({ type: '0612345678' });
    await press('Enter');
    await thanks(el);
    expect(adapter.received.feedback[0]!.input).to.include({ score: 3, callbackPhone: '+31612345678' });
  });

  it('empty submit with Enter focuses the error summary; its link leads to the field', async () => {
    const { client } = setup();
    const el = await withStart(client, 'variant=score');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    await press('Tab');
    expect(active(el)?.textContent?.trim()).to.equal('Verstuur');
    await press('Enter');
    await el.updateComplete;
    expect(active(el)?.id).to.equal('error-summary');
    await press('Tab');
    await press('Enter');
    expect(active(el)?.id).to.equal('score-1');
  });
});

describe('<dichtbij-feedback>: layout', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });

  it('fits 320 px without horizontal scrolling; the scale wraps', async () => {
    await setViewport({ width: 320, height: 640 });
    const { client } = setup();
    const el = await pageFixture(client, 'variant=score');
    await submit(el);
    expect(el.scrollWidth).to.be.at.most(320);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    const boxes = $$(el, '.score');
    const rows = new Set(boxes.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(rows.size).to.be.greaterThan(1);
    for (const b of boxes) expect(b.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('element tokens restyle only this element (--dichtbij-feedback-*)', async () => {
    const { client } = setup();
    const el = await pageFixture(client, 'variant=score');
    el.style.setProperty('--dichtbij-feedback-option-selected-background-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--dichtbij-feedback-button-background-color', 'rgb(4, 5, 6)');
    await chooseScore(el, 5);
    await Promise.all(
      root(el)
        .getAnimations()
        .map((a) => a.finished),
    );
    expect(getComputedStyle($(el, '#score-5')!.closest('label')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(button(el, 'Verstuur')).backgroundColor).to.equal('rgb(4, 5, 6)');
  });

  it('works right to left (logical properties)', async () => {
    const { client } = setup();
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"></div>`);
    const el = document.createElement('dichtbij-feedback');
    el.variant = 'score';
    el.client = client;
    wrapper.append(el);
    await el.updateComplete;
    await submit(el);
    const invalid = getComputedStyle($(el, 'fieldset.invalid')!);
    expect(invalid.borderRightWidth).to.equal('4px');
    expect(invalid.borderLeftWidth).to.equal('0px');
    const first = $(el, '#score-1')!.getBoundingClientRect();
    const second = $(el, '#score-2')!.getBoundingClientRect();
    expect(second.left).to.be.lessThan(first.left);
  });

  it('forced colours: the chosen score uses system colours; reduced motion: no transitions', async () => {
    const { client } = setup();
    const el = await pageFixture(client, 'variant=score');
    await chooseScore(el, 4);
    await emulateMedia({ forcedColors: 'active' });
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'Highlight';
    document.body.append(probe);
    const highlight = getComputedStyle(probe).backgroundColor;
    probe.remove();
    expect(getComputedStyle($(el, '#score-4')!.closest('label')!).backgroundColor).to.equal(highlight);
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'reduce' });
    expect(getComputedStyle(button(el, 'Verstuur')).transitionDuration).to.equal('0s');
  });
});

describe('<dichtbij-feedback>: axe in every state with every theme', () => {
  for (const theme of THEMES) {
    it(`theme ${theme}: initial, "Nee" expanded, error, queued, thanks`, async () => {
      const { adapter, client } = setup({
        fail: (op, attempt) =>
          op === 'submitFeedback' && attempt === 1
            ? new DichtbijError('rate_limited', 'slow down', { retryAfter: 30 })
            : undefined,
      });
      const el = await pageFixture(client, `theme=${theme}`);
      await waitUntil(
        () => getComputedStyle(el).getPropertyValue('--dichtbij-text-color') !== '',
        `theme ${theme} applied`,
      );
      await accessible(el);
      button(el, 'Nee').click();
      await el.updateComplete;
      await accessible(el);
      await typeInto(el, '#comment', 'Bel 06-12345678');
      await accessible(el);
      await submit(el);
      await waitUntil(() => $(el, '#error-summary'), 'error');
      await accessible(el);
      adapter.setOffline(true);
      await submit(el);
      await thanks(el);
      await el.updateComplete;
      expect(statusText(el)).to.contain('bewaard op dit apparaat');
      await accessible(el);
      adapter.setOffline(false);
      await client.outbox.flush(true);
      await el.updateComplete;
      expect(statusText(el)).to.contain('nu alsnog verstuurd');
      await accessible(el);

      sessionStorage.clear();
      const score = await pageFixture(client, `variant=score theme=${theme}`);
      await waitUntil(() => getComputedStyle(score).getPropertyValue('--dichtbij-text-color') !== '', 'theme applied');
      await chooseScore(score, 7);
      await accessible(score);
      await submit(score);
      await thanks(score);
      await accessible(score);
    });
  }
});

describe('<dichtbij-feedback> against a real gateway', () => {
  interface StoredFeedback {
    variant: string;
    useful: boolean | null;
    score: number | null;
    reasons: string[];
    comment: string | null;
    channel: string;
    contact: string | null;
    callbackPhone: string | null;
    pageUrl: string;
    pageTitle: string | null;
    locale: string;
  }
  const stored = async () =>
    (await executeServerCommand<{ feedback: StoredFeedback[] }, { limit: number }>('dichtbij-gateway-received', {
      limit: 100,
    }))!.feedback;

  // The first start of the in-process gateway (tsx, migrations, demo seed) may take a while.
  before(async function () {
    this.timeout(60_000);
    await executeServerCommand('dichtbij-gateway');
  });

  it('score variant through the `api` attribute: stored once, exactly these fields, no BSN', async () => {
    const { baseUrl } = (await executeServerCommand<{ baseUrl: string }, undefined>('dichtbij-gateway'))!;
    const contact = `KC-FB-${Math.random().toString(36).slice(2, 10)}`;
    const el = await fixture<DichtbijFeedback>(
      html`<dichtbij-feedback
        api=${baseUrl}
        variant="score"
        channel="telefoon"
        contact=${contact}
      ></dichtbij-feedback>`,
    );
    await chooseScore(el, 6);
    await typeInto(el, '#comment', 'Mijn BSN is 111222333. <b>Lang</b> gewacht.');
    $<HTMLInputElement>(el, 'input[name="call"]')!.click();
    await el.updateComplete;
    await typeInto(el, '#phone', '06 12345678');
    const submitted = oneEvent(el, 'dichtbij-submitted');
    await submit(el);
    expect(((await submitted) as CustomEvent<SubmittedDetail>).detail.result).to.equal('sent');
    await thanks(el);
    const rows = (await stored()).filter((r) => r.contact === contact);
    expect(rows).to.have.length(1);
    const {
      variant,
      score,
      useful,
      reasons,
      comment,
      channel,
      callbackPhone,
      pageUrl: url,
      pageTitle,
      locale,
    } = rows[0]!;
    expect({ variant, score, useful, reasons, comment, channel, callbackPhone, url, pageTitle, locale }).to.deep.equal({
      variant: 'score',
      score: 6,
      useful: null,
      reasons: [],
      comment: 'Mijn BSN is [BSN verwijderd]. <b>Lang</b> gewacht.',
      channel: 'telefoon',
      callbackPhone: '+31612345678',
      url: pageUrl(),
      pageTitle: TITLE,
      locale: 'nl',
    });
  });

  it('page variant "Nee" with reasons: stored once', async () => {
    const { baseUrl } = (await executeServerCommand<{ baseUrl: string }, undefined>('dichtbij-gateway'))!;
    const marker = `gateway-${Math.random().toString(36).slice(2, 10)}`;
    const el = await fixture<DichtbijFeedback>(
      html`<dichtbij-feedback api=${baseUrl} locale="en"></dichtbij-feedback>`,
    );
    button(el, 'No').click();
    await el.updateComplete;
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[1]!.click();
    await typeInto(el, '#comment', marker);
    await submit(el);
    await thanks(el);
    const rows = (await stored()).filter((r) => r.comment === marker);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({
      variant: 'page',
      useful: false,
      channel: 'website',
      locale: 'en',
      pageUrl: pageUrl(),
    });
    expect(rows[0]!.reasons).to.deep.equal(['unclear']);
  });
});
