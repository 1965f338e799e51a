// Several gemeenten in one gateway: a widget under <dichtbij-config gemeente="wijchen"> talks to
// the Wijchen scope of a real gateway (its own, with Druten and Wijchen), shows Wijchen's topics
// and files its request for Wijchen; the same gateway without the attribute is Druten's.
import { fixture, html, expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../packages/components/src/config/define.ts';
import '../../packages/components/src/bel-me/define.ts';
import type { DichtbijConfig } from '../../packages/components/src/config/dichtbij-config.ts';
import type { DichtbijBelMe } from '../../packages/components/src/bel-me/dichtbij-bel-me.ts';
import type { SubmittedDetail } from '../../packages/components/src/shared/events.ts';

const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const always = Object.fromEntries(week.map((d) => [d, [['00:00', '24:00']]]));
const gemeente = (name: string, phone: string, topics: { id: string; label: string }[]) => ({
  name,
  phone,
  privacyUrl: 'https://www.example.nl/privacy',
  openingHours: { weekly: always },
  callback: { topics, withinMinutes: 60 },
  chat: { enabled: false },
});
const WERKORGANISATIE = {
  default: 'druten',
  gemeenten: {
    druten: gemeente('Gemeente Druten', '14 0487', [{ id: 'afval', label: 'Afval' }]),
    wijchen: gemeente('Gemeente Wijchen', '14 024', [
      { id: 'parkeren', label: 'Parkeervergunning' },
      { id: 'zorg', label: 'Zorg en ondersteuning (Wmo)' },
    ]),
  },
};

interface Received {
  callbacks: { reference: string; gemeente: string; topic: string | null; topicLabel: string | null }[];
}

let started: string | undefined;
/** The gateway's URL; its first start (tsx, migrations) may take longer than one command may wait. */
async function baseUrl(): Promise<string> {
  for (let attempt = 0; !started; attempt++) {
    try {
      started = (
        await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway-named', {
          name: 'werkorganisatie',
          config: WERKORGANISATIE,
        })
      ).baseUrl;
    } catch (error) {
      if (attempt >= 4) throw error; // the start goes on; the next call waits for the same one
    }
  }
  return started;
}

const belMe = (config: DichtbijConfig) => config.querySelector<DichtbijBelMe>('dichtbij-bel-me')!;
const topicLabels = (el: DichtbijBelMe) =>
  [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('#topic option')].map((o) => o.textContent!.trim());

describe('<dichtbij-config gemeente> in a gateway for several gemeenten', () => {
  before(async function () {
    this.timeout(120_000);
    await baseUrl();
  });

  it('a widget under gemeente="wijchen" shows Wijchen’s topics and files its request for Wijchen', async function () {
    this.timeout(60_000);
    const api = await baseUrl();
    const config = await fixture<DichtbijConfig>(
      html`<dichtbij-config api="${api}" gemeente="wijchen" locale="nl"
        ><dichtbij-bel-me inline></dichtbij-bel-me
      ></dichtbij-config>`,
    );
    const el = belMe(config);
    await waitUntil(() => topicLabels(el).includes('Parkeervergunning'), 'Wijchen’s topics', { timeout: 15_000 });
    expect(topicLabels(el)).to.not.include('Afval');
    await expect(el).to.be.accessible();

    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('#topic')!;
    select.value = 'parkeren';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    const phone = el.shadowRoot!.querySelector<HTMLInputElement>('#phone')!;
    phone.value = '06 12345678';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    const submitted = oneEvent(el, 'dichtbij-submitted');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = (await submitted) as CustomEvent<SubmittedDetail>;
    expect(detail.result).to.equal('sent');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'the confirmation');
    await expect(el).to.be.accessible();

    const { callbacks } = await executeServerCommand<Received, object>('dichtbij-gateway-received', {
      name: 'werkorganisatie',
    });
    const stored = callbacks.find((c) => c.reference === detail.reference);
    expect(stored, 'the gateway stored the request').to.exist;
    expect(stored!.gemeente).to.equal('wijchen');
    expect(stored!.topicLabel).to.equal('Parkeervergunning');
  });

  it('without the attribute the same gateway answers for its default gemeente (Druten)', async function () {
    this.timeout(60_000);
    const api = await baseUrl();
    const config = await fixture<DichtbijConfig>(
      html`<dichtbij-config api="${api}" locale="nl"><dichtbij-bel-me inline></dichtbij-bel-me></dichtbij-config>`,
    );
    const el = belMe(config);
    await waitUntil(() => topicLabels(el).includes('Afval'), 'Druten’s topics', { timeout: 15_000 });
    expect(topicLabels(el)).to.not.include('Parkeervergunning');
    expect(config.resolvedClient!.adapter.id).to.equal(`gateway:${api}`);
    await expect(el).to.be.accessible();
  });

  it('changing gemeente makes a new client for that gemeente', async () => {
    const config = await fixture<DichtbijConfig>(
      html`<dichtbij-config api="http://127.0.0.1:9" gemeente="druten"></dichtbij-config>`,
    );
    expect(config.resolvedClient!.adapter.id).to.equal('gateway:http://127.0.0.1:9#druten');
    config.gemeente = 'wijchen';
    await config.updateComplete;
    expect(config.resolvedClient!.adapter.id).to.equal('gateway:http://127.0.0.1:9#wijchen');
    await expect(config).to.be.accessible();
  });
});
