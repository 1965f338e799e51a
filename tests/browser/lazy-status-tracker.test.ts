// <dichtbij-status-tracker> from the CDN file (dist/cdn/status-tracker.js) with its lazily loaded
// code on a slow network: the lookup form shows without the element's code (no case rendering
// loaded); what the resident types while the code loads is kept, Enter looks the case up once it
// is there, focus moves to the result as the element does, and nothing moves.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { loadCdn, rect, slowChunks, upgraded, watchLayoutShifts } from '../support/lazy.ts';

const TAG = 'dichtbij-status-tracker';

describe('<dichtbij-status-tracker> lazy (dist/cdn/status-tracker.js)', () => {
  it('keeps what is typed before the code is there and looks the case up on Enter', async function () {
    this.timeout(30_000);
    const adapter = memoryAdapter();
    const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore() });
    const page = document.createElement('div');
    page.innerHTML = `<${TAG}></${TAG}><${TAG} heading-level="3"></${TAG}>`;
    const [still, used] = [...page.children] as (HTMLElement & { client?: DichtbijClient })[];
    still!.client = client;
    used!.client = client;
    document.body.append(page);
    await slowChunks(400);
    await loadCdn('status-tracker.js');
    await waitUntil(() => used!.shadowRoot?.querySelector('#reference'), 'the form renders', { timeout: 8000 });
    expect(customElements.get(TAG)).to.equal(undefined);
    // From the first state on (the page's fallback content before it is the page's own layout).
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const shifts = watchLayoutShifts();
    const $ = <T extends Element = HTMLElement>(el: HTMLElement, s: string) => el.shadowRoot!.querySelector<T>(s)!;
    expect($(used!, 'h3').textContent).to.equal('Status van uw zaak');
    expect($(used!, 'label[for="check"]').textContent).to.equal('Postcode');
    await expect(used).to.be.accessible();
    const before = [rect(still!), rect($(used!, 'h3')), rect($(used!, '#reference')), rect($(used!, 'form'))];

    $(used!, '#reference').focus();
    expect(customElements.get(TAG), 'the code is still on its way').to.equal(undefined);
    await sendKeys({ type: 'z-2026-0142' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '4191ab' });
    await sendKeys({ press: 'Enter' });

    await upgraded(used!, TAG);
    expect($<HTMLInputElement>(used!, '#reference').value).to.equal('z-2026-0142');
    expect($<HTMLInputElement>(used!, '#check').value).to.equal('4191ab');
    await waitUntil(() => $(used!, '.steps'), 'the case is shown', { timeout: 8000 });
    await waitUntil(() => used!.shadowRoot!.activeElement === $(used!, 'h4'), 'focus on the result', { timeout: 8000 });
    expect($(used!, 'h4').textContent!.trim()).to.equal('Omgevingsvergunning: dakkapel');
    expect(adapter.calls.getCase).to.equal(1);

    // Nothing moved: the untouched tracker, and the heading, field and form of the used one.
    expect([rect(still!), rect($(used!, 'h3')), rect($(used!, '#reference')), rect($(used!, 'form'))]).to.deep.equal(
      before,
    );
    shifts.stop();
    expect(shifts.shifts, JSON.stringify(shifts.shifts)).to.deep.equal([]);
    await expect(still).to.be.accessible();
    await expect(used).to.be.accessible();
    await slowChunks(0);
    page.remove();
    client.dispose();
  });
});
