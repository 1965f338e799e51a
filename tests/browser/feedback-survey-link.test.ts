// The personal survey link after a callback (issue 12) in <dichtbij-feedback variant="score">:
// the gateway answers 409 for a link used before and 400 (field "contact") for an altered one;
// the widget says so in plain words (thanks state, or the error), never a generic failure. Axe.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { DichtbijError, createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import '../../packages/components/src/feedback/define.ts';
import type { DichtbijFeedback } from '../../packages/components/src/feedback/dichtbij-feedback.ts';

const TOKEN = '0b6f1f6e-8a3c-4c1e-9f7e-2d3b4a5c6d7e.AbCdEfGhIjKlMnOpQrStUv';
let clients: DichtbijClient[] = [];
let originalUrl = '';
beforeEach(() => {
  sessionStorage.clear();
  originalUrl = location.href;
  history.replaceState(
    null,
    '',
    `${location.pathname}?dichtbij-score=8&dichtbij-contact=${TOKEN}&dichtbij-channel=telefoon`,
  );
});
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  history.replaceState(null, '', originalUrl);
});

async function widget(error: DichtbijError) {
  const adapter = memoryAdapter();
  const sent: unknown[] = [];
  adapter.submitFeedback = async (input) => {
    sent.push(input);
    throw error;
  };
  const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore(), retry: { baseDelay: 600_000 } });
  clients.push(client);
  const el = document.createElement('dichtbij-feedback') as DichtbijFeedback;
  el.setAttribute('variant', 'score');
  el.client = client;
  await fixture(el);
  const send = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Verstuur')!;
  send.click();
  return { el, sent };
}
const text = (n: Node | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('survey link in the feedback widget', () => {
  it('a link used before: thanked, told one score per contact', async () => {
    const { el, sent } = await widget(
      new DichtbijError('validation', 'U heeft dit contact al een cijfer gegeven.', { status: 409 }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('#thanks'), 'thanks');
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal(
      'U heeft dit contact al een cijfer gegeven. U kunt maar één keer een cijfer geven. Dank u wel!',
    );
    expect((sent[0] as { contact: string }).contact).to.equal(TOKEN);
    await expect(el).to.be.accessible();
  });

  it('an altered link: the error says the link is not valid', async () => {
    const { el } = await widget(
      new DichtbijError('validation', 'Deze link klopt niet.', {
        status: 400,
        fields: [{ field: 'contact', message: 'Invalid survey link' }],
      }),
    );
    await waitUntil(() => text(el.shadowRoot!).includes('Deze link klopt niet'), 'error');
    expect(el.shadowRoot!.querySelector('#thanks')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
