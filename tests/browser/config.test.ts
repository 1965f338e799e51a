import { fixture, html, expect, oneEvent } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import '@dichtbij/components/config';
import { DichtbijElement } from '../../packages/components/src/shared/dichtbij-element.ts';
import type { DichtbijConfig } from '@dichtbij/components/config';

/** A minimal Dichtbij element that shows what it resolved, as a real element would use it. */
class ProbeElement extends DichtbijElement {
  get client_(): DichtbijClient | undefined {
    return this.resolvedClient;
  }
  get locale_(): string {
    return this.resolvedLocale;
  }
  get theme_(): string | undefined {
    return this.theme ?? this.contextValue?.theme;
  }
  protected override render() {
    return litHtml`<p>${this.resolvedClient ? 'verbonden' : 'niet ingesteld'} (${this.resolvedLocale})</p>`;
  }
}
customElements.define('dichtbij-probe', ProbeElement);

describe('<dichtbij-config>', () => {
  it('builds one client from its api and provides it to every element below it', async () => {
    const el = await fixture<DichtbijConfig>(html`
      <dichtbij-config api="http://127.0.0.1:9/" locale="en" theme="west-betuwe">
        <main>
          <h1>Paspoort aanvragen</h1>
          <dichtbij-probe id="a"></dichtbij-probe>
          <section><dichtbij-probe id="b"></dichtbij-probe></section>
        </main>
      </dichtbij-config>
    `);
    const a = el.querySelector<ProbeElement>('#a')!;
    const b = el.querySelector<ProbeElement>('#b')!;
    await a.updateComplete;
    await b.updateComplete;
    expect(el.resolvedClient).to.exist;
    expect(a.client_).to.equal(el.resolvedClient);
    expect(b.client_).to.equal(el.resolvedClient);
    expect(el.resolvedClient!.adapter.id).to.equal('gateway:http://127.0.0.1:9');
    expect(a.locale_).to.equal('en');
    expect(a.theme_).to.equal('west-betuwe');
    expect(a.shadowRoot!.textContent).to.contain('verbonden (en)');
    await expect(el).to.be.accessible();
  });

  it('renders its children in a block of its own (layout in a CMS column: embed.test.ts)', async () => {
    const el = await fixture<DichtbijConfig>(
      html`<dichtbij-config api="http://127.0.0.1:9/"><p>Tekst</p></dichtbij-config>`,
    );
    expect(getComputedStyle(el).display).to.equal('flex');
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.querySelector('p')!.getClientRects().length).to.equal(1);
    expect(el.querySelector('p')!.textContent).to.equal('Tekst');
  });

  it('a client property wins over api; an element’s own client wins over the config', async () => {
    const client = createClient({ adapter: memoryAdapter(), outboxStore: memoryStore() });
    const own = createClient({ adapter: memoryAdapter(), outboxStore: memoryStore() });
    const el = await fixture<DichtbijConfig>(html`
      <dichtbij-config api="http://127.0.0.1:9/" .client=${client}>
        <dichtbij-probe id="a"></dichtbij-probe>
        <dichtbij-probe id="b" .client=${own}></dichtbij-probe>
      </dichtbij-config>
    `);
    const a = el.querySelector<ProbeElement>('#a')!;
    const b = el.querySelector<ProbeElement>('#b')!;
    await a.updateComplete;
    expect(a.client_).to.equal(client);
    expect(b.client_).to.equal(own);
  });

  it('changing api builds a new client and the elements follow', async () => {
    const el = await fixture<DichtbijConfig>(html`
      <dichtbij-config api="http://127.0.0.1:9/"><dichtbij-probe></dichtbij-probe></dichtbij-config>
    `);
    const probe = el.querySelector<ProbeElement>('dichtbij-probe')!;
    const first = el.resolvedClient;
    el.api = 'http://127.0.0.1:10/';
    await el.updateComplete;
    await probe.updateComplete;
    expect(el.resolvedClient).to.not.equal(first);
    expect(probe.client_).to.equal(el.resolvedClient);
    expect(probe.client_!.adapter.id).to.equal('gateway:http://127.0.0.1:10');
  });

  it('without a config or api an element says it is not set up; the page lang picks the locale', async () => {
    document.documentElement.lang = 'en-GB';
    try {
      const probe = await fixture<ProbeElement>(html`<dichtbij-probe></dichtbij-probe>`);
      expect(probe.client_).to.equal(undefined);
      expect(probe.locale_).to.equal('en');
      expect(probe.shadowRoot!.textContent).to.contain('niet ingesteld');
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('fires dichtbij-error for an api that is not a URL', async () => {
    const el = document.createElement('dichtbij-config');
    el.setAttribute('api', 'ftp://nope');
    const event = oneEvent(el, 'dichtbij-error');
    document.body.append(el);
    try {
      const { detail } = await event;
      expect(detail.code).to.equal('config');
      expect(detail.message).to.contain('baseUrl');
      expect(el.resolvedClient).to.equal(undefined);
    } finally {
      el.remove();
    }
  });

  it('a second definition on the same page does not throw', async () => {
    const { defineElement } = await import('../../packages/components/src/shared/define.ts');
    const { DichtbijConfig: Again } = await import('../../packages/components/src/config/dichtbij-config.ts');
    expect(() => defineElement('dichtbij-config', class extends Again {})).not.to.throw();
    expect(customElements.get('dichtbij-config')).to.equal(Again);
  });
});
