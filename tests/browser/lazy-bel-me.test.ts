// <dichtbij-bel-me> and <dichtbij-config> from the CDN files (dist/cdn/config.js, bel-me.js) with
// their lazily loaded code on a slow network: the button shows without the element's code, inside
// the config's column; the first click opens the dialog once the code is there, with focus in it
// as the element puts it; a hand-off sent meanwhile is taken (its topic chosen); nothing moves.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { loadCdn, rect, slowChunks, upgraded, watchLayoutShifts } from '../support/lazy.ts';

const TAG = 'dichtbij-bel-me';

describe('<dichtbij-bel-me> lazy (dist/cdn/bel-me.js, in dist/cdn/config.js)', () => {
  it('opens on the first click made before its code is there, and takes a hand-off', async function () {
    this.timeout(30_000);
    const adapter = memoryAdapter();
    const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore() });
    const page = document.createElement('div');
    page.innerHTML = `<dichtbij-config locale="nl"><p>Boven</p><${TAG} label="Bel mij"></${TAG}><p>Onder</p></dichtbij-config>`;
    const config = page.firstElementChild as HTMLElement & { client?: DichtbijClient };
    config.client = client; // the config's client, before its upgrade
    const clicked = config.querySelector<HTMLElement>(TAG)!;
    const [above, below] = [...config.querySelectorAll('p')];
    document.body.append(page);
    await slowChunks(400);
    await Promise.all([loadCdn('config.js'), loadCdn('bel-me.js')]);
    await waitUntil(() => clicked.shadowRoot?.querySelector('button'), 'the first state renders', { timeout: 8000 });
    expect(customElements.get(TAG)).to.equal(undefined);
    // From the first state on (the page's fallback content before it is the page's own layout).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const shifts = watchLayoutShifts();
    expect(customElements.get('dichtbij-config')).to.equal(undefined);
    const button = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLElement>('button[part="button"]')!;
    expect(button(clicked).textContent).to.equal('Bel mij');
    await expect(clicked).to.be.accessible();
    const before = [rect(above!), rect(clicked), rect(button(clicked)), rect(below!)];

    const r = button(clicked).getBoundingClientRect();
    const opened = oneEvent(clicked, 'dichtbij-open');
    await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
    expect(customElements.get(TAG), 'the code is still on its way').to.equal(undefined);
    // A hand-off (e.g. from the chat) before the code is there: taken by the first state.
    const handoff = new CustomEvent('dichtbij-handoff', {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail: { to: 'callback', source: 'chat', topic: 'paspoort-id', summary: 'Vraag over een paspoort' },
    });
    document.dispatchEvent(handoff);
    expect(handoff.defaultPrevented, 'the hand-off is taken').to.equal(true);

    await upgraded(clicked, TAG);
    expect(customElements.get('dichtbij-config'), 'the config loads with the elements in it').to.not.equal(undefined);
    await opened;
    // The page did not move at the swap (what the form does inside the dialog later is its own matter).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    shifts.stop();
    expect(shifts.shifts, JSON.stringify(shifts.shifts)).to.deep.equal([]);
    const dialog = clicked.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    // Focus in the dialog: on the form's first field once the form is there, as the element does.
    await waitUntil(
      () => {
        const active = clicked.shadowRoot!.activeElement;
        return active && dialog.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
      },
      'focus on the first field',
      { timeout: 8000 },
    );
    // The hand-off reached the element: its topic is chosen.
    await waitUntil(() => dialog.querySelector('select')?.value === 'paspoort-id', 'the hand-off topic is chosen', {
      timeout: 8000,
    });
    dialog.close();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    expect([rect(above!), rect(clicked), rect(button(clicked)), rect(below!)]).to.deep.equal(before);
    await expect(clicked).to.be.accessible();
    await slowChunks(0);
    page.remove();
    client.dispose();
  });
});
