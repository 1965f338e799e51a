// <dichtbij-chat-launcher> from the CDN file (dist/cdn/chat-launcher.js, one file: its first state)
// with its lazily loaded chunks on a slow network: the button shows at once without the panel's
// code; the first keypress (Enter), made before the page's settled state or the panel is there,
// opens the chat once the code has loaded, with focus in the message box; Escape brings focus
// back; the settled state arrives without moving the button.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore } from '@dichtbij/sdk';
import { loadCdn, rect, slowChunks } from '../support/lazy.ts';

const TAG = 'dichtbij-chat-launcher';
type Launcher = HTMLElement & { client?: unknown; isOpen: boolean };

describe('<dichtbij-chat-launcher> lazy (dist/cdn/chat-launcher.js)', () => {
  it('handles the first keypress made before its code is there: the chat opens with focus in it', async function () {
    this.timeout(30_000);
    const client = createClient({
      adapter: memoryAdapter(),
      locale: 'nl',
      outboxStore: memoryStore(),
    });
    const launcher = document.createElement(TAG) as Launcher;
    document.body.append(launcher);
    await slowChunks(600);
    await loadCdn('chat-launcher.js');
    launcher.client = client;
    const button = launcher.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!;
    // The first state: the named button, visible, without the panel's code or the settled state.
    expect(button.textContent).to.equal('Chat met de gemeente');
    expect(getComputedStyle(launcher.shadowRoot!.querySelector('section')!).visibility).to.equal('visible');
    expect(customElements.get('dichtbij-chat-panel')).to.equal(undefined);
    expect(launcher.shadowRoot!.querySelector('[part="status"]'), 'not settled yet').to.equal(null);
    await expect(launcher).to.be.accessible();
    const before = rect(button);

    button.focus(); // focus: the panel's code is fetched (prefetch)
    await sendKeys({ press: 'Enter' });
    expect(customElements.get('dichtbij-chat-panel'), 'the code is still on its way').to.equal(undefined);

    const panel = () => launcher.shadowRoot!.querySelector(`dichtbij-chat-panel`);
    await waitUntil(
      () => panel()?.shadowRoot?.activeElement?.localName === 'textarea',
      'the chat is open with focus in the message box',
      { timeout: 10_000 },
    );
    expect(launcher.isOpen).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => panel()!.shadowRoot!.querySelector('.msg--bot'), 'the greeting', { timeout: 10_000 });
    // The settled state (slow too) arrives; the button did not move.
    await waitUntil(() => launcher.shadowRoot!.querySelector('[part="status"]'), 'settled', { timeout: 10_000 });
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !launcher.isOpen, 'closed');
    expect(launcher.shadowRoot!.activeElement, 'focus back on the button').to.equal(button);
    expect(rect(button)).to.equal(before);
    await expect(launcher).to.be.accessible();
    const { delayed } = await executeServerCommand<{ delayed: number }, { ms: number }>('dichtbij-slow-modules', {
      ms: 0,
    });
    expect(delayed, 'the panel and the settled state came over the slow network').to.be.greaterThan(1);
    launcher.remove();
    client.dispose();
  });
});
