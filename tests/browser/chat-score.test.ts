// The score question after an ended chat (issue 12): shown after "Het gesprek is beëindigd"
// only when the resident wrote something and the adapter can take a score; chosen by keyboard,
// sent once, thanked for; a missing choice and a failed send are said in text; axe in each state.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DichtbijError, createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import '../../packages/components/src/chat-launcher/define.ts';
import '../../packages/components/src/chat-launcher/panel/define.ts';
import type { DichtbijChatLauncher } from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';

const TUESDAY_10 = '2026-05-26T08:00:00Z';
let clients: DichtbijClient[] = [];
beforeEach(() => sessionStorage.clear());
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  sessionStorage.clear();
});

async function setup(options: { failFirst?: boolean; withScore?: boolean } = {}) {
  const now = new Date(TUESDAY_10);
  const adapter = memoryAdapter({ now: () => now });
  const sent: { id: string; score: number }[] = [];
  const original = adapter.chat.score!.bind(adapter.chat);
  let fail = !!options.failFirst;
  if (options.withScore === false) delete (adapter.chat as { score?: unknown }).score;
  else
    adapter.chat.score = async (id, score, o) => {
      if (fail) {
        fail = false;
        throw new DichtbijError('network', 'offline');
      }
      sent.push({ id, score });
      return original(id, score, o);
    };
  const client = createClient({ adapter, outboxStore: memoryStore() });
  clients.push(client);
  const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
  el.client = client;
  el.clock = () => now;
  await fixture(el);
  await el.open();
  await waitUntil(() => P(el)?.querySelector('.msg--bot'), 'greeting', { timeout: 5000 });
  return { el, sent };
}

const P = (el: DichtbijChatLauncher) =>
  (el.shadowRoot!.querySelector('dichtbij-chat-panel') as HTMLElement | null)?.shadowRoot ?? null;
const text = (n: Element | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (el: DichtbijChatLauncher, label: string) =>
  [...P(el)!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;

async function chatAndEnd(el: DichtbijChatLauncher) {
  const textarea = P(el)!.querySelector('textarea')!;
  textarea.focus();
  await sendKeys({ type: 'Hallo' });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => P(el)!.querySelectorAll('.msg').length >= 2, 'sent');
  button(el, 'Gesprek beëindigen').click();
  await waitUntil(() => text(P(el)!.querySelector('.notices')).includes('Het gesprek is beëindigd'), 'ended');
}

describe('score after a chat', () => {
  it('is asked after the ended message, chosen by keyboard, sent once and thanked for', async () => {
    const { el, sent } = await setup();
    await chatAndEnd(el);
    const form = P(el)!.querySelector('form.score')!;
    expect(form).to.exist;
    expect(text(form.querySelector('legend'))).to.equal('Welk cijfer geeft u dit gesprek?');
    expect(form.querySelectorAll('input[type=radio]').length).to.equal(10);
    await expect(el).to.be.accessible();
    // Send without a choice: said in text.
    button(el, 'Verstuur cijfer').click();
    await waitUntil(() => P(el)!.querySelector('#score-error'), 'error');
    expect(text(P(el)!.querySelector('#score-error'))).to.equal('Kies eerst een cijfer van 1 tot 10.');
    await expect(el).to.be.accessible();
    // Keyboard: focus the first radio, arrow to 8, send.
    P(el)!.querySelector<HTMLInputElement>('input[value="1"]')!.focus();
    for (let i = 0; i < 7; i++) await sendKeys({ press: 'ArrowRight' });
    expect(P(el)!.querySelector<HTMLInputElement>('input[value="8"]')!.checked).to.equal(true);
    button(el, 'Verstuur cijfer').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => P(el)!.querySelector('.score-thanks'), 'thanks');
    expect(text(P(el)!.querySelector('.score-thanks'))).to.equal('Dank u wel voor uw cijfer.');
    expect(sent.length).to.equal(1);
    expect(sent[0]!.score).to.equal(8);
    expect(P(el)!.querySelector('form.score')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a failed send says so and keeps the question; the second try is sent', async () => {
    const { el, sent } = await setup({ failFirst: true });
    await chatAndEnd(el);
    P(el)!.querySelector<HTMLInputElement>('input[value="6"]')!.click();
    button(el, 'Verstuur cijfer').click();
    await waitUntil(() => P(el)!.querySelector('#score-error'), 'error');
    expect(text(P(el)!.querySelector('#score-error'))).to.equal('Uw cijfer is niet verstuurd. Probeer het opnieuw.');
    await expect(el).to.be.accessible();
    button(el, 'Verstuur cijfer').click();
    await waitUntil(() => P(el)!.querySelector('.score-thanks'), 'thanks');
    expect(sent).to.have.length(1);
    expect(sent[0]!.score).to.equal(6);
  });

  it('is not asked when the adapter cannot take a score', async () => {
    const { el } = await setup({ withScore: false });
    await chatAndEnd(el);
    expect(P(el)!.querySelector('form.score')).to.equal(null);
  });
});
