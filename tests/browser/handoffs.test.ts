// The hand-offs between the elements carry the right context (issue #12 item 6), in real Chromium:
// - status tracker → bel-me: the case's zaaktype selects the configured topic that lists it (also
//   when bel-me's own `topic` names another one); a case no topic covers is shown as the one topic;
//   what the form shows and exactly what the backend (memory, and a real gateway) receives;
// - every callback request carries the page it was made on (origin and path), also a direct one;
// - topics in English, or visibly in Dutch (lang="nl") when the gemeente gave no English label;
// - chat → bel-me: "Uw vraag" holds what the resident asked, one topic, and the chat only says
//   "Uw vraag uit de chat staat er al in" when it is; the "no staff" alternatives are scrolled
//   into view and focused when offered.
// axe in every state.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, type DichtbijClient } from '@dichtbij/sdk/client';
import { memoryAdapter, type MemorySeed } from '@dichtbij/sdk/adapters/memory';
import { lazyGatewayAdapter } from '@dichtbij/sdk/adapters/lazy-gateway';
import { memoryStore } from '@dichtbij/sdk/outbox';
import { demoConfig } from '@dichtbij/sdk/demo-data';
import type { GemeenteConfig } from '@dichtbij/sdk/schemas/config';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/status-tracker/define.ts';
import '../../packages/components/src/chat-launcher/define.ts';
import '../../packages/components/src/chat-launcher/panel/define.ts';
import type { DichtbijBelMe } from '../../packages/components/src/bel-me/dichtbij-bel-me.ts';
import type { DichtbijStatusTracker } from '../../packages/components/src/status-tracker/dichtbij-status-tracker.ts';
import type { DichtbijChatLauncher } from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';

/** Monday 2 November 2026, 10:00 in Amsterdam: open; the demo cases are open and on time. */
const MONDAY_10 = '2026-11-02T09:00:00Z';
/** Tuesday 26 May 2026, 20:00 in Amsterdam: closed, no live chat. */
const TUESDAY_20 = '2026-05-26T18:00:00Z';

let clients: DichtbijClient[] = [];
const placed: Element[] = [];
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  for (const el of placed.splice(0)) el.remove();
  sessionStorage.clear();
});

function memoryClient(at: string, seed: MemorySeed = {}) {
  const now = new Date(at);
  const adapter = memoryAdapter({ now: () => now, ...seed });
  const client = createClient({ adapter, outboxStore: memoryStore(), retry: { baseDelay: 600_000 } });
  clients.push(client);
  return { adapter, client, now };
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...shadow(el).querySelectorAll<T>(selector),
];
const buttonIn = (el: Element, label: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
/** The page a request is made on, as it is sent: origin and path, and the title when there is one. */
const thisPage = () => ({
  url: `${location.origin}${location.pathname}`,
  ...(document.title ? { title: document.title } : {}),
});

async function belMe(client: DichtbijClient, now: Date, attrs: Record<string, string> = {}) {
  const el = document.createElement('dichtbij-bel-me') as DichtbijBelMe;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = client;
  el.clock = () => now;
  document.body.append(el);
  placed.push(el);
  await el.updateComplete;
  return el;
}
async function tracker(client: DichtbijClient, now: Date, reference: string, check: string) {
  const el = document.createElement('dichtbij-status-tracker') as DichtbijStatusTracker;
  el.setAttribute('reference', reference);
  el.setAttribute('check', check);
  el.client = client;
  el.clock = () => now;
  document.body.append(el);
  placed.push(el);
  await waitUntil(() => $(el, '.help button'), 'the case with its "Bel mij terug"', { timeout: 5000 });
  return el;
}
const formReady = (el: DichtbijBelMe) => waitUntil(() => $(el, '#phone'), 'the form', { timeout: 5000 });
async function typeInto(el: Element, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await (el as DichtbijBelMe).updateComplete;
}
async function send(el: DichtbijBelMe) {
  await typeInto(el, '#phone', '06 12345678');
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await waitUntil(() => $(el, '[part="confirmation"]'), 'the confirmation', { timeout: 5000 });
}
const topicSelect = (el: DichtbijBelMe) => $<HTMLSelectElement>(el, '#topic')!;
const selectedTopic = (el: DichtbijBelMe) => text(topicSelect(el).selectedOptions[0]);
/** How often the form names a topic: the "Onderwerp" field and any "Onderwerp" row. */
const topicMentions = (el: DichtbijBelMe) =>
  [...$$(el, 'label, dt')].filter((n) => /^Onderwerp\b/.test(text(n))).length;

describe('status tracker → bel-me: the zaaktype decides the topic', () => {
  it('a permit case selects "Vergunning" (its zaaktype is listed), not the topic bel-me had; the backend gets it', async () => {
    const { client, adapter, now } = memoryClient(MONDAY_10);
    // As on the demo page: bel-me names the page's own topic.
    const form = await belMe(client, now, { topic: 'paspoort-id' });
    const status = await tracker(client, now, 'Z-2026-0142', '4191 AB');
    buttonIn(status, 'Bel mij terug').click();
    await formReady(form);
    expect(topicSelect(form).value).to.equal('vergunning');
    expect(selectedTopic(form)).to.equal('Vergunning');
    expect(topicMentions(form), 'one topic').to.equal(1);
    expect($$(form, '.handoff dt').map(text)).to.deep.equal(['Zaak']);
    expect($$(form, '.handoff dd').map(text)).to.deep.equal(['Z-2026-0142 – Omgevingsvergunning: dakkapel']);
    await expect(form).to.be.accessible();
    await send(form);
    expect(adapter.received.callbacks).to.have.length(1);
    const input = adapter.received.callbacks[0]!.input;
    expect(input.topic).to.equal('vergunning');
    expect(input.context).to.deep.equal({
      source: 'status-tracker',
      caseReference: 'Z-2026-0142',
      caseTitle: 'Omgevingsvergunning: dakkapel',
      caseType: 'omgevingsvergunning',
      page: thisPage(),
    });
  });

  it('a case no topic covers is shown as the one topic and sent as such; "Niet meesturen" takes it out too', async () => {
    const { client, adapter, now } = memoryClient(MONDAY_10);
    const form = await belMe(client, now, { topic: 'paspoort-id' });
    const status = await tracker(client, now, 'Z-2026-0077', '4001 XZ');
    buttonIn(status, 'Bel mij terug').click();
    await formReady(form);
    expect(selectedTopic(form)).to.equal('Bijzondere bijstand');
    expect(topicMentions(form), 'one topic').to.equal(1);
    await expect(form).to.be.accessible();
    await send(form);
    expect(adapter.received.callbacks[0]!.input.topic).to.equal('Bijzondere bijstand');
    expect(adapter.received.callbacks[0]!.input.context?.caseType).to.equal('bijzondere-bijstand');

    // A second hand-off of the same case, then "Niet meesturen": no case topic, no context.
    buttonIn(status, 'Bel mij terug').click();
    await waitUntil(() => $(form, '.handoff'), 'the hand-off again');
    buttonIn(form, 'Niet meesturen').click();
    await form.updateComplete;
    expect(topicSelect(form).value).to.equal('');
    expect([...topicSelect(form).options].map((o) => text(o))).not.to.include('Bijzondere bijstand');
    await send(form);
    expect(adapter.received.callbacks[1]!.input.topic).to.equal(undefined);
    expect(adapter.received.callbacks[1]!.input.context).to.equal(undefined);
  });
});

describe("status tracker: the case's kind decides the word", () => {
  it('a complaint reads "uw klacht" everywhere, never "aanvraag"; its topic is the case itself', async () => {
    const { client, adapter, now } = memoryClient(MONDAY_10, {
      cases: [
        {
          check: '4191 AB',
          status: {
            reference: 'Z-2026-0300',
            title: 'Klacht over de afvalinzameling',
            caseType: 'klacht-algemeen',
            startedOn: '2026-10-20',
            deadline: '2026-12-01',
            closed: false,
            steps: [
              { title: 'Ontvangen', state: 'done', completedAt: '2026-10-20' },
              { title: 'In behandeling', state: 'current' },
            ],
          },
        },
      ],
    });
    const form = await belMe(client, now);
    const status = await tracker(client, now, 'Z-2026-0300', '4191 AB');
    const shown = text(shadow(status) as unknown as Element);
    expect(shown).to.contain('Ingediend op 20 oktober 2026');
    expect(shown).to.contain('U hoort uiterlijk op 1 december 2026 van ons.');
    expect(shown).to.contain('Heeft u vragen over uw klacht?');
    expect(shown).not.to.match(/aanvra/i);
    await expect(status).to.be.accessible();
    buttonIn(status, 'Bel mij terug').click();
    await formReady(form);
    expect(selectedTopic(form)).to.equal('Klacht over de afvalinzameling');
    await send(form);
    expect(adapter.received.callbacks[0]!.input.topic).to.equal('Klacht over de afvalinzameling');
  });
});

describe('the page of every callback request', () => {
  it('a request made directly carries its page: origin and path, no query string or fragment', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?bsn=111222333&naam=jan#vraag`);
    try {
      const { client, adapter, now } = memoryClient(MONDAY_10);
      const form = await belMe(client, now, { inline: '' });
      await formReady(form);
      expect($(form, '.handoff'), 'nothing to review for a direct request').to.equal(null);
      await send(form);
      const context = adapter.received.callbacks[0]!.input.context!;
      expect(context).to.deep.equal({ source: 'page', page: thisPage() });
      expect(JSON.stringify(context)).not.to.contain('111222333');
    } finally {
      history.replaceState(null, '', before);
    }
  });
});

describe('topics in English', () => {
  it('the English label when the gemeente gave one; else the Dutch label, marked lang="nl"', async () => {
    const config: GemeenteConfig = {
      ...demoConfig,
      callback: {
        ...demoConfig.callback,
        topics: [
          { id: 'vergunning', label: 'Vergunning', labelEn: 'Permit' },
          { id: 'hondenbelasting', label: 'Hondenbelasting' },
        ],
      },
    };
    const { client, now } = memoryClient(MONDAY_10, { config });
    const form = await belMe(client, now, { inline: '', locale: 'en' });
    await formReady(form);
    const options = [...topicSelect(form).options].slice(1);
    expect(options.map((o) => [text(o), o.getAttribute('lang')])).to.deep.equal([
      ['Permit', null],
      ['Hondenbelasting', 'nl'],
    ]);
    await expect(form).to.be.accessible();
    // In Dutch: the Dutch labels, with no lang of their own.
    form.setAttribute('locale', 'nl');
    await form.updateComplete;
    expect([...topicSelect(form).options].slice(1).map((o) => [text(o), o.getAttribute('lang')])).to.deep.equal([
      ['Vergunning', null],
      ['Hondenbelasting', null],
    ]);
  });
});

describe('chat → bel-me', () => {
  const bot: MemorySeed['bot'] = (question) =>
    /container|bak/i.test(question)
      ? {
          text: 'Kijk in de afvalkalender.',
          links: [{ title: 'Afvalkalender', url: 'https://www.example.nl/afval' }],
          quickReplies: ['Praat met een medewerker'],
        }
      : undefined;

  async function chat(client: DichtbijClient, now: Date) {
    const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
    el.client = client;
    el.clock = () => now;
    await fixture(el);
    await el.open();
    const panel = () => shadow(el).querySelector('dichtbij-chat-panel')!;
    await waitUntil(() => panel()?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
    return { el, panel };
  }

  it('"Uw vraag" holds what the resident asked; one topic; the alternatives were in view and focused', async () => {
    const { client, adapter, now } = memoryClient(TUESDAY_20, { bot });
    const form = await belMe(client, now, { topic: 'afval' });
    const { panel } = await chat(client, now);
    const textarea = $<HTMLTextAreaElement>(panel(), 'textarea')!;
    textarea.value = 'Mijn groene container is niet geleegd';
    textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    buttonIn(panel(), 'Versturen').click();
    await waitUntil(() => $$(panel(), '.msg--bot').length >= 2, 'the answer', { timeout: 5000 });
    buttonIn(panel(), 'Praat met een medewerker').click();
    // Offered: the first alternative has focus and is inside the visible part of the log.
    await waitUntil(() => $(panel(), '.offer'), 'the offer', { timeout: 5000 });
    await waitUntil(() => shadow(panel()).activeElement === buttonIn(panel(), 'Bel mij terug'), 'focus on the offer');
    const offer = buttonIn(panel(), 'Bel mij terug').getBoundingClientRect();
    const log = $(panel(), '.log')!.getBoundingClientRect();
    expect(offer.top).to.be.at.least(log.top);
    expect(offer.bottom).to.be.at.most(log.bottom);
    await expect(panel()).to.be.accessible();

    buttonIn(panel(), 'Bel mij terug').click();
    await formReady(form);
    expect($<HTMLTextAreaElement>(form, '#question')!.value).to.equal('Mijn groene container is niet geleegd');
    expect(topicMentions(form), 'one topic').to.equal(1);
    expect(topicSelect(form).value).to.equal('afval');
    expect(text($(panel(), '.notices'))).to.contain('Uw vraag uit de chat staat er al in.');
    await expect(form).to.be.accessible();
    await send(form);
    const input = adapter.received.callbacks[0]!.input;
    expect(input.question).to.equal('Mijn groene container is niet geleegd');
    expect(input.topic).to.equal('afval');
    expect(input.context?.source).to.equal('chat');
    expect(input.context?.summary).to.contain('De chatbot wees op: Afvalkalender.');
    expect(input.context?.page).to.deep.equal(thisPage());
  });

  it('nothing typed in the chat: "Uw vraag" stays empty and the chat does not say it is filled in', async () => {
    const { client, now } = memoryClient(TUESDAY_20, { bot });
    const form = await belMe(client, now);
    const { panel } = await chat(client, now);
    buttonIn(panel(), 'Praat met een medewerker').click();
    await waitUntil(() => $(panel(), '.offer'), 'the offer');
    buttonIn(panel(), 'Bel mij terug').click();
    await formReady(form);
    expect($<HTMLTextAreaElement>(form, '#question')!.value).to.equal('');
    expect(text($(panel(), '.notices'))).to.contain('Vul uw telefoonnummer in bij "Bel mij terug".');
    expect(text($(panel(), '.notices'))).not.to.contain('staat er al in');
  });
});

describe('chat: ended by the staff member', () => {
  it('says who ended it once, then what the resident can do (not "Het gesprek is beëindigd." as well)', async () => {
    const { client, adapter, now } = memoryClient('2026-05-26T08:00:00Z');
    const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
    el.client = client;
    el.clock = () => now;
    await fixture(el);
    await el.open();
    const panel = () => shadow(el).querySelector('dichtbij-chat-panel')!;
    await waitUntil(() => panel()?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
    const id = (panel() as unknown as { session: { id: string } }).session.id;
    adapter.agentSays(id, 'Goedemorgen, ik ben Anna.', 'Anna');
    await waitUntil(() => $$(panel(), '.msg--agent').length === 1, 'the agent');
    await adapter.chat!.end(id);
    await waitUntil(() => text($(panel(), '.notices')).includes('beëindigd'), 'ended', { timeout: 5000 });
    expect(text($(panel(), '.notices'))).to.equal(
      'De medewerker heeft het gesprek beëindigd. U kunt het gesprek opslaan of een nieuw gesprek beginnen.',
    );
    await expect(panel()).to.be.accessible();
  });
});

describe('chat: a FAQ answer the gemeente has only in Dutch', () => {
  it('in the English chat it is shown in Dutch, marked lang="nl"; an English answer is not marked', async () => {
    const { client, now } = memoryClient(TUESDAY_20, {
      bot: (question) =>
        /dog/i.test(question)
          ? { text: 'Meld uw hond aan bij de gemeente.', lang: 'nl' }
          : { text: 'Make an appointment first.' },
    });
    const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
    el.setAttribute('locale', 'en');
    el.client = client;
    el.clock = () => now;
    await fixture(el);
    await el.open();
    const panel = () => shadow(el).querySelector('dichtbij-chat-panel')!;
    await waitUntil(() => panel()?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
    for (const question of ['Do I register my dog?', 'How do I get a passport?']) {
      const before = $$(panel(), '.msg--bot').length;
      const textarea = $<HTMLTextAreaElement>(panel(), 'textarea')!;
      textarea.value = question;
      textarea.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      buttonIn(panel(), 'Send').click();
      await waitUntil(() => $$(panel(), '.msg--bot').length > before, 'the answer', { timeout: 5000 });
    }
    const answers = $$(panel(), '.msg--bot .text').slice(-2);
    expect(answers.map((a) => [text(a), a.getAttribute('lang')])).to.deep.equal([
      ['Meld uw hond aan bij de gemeente.', 'nl'],
      ['Make an appointment first.', null],
    ]);
    await expect(panel()).to.be.accessible();
  });
});

describe('against a real gateway', () => {
  interface StoredCallback {
    reference: string;
    topic: string | null;
    topicLabel: string | null;
    context: Record<string, unknown> | null;
  }

  it("status tracker → bel-me: the gateway stores the zaaktype's topic, its label and the page", async function () {
    this.timeout(60_000);
    const { baseUrl } = (await executeServerCommand('dichtbij-gateway')) as { baseUrl: string };
    const client = createClient({ adapter: lazyGatewayAdapter({ baseUrl }), outboxStore: memoryStore() });
    clients.push(client);
    const now = new Date();
    const form = await belMe(client, now, { topic: 'paspoort-id' });
    const status = await tracker(client, now, 'Z-2026-0142', '4191 AB');
    buttonIn(status, 'Bel mij terug').click();
    await formReady(form);
    expect(topicSelect(form).value).to.equal('vergunning');
    const submitted = new Promise<string>((resolve) =>
      form.addEventListener(
        'dichtbij-submitted',
        (e) => resolve((e as CustomEvent<{ reference: string }>).detail.reference),
        {
          once: true,
        },
      ),
    );
    await send(form);
    const reference = await submitted;
    const { callbacks } = (await executeServerCommand('dichtbij-gateway-received', { limit: 50 })) as {
      callbacks: StoredCallback[];
    };
    const stored = callbacks.filter((c) => c.reference === reference);
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ topic: 'vergunning', topicLabel: 'Vergunning' });
    expect(stored[0]!.context).to.deep.include({
      source: 'status-tracker',
      caseReference: 'Z-2026-0142',
      caseType: 'omgevingsvergunning',
      page: thisPage(),
    });
  });
});
