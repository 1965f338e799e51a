// <dichtbij-chat-launcher> inside <dichtbij-config>, both from the CDN file dist/cdn/dichtbij.js,
// on a slow network: the config's own code loads only when an element inside needs it. The first
// keypress on the launcher opens a chat that has the config's client (no "no client" error, no
// "chat is not available here" state) with focus in the message box, not on the heading.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore } from '@dichtbij/sdk';
import { loadCdn, slowChunks } from '../support/lazy.ts';

type Launcher = HTMLElement & { isOpen: boolean };

describe('<dichtbij-chat-launcher> in <dichtbij-config> lazy (dist/cdn/dichtbij.js)', () => {
  it('the first Enter opens the chat with the config’s client and focus in the message box', async function () {
    this.timeout(30_000);
    sessionStorage.clear();
    const client = createClient({ adapter: memoryAdapter(), locale: 'nl', outboxStore: memoryStore() });
    const config = document.createElement('dichtbij-config') as HTMLElement & { client?: unknown };
    config.client = client; // before the upgrade: Lit keeps it
    const launcher = document.createElement('dichtbij-chat-launcher') as Launcher;
    config.append(launcher);
    document.body.append(config);
    const errors: unknown[] = [];
    document.addEventListener('dichtbij-error', (e) => errors.push((e as CustomEvent).detail));
    await slowChunks(600);
    await loadCdn('dichtbij.js');
    const button = launcher.shadowRoot!.querySelector<HTMLButtonElement>('button[part="button"]')!;
    expect(customElements.get('dichtbij-config'), 'the config waits for an element inside').to.equal(undefined);

    button.focus();
    await sendKeys({ press: 'Enter' });
    const panel = () => launcher.shadowRoot!.querySelector('dichtbij-chat-panel');
    await waitUntil(() => panel()?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 10_000 });
    expect(launcher.isOpen).to.equal(true);
    expect(panel()!.shadowRoot!.activeElement?.localName, 'focus in the message box').to.equal('textarea');
    expect(errors, 'no configuration error on the way').to.deep.equal([]);
    await sendKeys({ type: 'Hallo' });
    expect(panel()!.shadowRoot!.querySelector('textarea')!.value).to.equal('Hallo');
    await expect(launcher).to.be.accessible();
    await slowChunks(0);
    config.remove();
    client.dispose();
  });
});
