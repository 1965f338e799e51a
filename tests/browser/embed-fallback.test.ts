// Fallback content in Chromium: what an editor writes inside a Dichtbij element ("Bel ons: 14 0…")
// is shown while the script has not loaded, and stays when the script fails to load; once the
// element upgrades its shadow root (which has no <slot>) replaces it. The elements are defined by
// this file itself, part way through, so nothing is defined when the page starts.
import { expect, fixture, html } from '@open-wc/testing';
import { createClient, memoryAdapter, memoryStore } from '@dichtbij/sdk';

const TAGS = ['dichtbij-feedback', 'dichtbij-bel-me', 'dichtbij-status-tracker', 'dichtbij-chat-launcher'] as const;
const DEFINERS: Record<(typeof TAGS)[number], () => Promise<unknown>> = {
  'dichtbij-feedback': () => import('@dichtbij/components/feedback'),
  'dichtbij-bel-me': () => import('@dichtbij/components/bel-me'),
  'dichtbij-status-tracker': () => import('@dichtbij/components/status-tracker'),
  'dichtbij-chat-launcher': () => import('@dichtbij/components/chat-launcher'),
};

/** A page as a CMS editor writes it: each element holds the gemeente's phone number as a fallback. */
async function page() {
  return fixture<HTMLElement>(html`
    <main>
      <h1>Paspoort aanvragen</h1>
      <dichtbij-feedback>Vragen over deze pagina? Bel <a href="tel:140345">14 0345</a>.</dichtbij-feedback>
      <dichtbij-bel-me topic="paspoort-id">Bel ons: <a href="tel:140345">14 0345</a></dichtbij-bel-me>
      <dichtbij-status-tracker>Uw aanvraag volgen: bel <a href="tel:140345">14 0345</a>.</dichtbij-status-tracker>
      <dichtbij-chat-launcher status="gesloten"
        >Chat niet beschikbaar. Bel <a href="tel:140345">14 0345</a>.</dichtbij-chat-launcher
      >
    </main>
  `);
}

/** Whether the element's light-DOM fallback is rendered (has a box and is visible). */
const fallbackShown = (el: Element) => {
  const link = el.querySelector('a')!;
  return link.getClientRects().length > 0 && link.checkVisibility();
};

describe('fallback content inside the elements', () => {
  it('before the script loads: every element shows its fallback, the phone link works, axe passes', async () => {
    const main = await page();
    for (const tag of TAGS) {
      expect(customElements.get(tag), `${tag} is not defined yet`).to.equal(undefined);
      const el = main.querySelector(tag)!;
      expect(el.shadowRoot, tag).to.equal(null);
      expect(fallbackShown(el), `${tag} shows its fallback`).to.equal(true);
      expect(el.querySelector('a')!.getAttribute('href')).to.equal('tel:140345');
    }
    await expect(main).to.be.accessible();
  });

  it('when the script fails to load: the fallback stays', async () => {
    const main = await page();
    const script = document.createElement('script');
    script.type = 'module';
    script.src = new URL('/no-such-cdn/dichtbij.js', location.href).href;
    const failed = new Promise((resolve) => (script.onerror = resolve));
    document.head.append(script);
    await failed;
    script.remove();
    for (const tag of TAGS) expect(fallbackShown(main.querySelector(tag)!), tag).to.equal(true);
    await expect(main).to.be.accessible();
  });

  it('once each element upgrades: the fallback is hidden (no <slot> shows it) and axe passes', async () => {
    const main = await page();
    const client = createClient({ adapter: memoryAdapter(), outboxStore: memoryStore() });
    for (const el of main.querySelectorAll<HTMLElement & { client?: unknown }>(TAGS.join(','))) el.client = client;
    try {
      for (const tag of TAGS) {
        const el = main.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(tag)!;
        expect(fallbackShown(el), `${tag} before`).to.equal(true);
        await DEFINERS[tag]();
        await customElements.whenDefined(tag);
        await el.updateComplete;
        expect(el.shadowRoot, tag).to.not.equal(null);
        expect(el.shadowRoot!.querySelector('slot'), `${tag} has no slot`).to.equal(null);
        expect(fallbackShown(el), `${tag} after`).to.equal(false);
        expect(el.shadowRoot!.textContent!.trim().length, `${tag} renders itself`).to.be.greaterThan(0);
        // The others, still undefined, keep theirs.
        for (const other of TAGS.slice(TAGS.indexOf(tag) + 1))
          expect(fallbackShown(main.querySelector(other)!), `${other} while ${tag} upgraded`).to.equal(true);
        await expect(main).to.be.accessible();
      }
    } finally {
      client.dispose();
    }
  });

  it('an element created after the definitions hides its fallback at once', async () => {
    const main = await page();
    for (const tag of TAGS) {
      const el = main.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(tag)!;
      await el.updateComplete;
      expect(fallbackShown(el), tag).to.equal(false);
    }
    await expect(main).to.be.accessible();
  });
});
