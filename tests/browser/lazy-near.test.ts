// The CDN facades load an element's code near the viewport only once the resident is active on the
// page (after the load event, at the first pointer move, scroll, touch or key, when the browser is
// idle): a page load alone runs none of it (no added blocking time on a page nobody touches), and
// the code is there before the resident reaches the element.
import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { loadCdn } from '../support/lazy.ts';

const TAG = 'dichtbij-status-tracker';
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CDN facades: near the viewport, after the first activity on the page', () => {
  it('an untouched page runs no element code; the first pointer move elsewhere loads the visible element', async function () {
    this.timeout(20_000);
    const client = createClient({ adapter: memoryAdapter(), locale: 'nl', outboxStore: memoryStore() });
    const page = document.createElement('div');
    // The element in view, but away from the pointer's path (the top left corner).
    page.innerHTML = `<div style="block-size: 200px"></div><${TAG}></${TAG}>`;
    const el = page.querySelector(TAG) as HTMLElement & { client?: DichtbijClient };
    el.client = client;
    document.body.append(page);
    await loadCdn('status-tracker.js');
    await waitUntil(() => el.shadowRoot?.querySelector('#reference'), 'the first state renders', { timeout: 8000 });
    expect(document.readyState).to.equal('complete');

    // Loaded, idle, in view: still only the first state.
    await settle(1500);
    expect(customElements.get(TAG), 'no code without activity').to.equal(undefined);

    await sendMouse({ type: 'move', position: [5, 5] });
    await waitUntil(() => customElements.get(TAG), 'defined after the first activity', { timeout: 8000 });
    await waitUntil(() => el.shadowRoot?.querySelector('#reference'), 'the full element renders', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });
});
