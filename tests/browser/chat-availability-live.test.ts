// The chat's availability follows the backend while the panel is open, not the device clock at
// the moment it opened: live hours that start while the resident reads, staff coming and going.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import '../../packages/components/src/chat-launcher/define.ts';
import '../../packages/components/src/chat-launcher/panel/define.ts';
import type { DichtbijChatLauncher } from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';
import type { DichtbijChatPanel } from '../../packages/components/src/chat-launcher/panel/dichtbij-chat-panel.ts';

/** Tuesday 26 May 2026 in Amsterdam (summer time, UTC+2); the demo opens at 8:30. */
const at = (clock: string) => new Date(`2026-05-26T${clock}+02:00`);

let clients: DichtbijClient[] = [];
beforeEach(() => sessionStorage.clear());
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  sessionStorage.clear();
});

async function setup(start: string, agents = 1, refreshSeconds?: number) {
  const state = { now: at(start), agents };
  const adapter = memoryAdapter({ now: () => state.now, agentsOnline: () => state.agents });
  const client = createClient({ adapter, outboxStore: memoryStore() });
  clients.push(client);
  const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
  el.client = client;
  el.clock = () => state.now;
  await fixture(el);
  await el.open();
  await waitUntil(() => panel(el)?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
  if (refreshSeconds) panel(el)!.availabilityRefresh = refreshSeconds;
  return { el, state };
}

const panel = (el: DichtbijChatLauncher) =>
  el.shadowRoot!.querySelector('dichtbij-chat-panel') as DichtbijChatPanel | null;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (el: DichtbijChatLauncher, selector: string) => panel(el)!.shadowRoot!.querySelector<HTMLElement>(selector);
const buttons = (el: DichtbijChatLauncher) => [...panel(el)!.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')];
const button = (el: DichtbijChatLauncher, label: string) => {
  const found = buttons(el).find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
const hasButton = (el: DichtbijChatLauncher, label: string) => buttons(el).some((b) => text(b) === label);
const name = (el: DichtbijChatLauncher) => text(el.shadowRoot!.querySelector('button'));

describe('<dichtbij-chat-panel>: availability follows the backend while open', () => {
  it('opened at 08:29 (before live hours), asking for a person at 08:31 with an agent online: offered the person', async () => {
    const { el, state } = await setup('08:29:00');
    await waitUntil(() => name(el).includes('vanaf 8:30'), 'the launcher says when staff are back');
    expect(name(el)).to.equal('Chat met de gemeente — chatbot, medewerkers weer vandaag vanaf 8:30');
    state.now = at('08:31:00');
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => text($(el, '.status')).includes('nummer 1'), 'queued for a person', { timeout: 4000 });
    expect(text($(el, '.status'))).to.equal('U bent nummer 1 in de wachtrij. Een medewerker komt zo bij u.');
    expect(hasButton(el, 'Bel mij terug')).to.equal(false, 'not the "no staff" offer');
    expect(text($(el, '.log'))).to.not.include('Er zijn nu geen medewerkers online');
    expect(name(el)).to.equal('Chat met de gemeente — medewerkers nu online');
    await expect(el).to.be.accessible();
  });

  it('live hours starting while the panel is open change the launcher without any click', async () => {
    const { el, state } = await setup('08:29:58');
    await waitUntil(() => name(el).includes('vanaf 8:30'), 'closed at first');
    state.now = at('08:30:01');
    // The panel asks again just after 8:30 (by its clock): a second or two later.
    await waitUntil(() => name(el) === 'Chat met de gemeente — medewerkers nu online', 'live now', {
      timeout: 5000,
    });
    await expect(el).to.be.accessible();
  });

  it('staff coming and going while open: the launcher follows, and "no staff" is offered only when nobody is there', async () => {
    const { el, state } = await setup('10:00:00', 0, 1);
    await waitUntil(() => name(el).includes('nu geen medewerkers online'), 'nobody at first');
    state.agents = 1;
    await waitUntil(() => name(el) === 'Chat met de gemeente — medewerkers nu online', 'an agent came', {
      timeout: 4000,
    });
    state.agents = 0;
    await waitUntil(() => name(el).includes('nu geen medewerkers online'), 'the agent left', { timeout: 4000 });
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => hasButton(el, 'Bel mij terug'), 'the offer');
    expect(text($(el, '.log'))).to.include('Er zijn nu geen medewerkers online.');
    await expect(el).to.be.accessible();
  });

  it('a closed panel stops asking; opening it again asks at once', async () => {
    const { el, state } = await setup('10:00:00', 1, 1);
    await waitUntil(() => name(el) === 'Chat met de gemeente — medewerkers nu online', 'live');
    await new Promise((r) => setTimeout(r, 300)); // let an ask that is under way finish
    el.close();
    state.now = at('17:30:00'); // closed for the day
    await new Promise((r) => setTimeout(r, 1500));
    expect(name(el)).to.equal('Chat met de gemeente — medewerkers nu online', 'not asked while closed');
    await el.open();
    await waitUntil(() => name(el).includes('weer morgen vanaf 8:30'), 'asked again on open', { timeout: 3000 });
    await expect(el).to.be.accessible();
  });
});
