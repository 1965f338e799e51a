// Never lose a resident's message, in real Chromium against a real gateway, with real network
// emulation (Playwright's context.setOffline through the test plugin's `dichtbij-network`) and
// real failing answers (`dichtbij-fault`: the browser's requests to the gateway answered 422/500):
// - offline before the element's lazy code was fetched → honest text, input kept → online →
//   exactly one stored record (feedback, bel-me, a chat message left for the KCC);
// - a reload while a response waits in the outbox → still exactly one;
// - a permanent failure (422, or 500 every time) ends the retries, keeps the text and shows the
//   gemeente's phone number;
// axe in every new state.
//
// The order of the tests matters: Chromium keeps a page's modules, so the tests that go offline
// before any lazy code was fetched come first, and check that it was not fetched before.
// This file imports the SDK by module (not its index), as the elements do, so that nothing of the
// gateway adapter or the schemas is loaded before an element asks for it.
import { expect, fixture, waitUntil, aTimeout } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, type DichtbijClient } from '@dichtbij/sdk/client';
import { lazyGatewayAdapter } from '@dichtbij/sdk/adapters/lazy-gateway';
import { memoryStore } from '@dichtbij/sdk/outbox';
import '../../packages/components/src/feedback/define.ts';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/chat-launcher/define.ts';
import type { DichtbijFeedback } from '../../packages/components/src/feedback/dichtbij-feedback.ts';
import type { DichtbijBelMe } from '../../packages/components/src/bel-me/dichtbij-bel-me.ts';
import type { DichtbijChatLauncher } from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';

interface Received {
  feedback: { comment: string | null }[];
  callbacks: { question: string | null; reference: string }[];
  chatMessages: { sessionId: string; text: string; clientId: string | null }[];
}

/** Offline for `ms` (the plugin goes back online by itself: offline cuts the test runner's link too). */
async function goOffline(ms = 6000) {
  void executeServerCommand('dichtbij-network', { offline: true, forMs: ms }).catch(() => undefined);
  await waitUntil(() => !navigator.onLine, 'offline', { timeout: 5000 });
}
const backOnline = () => waitUntil(() => navigator.onLine, 'online again', { timeout: 20_000 });
const offline = (value: boolean) =>
  value ? goOffline() : executeServerCommand('dichtbij-network', { offline: false });
const fault = (path: string, status: number, method?: string) =>
  executeServerCommand<{ hits: number }, object>('dichtbij-fault', { path, status, ...(method ? { method } : {}) });
const clearFault = async () =>
  (await executeServerCommand<{ hits: number }, object>('dichtbij-fault', { clear: true }))!.hits;
const received = async () =>
  (await executeServerCommand<Received, object>('dichtbij-gateway-received', { limit: 200 }))!;
let baseUrl = '';

/** Modules this page fetched so far (paths). */
const fetched = () => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
const LAZY = {
  gateway: '/packages/sdk/src/adapters/gateway.ts',
  feedbackSchema: '/packages/sdk/src/schemas/feedback.ts',
  feedbackLazy: '/packages/components/src/feedback/lazy.ts',
  belMeForm: '/packages/components/src/bel-me/form/form.ts',
};

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const buttonIn = (root: ParentNode, label: string) => {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
function typeInto(el: Element, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 10)}`;
const accessible = (el: Element) => expect(el).to.be.accessible();

let clients: DichtbijClient[] = [];
function client(retry?: { baseDelay?: number; maxSameFailures?: number }) {
  const c = createClient({
    adapter: lazyGatewayAdapter({ baseUrl, retries: 0 }),
    outboxStore: memoryStore(),
    ...(retry ? { retry } : {}),
  });
  clients.push(c);
  return c;
}

before(async function () {
  this.timeout(60_000);
  ({ baseUrl } = (await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway'))!);
  // axe loads on first use: load it now, while online (a module that failed offline stays failed).
  const probe = document.createElement('p');
  probe.textContent = 'axe';
  document.body.append(probe);
  await expect(probe).to.be.accessible();
  probe.remove();
});
afterEach(async () => {
  await backOnline();
  await offline(false);
  await clearFault();
  for (const c of clients) c.dispose();
  clients = [];
  sessionStorage.clear();
});

async function feedbackFixture(c: DichtbijClient) {
  const el = document.createElement('dichtbij-feedback') as DichtbijFeedback;
  el.client = c;
  await fixture(el);
  return el;
}
const feedbackStatus = (el: Element) => text($(el, '[part="status"]'));

describe('offline before the first send (real network emulation)', () => {
  it('feedback: offline before its code was fetched → told honestly, input kept → online → exactly one record', async function () {
    this.timeout(60_000);
    for (const path of [LAZY.gateway, LAZY.feedbackSchema, LAZY.feedbackLazy]) {
      expect(fetched(), `${path} not loaded before the test`).not.to.include(path);
    }
    await goOffline(8000);
    expect(navigator.onLine).to.equal(false);
    const c = client();
    const el = await feedbackFixture(c);
    buttonIn(el.shadowRoot!, 'Nee').click();
    await el.updateComplete;
    const comment = unique('Offline geschreven');
    typeInto(el, '#comment', comment);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => feedbackStatus(el).includes('geen internetverbinding'), 'told honestly');
    expect(feedbackStatus(el)).to.equal(
      'Er is nu geen internetverbinding. Wat u heeft ingevuld blijft staan. We versturen uw reactie zodra u weer online bent. Laat deze pagina zo lang open.',
    );
    expect($<HTMLTextAreaElement>(el, '#comment')!.value, 'the input stays in the form').to.equal(comment);
    await accessible(el);
    // Nothing was even tried while offline (a failed module fetch would stick in Chromium).
    for (const path of [LAZY.gateway, LAZY.feedbackSchema, LAZY.feedbackLazy]) {
      expect(fetched()).not.to.include(path);
    }

    await backOnline();
    await waitUntil(() => feedbackStatus(el) === 'Uw reactie is verstuurd.', 'sent once back online', {
      timeout: 15_000,
    });
    await accessible(el);
    await aTimeout(300);
    expect((await received()).feedback.filter((f) => f.comment === comment)).to.have.length(1);
    expect(await c.outbox.pending()).to.equal(0);
  });

  it('bel-me: offline before its form was fetched → the phone attribute is offered → online → the form loads, exactly one request', async function () {
    this.timeout(60_000);
    expect(fetched()).not.to.include(LAZY.belMeForm);
    const c = client();
    await goOffline();
    const el = document.createElement('dichtbij-bel-me') as DichtbijBelMe;
    el.client = c;
    el.setAttribute('phone', '14 0345');
    await fixture(el);
    buttonIn(el.shadowRoot!, 'Bel mij terug').click();
    await waitUntil(() => $(el, '[part="load-failed"]'), 'the fallback');
    const fallback = $(el, '[part="load-failed"]')!;
    expect(text(fallback)).to.contain('want er is geen internetverbinding');
    expect(text(fallback)).to.contain('U kunt ons ook bellen: 14 0345');
    expect(fallback.querySelector('a')!.getAttribute('href')).to.equal('tel:140345');
    await accessible(el);
    expect(fetched()).not.to.include(LAZY.belMeForm);

    await backOnline();
    await waitUntil(() => $(el, '#phone'), 'the form loads by itself when online', { timeout: 15_000 });
    typeInto(el, '#phone', '06 12345678');
    const question = unique('Terugbellen na offline');
    typeInto(el, '#question', question);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => $(el, '[part="confirmation"]'), 'sent', { timeout: 15_000 });
    await accessible(el);
    expect((await received()).callbacks.filter((r) => r.question === question)).to.have.length(1);
  });

  it('bel-me: form open, then offline, then Verstuur → queued with honest text → online → exactly one request', async function () {
    this.timeout(60_000);
    const c = client();
    const el = document.createElement('dichtbij-bel-me') as DichtbijBelMe;
    el.client = c;
    el.inline = true;
    await fixture(el);
    await waitUntil(() => $(el, '#phone'), 'form', { timeout: 15_000 });
    await goOffline();
    typeInto(el, '#phone', '06 12345678');
    const question = unique('Offline verzoek');
    typeInto(el, '#question', question);
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => $(el, '[part="queued"]'), 'queued', { timeout: 15_000 });
    expect(text($(el, '[part="queued"]'))).to.contain(
      'Er is nu geen internetverbinding. Uw verzoek staat klaar op dit apparaat.',
    );
    await accessible(el);
    await backOnline();
    await waitUntil(() => $(el, '[part="confirmation"]'), 'sent once online', { timeout: 15_000 });
    await accessible(el);
    await aTimeout(300);
    expect((await received()).callbacks.filter((r) => r.question === question)).to.have.length(1);
  });

  it('chat: a message left for the KCC while offline is sent once when back online', async function () {
    this.timeout(60_000);
    const c = client();
    const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
    el.client = c;
    await fixture(el);
    await el.open();
    const panel = () => el.shadowRoot!.querySelector('dichtbij-chat-panel')!;
    const P = () => panel().shadowRoot!;
    await waitUntil(() => P()?.querySelector('.msg--bot'), 'greeting', { timeout: 15_000 });
    buttonIn(P(), 'Praat met een medewerker').click();
    await waitUntil(() => [...P().querySelectorAll('button')].some((b) => text(b) === 'Bericht achterlaten'), 'offer', {
      timeout: 10_000,
    });
    buttonIn(P(), 'Bericht achterlaten').click();
    await goOffline();
    const message = unique('Graag terugbellen over mijn paspoort');
    const box = P().querySelector('textarea')!;
    box.value = message;
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    P().querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitUntil(() => P().querySelector('.msg--failed'), 'marked as waiting', { timeout: 15_000 });
    expect(text(P().querySelector('.msg--failed .state'))).to.equal(
      'Nog niet verstuurd: er is geen internetverbinding. We versturen het zodra u weer online bent.',
    );
    expect(text(P().querySelector('.notices')), 'not "ready" before it is sent').not.to.contain(
      'Uw bericht staat klaar',
    );
    await accessible(panel());
    await backOnline();
    await waitUntil(() => text(P().querySelector('.notices')).includes('Uw bericht staat klaar'), 'sent', {
      timeout: 20_000,
    });
    await accessible(panel());
    await aTimeout(500);
    expect((await received()).chatMessages.filter((m) => m.text === message)).to.have.length(1);
  });
});

describe('reload while queued (a real page in an iframe)', () => {
  it('feedback queued offline, the page reloaded when back online: exactly one record', async function () {
    this.timeout(60_000);
    const frame = document.createElement('iframe');
    frame.title = 'Pagina met feedback';
    frame.src = `/tests/browser/fixtures/offline-feedback.html?api=${encodeURIComponent(baseUrl)}`;
    document.body.append(frame);
    try {
      const element = () => frame.contentDocument?.querySelector('dichtbij-feedback') as DichtbijFeedback | null;
      await waitUntil(() => element()?.shadowRoot?.querySelector('button'), 'the page', { timeout: 15_000 });
      const el = element()!;
      buttonIn(el.shadowRoot!, 'Nee').click();
      // The first interaction loads what sending needs.
      const frameFetched = () =>
        frame.contentWindow!.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
      await waitUntil(
        () => [LAZY.gateway, LAZY.feedbackSchema, LAZY.feedbackLazy].every((p) => frameFetched().includes(p)),
        'code loaded on first interaction',
        { timeout: 15_000 },
      );
      await goOffline();
      const comment = unique('Voor het herladen');
      typeInto(el, '#comment', comment);
      await el.updateComplete;
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await waitUntil(() => feedbackStatus(el).includes('bewaard op dit apparaat'), 'queued', { timeout: 15_000 });
      expect(feedbackStatus(el)).to.equal(
        'Er is nu geen internetverbinding. Uw reactie is bewaard op dit apparaat. We versturen uw reactie zodra u weer online bent.',
      );
      // (axe runs in this document only; this queued state is checked with axe in the tests above.)
      // Back online and reloaded at once: the old page and the new one may both try; one record.
      await backOnline();
      frame.contentWindow!.location.reload();
      await waitUntil(() => element()?.shadowRoot?.querySelector('h2'), 'reloaded', { timeout: 15_000 });
      await waitUntil(
        async () => (await received()).feedback.some((f) => f.comment === comment),
        'sent by the reloaded page',
        { timeout: 20_000 },
      );
      await aTimeout(1000);
      expect((await received()).feedback.filter((f) => f.comment === comment)).to.have.length(1);
    } finally {
      frame.remove();
    }
  });
});

describe('a permanent failure ends the retries, keeps the text and shows the phone number', () => {
  it('feedback: a 422 on sending → refused, text kept, the number from the configuration', async function () {
    this.timeout(60_000);
    const c = client();
    const { phone } = await c.config.get();
    const el = await feedbackFixture(c);
    buttonIn(el.shadowRoot!, 'Nee').click();
    await el.updateComplete;
    const comment = unique('Geweigerd');
    typeInto(el, '#comment', comment);
    await fault('/v1/feedback', 422);
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => $(el, '[part="contact"]'), 'the phone number', { timeout: 15_000 });
    const summary = $(el, '#error-summary')!;
    expect(text(summary)).to.contain('De gemeente heeft uw reactie niet aangenomen.');
    expect(text(summary)).to.contain(`U kunt ons ook bellen op ${phone}.`);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value).to.equal(comment);
    expect(await c.outbox.pending()).to.equal(0);
    await aTimeout(400); // the pressed button's colour transition has ended
    await accessible(el);
    expect(await clearFault()).to.equal(1);
  });

  it('feedback: 500 every time → queued, retried within the policy, then given up with the phone number', async function () {
    this.timeout(60_000);
    const c = client({ baseDelay: 100, maxSameFailures: 3 });
    const { phone } = await c.config.get();
    const el = await feedbackFixture(c);
    buttonIn(el.shadowRoot!, 'Nee').click();
    await el.updateComplete;
    const comment = unique('Server stuk');
    typeInto(el, '#comment', comment);
    await fault('/v1/feedback', 500);
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => feedbackStatus(el).includes('reageert nu niet'), 'queued, truthfully', { timeout: 15_000 });
    expect(feedbackStatus(el)).to.equal(
      'De server van de gemeente reageert nu niet. Uw reactie is bewaard op dit apparaat. We proberen het straks vanzelf opnieuw.',
    );
    await accessible(el);
    await waitUntil(() => $(el, '[part="contact"]'), 'given up, with the number', { timeout: 15_000 });
    expect(text($(el, '#error-summary'))).to.contain('We proberen het niet meer.');
    expect(text($(el, '#error-summary'))).to.contain(`U kunt ons ook bellen op ${phone}.`);
    expect($<HTMLTextAreaElement>(el, '#comment')!.value, 'the text is back in the form').to.equal(comment);
    await accessible(el);
    await aTimeout(500);
    expect(await clearFault(), 'three attempts, then no more').to.equal(3);
    expect(await c.outbox.pending()).to.equal(0);
    expect((await received()).feedback.filter((f) => f.comment === comment)).to.have.length(0);
  });

  it('bel-me: 500 every time → given up; the form with the input, and the number as a link', async function () {
    this.timeout(60_000);
    const c = client({ baseDelay: 100, maxSameFailures: 3 });
    const { phone } = await c.config.get();
    const el = document.createElement('dichtbij-bel-me') as DichtbijBelMe;
    el.client = c;
    el.inline = true;
    await fixture(el);
    await waitUntil(() => $(el, '#phone'), 'form', { timeout: 15_000 });
    typeInto(el, '#phone', '06 12345678');
    const question = unique('Server stuk bel-me');
    typeInto(el, '#question', question);
    await fault('/v1/callback-requests', 500);
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await waitUntil(() => $(el, '[part="queued"]'), 'queued', { timeout: 15_000 });
    expect(text($(el, '[part="queued"]'))).to.contain('De server van de gemeente reageert nu niet.');
    await accessible(el);
    await waitUntil(() => $(el, '.problem'), 'given up', { timeout: 15_000 });
    expect(text($(el, '.problem'))).to.contain('We proberen het niet meer.');
    expect(text($(el, '.problem'))).to.contain(`Bel ons liever zelf op ${phone}.`);
    expect($(el, '.problem a[href^="tel:"]')).to.not.equal(null);
    expect($<HTMLInputElement>(el, '#phone')!.value).to.equal('06 12345678');
    expect($<HTMLTextAreaElement>(el, '#question')!.value).to.equal(question);
    await accessible(el);
    expect(await clearFault()).to.equal(3);
  });

  it('bel-me: the configuration answers 500 → the cause, and the phone attribute', async function () {
    this.timeout(60_000);
    await fault('/v1/config', 500);
    const c = client();
    const el = document.createElement('dichtbij-bel-me') as DichtbijBelMe;
    el.client = c;
    el.setAttribute('phone', '0344 123 456');
    await fixture(el);
    buttonIn(el.shadowRoot!, 'Bel mij terug').click();
    await waitUntil(() => $(el, '[part="load-failed"]'), 'the fallback', { timeout: 15_000 });
    expect(text($(el, '[part="load-failed"]'))).to.contain('want de server van de gemeente reageert niet');
    expect(text($(el, '[part="load-failed"]'))).to.contain('U kunt ons ook bellen: 0344 123 456');
    await accessible(el);
    await clearFault();
    buttonIn($(el, '[part="load-failed"]')!, 'Probeer opnieuw').click();
    await waitUntil(() => $(el, '#phone'), 'the form after all', { timeout: 15_000 });
  });

  it('chat: a message the server answers 500 every time is given back with the number', async function () {
    this.timeout(60_000);
    const c = client({ maxSameFailures: 3 });
    const { phone } = await c.config.get();
    const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
    el.client = c;
    await fixture(el);
    await el.open();
    const panel = () => el.shadowRoot!.querySelector('dichtbij-chat-panel')!;
    const P = () => panel().shadowRoot!;
    await waitUntil(() => P()?.querySelector('.msg--bot'), 'greeting', { timeout: 15_000 });
    await fault('/v1/chat/sessions/', 500, 'POST');
    const message = unique('Een vraag aan een kapotte server');
    const box = P().querySelector('textarea')!;
    box.value = message;
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    P().querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
    await waitUntil(() => P().querySelector('.msg--failed'), 'waiting', { timeout: 15_000 });
    expect(text(P().querySelector('.msg--failed .state'))).to.contain('de server van de gemeente reageert niet');
    await accessible(panel());
    await waitUntil(() => text(P().querySelector('.notices')).includes('We proberen het niet meer'), 'given up', {
      timeout: 20_000,
    });
    await waitUntil(() => text(P().querySelector('.notices')).includes(phone), 'with the number', { timeout: 5000 });
    expect(P().querySelector<HTMLTextAreaElement>('textarea')!.value).to.equal(message);
    expect(P().querySelector('.msg--failed')).to.equal(null);
    await accessible(panel());
    await aTimeout(500);
    expect(await clearFault(), 'three sends of the message, then no more').to.equal(3);
    expect((await received()).chatMessages.filter((m) => m.text === message)).to.have.length(0);
  });
});
