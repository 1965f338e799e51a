// <dichtbij-feedback> from the CDN file (dist/cdn/feedback.js) with its lazily loaded code on a
// slow network: the first state (question and buttons) shows without the element's code; a
// keypress and a click made before the code is there are handled once it is, focus lands where
// it would have, and nothing moves (layout-shift entries).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { loadCdn, rect, slowChunks, upgraded, watchLayoutShifts } from '../support/lazy.ts';

const TAG = 'dichtbij-feedback';

describe('<dichtbij-feedback> lazy (dist/cdn/feedback.js)', () => {
  it('shows the question at once and handles the first keypress and click after the code has loaded', async function () {
    this.timeout(30_000);
    sessionStorage.clear();
    const adapter = memoryAdapter();
    const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore() });
    const page = document.createElement('div');
    // One untouched above; below, side by side (a change in one moves nothing): one used with
    // the mouse ("Nee"), one with the keyboard ("Ja").
    page.innerHTML =
      '<dichtbij-feedback></dichtbij-feedback><div class="row"><dichtbij-feedback></dichtbij-feedback><dichtbij-feedback></dichtbij-feedback></div>';
    const row = page.querySelector<HTMLElement>('.row')!;
    row.style.cssText = 'display: flex; align-items: flex-start; gap: 1rem';
    const [still, clicked, keyed] = [...page.querySelectorAll(TAG)] as (HTMLElement & { client?: DichtbijClient })[];
    for (const el of [still!, keyed!, clicked!]) {
      el.client = client; // before the upgrade: Lit keeps it
      el.style.flex = '1';
    }
    document.body.append(page);
    await slowChunks(400);
    await loadCdn('feedback.js');
    await waitUntil(() => keyed!.shadowRoot?.querySelector('button'), 'the first state renders', { timeout: 8000 });
    expect(customElements.get(TAG)).to.equal(undefined);
    // From the first state on (the page's fallback content before it is the page's own layout).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const shifts = watchLayoutShifts();

    const buttons = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('button')];
    const heading = (el: HTMLElement) => el.shadowRoot!.querySelector('h2')!;
    expect(buttons(keyed!).map((b) => b.textContent?.trim())).to.deep.equal(['Ja', 'Nee']);
    expect(heading(still!).textContent).to.equal('Was deze informatie nuttig?');
    await expect(still).to.be.accessible();
    const before = { still: rect(still!), heading: rect(heading(clicked!)), buttons: buttons(clicked!).map(rect) };

    // Before the code is there: the mouse clicks "Nee" of one, the keyboard presses Enter on "Ja" of the other.
    const nee = buttons(clicked!)[1]!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(nee.x + nee.width / 2), Math.round(nee.y + nee.height / 2)],
    });
    const submitted = oneEvent(keyed!, 'dichtbij-submitted');
    buttons(keyed!)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(customElements.get(TAG), 'the code is still on its way').to.equal(undefined);
    expect(keyed!.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Ja');

    await upgraded(keyed!, TAG);
    // The click: "Nee" opened its questions.
    const neeNow = buttons(clicked!)[1]!;
    expect(neeNow.getAttribute('aria-expanded')).to.equal('true');
    expect(clicked!.shadowRoot!.querySelector('form#details')).to.exist;
    // The keypress: "Ja" was sent once, and focus is on the thank-you heading, as the element does.
    const { detail } = await submitted;
    expect(detail.result).to.equal('sent');
    await waitUntil(() => keyed!.shadowRoot!.activeElement?.id === 'thanks', 'focus on the thank-you heading', {
      timeout: 8000,
    });
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.received.feedback[0]!.input).to.include({ useful: true });

    // Nothing moved: the untouched element, and the heading and buttons of the one that opened.
    expect(rect(still!)).to.equal(before.still);
    expect(rect(heading(clicked!))).to.equal(before.heading);
    expect(buttons(clicked!).slice(0, 2).map(rect)).to.deep.equal(before.buttons);
    shifts.stop();
    expect(shifts.shifts, JSON.stringify(shifts.shifts)).to.deep.equal([]);
    for (const el of [still, clicked, keyed]) await expect(el).to.be.accessible();
    await slowChunks(0);
    page.remove();
    client.dispose();
  });
});
