// <dichtbij-bel-me> in real Chromium with a fixed clock: the promise and the offered moments across
// weekdays, evenings, weekends, holidays, the gemeente's closed days and DST; phone numbers in every
// notation; the dialog by keyboard and its semantics; the warm hand-off; exactly what reaches the
// backend; offline → online, 429, 5xx, double clicks, a slot that expired, hostile text; axe in
// every state and with every theme; and a real gateway when the test plugin can start one.
import { fixture, html, expect, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import {
  DichtbijError,
  createClient,
  demoConfig,
  lazyGatewayAdapter,
  memoryAdapter,
  memoryStore,
  type DichtbijClient,
  type GemeenteConfig,
  type MemorySeed,
} from '@dichtbij/sdk';
import { themeTokens } from '@dichtbij/themes';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/feedback/define.ts';
import type { DichtbijBelMe } from '../../packages/components/src/bel-me/dichtbij-bel-me.ts';
import type { ErrorDetail, SubmittedDetail } from '../../packages/components/src/shared/events.ts';

const THEMES = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];
/** Tuesday 26 May 2026, 10:00 in Amsterdam: open. */
const TUESDAY_OPEN = '2026-05-26T08:00:00Z';

let clients: DichtbijClient[] = [];
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
});

interface Setup {
  at?: string;
  seed?: MemorySeed;
  config?: Partial<GemeenteConfig>;
  inline?: boolean;
  attrs?: Record<string, string>;
}

async function setup({ at = TUESDAY_OPEN, seed = {}, config, inline = false, attrs = {} }: Setup = {}) {
  const clock = { now: new Date(at) };
  const adapter = memoryAdapter({
    now: () => clock.now,
    ...(config ? { config: { ...demoConfig, ...config } } : {}),
    ...seed,
  });
  // Retries only on `online`, an explicit flush, or after 50 ms when a test asks for them.
  const client = createClient({ adapter, outboxStore: memoryStore(), retry: { baseDelay: 600_000 } });
  clients.push(client);
  const el = document.createElement('dichtbij-bel-me');
  if (inline) el.setAttribute('inline', '');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = client;
  el.clock = () => clock.now;
  await fixture<DichtbijBelMe>(el);
  return { el, adapter, client, clock };
}

const root = (el: DichtbijBelMe) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: DichtbijBelMe, selector: string) => root(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: DichtbijBelMe, selector: string) => [
  ...root(el).querySelectorAll<T>(selector),
];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const active = (el: DichtbijBelMe) => root(el).activeElement as HTMLElement | null;
const trigger = (el: DichtbijBelMe) => $<HTMLButtonElement>(el, '.trigger')!;
const dialog = (el: DichtbijBelMe) => $<HTMLDialogElement>(el, 'dialog')!;
const button = (el: DichtbijBelMe, label: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
const promise = (el: DichtbijBelMe) => text($(el, '.promise'));
const slotLabels = (el: DichtbijBelMe) =>
  $$<HTMLInputElement>(el, 'input[name="preferred"]').map((i) => text(i.closest('label')));
/** The page a request is made on, as it is sent: origin and path, and the title when there is one. */
const thisPage = () => ({
  url: `${location.origin}${location.pathname}`,
  ...(document.title ? { title: document.title } : {}),
});
const formReady = (el: DichtbijBelMe) => waitUntil(() => $(el, '#phone'), 'the form');

/** Opens the dialog (or, inline, waits for the form). */
async function openForm(el: DichtbijBelMe) {
  if (!el.inline) trigger(el).click();
  await formReady(el);
  await el.updateComplete;
}

async function typeInto(el: DichtbijBelMe, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}
async function choose(el: DichtbijBelMe, value: string) {
  const radio = $<HTMLInputElement>(el, `input[name="preferred"][value="${value}"]`);
  if (!radio) throw new Error(`No moment ${value}`);
  radio.click();
  await el.updateComplete;
}
async function submit(el: DichtbijBelMe) {
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await el.updateComplete;
}
const confirmation = (el: DichtbijBelMe) => waitUntil(() => $(el, '[part="confirmation"]'), 'the confirmation');
const queuedMessage = (el: DichtbijBelMe) => waitUntil(() => $(el, '[part="queued"]'), 'the queued message');

/** Captures events of one type on document from now on. */
function capture<T>(type: string) {
  const seen: T[] = [];
  const handler = (event: Event) => seen.push((event as CustomEvent<T>).detail);
  document.addEventListener(type, handler);
  return { seen, stop: () => document.removeEventListener(type, handler) };
}

/** A CSS colour as the browser computes it ("rgb(…)"). */
function rgb(colour: string) {
  const probe = document.createElement('span');
  probe.style.color = colour;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** axe after the element has rendered and its transitions have ended. */
async function accessible(el: DichtbijBelMe) {
  await el.updateComplete;
  await Promise.all(
    root(el)
      .getAnimations()
      // A transition cut short by the next render rejects `finished`: that is fine here.
      .map((a) => a.finished.catch(() => undefined)),
  );
  await expect(el).to.be.accessible();
}

// ---------------------------------------------------------------------------------------------

describe('<dichtbij-bel-me>: the promise and the offered moments at fixed times', () => {
  const week = (days: string[], friday?: string) =>
    days.flatMap((d) => (d === friday ? [`${d}, ochtend`] : [`${d}, ochtend`, `${d}, middag`]));
  const matrix: { what: string; at: string; promise: string; slots: string[] }[] = [
    {
      what: 'a Tuesday morning, open',
      at: '2026-05-26T08:00:00Z',
      promise: 'We bellen u vandaag terug, meestal binnen een uur.',
      slots: week(
        ['woensdag 27 mei', 'donderdag 28 mei', 'vrijdag 29 mei', 'maandag 1 juni', 'dinsdag 2 juni'],
        'vrijdag 29 mei',
      ),
    },
    {
      what: 'a Tuesday evening, closed',
      at: '2026-05-26T16:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: woensdag 27 mei.',
      slots: week(
        ['woensdag 27 mei', 'donderdag 28 mei', 'vrijdag 29 mei', 'maandag 1 juni', 'dinsdag 2 juni'],
        'vrijdag 29 mei',
      ),
    },
    {
      what: 'a Tuesday at 7:00, before opening',
      at: '2026-05-26T05:00:00Z',
      promise: 'We bellen u vandaag terug, na 8:30.',
      slots: week(
        ['woensdag 27 mei', 'donderdag 28 mei', 'vrijdag 29 mei', 'maandag 1 juni', 'dinsdag 2 juni'],
        'vrijdag 29 mei',
      ),
    },
    {
      what: 'a Tuesday at 16:30, half an hour before closing',
      at: '2026-05-26T14:30:00Z',
      promise: 'We bellen u vandaag terug, of anders op de volgende werkdag: woensdag 27 mei.',
      slots: week(
        ['woensdag 27 mei', 'donderdag 28 mei', 'vrijdag 29 mei', 'maandag 1 juni', 'dinsdag 2 juni'],
        'vrijdag 29 mei',
      ),
    },
    {
      what: 'Friday evening before Pinksteren (Monday 25 May closed)',
      at: '2026-05-22T17:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: dinsdag 26 mei.',
      slots: week(
        ['dinsdag 26 mei', 'woensdag 27 mei', 'donderdag 28 mei', 'vrijdag 29 mei', 'maandag 1 juni'],
        'vrijdag 29 mei',
      ),
    },
    {
      what: 'the day before Hemelvaart 2027 (Friday 7 May closed by the gemeente)',
      at: '2027-05-05T16:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: maandag 10 mei.',
      slots: week(
        ['maandag 10 mei', 'dinsdag 11 mei', 'woensdag 12 mei', 'donderdag 13 mei', 'vrijdag 14 mei'],
        'vrijdag 14 mei',
      ),
    },
    {
      what: 'the day before Koningsdag 2027',
      at: '2027-04-26T16:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: woensdag 28 april.',
      slots: week(
        ['woensdag 28 april', 'donderdag 29 april', 'vrijdag 30 april', 'maandag 3 mei', 'dinsdag 4 mei'],
        'vrijdag 30 april',
      ),
    },
    {
      what: 'Christmas Eve 2026 after closing',
      at: '2026-12-24T20:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: maandag 28 december.',
      slots: week([
        'maandag 28 december',
        'dinsdag 29 december',
        'woensdag 30 december',
        'donderdag 31 december',
        'maandag 4 januari',
      ]),
    },
    {
      what: 'Friday afternoon before the DST weekend (CET)',
      at: '2026-03-27T13:00:00Z',
      promise: 'We bellen u terug op de volgende werkdag: maandag 30 maart.',
      slots: week(
        ['maandag 30 maart', 'dinsdag 31 maart', 'woensdag 1 april', 'donderdag 2 april', 'vrijdag 3 april'],
        'vrijdag 3 april',
      ),
    },
    {
      what: '07:00 UTC on the Monday before DST: 8:00 CET, not open yet',
      at: '2026-03-23T07:00:00Z',
      promise: 'We bellen u vandaag terug, na 8:30.',
      slots: week(
        ['dinsdag 24 maart', 'woensdag 25 maart', 'donderdag 26 maart', 'vrijdag 27 maart', 'maandag 30 maart'],
        'vrijdag 27 maart',
      ),
    },
    {
      what: '07:00 UTC on the Monday after DST: 9:00 CEST, open (Easter Monday skipped)',
      at: '2026-03-30T07:00:00Z',
      promise: 'We bellen u vandaag terug, meestal binnen een uur.',
      slots: week(
        ['dinsdag 31 maart', 'woensdag 1 april', 'donderdag 2 april', 'vrijdag 3 april', 'dinsdag 7 april'],
        'vrijdag 3 april',
      ),
    },
  ];
  for (const m of matrix) {
    it(m.what, async () => {
      const { el } = await setup({ at: m.at, inline: true });
      await openForm(el);
      expect(promise(el)).to.equal(m.promise);
      expect(slotLabels(el)).to.deep.equal(['Zo snel mogelijk', ...m.slots]);
      expect($<HTMLInputElement>(el, '#when-asap')!.checked).to.equal(true);
    });
  }

  it('the open/closed colour follows the opening hours', async () => {
    const open = await setup({ at: TUESDAY_OPEN, inline: true });
    await openForm(open.el);
    expect($(open.el, '.promise')!.dataset.open).to.equal('true');
    const closed = await setup({ at: '2026-05-26T16:00:00Z', inline: true });
    await openForm(closed.el);
    expect($(closed.el, '.promise')!.dataset.open).to.equal('false');
  });

  it('the window comes from the config (withinMinutes)', async () => {
    const { el } = await setup({ inline: true, config: { callback: { ...demoConfig.callback, withinMinutes: 30 } } });
    await openForm(el);
    expect(promise(el)).to.equal('We bellen u vandaag terug, meestal binnen een half uur.');
  });

  it('English', async () => {
    const { el } = await setup({ at: '2026-05-22T17:00:00Z', inline: true, attrs: { locale: 'en' } });
    await openForm(el);
    expect(promise(el)).to.equal('We will call you back on the next working day: Tuesday 26 May.');
    expect(slotLabels(el).slice(0, 3)).to.deep.equal([
      'As soon as possible',
      'Tuesday 26 May, morning',
      'Tuesday 26 May, afternoon',
    ]);
    expect(text($(el, 'label[for="phone"]'))).to.equal('Phone number');
    await accessible(el);
  });
});

describe('<dichtbij-bel-me>: the dialog', () => {
  it('a button with the default label; nothing loads before the resident comes near it', async () => {
    const { el, adapter } = await setup();
    expect(text(trigger(el))).to.equal('Bel mij terug');
    expect(trigger(el).getAttribute('aria-haspopup')).to.equal('dialog');
    expect(dialog(el).open).to.equal(false);
    await aTimeout(20);
    expect(adapter.calls.getConfig).to.equal(0);
    await accessible(el);
  });

  it('the label attribute', async () => {
    const { el } = await setup({ attrs: { label: 'Liever gebeld?' } });
    expect(text(trigger(el))).to.equal('Liever gebeld?');
  });

  it('opens modal, labelled by its heading, described by the promise; focus on the phone field', async () => {
    const { el } = await setup();
    const opened = oneEvent(el, 'dichtbij-open');
    trigger(el).click();
    await opened;
    await formReady(el);
    const d = dialog(el);
    expect(d.open).to.equal(true);
    expect(d.matches(':modal')).to.equal(true);
    expect(text(root(el).getElementById(d.getAttribute('aria-labelledby')!))).to.equal('We bellen u terug');
    expect(text(root(el).getElementById(d.getAttribute('aria-describedby')!))).to.equal(
      'We bellen u vandaag terug, meestal binnen een uur.',
    );
    await waitUntil(() => active(el)?.id === 'phone', 'focus on the phone field');
    const phone = $<HTMLInputElement>(el, '#phone')!;
    expect(phone.type).to.equal('tel');
    expect(phone.autocomplete).to.equal('tel');
    expect(phone.inputMode).to.equal('tel');
    expect(phone.required).to.equal(true);
    expect($<HTMLInputElement>(el, '#name')!.autocomplete).to.equal('name');
    expect($<HTMLTextAreaElement>(el, '#question')!.maxLength).to.equal(300);
    expect($<HTMLSelectElement>(el, '#topic')!.options.length).to.equal(demoConfig.callback.topics.length + 1);
    const privacy = $<HTMLAnchorElement>(el, '.privacy a')!;
    expect(privacy.href).to.equal(demoConfig.privacyUrl);
    expect(privacy.rel).to.contain('noopener');
    await accessible(el);
  });

  it('Escape closes it and focus returns to the button', async () => {
    const { el } = await setup();
    await openForm(el);
    await waitUntil(() => active(el)?.id === 'phone');
    const closed = oneEvent(el, 'dichtbij-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(active(el)).to.equal(trigger(el));
  });

  it('the visible close button closes it and focus returns to the button', async () => {
    const { el } = await setup();
    await openForm(el);
    const closed = oneEvent(el, 'dichtbij-close');
    button(el, 'Sluiten').click();
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(active(el)).to.equal(trigger(el));
  });

  it('keyboard only: open, fill in, send, read the confirmation, close', async () => {
    const { el, adapter } = await setup();
    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    await formReady(el);
    await waitUntil(() => active(el)?.id === 'phone', 'focus on the phone field');
    await sendKeys({ type: '06 12345678' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('name');
    await sendKeys({ type: 'Jan' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('topic');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('question');
    await sendKeys({ type: 'Over mijn paspoort' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.id).to.equal('when-asap');
    await sendKeys({ press: 'ArrowDown' });
    expect((active(el) as HTMLInputElement).value).to.equal('2026-05-27:morning');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.tagName).to.equal('A');
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('type')).to.equal('submit');
    await sendKeys({ press: 'Enter' });
    await confirmation(el);
    await waitUntil(() => active(el)?.id === 'result-title', 'focus on the confirmation');
    expect(adapter.received.callbacks).to.have.length(1);
    expect(adapter.received.callbacks[0]!.input).to.deep.equal({
      phone: '+31612345678',
      name: 'Jan',
      topic: 'paspoort-id',
      question: 'Over mijn paspoort',
      preferred: { kind: 'slot', date: '2026-05-27', part: 'morning' },
      context: { source: 'page', page: thisPage() },
      locale: 'nl',
    });
    await sendKeys({ press: 'Tab' });
    expect(text(active(el))).to.equal('14 0345');
    await sendKeys({ press: 'Tab' });
    expect(text(active(el))).to.equal('Sluiten');
    const closed = oneEvent(el, 'dichtbij-close');
    await sendKeys({ press: 'Enter' });
    await closed;
    expect(active(el)).to.equal(trigger(el));
  });

  it('reopening after a request shows its confirmation again', async () => {
    const { el } = await setup();
    await openForm(el);
    await typeInto(el, '#phone', '0612345678');
    await submit(el);
    await confirmation(el);
    button(el, 'Sluiten').click();
    trigger(el).click();
    await el.updateComplete;
    expect($(el, '[part="confirmation"]')).to.exist;
    await waitUntil(() => active(el)?.id === 'result-title');
  });

  it('inline: the form in the page, no dialog and no close button', async () => {
    const { el } = await setup({ inline: true });
    await formReady(el);
    expect($(el, 'dialog')).to.equal(null);
    expect($(el, '.trigger')).to.equal(null);
    expect($(el, 'section[aria-labelledby="title"]')).to.exist;
    expect($$(el, 'button').map(text)).to.deep.equal(['Verstuur']);
    await accessible(el);
  });
});

describe('<dichtbij-bel-me>: phone numbers', () => {
  const valid: [string, string][] = [
    ['06 12345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['+31 6 1234 5678', '+31612345678'],
    ['0031 6 12345678', '+31612345678'],
    ['030 123 4567', '+31301234567'],
    ['(0345) 12 34 56', '+31345123456'],
  ];
  for (const [typed, e164] of valid) {
    it(`"${typed}" is sent as ${e164}`, async () => {
      const { el, adapter } = await setup({ inline: true });
      await openForm(el);
      await typeInto(el, '#phone', typed);
      await submit(el);
      await confirmation(el);
      expect(adapter.received.callbacks.map((c) => c.input.phone)).to.deep.equal([e164]);
    });
  }

  const invalid: [string, string][] = [
    ['', 'Vul uw telefoonnummer in.'],
    ['06 1234', 'Dit telefoonnummer klopt niet.'],
    ['bel me maar', 'Dit telefoonnummer klopt niet.'],
    ['112', 'Dit telefoonnummer klopt niet.'],
    ['0900 1234567', 'Naar een betaalnummer, zoals een 0900-nummer, bellen we niet.'],
    ['0906 1234567', 'Naar een betaalnummer'],
    ['0909 1234567', 'Naar een betaalnummer'],
    ['0800 1234', 'Op dit nummer kunnen we u niet bellen.'],
    ['14 0345', 'Op dit nummer kunnen we u niet bellen.'],
    ['+32 470 12 34 56', 'We kunnen alleen naar een Nederlands nummer bellen.'],
  ];
  for (const [typed, message] of invalid) {
    it(`"${typed}": "${message}", nothing sent`, async () => {
      const { el, adapter } = await setup({ inline: true });
      await openForm(el);
      await typeInto(el, '#phone', typed);
      const errors = capture<ErrorDetail>('dichtbij-error');
      await submit(el);
      errors.stop();
      const phone = $<HTMLInputElement>(el, '#phone')!;
      expect(phone.getAttribute('aria-invalid')).to.equal('true');
      expect(phone.getAttribute('aria-describedby')).to.equal('phone-hint phone-error');
      expect(text($(el, '#phone-error'))).to.contain(message);
      // The error summary gets focus and links to the field.
      await waitUntil(() => active(el)?.classList.contains('error-summary'), 'focus on the error summary');
      const link = $<HTMLAnchorElement>(el, '.error-summary a')!;
      expect(text(link)).to.contain(message);
      link.click();
      expect(active(el)).to.equal(phone);
      expect(adapter.calls.requestCallback).to.equal(0);
      expect(errors.seen).to.deep.equal([]);
      await accessible(el);
    });
  }

  it('the error goes away when the number is fixed', async () => {
    const { el } = await setup({ inline: true });
    await openForm(el);
    await typeInto(el, '#phone', '0900 1234567');
    await submit(el);
    expect($(el, '#phone-error')).to.exist;
    await typeInto(el, '#phone', '06 12345678');
    expect($(el, '#phone-error')).to.equal(null);
    expect($(el, '#phone')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('foreign numbers when the gemeente allows them (all-country metadata loaded then)', async () => {
    const { el, adapter } = await setup({
      inline: true,
      config: { callback: { ...demoConfig.callback, allowInternational: true } },
    });
    await openForm(el);
    await typeInto(el, '#phone', '+32 470 12 34 56');
    await submit(el);
    await confirmation(el);
    expect(adapter.received.callbacks[0]!.input.phone).to.equal('+32470123456');
  });

  it('the backend refusing the number is shown at the field', async () => {
    const { el } = await setup({
      inline: true,
      seed: {
        fail: (op) =>
          op === 'requestCallback'
            ? new DichtbijError('validation', 'Invalid', {
                status: 422,
                fields: [{ field: 'phone', message: 'pattern' }],
              })
            : undefined,
      },
    });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    const error = oneEvent(el, 'dichtbij-error');
    await submit(el);
    expect(((await error) as CustomEvent<ErrorDetail>).detail.code).to.equal('validation');
    await waitUntil(() => $(el, '#phone-error'));
    expect(text($(el, '#phone-error'))).to.equal('We konden dit telefoonnummer niet gebruiken. Kijk of het goed is.');
  });
});

describe('<dichtbij-bel-me>: what reaches the backend', () => {
  it('exactly the request, with a slot and the topic attribute pre-selected', async () => {
    const { el, adapter } = await setup({ inline: true, attrs: { topic: 'Verhuizen' } });
    await openForm(el);
    expect($<HTMLSelectElement>(el, '#topic')!.value).to.equal('verhuizen');
    await typeInto(el, '#phone', ' 030-1234567 ');
    await typeInto(el, '#name', '  Fatima El Amrani ');
    await typeInto(el, '#question', '  Wanneer kan ik mijn nieuwe adres doorgeven?  ');
    await choose(el, '2026-05-29:morning');
    const submitted = oneEvent(el, 'dichtbij-submitted');
    await submit(el);
    const { detail } = (await submitted) as CustomEvent<SubmittedDetail>;
    await confirmation(el);
    expect(adapter.received.callbacks).to.have.length(1);
    const [received] = adapter.received.callbacks;
    expect(received!.input).to.deep.equal({
      phone: '+31301234567',
      name: 'Fatima El Amrani',
      topic: 'verhuizen',
      question: 'Wanneer kan ik mijn nieuwe adres doorgeven?',
      preferred: { kind: 'slot', date: '2026-05-29', part: 'morning' },
      // A request made directly carries the page it was made on (origin and path only).
      context: { source: 'page', page: thisPage() },
      locale: 'nl',
    });
    expect(detail).to.deep.equal({ result: 'sent', id: received!.key, reference: received!.receipt.reference });
    // The confirmation: reference, window in words, what to do if nobody calls.
    const box = $(el, '[part="confirmation"]')!;
    expect(text(box)).to.contain(`Uw kenmerk: ${received!.receipt.reference}`);
    expect(text(box)).to.contain('We bellen u op vrijdag 29 mei terug, in de ochtend.');
    expect(text(box)).to.contain('Heeft u dan niets van ons gehoord? Bel ons op 14 0345.');
    expect(box.querySelector('a')!.getAttribute('href')).to.equal('tel:140345');
    await accessible(el);
  });

  it('"Zo snel mogelijk" while open: "vandaag, voor 17:00"; the question counter counts down', async () => {
    const { el } = await setup({ inline: true });
    await openForm(el);
    expect(text($(el, '#question-counter'))).to.equal('U heeft nog 300 tekens over.');
    await typeInto(el, '#question', 'Twaalf tekens');
    expect(text($(el, '#question-counter'))).to.equal('U heeft nog 287 tekens over.');
    expect($(el, '#question')!.getAttribute('aria-describedby')).to.equal('question-counter');
    await typeInto(el, '#phone', '06 12345678');
    await submit(el);
    await confirmation(el);
    expect(text($(el, '[part="confirmation"]'))).to.contain('We bellen u vandaag terug, voor 17:00.');
  });

  it('closed: "Zo snel mogelijk" means the next working day', async () => {
    const { el } = await setup({ at: '2026-05-22T17:00:00Z', inline: true });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    await submit(el);
    await confirmation(el);
    expect(text($(el, '[part="confirmation"]'))).to.contain('We bellen u op dinsdag 26 mei terug.');
  });

  it('double-clicking "Verstuur" sends one request', async () => {
    const { el, adapter } = await setup({ inline: true, seed: { latency: 30 } });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    const send = $<HTMLButtonElement>(el, 'button[type="submit"]')!;
    send.click();
    send.click();
    await el.updateComplete;
    send.click();
    await confirmation(el);
    await aTimeout(50);
    expect(adapter.calls.requestCallback).to.equal(1);
    expect(adapter.received.callbacks).to.have.length(1);
  });

  it('sending: the button says so; the status region waits for the result (one announcement)', async () => {
    const { el } = await setup({ inline: true, seed: { latency: 300 } });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    await submit(el);
    const send = $<HTMLButtonElement>(el, 'button[type="submit"]')!;
    expect(text(send)).to.equal('Bezig met versturen…');
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect(text($(el, '[role="status"]'))).to.equal('');
    await accessible(el);
    await confirmation(el);
    expect(text($(el, '[role="status"]'))).to.match(/^We hebben uw verzoek ontvangen\. Uw kenmerk: TB-/);
  });

  it('hostile text is rendered as text and sent as typed', async () => {
    const hostile = '<img src=x onerror="window.__belMePwned=1"><script>window.__belMePwned=2</script>';
    const { el, adapter } = await setup({
      inline: true,
      config: { callback: { ...demoConfig.callback, topics: [{ id: 'x', label: hostile }] } },
    });
    await openForm(el);
    expect($<HTMLSelectElement>(el, '#topic')!.options[1]!.text).to.equal(hostile);
    await typeInto(el, '#phone', '06 12345678');
    await typeInto(el, '#question', hostile);
    await submit(el);
    await confirmation(el);
    expect($(el, 'img')).to.equal(null);
    expect($(el, 'script')).to.equal(null);
    expect((window as { __belMePwned?: number }).__belMePwned).to.equal(undefined);
    expect(adapter.received.callbacks[0]!.input.question).to.equal(hostile);
  });
});

describe('<dichtbij-bel-me>: bad moments and failures', () => {
  it('a slot that became invalid while the page stayed open is re-checked and re-offered', async () => {
    const { el, adapter, clock } = await setup({ at: '2026-05-26T14:00:00Z', inline: true });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    await choose(el, '2026-05-27:morning');
    // The resident comes back on Wednesday at 10:00: Wednesday morning is no longer on offer.
    clock.now = new Date('2026-05-27T08:00:00Z');
    await submit(el);
    await waitUntil(() => active(el)?.classList.contains('error-summary'), 'focus on the error summary');
    expect(adapter.calls.requestCallback).to.equal(0);
    expect(text($(el, '#when-error'))).to.equal('Het moment dat u koos kan niet meer. Kies een ander moment.');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.equal('when-error');
    expect(slotLabels(el)[1]).to.equal('donderdag 28 mei, ochtend');
    expect($$<HTMLInputElement>(el, 'input[name="preferred"]').some((r) => r.checked)).to.equal(false);
    expect(promise(el)).to.equal('We bellen u vandaag terug, meestal binnen een uur.');
    await accessible(el);
    await choose(el, '2026-05-28:afternoon');
    expect($(el, '#when-error')).to.equal(null);
    await submit(el);
    await confirmation(el);
    expect(adapter.received.callbacks[0]!.input.preferred).to.deep.equal({
      kind: 'slot',
      date: '2026-05-28',
      part: 'afternoon',
    });
  });

  it('429: says when to try again; nothing queued; the next try goes through', async () => {
    const { el, adapter } = await setup({
      inline: true,
      seed: {
        fail: (op, attempt) =>
          op === 'requestCallback' && attempt === 1
            ? new DichtbijError('rate_limited', 'Too many requests', { status: 429, retryAfter: 120 })
            : undefined,
      },
    });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    const error = oneEvent(el, 'dichtbij-error');
    await submit(el);
    expect(((await error) as CustomEvent<ErrorDetail>).detail.code).to.equal('rate_limited');
    await waitUntil(() => active(el)?.classList.contains('problem'), 'focus on the message');
    expect(text($(el, '.problem'))).to.equal(
      'U heeft het te vaak geprobeerd. Probeer het over 2 minuten opnieuw (na 10:02).',
    );
    expect(await clients[0]!.outbox.pending()).to.equal(0);
    await accessible(el);
    await submit(el);
    await confirmation(el);
    expect(adapter.received.callbacks).to.have.length(1);
  });

  it('5xx: kept and sent later, exactly once; the resident is told both times', async () => {
    const { el, adapter, client } = await setup({
      inline: true,
      seed: {
        fail: (op, attempt) =>
          op === 'requestCallback' && attempt === 1
            ? new DichtbijError('server', 'Bad gateway', { status: 502 })
            : undefined,
      },
    });
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    const submitted = capture<SubmittedDetail>('dichtbij-submitted');
    await submit(el);
    await queuedMessage(el);
    expect(adapter.received.callbacks).to.have.length(0);
    await client.outbox.flush(true);
    await confirmation(el);
    submitted.stop();
    expect(adapter.received.callbacks).to.have.length(1);
    expect(submitted.seen.map((d) => d.result)).to.deep.equal(['queued', 'sent']);
    expect(submitted.seen[1]!.reference).to.equal(adapter.received.callbacks[0]!.receipt.reference);
    expect(text($(el, '[role="status"]'))).to.equal(
      `Uw verzoek is nu verstuurd. We hebben uw verzoek ontvangen. Uw kenmerk: ${submitted.seen[1]!.reference}. We bellen u vandaag terug, voor 17:00.`,
    );
  });

  it('server unreachable while online: an honest message (not "offline"), then exactly one request reaches the backend', async () => {
    const { el, adapter, client } = await setup();
    await openForm(el);
    await typeInto(el, '#phone', '06 12345678');
    adapter.setOffline(true);
    await submit(el);
    await queuedMessage(el);
    await waitUntil(() => active(el)?.id === 'result-title');
    const queued = $(el, '[part="queued"]')!;
    expect(text(queued)).to.contain('Uw verzoek is nog niet verstuurd');
    expect(text(queued)).to.contain(
      'De server van de gemeente reageert nu niet. Uw verzoek staat klaar op dit apparaat.',
    );
    expect(text(queued)).not.to.contain('internetverbinding');
    expect(text(queued)).to.contain('Wilt u niet wachten? Bel ons op 14 0345.');
    await accessible(el);
    adapter.setOffline(false);
    await client.outbox.flush(true);
    await confirmation(el);
    await client.outbox.flush(true);
    window.dispatchEvent(new Event('online'));
    await aTimeout(50);
    expect(adapter.received.callbacks).to.have.length(1);
    await accessible(el);
  });

  it('not configured: a clear notice and dichtbij-error "config"', async () => {
    const errors = capture<ErrorDetail>('dichtbij-error');
    const el = await fixture<DichtbijBelMe>(html`<dichtbij-bel-me></dichtbij-bel-me>`);
    await waitUntil(() => $(el, '[part="notice"]'), 'the notice');
    errors.stop();
    expect(text($(el, '[part="notice"]'))).to.equal('Terugbellen kan hier nu niet. Neem contact op met de gemeente.');
    expect(errors.seen.map((e) => e.code)).to.deep.equal(['config']);
    expect($(el, 'button')).to.equal(null);
    await accessible(el);
  });

  it('the config cannot be loaded: says so, with a working "Probeer opnieuw"', async () => {
    const { el } = await setup({
      inline: false,
      seed: {
        fail: (op, attempt) =>
          op === 'getConfig' && attempt === 1 ? new DichtbijError('network', 'offline') : undefined,
      },
    });
    const error = oneEvent(el, 'dichtbij-error');
    trigger(el).click();
    expect(((await error) as CustomEvent<ErrorDetail>).detail.code).to.equal('network');
    await waitUntil(() => $(el, 'dialog .message--error'));
    // The cause, truthfully: the browser is online, so the server did not answer; without a
    // `phone` attribute: "contact the gemeente".
    expect(text($(el, 'dialog .message--error p'))).to.equal(
      'Het formulier kan nu niet worden geladen, want de server van de gemeente reageert niet.',
    );
    expect(text($(el, 'dialog .message--error'))).to.contain('U kunt ook contact opnemen met de gemeente.');
    await accessible(el);
    button(el, 'Probeer opnieuw').click();
    await formReady(el);
  });
});

describe('<dichtbij-bel-me>: warm hand-off', () => {
  const handoff = {
    to: 'callback',
    source: 'status-tracker',
    topic: 'Vergunning',
    page: { url: 'https://www.example.nl/dakkapel', title: 'Dakkapel bouwen' },
    caseReference: 'Z-2026-0142',
    caseTitle: 'Omgevingsvergunning: dakkapel',
    summary: 'De inwoner vraagt <img src=x onerror="window.__belMePwned=3"> wanneer het besluit komt.',
  };

  it('a dichtbij-handoff from any element opens, pre-selects the topic, shows and sends the context', async () => {
    const { el, adapter } = await setup();
    const sender = document.createElement('div');
    document.body.append(sender);
    const opened = oneEvent(el, 'dichtbij-open');
    const event = new CustomEvent('dichtbij-handoff', {
      detail: handoff,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    sender.dispatchEvent(event);
    sender.remove();
    expect(event.defaultPrevented, 'taken').to.equal(true);
    await opened;
    await formReady(el);
    expect(dialog(el).open).to.equal(true);
    expect($<HTMLSelectElement>(el, '#topic')!.value).to.equal('vergunning');
    const box = $(el, '.handoff')!;
    expect(text(box.querySelector('h3'))).to.equal('Dit sturen we mee');
    expect($$(el, '.handoff dt').map(text)).to.deep.equal(['Pagina', 'Zaak', 'Gesprek']);
    expect($$(el, '.handoff dd').map(text)).to.deep.equal([
      'Dakkapel bouwen',
      'Z-2026-0142 – Omgevingsvergunning: dakkapel',
      handoff.summary,
    ]);
    expect($(el, 'img')).to.equal(null);
    await accessible(el);
    await typeInto(el, '#phone', '06 12345678');
    await submit(el);
    await confirmation(el);
    expect((window as { __belMePwned?: number }).__belMePwned).to.equal(undefined);
    expect(adapter.received.callbacks[0]!.input).to.deep.equal({
      phone: '+31612345678',
      topic: 'vergunning',
      preferred: { kind: 'asap' },
      context: {
        source: 'status-tracker',
        topic: 'Vergunning',
        page: handoff.page,
        caseReference: 'Z-2026-0142',
        caseTitle: 'Omgevingsvergunning: dakkapel',
        summary: handoff.summary,
      },
      locale: 'nl',
    });
  });

  it('"Niet meesturen" leaves the context out', async () => {
    const { el, adapter } = await setup({ inline: true });
    await formReady(el);
    document.body.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        detail: { to: 'callback', source: 'chat', summary: 'Chat over afval' },
        bubbles: true,
      }),
    );
    await waitUntil(() => $(el, '.handoff'));
    button(el, 'Niet meesturen').click();
    await el.updateComplete;
    expect($(el, '.handoff')).to.equal(null);
    expect(active(el)?.id).to.equal('phone');
    await typeInto(el, '#phone', '06 12345678');
    await submit(el);
    await confirmation(el);
    expect(adapter.received.callbacks[0]!.input.context).to.equal(undefined);
  });

  it('hand-offs to chat are not for bel-me; only one bel-me takes a hand-off', async () => {
    const first = await setup();
    const second = await setup();
    const chat = new CustomEvent('dichtbij-handoff', {
      detail: { to: 'chat', summary: 'x' },
      bubbles: true,
      cancelable: true,
    });
    document.body.dispatchEvent(chat);
    expect(chat.defaultPrevented).to.equal(false);
    await aTimeout(10);
    expect(dialog(first.el).open).to.equal(false);
    document.body.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        detail: { to: 'callback', summary: 'y' },
        bubbles: true,
        cancelable: true,
      }),
    );
    await formReady(first.el);
    expect(dialog(first.el).open).to.equal(true);
    expect(dialog(second.el).open).to.equal(false);
  });

  it('from <dichtbij-feedback>: "Nee" → "Bel mij terug" prefills bel-me with the page and the feedback', async () => {
    const { el, client, adapter } = await setup();
    const feedback = document.createElement('dichtbij-feedback');
    feedback.client = client;
    document.body.append(feedback);
    try {
      await feedback.updateComplete;
      const fb = feedback.shadowRoot!;
      const byText = (t: string) => [...fb.querySelectorAll('button')].find((b) => text(b) === t)!;
      await waitUntil(() => byText('Nee'), 'feedback "Nee"');
      byText('Nee').click();
      await feedback.updateComplete;
      fb.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => byText('Bel mij terug'), 'feedback offers a callback');
      byText('Bel mij terug').click();
      await formReady(el);
      expect(dialog(el).open).to.equal(true);
      expect($$(el, '.handoff dt').map(text)).to.deep.equal(['Pagina', 'Gesprek']);
      expect(text($(el, '.handoff dd'))).to.equal(document.title || `${location.origin}${location.pathname}`);
      await typeInto(el, '#phone', '06 12345678');
      await submit(el);
      await confirmation(el);
      const context = adapter.received.callbacks[0]!.input.context!;
      expect(context.source).to.equal('feedback');
      expect(context.page!.url).to.contain(location.origin);
      expect(context.summary).to.be.a('string').and.not.equal('');
    } finally {
      feedback.remove();
    }
  });
});

describe('<dichtbij-bel-me>: layout', () => {
  afterEach(async () => {
    document.documentElement.removeAttribute('dir');
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference', forcedColors: 'none' });
  });

  it('320 px wide: the dialog fits and nothing scrolls sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el } = await setup();
    await openForm(el);
    const d = dialog(el);
    const rect = d.getBoundingClientRect();
    expect(rect.left).to.be.at.least(0);
    expect(rect.right).to.be.at.most(320);
    expect(d.scrollWidth).to.be.at.most(d.clientWidth);
    for (const field of $$(el, '.input, .select, .textarea')) {
      expect(field.getBoundingClientRect().right, field.id).to.be.at.most(rect.right);
    }
    await accessible(el);
  });

  it('right to left: the close button sits at the start side (left)', async () => {
    document.documentElement.dir = 'rtl';
    const { el } = await setup();
    await openForm(el);
    const close = button(el, 'Sluiten').getBoundingClientRect();
    const title = $(el, '#title')!.getBoundingClientRect();
    expect(close.right).to.be.at.most(title.left);
  });

  it('element tokens restyle this element only', async () => {
    const { el } = await setup({ at: '2026-05-26T16:00:00Z' });
    el.style.setProperty('--dichtbij-bel-me-button-background-color', 'rgb(1, 2, 3)');
    el.style.setProperty('--dichtbij-bel-me-closed-color', 'rgb(4, 5, 6)');
    await waitUntil(() => getComputedStyle(trigger(el)).backgroundColor === 'rgb(1, 2, 3)', 'button token');
    await openForm(el);
    expect(getComputedStyle($(el, '.promise')!).color).to.equal('rgb(4, 5, 6)');
  });

  it('reduced motion and forced colours', async () => {
    await emulateMedia({ reducedMotion: 'reduce', forcedColors: 'active' });
    const { el } = await setup();
    expect(getComputedStyle(trigger(el)).transitionDuration).to.equal('0s');
    await openForm(el);
    await accessible(el);
  });
});

describe('<dichtbij-bel-me>: axe in every state with every theme', () => {
  for (const theme of THEMES) {
    it(`theme ${theme}: button, form, errors, sending, confirmation, queued`, async () => {
      const { el, adapter, client } = await setup({ attrs: { theme }, seed: { latency: 100 } });
      const tokens = themeTokens(theme);
      await waitUntil(
        () =>
          getComputedStyle(trigger(el)).backgroundColor !== '' &&
          getComputedStyle(el).getPropertyValue('--dichtbij-button-primary-background-color').trim() ===
            tokens['--dichtbij-button-primary-background-color'],
        `theme ${theme} applied`,
      );
      const brand = rgb(tokens['--dichtbij-button-primary-background-color']!);
      await waitUntil(() => getComputedStyle(trigger(el)).backgroundColor === brand, `button in ${theme} colour`);
      await accessible(el);
      await openForm(el);
      expect(getComputedStyle(dialog(el)).backgroundColor).to.equal(rgb(tokens['--dichtbij-background-color']!));
      await accessible(el);
      await typeInto(el, '#phone', '0900 1234567');
      await submit(el);
      await accessible(el);
      await typeInto(el, '#phone', '06 12345678');
      await submit(el);
      expect(text($(el, 'button[type="submit"]'))).to.equal('Bezig met versturen…');
      await accessible(el);
      await confirmation(el);
      await accessible(el);
      // A second request while offline: the queued state.
      button(el, 'Sluiten').click();
      document.body.dispatchEvent(
        new CustomEvent('dichtbij-handoff', { detail: { to: 'callback', summary: 'Opnieuw' }, bubbles: true }),
      );
      await formReady(el);
      await typeInto(el, '#phone', '06 12345678');
      adapter.setOffline(true);
      await submit(el);
      await queuedMessage(el);
      await accessible(el);
      adapter.setOffline(false);
      await client.outbox.flush(true);
      expect(adapter.received.callbacks).to.have.length(2);
    });
  }
});

describe('<dichtbij-bel-me>: against a real gateway', () => {
  interface StoredCallback {
    reference: string;
    phone: string | null;
    question: string | null;
    topic: string | null;
    topicLabel: string | null;
    preferred: unknown;
    context: unknown;
  }

  it('the request is stored, with the hand-off context and the topic', async function () {
    this.timeout(60_000);
    const { baseUrl } = await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway');
    const client = createClient({ adapter: lazyGatewayAdapter({ baseUrl }), outboxStore: memoryStore() });
    clients.push(client);
    const el = document.createElement('dichtbij-bel-me');
    el.client = client;
    await fixture<DichtbijBelMe>(el);
    const topic = (await client.config.get()).callback.topics[0]!;
    document.body.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        detail: { to: 'callback', source: 'chat', topic: topic.label, summary: 'Vraag uit de chat' },
        bubbles: true,
        cancelable: true,
      }),
    );
    await formReady(el);
    expect($<HTMLSelectElement>(el, '#topic')!.value).to.equal(topic.id);
    await typeInto(el, '#phone', '06 12345678');
    await typeInto(el, '#question', 'Test vanuit de browser');
    const submitted = oneEvent(el, 'dichtbij-submitted');
    await submit(el);
    const { detail } = (await submitted) as CustomEvent<SubmittedDetail>;
    expect(detail.result).to.equal('sent');
    expect(detail.reference).to.match(/^[A-Z]{2}-[0-9A-Z]{4,10}$/);
    await confirmation(el);
    expect(text($(el, '[part="confirmation"]'))).to.contain(detail.reference!);
    const { callbacks } = await executeServerCommand<{ callbacks: StoredCallback[] }, object>(
      'dichtbij-gateway-received',
    );
    const stored = callbacks.filter((c) => c.reference === detail.reference);
    expect(stored, 'stored once by the gateway').to.have.length(1);
    expect(stored[0]).to.include({
      phone: '+31612345678',
      question: 'Test vanuit de browser',
      topic: topic.id,
      topicLabel: topic.label,
    });
    expect(stored[0]!.preferred).to.deep.equal({ kind: 'asap' });
    expect(stored[0]!.context).to.deep.equal({
      source: 'chat',
      topic: topic.label,
      summary: 'Vraag uit de chat',
      page: thisPage(),
    });
  });
});

describe('<dichtbij-bel-me>: the stories', () => {
  for (const locale of ['nl', 'en']) {
    it(`every story renders, plays and passes axe (${locale})`, async function () {
      this.timeout(30_000);
      const stories = (await import('../../stories/bel-me.stories.ts')) as unknown as Record<
        string,
        {
          name?: string;
          render?: (args: object, context: { globals: Record<string, string> }) => unknown;
          play?: (context: { canvasElement: HTMLElement }) => Promise<void>;
        }
      >;
      const names = Object.keys(stories).filter((k) => k !== 'default');
      expect(names.length).to.be.greaterThan(10);
      for (const name of names) {
        const story = stories[name]!;
        const canvas = await fixture<HTMLElement>(html`<div>${story.render!({}, { globals: { locale } })}</div>`);
        await story.play?.({ canvasElement: canvas });
        const el = canvas.querySelector('dichtbij-bel-me')!;
        await waitUntil(() => el.shadowRoot!.querySelector('button, [part="notice"], p'), `${name} rendered`);
        await aTimeout(50);
        await accessible(el);
        el.shadowRoot!.querySelector<HTMLDialogElement>('dialog')?.close();
      }
    });
  }
});
