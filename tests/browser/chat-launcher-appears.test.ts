// The launcher's availability text comes from the gateway and widens the button. So that the
// button never grows under the resident's eyes (a layout shift), a launcher that asks the gateway
// shows once the answer is there (or after 3 s without one); one with a `status` shows once the
// page is idle (the settled state paints the text, at the latest after 1 s), without asking.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { watchLayoutShifts } from '../support/lazy.ts';
import '../../packages/components/src/chat-launcher/define.ts';

const realFetch = globalThis.fetch;
/** The availability answers after `ms`; `fail` makes it a network error. */
function slowAvailability(ms: number, fail = false) {
  let asked = 0;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith('/v1/chat/availability')) return realFetch(input, init);
    asked++;
    await new Promise((r) => setTimeout(r, ms));
    if (fail) throw new TypeError('Failed to fetch');
    return new Response(
      JSON.stringify({ enabled: true, live: true, text: { nl: 'medewerkers nu online', en: 'staff online now' } }),
      {
        headers: { 'Content-Type': 'application/json' },
      },
    );
  };
  return { asked: () => asked };
}
const visible = (el: HTMLElement) =>
  getComputedStyle(el.shadowRoot!.querySelector('section')!).visibility === 'visible';

describe('<dichtbij-chat-launcher>: appears once, without growing', () => {
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('with an api: hidden until the availability is in, then shown with it; no layout shift', async () => {
    const availability = slowAvailability(600);
    const shifts = watchLayoutShifts();
    const el = await fixture<HTMLElement>(
      html`<dichtbij-chat-launcher api="http://127.0.0.1:9/"></dichtbij-chat-launcher>`,
    );
    expect(visible(el), 'not shown while the availability is on its way').to.equal(false);
    await waitUntil(() => visible(el), 'shown', { timeout: 3000 });
    expect(availability.asked()).to.equal(1);
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('medewerkers nu online');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
    shifts.stop();
    expect(shifts.shifts, JSON.stringify(shifts.shifts)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('no answer: shown without the availability text, as soon as the request fails', async () => {
    slowAvailability(200, true);
    const el = await fixture<HTMLElement>(
      html`<dichtbij-chat-launcher api="http://127.0.0.1:9/"></dichtbij-chat-launcher>`,
    );
    expect(visible(el)).to.equal(false);
    await waitUntil(() => visible(el), 'shown after the failure', { timeout: 2000 });
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('a chat reopened from an earlier page is usable while the button waits for the availability', async () => {
    const availability = slowAvailability(4000);
    sessionStorage.setItem(
      'dichtbij-chat',
      JSON.stringify({
        v: 1,
        backend: 'gateway:http://127.0.0.1:9',
        sessionId: 'chat-1',
        session: { id: 'chat-1', state: 'bot' },
        messages: [{ id: 'm1', seq: 0, from: 'bot', text: 'Wat is uw vraag?', at: '2026-05-26T07:00:00Z' }],
        pending: [],
        open: true,
        unread: 0,
      }),
    );
    try {
      const el = await fixture<HTMLElement>(
        html`<dichtbij-chat-launcher api="http://127.0.0.1:9"></dichtbij-chat-launcher>`,
      );
      const panel = () => el.shadowRoot!.querySelector('dichtbij-chat-panel');
      const textarea = () => panel()?.shadowRoot?.querySelector('textarea');
      await waitUntil(() => panel()?.shadowRoot?.querySelector('dialog')?.open && textarea(), 'reopened', {
        timeout: 3000,
      });
      expect(availability.asked(), 'the availability is still on its way').to.equal(1);
      expect(visible(el), 'the button waits').to.equal(false);
      expect(getComputedStyle(panel()!.shadowRoot!.querySelector('dialog')!).visibility).to.equal('visible');
      textarea()!.focus();
      expect(panel()!.shadowRoot!.activeElement, 'the message box takes focus').to.equal(textarea());
    } finally {
      sessionStorage.clear();
    }
  });

  it('with a status set by the page: shown with it once the page is idle, without asking the gateway', async () => {
    const availability = slowAvailability(600);
    const shifts = watchLayoutShifts();
    const el = await fixture<HTMLElement>(
      html`<dichtbij-chat-launcher
        api="http://127.0.0.1:9/"
        status="chatbot, medewerkers vanaf 8:30"
      ></dichtbij-chat-launcher>`,
    );
    // Well before the (never asked) availability would be in.
    await waitUntil(() => visible(el), 'shown', { timeout: 500 });
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('chatbot, medewerkers vanaf 8:30');
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal(
      'Chat met de gemeente — chatbot, medewerkers vanaf 8:30',
    );
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
    shifts.stop();
    expect(shifts.shifts, JSON.stringify(shifts.shifts)).to.deep.equal([]);
    expect(availability.asked()).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('without an api or a status (a client from the page): shown at once, nothing to wait for', async () => {
    const el = await fixture<HTMLElement>(html`<dichtbij-chat-launcher></dichtbij-chat-launcher>`);
    expect(visible(el)).to.equal(true);
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Chat met de gemeente');
    await expect(el).to.be.accessible();
  });
});
