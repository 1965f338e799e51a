// Any text a person can type, through the elements to a real gateway's store, in Chromium: a
// NUL, other control characters, unpaired surrogates, CRLF and decomposed accents in feedback's
// comment, bel-me's name and question, a hand-off's long page title with an emoji where the
// cut falls. Each is sent once, stored normalised, and the element says it was sent.
import { fixture, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createClient, lazyGatewayAdapter, memoryStore, normalizeText, type DichtbijClient } from '@dichtbij/sdk';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/feedback/define.ts';
import type { DichtbijBelMe } from '../../packages/components/src/bel-me/dichtbij-bel-me.ts';
import type { DichtbijFeedback } from '../../packages/components/src/feedback/dichtbij-feedback.ts';
import type { SubmittedDetail } from '../../packages/components/src/shared/events.ts';

const HOSTILE = 'Graag\u0000 hulp\u0007\r\nmet e\u0301\ud800n vraag 👨‍👩‍👧';
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Received {
  feedback: { comment: string | null; pageTitle: string | null }[];
  callbacks: { reference: string; name: string | null; question: string | null; context: unknown }[];
}
const received = async () =>
  (await executeServerCommand<Received, { limit: number }>('dichtbij-gateway-received', { limit: 50 }))!;

type El = HTMLElement & { shadowRoot: ShadowRoot; updateComplete: Promise<boolean> };
const $ = <T extends Element = HTMLElement>(el: El, selector: string) => el.shadowRoot.querySelector<T>(selector);
async function typeInto(el: El, selector: string, value: string) {
  const field = $<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
}
const buttonNamed = (el: El, label: string) =>
  [...el.shadowRoot.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === label)!;

let clients: DichtbijClient[] = [];
let title = '';
before(async function () {
  this.timeout(60_000);
  await executeServerCommand('dichtbij-gateway');
  title = document.title;
});
afterEach(() => {
  for (const c of clients) c.dispose();
  clients = [];
  document.title = title;
  sessionStorage.clear();
});

async function client(): Promise<DichtbijClient> {
  const { baseUrl } = (await executeServerCommand<{ baseUrl: string }, undefined>('dichtbij-gateway'))!;
  const c = createClient({ adapter: lazyGatewayAdapter({ baseUrl }), outboxStore: memoryStore() });
  clients.push(c);
  return c;
}

describe('any text through the elements to the store', () => {
  it('feedback: a comment with NUL and unpaired surrogates, a long title with an emoji at the cut', async function () {
    this.timeout(30_000);
    const marker = Math.random().toString(36).slice(2, 10);
    document.title = `${'a'.repeat(299)}😀 ${marker}`;
    const el = document.createElement('dichtbij-feedback') as unknown as DichtbijFeedback & El;
    el.client = await client();
    await fixture(el);
    buttonNamed(el, 'Nee').click();
    await el.updateComplete;
    await typeInto(el, '#comment', `${HOSTILE} ${marker}`);
    await import('../../packages/components/src/feedback/lazy.ts');
    await el.updateComplete;
    const submitted = oneEvent(el, 'dichtbij-submitted');
    buttonNamed(el, 'Verstuur').click();
    expect(((await submitted) as CustomEvent<SubmittedDetail>).detail.result).to.equal('sent');
    await waitUntil(() => $(el, '#thanks'), 'thank-you heading');
    await expect(el).to.be.accessible();
    const rows = (await received()).feedback.filter((f) => f.comment?.endsWith(marker));
    expect(rows).to.have.length(1);
    expect(rows[0]!.comment).to.equal(normalizeText(`${HOSTILE} ${marker}`));
    expect(rows[0]!.comment).not.to.match(LONE);
    expect(rows[0]!.pageTitle).not.to.match(LONE);
    expect([...rows[0]!.pageTitle!].length).to.be.at.most(300);
  });

  it('bel-me: name and question with control characters and unpaired surrogates, a hand-off title cut at an emoji', async function () {
    this.timeout(30_000);
    const c = await client();
    const el = document.createElement('dichtbij-bel-me') as unknown as DichtbijBelMe & El;
    el.client = c;
    await fixture(el);
    const pageTitle = `${'b'.repeat(298)}👍🏽 meer`;
    document.body.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        detail: { to: 'callback', source: 'page', page: { url: location.href, title: pageTitle }, summary: HOSTILE },
        bubbles: true,
        cancelable: true,
      }),
    );
    await waitUntil(() => $(el, '#phone'), 'the form');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await typeInto(el, '#phone', '06 12345678');
    await typeInto(el, '#name', 'Jan\u0000 \ud83dJansen');
    await typeInto(el, '#question', HOSTILE);
    const submitted = oneEvent(el, 'dichtbij-submitted');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { detail } = (await submitted) as CustomEvent<SubmittedDetail>;
    expect(detail.result).to.equal('sent');
    await waitUntil(() => $(el, '[part="confirmation"]'), 'the confirmation');
    await expect(el).to.be.accessible();
    const stored = (await received()).callbacks.filter((r) => r.reference === detail.reference);
    expect(stored).to.have.length(1);
    expect(stored[0]!.name).to.equal('Jan \ufffdJansen');
    expect(stored[0]!.question).to.equal(normalizeText(HOSTILE).trim());
    const context = stored[0]!.context as { page: { title: string }; summary: string };
    expect(context.page.title).not.to.match(LONE);
    expect([...context.page.title].length).to.be.at.most(300);
    expect(context.page.title.startsWith('b'.repeat(298))).to.equal(true);
    expect(context.summary).to.equal(normalizeText(HOSTILE).trim());
  });
});
