// <dichtbij-chat-launcher> and its panel in real Chromium: the facade alone before any
// interaction (requests and bytes, under a strict CSP), the accessible name with availability,
// keyboard open/close with focus in and back, the FAQ bot on a real gateway, persistence across
// two pages, reconnects without loss or doubles, rate limits, a stale session, the hand-off
// to a person or to <dichtbij-bel-me>, unread messages, links and hostile text, the transcript,
// focus never hidden behind the launcher, a third-party provider, and axe in every state/theme.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import {
  DichtbijError,
  createClient,
  demoConfig,
  memoryAdapter,
  memoryStore,
  type ChatMessage,
  type DichtbijClient,
  type MemoryAdapter,
  type MemorySeed,
} from '@dichtbij/sdk';
import { CHAT_STORAGE_KEY as SDK_STORAGE_KEY } from '../../packages/sdk/src/chat.ts';
import '../../packages/components/src/chat-launcher/define.ts';
import '../../packages/components/src/chat-launcher/panel/define.ts';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/config/define.ts';
import '../../packages/components/src/feedback/define.ts';
import {
  CHAT_STORAGE_KEY,
  type DichtbijChatLauncher,
} from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';
import type { DichtbijChatPanel } from '../../packages/components/src/chat-launcher/panel/dichtbij-chat-panel.ts';
import type { HandoffDetail } from '../../packages/components/src/shared/events.ts';

const THEMES = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];
/** Tuesday 26 May 2026, 10:00 in Amsterdam: open, live chat hours. */
const TUESDAY_10 = '2026-05-26T08:00:00Z';
/** Tuesday 26 May 2026, 20:00 in Amsterdam: closed until Wednesday 8:30. */
const TUESDAY_20 = '2026-05-26T18:00:00Z';

let clients: DichtbijClient[] = [];
beforeEach(() => sessionStorage.clear());
afterEach(async () => {
  for (const c of clients) c.dispose();
  clients = [];
  sessionStorage.clear();
  await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
});

const bot: MemorySeed['bot'] = (text) => {
  if (/paspoort/i.test(text)) {
    return {
      text: 'U vraagt een paspoort aan bij de gemeente. Maak eerst een afspraak.',
      links: [{ title: 'Paspoort aanvragen', url: 'https://www.example.nl/paspoort' }],
      quickReplies: ['Praat met een medewerker'],
    };
  }
  return undefined;
};

interface Setup {
  at?: string;
  seed?: MemorySeed;
  attrs?: Record<string, string>;
  open?: boolean;
}
async function setup({ at = TUESDAY_10, seed = {}, attrs = {}, open = false }: Setup = {}) {
  const now = new Date(at);
  const adapter = memoryAdapter({ now: () => now, bot, ...seed });
  const client = createClient({ adapter, outboxStore: memoryStore() });
  clients.push(client);
  const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = client;
  el.clock = () => now;
  await fixture(el);
  // The page is idle: the settled state (availability, unread count, hover, moving aside) is there.
  await settled(el);
  if (open) {
    await el.open();
    await greeted(el);
  }
  return { el, adapter, client };
}

const root = (el: DichtbijChatLauncher) => el.shadowRoot!;
const launcherButton = (el: DichtbijChatLauncher) => root(el).querySelector('button')!;
const panelOf = (el: DichtbijChatLauncher) => root(el).querySelector('dichtbij-chat-panel') as DichtbijChatPanel | null;
const P = (el: DichtbijChatLauncher) => panelOf(el)!.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: DichtbijChatLauncher, selector: string) =>
  P(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: DichtbijChatLauncher, selector: string) => [
  ...P(el).querySelectorAll<T>(selector),
];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const messageTexts = (el: DichtbijChatLauncher) => $$(el, '.msg .text').map(text);
const announced = (el: DichtbijChatLauncher) => text($(el, '[aria-live="polite"]'));
const button = (el: DichtbijChatLauncher, label: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
};
const hasButton = (el: DichtbijChatLauncher, label: string) =>
  $$<HTMLButtonElement>(el, 'button').some((b) => text(b) === label);
const greeted = (el: DichtbijChatLauncher) =>
  waitUntil(() => panelOf(el)?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
const accessibleName = (el: DichtbijChatLauncher) => text(launcherButton(el));
/**
 * The launcher's settled state is painted (./idle.ts: once the page is idle, at the latest 1 s after
 * the first state, then its chunk loads: more than waitUntil's default second on a busy machine).
 */
const settled = (el: DichtbijChatLauncher) =>
  waitUntil(() => root(el).querySelector('[part="status"]') && !el.hasAttribute('data-pending'), 'settled', {
    timeout: 5000,
  });
/** Text of an element including every shadow root below it. */
function deepText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent;
    const shadow = (n as Element).shadowRoot;
    if (shadow) shadow.childNodes.forEach(walk);
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out.replace(/\s+/g, ' ');
}

async function type(el: DichtbijChatLauncher, value: string) {
  const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
  textarea.focus();
  await sendKeys({ type: value });
}
async function ask(el: DichtbijChatLauncher, value: string) {
  await type(el, value);
  await sendKeys({ press: 'Enter' });
}

/** axe on the launcher and the panel, after transitions ended. */
async function accessible(el: DichtbijChatLauncher) {
  const panel = panelOf(el);
  await panel?.updateComplete;
  await Promise.all(
    [...root(el).getAnimations(), ...(panel?.shadowRoot?.getAnimations() ?? [])]
      // the typing indicator's dots run until the answer comes
      .filter((a) => a.effect?.getTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined)),
  );
  await expect(el).to.be.accessible();
}

// ---------------------------------------------------------------------------------------------

describe('<dichtbij-chat-launcher>: the facade', () => {
  it('before any interaction the page loads only the facade (no Lit, no SDK, no panel), under a strict CSP', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'facade page';
    frame.style.cssText = 'width:800px;height:600px';
    const loaded = oneEvent(frame, 'load');
    frame.src = '/tests/browser/fixtures/chat-facade.html';
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis;
    const doc = frame.contentDocument!;
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    await waitUntil(
      () => doc.querySelector('dichtbij-chat-launcher')?.shadowRoot?.querySelector('button'),
      'the facade',
    );
    const launcher = doc.querySelector('dichtbij-chat-launcher') as DichtbijChatLauncher;
    await aTimeout(300); // idle work (availability, restore) has had its chance
    const scripts = () =>
      win.performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /\.(ts|js|mjs)(\?|$)/.test(new URL(e.name).pathname))
        // the test runner's own reload socket is not part of the page
        .filter((e) => !new URL(e.name).pathname.startsWith('/__web-dev-server'));
    const before = scripts();
    const paths = before.map((e) => new URL(e.name).pathname);
    expect(paths.length).to.be.greaterThan(0);
    for (const path of paths) {
      expect(path, path).to.match(
        /^\/packages\/components\/src\/(chat-launcher\/(?!panel\/)[\w.-]+|shared\/(define|i18n|events)\.ts)/,
      );
    }
    expect(
      paths.some((p) => /lit|sdk|zod|ky|panel|themes/.test(p)),
      paths.join(' '),
    ).to.equal(false);
    // Bytes of the modules without the dev server's inline source maps (unminified, with comments);
    // the gzip size of the built facade is measured in `pnpm bench`.
    const sizes = await Promise.all(
      paths.map(async (p) => (await (await fetch(p)).text()).replace(/\/\/# sourceMappingURL=\S+\s*$/, '').length),
    );
    const bytes = sizes.reduce((a, b) => a + b, 0);
    console.log(`facade before interaction: ${paths.length} modules, ${bytes} bytes (dev server, unminified)`);
    expect(bytes).to.be.below(40_000);
    expect(win.sessionStorage.getItem(CHAT_STORAGE_KEY)).to.equal(null);
    expect(doc.cookie).to.equal('');

    // Hover: the panel chunk is fetched (prefetch), still nothing stored.
    const b = launcher.shadowRoot!.querySelector('button')!;
    b.dispatchEvent(new PointerEvent('pointerenter'));
    await waitUntil(() => scripts().some((e) => e.name.includes('/chat-launcher/panel/')), 'the panel prefetched');
    // Resource entries appear as fetches finish: Lit may come a moment after the panel's own module.
    await waitUntil(() => scripts().some((e) => /\/lit/.test(e.name)), 'Lit with the panel');
    expect(win.sessionStorage.getItem(CHAT_STORAGE_KEY)).to.equal(null);

    // Click: the panel opens (with a client from the page), under the strict CSP.
    const adapter = memoryAdapter({ bot });
    launcher.client = createClient({ adapter, outboxStore: memoryStore() });
    b.click();
    await waitUntil(
      () => launcher.shadowRoot!.querySelector('dichtbij-chat-panel')?.shadowRoot?.querySelector('.msg--bot'),
      'greeting',
    );
    expect(violations).to.deep.equal([]);
    frame.remove();
  });

  it('the accessible name says who and when; availability is text; nl and en', async () => {
    const { el } = await setup({ attrs: { status: 'medewerkers nu online', live: '' } });
    expect(accessibleName(el)).to.equal('Chat met de gemeente — medewerkers nu online');
    expect(root(el).querySelector<HTMLElement>('.dot')!.hidden).to.equal(false);
    el.setAttribute('status', 'chatbot, medewerkers weer morgen vanaf 8:30');
    el.removeAttribute('live');
    expect(accessibleName(el)).to.equal('Chat met de gemeente — chatbot, medewerkers weer morgen vanaf 8:30');
    expect(root(el).querySelector<HTMLElement>('.dot')!.hidden).to.equal(true);
    el.setAttribute('locale', 'en');
    el.setAttribute('status', 'staff online now');
    expect(accessibleName(el)).to.equal('Chat with the municipality — staff online now');
    expect(launcherButton(el).getAttribute('aria-expanded')).to.equal('false');
    await accessible(el);
  });

  it('without a status attribute, the availability comes from the gateway (own api or <dichtbij-config>)', async function () {
    this.timeout(40_000); // the first test to ask for the gateway starts it
    const { baseUrl } = await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway');
    const expected = (await (await fetch(`${baseUrl}/v1/chat/availability`)).json()) as { text: { nl: string } };
    const el = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher api=${baseUrl}></dichtbij-chat-launcher>`,
    );
    await waitUntil(() => accessibleName(el).includes('—'), 'availability', { timeout: 5000 });
    expect(accessibleName(el)).to.equal(`Chat met de gemeente — ${expected.text.nl}`);
    const wrapped = await fixture<HTMLElement>(
      html`<dichtbij-config api=${baseUrl} locale="en"
        ><dichtbij-chat-launcher></dichtbij-chat-launcher
      ></dichtbij-config>`,
    );
    const inner = wrapped.querySelector('dichtbij-chat-launcher') as DichtbijChatLauncher;
    await waitUntil(() => accessibleName(inner).includes('—'), 'availability in config', { timeout: 5000 });
    expect(accessibleName(inner)).to.match(/^Chat with the municipality — (staff online now|chatbot, .+)$/);
  });

  it('position, offset and z-index are configurable; print hides it', async () => {
    const { el } = await setup({ attrs: { position: 'start', offset: '5rem', 'z-index': '42' } });
    const style = getComputedStyle(el);
    expect(style.position).to.equal('fixed');
    expect(style.zIndex).to.equal('42');
    expect(style.bottom).to.equal('80px');
    expect(style.left).to.equal('80px');
    el.setAttribute('offset', 'calc(1px);}body{display:none');
    expect(getComputedStyle(el).bottom).to.equal('16px');
    el.setAttribute('z-index', '1;color:red');
    expect(getComputedStyle(el).zIndex).to.equal('1000');
    expect(el.getAttribute('style') ?? '').not.to.include('color');
  });

  it('prefers-reduced-motion: no transition; forced colours: the button keeps a visible border', async () => {
    const { el } = await setup();
    expect(getComputedStyle(launcherButton(el)).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(launcherButton(el)).transitionDuration).to.equal('0s');
    await emulateMedia({ forcedColors: 'active' });
    expect(getComputedStyle(launcherButton(el)).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(launcherButton(el)).borderTopWidth).to.equal('2px');
    await accessible(el);
  });

  it('never covers the focused element: it moves aside when focus is behind it, and back', async () => {
    const { el } = await setup();
    const rect = launcherButton(el).getBoundingClientRect();
    const behind = document.createElement('button');
    behind.textContent = 'Cookies accepteren';
    behind.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
    document.body.append(behind);
    behind.focus();
    expect(el.getAttribute('data-aside')).to.equal('flip');
    const moved = launcherButton(el).getBoundingClientRect();
    const b = behind.getBoundingClientRect();
    const overlap = moved.left < b.right && b.left < moved.right && moved.top < b.bottom && b.top < moved.bottom;
    expect(overlap).to.equal(false);
    // a full-width bar (cookie banner) at the bottom: no side is free, so the launcher steps out of the way
    behind.style.cssText = 'position:fixed;left:0;right:0;bottom:0;height:120px';
    behind.blur();
    behind.focus();
    expect(el.getAttribute('data-aside')).to.equal('hide');
    expect(getComputedStyle(launcherButton(el)).opacity).to.equal('0');
    // Tab back to the launcher: it shows itself
    launcherButton(el).focus();
    expect(el.hasAttribute('data-aside')).to.equal(false);
    expect(getComputedStyle(launcherButton(el)).opacity).to.equal('1');
    behind.remove();
  });

  it('a third-party provider: its script loads on the first click only, then its own open function runs', async () => {
    const w = window as Window & { __fakeChatLoads?: number; FakeChat?: { opened: number } };
    const src = '/tests/browser/fixtures/fake-chat-provider.js';
    const el = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher
        provider=${src}
        provider-open="FakeChat.open"
        status="medewerkers nu online"
      ></dichtbij-chat-launcher>`,
    );
    launcherButton(el).dispatchEvent(new PointerEvent('pointerenter'));
    launcherButton(el).focus();
    await aTimeout(300);
    const loadedScripts = () =>
      performance.getEntriesByType('resource').filter((e) => e.name.includes('fake-chat-provider')).length;
    expect(w.__fakeChatLoads ?? 0).to.equal(0);
    expect(loadedScripts()).to.equal(0);
    expect(panelOf(el)).to.equal(null);
    const opened = oneEvent(el, 'dichtbij-open');
    launcherButton(el).click();
    await opened;
    expect(w.__fakeChatLoads).to.equal(1);
    expect(w.FakeChat!.opened).to.equal(1);
    expect(document.getElementById('fake-chat')).to.exist;
    launcherButton(el).click();
    await oneEvent(el, 'dichtbij-open');
    expect(w.__fakeChatLoads).to.equal(1);
    expect(w.FakeChat!.opened).to.equal(2);
    expect(panelOf(el)).to.equal(null);
    document.getElementById('fake-chat')?.remove();
    document.querySelectorAll('script[src*="fake-chat-provider"]').forEach((s) => s.remove());
  });

  it('a provider script that fails to load: a clear message, and a retry on the next click', async () => {
    const el = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher provider="/tests/browser/fixtures/does-not-exist.js"></dichtbij-chat-launcher>`,
    );
    const error = oneEvent(el, 'dichtbij-error');
    launcherButton(el).click();
    await error;
    const alert = root(el).querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.hidden).to.equal(false);
    expect(text(alert)).to.equal('De chat laadt nu niet. Probeer het later opnieuw.');
    await accessible(el);
  });
});

describe('<dichtbij-chat-launcher>: opening and closing', () => {
  it('keyboard: Enter opens and moves focus into the panel; Escape closes and returns focus to the launcher', async () => {
    const { el } = await setup();
    launcherButton(el).focus();
    const opened = oneEvent(el, 'dichtbij-open');
    await sendKeys({ press: 'Enter' });
    await opened;
    await greeted(el);
    expect(el.isOpen).to.equal(true);
    expect(launcherButton(el).getAttribute('aria-expanded')).to.equal('true');
    expect(launcherButton(el).getAttribute('aria-controls')).to.equal('panel');
    await waitUntil(() => P(el).activeElement?.id === 'input', 'focus in the panel');
    const dialog = $(el, 'dialog')!;
    const title = () => text(P(el).getElementById(dialog.getAttribute('aria-labelledby')!));
    await waitUntil(() => title() === 'Chat met Gemeente West Betuwe', 'the title with the gemeente');
    const closed = oneEvent(el, 'dichtbij-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(el.isOpen).to.equal(false);
    expect(getComputedStyle(panelOf(el)!).display).to.equal('none');
    expect(root(el).activeElement).to.equal(launcherButton(el));
    expect(document.activeElement).to.equal(el);
    // open() and close() from script, and the close button
    await el.open();
    await waitUntil(() => P(el).activeElement?.id === 'input', 'focus in again');
    $<HTMLButtonElement>(el, '.close')!.click();
    expect(el.isOpen).to.equal(false);
    expect(root(el).activeElement).to.equal(launcherButton(el));
    // the chat went on: the greeting is still there, once
    await el.open();
    expect($$(el, '.msg--bot').length).to.equal(1);
  });

  it('Enter sends, Shift+Enter is a new line; the text box uses 16px so phones do not zoom', async () => {
    const { el } = await setup({ open: true });
    expect(parseFloat(getComputedStyle($(el, 'textarea')!).fontSize)).to.be.at.least(16);
    await type(el, 'eerste regel');
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'tweede regel' });
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('eerste regel\ntweede regel');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $$(el, '.msg--resident').length === 1, 'sent');
    expect(text($(el, '.msg--resident .text'))).to.equal('eerste regel tweede regel');
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
    // empty: a hint, nothing sent
    await sendKeys({ press: 'Enter' });
    await panelOf(el)!.updateComplete;
    expect(text($(el, '#input-error'))).to.equal('Typ eerst uw vraag.');
    expect($(el, 'textarea')!.getAttribute('aria-invalid')).to.equal('true');
    expect($$(el, '.msg--resident').length).to.equal(1);
  });

  it('inside <dichtbij-config>: the panel takes the client from the config', async () => {
    const adapter = memoryAdapter({ bot });
    const client = createClient({ adapter, outboxStore: memoryStore() });
    clients.push(client);
    const config = await fixture<HTMLElement & { client?: DichtbijClient }>(
      html`<dichtbij-config .client=${client}><dichtbij-chat-launcher></dichtbij-chat-launcher></dichtbij-config>`,
    );
    const el = config.querySelector('dichtbij-chat-launcher') as DichtbijChatLauncher;
    await el.open();
    await greeted(el);
    expect(adapter.calls.chat).to.be.greaterThan(0);
  });

  it('a panel without any client says the chat is not set up', async () => {
    const el = await fixture<DichtbijChatLauncher>(html`<dichtbij-chat-launcher></dichtbij-chat-launcher>`);
    const error = oneEvent(el, 'dichtbij-error');
    await el.open();
    expect((await error).detail.code).to.equal('config');
    await waitUntil(() => text($(el, '.center')).includes('niet goed ingesteld'), 'not configured');
    await accessible(el);
  });
});

describe('<dichtbij-chat-panel>: the conversation', () => {
  it('the log announces each new message once (only the newest, in a separate live region)', async () => {
    const { el } = await setup({ open: true });
    const log = $(el, '[role="log"]')!;
    expect(log.getAttribute('aria-live')).to.equal('off');
    expect(log.getAttribute('aria-label')).to.equal('Gesprek');
    expect(announced(el)).to.equal('Chatbot: Hallo! Ik ben de digitale assistent van de gemeente. Wat is uw vraag?');
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await waitUntil(() => messageTexts(el).length === 3, 'the answer');
    expect(announced(el)).to.equal('Chatbot: U vraagt een paspoort aan bij de gemeente. Maak eerst een afspraak.');
    // only the newest message is in the live region, not the log
    expect(announced(el)).not.to.include('Hallo!');
    const link = $<HTMLAnchorElement>(el, '.links a')!;
    expect(link.href).to.equal('https://www.example.nl/paspoort');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(text(link)).to.equal('Paspoort aanvragen');
    // quick replies as buttons under the newest bot message
    expect(hasButton(el, 'Praat met een medewerker')).to.equal(true);
    await accessible(el);
  });

  it('links in messages: only http(s) become links; markup and other schemes stay text', async () => {
    const { el, adapter } = await setup({ open: true });
    const id = panelOf(el)!['session' as keyof DichtbijChatPanel] as unknown as { id: string };
    adapter.agentSays(
      id.id,
      'Kijk op https://www.example.nl/afval. Niet op javascript:alert(1) of <img src=x onerror="window.__chatPwned=1"> <a href="https://evil.example">klik</a>',
      'Anna',
    );
    await waitUntil(() => $$(el, '.msg--agent').length === 1, 'agent message');
    const links = $$<HTMLAnchorElement>(el, '.msg--agent a');
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://www.example.nl/afval',
      'https://evil.example/',
    ]);
    for (const a of links) expect(a.rel).to.equal('noopener noreferrer');
    expect($(el, '.msg--agent img')).to.equal(null);
    expect(text($(el, '.msg--agent .text'))).to.include('<img src=x onerror="window.__chatPwned=1">');
    expect((window as { __chatPwned?: number }).__chatPwned).to.equal(undefined);
  });

  it('the typing indicator shows while the bot answers', async () => {
    const { el, adapter } = await setup();
    // Hold the bot's messages on the stream until the check.
    let holding = true;
    const held: (() => void)[] = [];
    const subscribe = adapter.chat.subscribe.bind(adapter.chat);
    adapter.chat.subscribe = (id, handlers, o) =>
      subscribe(
        id,
        {
          ...handlers,
          onMessage: (m) =>
            holding && m.from === 'bot' && m.seq > 0 ? held.push(() => handlers.onMessage(m)) : handlers.onMessage(m),
        },
        o,
      );
    await el.open();
    await greeted(el);
    await ask(el, 'paspoort');
    await waitUntil(() => $(el, '.typing'), 'typing');
    expect(text($(el, '.typing'))).to.equal('De chatbot typt…');
    await accessible(el);
    holding = false;
    held.forEach((deliver) => deliver());
    await waitUntil(() => messageTexts(el).length === 3, 'the answer');
    expect($(el, '.typing')).to.equal(null);
  });

  it('saves the transcript as a .txt file (Blob URL, download)', async () => {
    const { el } = await setup({ open: true });
    await ask(el, 'paspoort');
    await waitUntil(() => messageTexts(el).length === 3, 'answer');
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original.call(URL, blob);
    };
    const clicked: { href: string; download: string }[] = [];
    const onClick = (e: Event) => {
      const a = e.composedPath()[0] as HTMLAnchorElement;
      if (a.tagName === 'A' && a.hasAttribute('download')) {
        clicked.push({ href: a.href, download: a.download });
        e.preventDefault();
      }
    };
    P(el).addEventListener('click', onClick, true);
    try {
      button(el, 'Gesprek opslaan').click();
      await waitUntil(() => clicked.length > 0, 'the download');
    } finally {
      URL.createObjectURL = original;
      P(el).removeEventListener('click', onClick, true);
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.href).to.match(/^blob:/);
    expect(clicked[0]!.download).to.equal('chat-gemeente-2026-05-26.txt');
    const body = await blobs[0]!.text();
    expect(blobs[0]!.type).to.equal('text/plain;charset=utf-8');
    expect(body).to.match(/^Chat met Gemeente West Betuwe\nOpgeslagen op dinsdag 26 mei 2026 om 10:00\n/);
    expect(body).to.include('10:00 U: paspoort');
    expect(body).to.include('    Paspoort aanvragen: https://www.example.nl/paspoort');
  });

  it('"Gesprek beëindigen" ends the chat, clears the stored chat, and offers a new one', async () => {
    const { el } = await setup({ open: true });
    await ask(el, 'paspoort');
    await waitUntil(() => messageTexts(el).length === 3, 'answer');
    expect(sessionStorage.getItem(CHAT_STORAGE_KEY)).to.not.equal(null);
    button(el, 'Gesprek beëindigen').click();
    await waitUntil(() => text($(el, '.notices')).includes('Het gesprek is beëindigd'), 'ended');
    expect(text($(el, '.notices'))).to.equal(
      'Het gesprek is beëindigd. U kunt het gesprek opslaan of een nieuw gesprek beginnen.',
    );
    expect(sessionStorage.getItem(CHAT_STORAGE_KEY)).to.equal(null);
    expect($(el, 'textarea')).to.equal(null);
    expect(P(el).activeElement?.id).to.equal('title');
    await accessible(el);
    button(el, 'Nieuw gesprek beginnen').click();
    await waitUntil(() => $$(el, '.msg').length === 1 && $(el, 'textarea'), 'a new chat');
    expect(sessionStorage.getItem(CHAT_STORAGE_KEY)).to.not.equal(null);
  });
});

describe('<dichtbij-chat-panel>: a person, or a callback', () => {
  it('during live hours with staff present: queued with a place, announced; the agent joins and is announced', async () => {
    const { el, adapter } = await setup({ open: true });
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => text($(el, '.status')).includes('nummer 1'), 'queued');
    expect(text($(el, '.status'))).to.equal('U bent nummer 1 in de wachtrij. Een medewerker komt zo bij u.');
    expect(announced(el)).to.equal('U bent nummer 1 in de wachtrij. Een medewerker komt zo bij u.');
    await accessible(el);
    const id = (panelOf(el) as unknown as { session: { id: string } }).session.id;
    adapter.agentSays(id, 'Goedemorgen, ik ben Anna. Hoe kan ik helpen?', 'Anna');
    await waitUntil(() => $$(el, '.msg--agent').length === 1, 'agent');
    expect(text($(el, '.status'))).to.equal('U chat met Anna.');
    expect(text($(el, '.msg--system .text'))).to.equal('Anna neemt het gesprek over.');
    expect(announced(el)).to.equal('Anna (medewerker): Goedemorgen, ik ben Anna. Hoe kan ik helpen?');
    expect(text($(el, '.msg--agent .who'))).to.match(/^Anna \(medewerker\) 10:00$/);
    await accessible(el);
  });

  it('when nobody joins within the configured time, a callback or a message is offered', async () => {
    const { el } = await setup({ open: true, attrs: { 'agent-timeout': '1' } });
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => text($(el, '.status')).includes('nummer 1'), 'queued');
    await waitUntil(() => hasButton(el, 'Bel mij terug'), 'the offer', { timeout: 4000 });
    expect(announced(el)).to.equal('Er is nog geen medewerker vrij.');
    expect(text($(el, '.log'))).to.include('U kunt ook bellen: 14 0345.');
    await accessible(el);
    button(el, 'Blijven wachten').click();
    await panelOf(el)!.updateComplete;
    expect(hasButton(el, 'Bel mij terug')).to.equal(false);
  });

  it('outside live hours: "Bel mij terug" hands the topic and a transcript summary to <dichtbij-bel-me>, which prefills', async () => {
    const { el, client } = await setup({ at: TUESDAY_20, open: true, attrs: { topic: 'Paspoort of ID-kaart' } });
    const belMe = document.createElement('dichtbij-bel-me') as HTMLElement & {
      client?: DichtbijClient;
      clock?: () => Date;
    };
    belMe.client = client;
    belMe.clock = () => new Date(TUESDAY_20);
    document.body.append(belMe);
    try {
      await ask(el, 'Hoe vraag ik een paspoort aan?');
      await waitUntil(() => messageTexts(el).length === 3, 'answer');
      button(el, 'Praat met een medewerker').click();
      await waitUntil(() => hasButton(el, 'Bel mij terug'), 'the offer');
      expect(text($(el, '.log'))).to.include('Er zijn nu geen medewerkers online. Ze zijn er weer morgen vanaf 8:30.');
      await accessible(el);
      const handoff = oneEvent(document, 'dichtbij-handoff');
      const closed = oneEvent(el, 'dichtbij-close');
      button(el, 'Bel mij terug').click();
      const detail = (await handoff).detail as HandoffDetail;
      expect(detail).to.deep.equal({
        to: 'callback',
        source: 'chat',
        summary: 'Vragen in de chat: "Hoe vraag ik een paspoort aan?". De chatbot wees op: Paspoort aanvragen.',
        question: 'Hoe vraag ik een paspoort aan?',
        topic: 'Paspoort of ID-kaart',
        page: { url: `${location.origin}${location.pathname}`, ...(document.title ? { title: document.title } : {}) },
      });
      // bel-me took it: the panel closed so the form is visible; bel-me shows what it sends along
      await closed;
      await waitUntil(() => deepText(belMe).includes(detail.summary!), 'bel-me prefilled with the summary', {
        timeout: 5000,
      });
      // …and the question is really in "Uw vraag", as the chat said.
      const form = belMe.shadowRoot!;
      expect(form.querySelector<HTMLTextAreaElement>('#question')!.value).to.equal('Hoe vraag ik een paspoort aan?');
      expect(text($(el, '.notices'))).to.include('Uw vraag uit de chat staat er al in.');
    } finally {
      belMe.remove();
    }
  });

  it('without a bel-me on the page: the handoff event still carries everything, and the phone number is shown', async () => {
    const { el } = await setup({ at: TUESDAY_20, open: true });
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => hasButton(el, 'Bel mij terug'), 'the offer');
    const handoff = oneEvent(el, 'dichtbij-handoff');
    button(el, 'Bel mij terug').click();
    const detail = (await handoff).detail as HandoffDetail;
    expect(detail.to).to.equal('callback');
    expect(detail.source).to.equal('chat');
    expect(detail.summary).to.equal('Er is geen vraag getypt in de chat.');
    expect(detail.question).to.equal(undefined);
    await panelOf(el)!.updateComplete;
    expect(text($(el, '.notices'))).to.include('Bel ons op 14 0345.');
    expect(el.isOpen).to.equal(true);
  });

  it('"Bericht achterlaten": the chat waits for the KCC with the message', async () => {
    const { el } = await setup({ at: TUESDAY_20, open: true });
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => hasButton(el, 'Bericht achterlaten'), 'the offer');
    button(el, 'Bericht achterlaten').click();
    await waitUntil(() => text($(el, '.notices')).includes('Schrijf uw vraag'), 'hint');
    expect(text($(el, '.status'))).to.equal('Uw bericht staat klaar voor een medewerker.');
    await ask(el, 'Bel mij over mijn paspoort, 06 12345678');
    await waitUntil(() => text($(el, '.notices')).includes('Uw bericht staat klaar'), 'left');
    await accessible(el);
  });
});

describe('<dichtbij-chat-panel>: bad connections and bad input', () => {
  it('a dropped connection: "Verbinding herstellen…", unsent messages marked and retried with the same clientId; none lost or doubled', async () => {
    const { el, adapter } = await setup({ open: true });
    const id = (panelOf(el) as unknown as { session: { id: string } }).session.id;
    adapter.setOffline(true);
    await waitUntil(() => text($(el, '.notices')).includes('Verbinding herstellen…'), 'reconnecting');
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await waitUntil(() => $(el, '.msg--failed'), 'marked unsent');
    // The server cannot be reached while the browser is online: not "no internet connection".
    expect(text($(el, '.msg--failed .state'))).to.equal(
      'Nog niet verstuurd: de server van de gemeente reageert niet. We proberen het opnieuw.',
    );
    await accessible(el);
    // meanwhile an agent writes (the stream is down)
    adapter.agentSays(id, 'Bent u er nog?', 'Anna');
    expect($$(el, '.msg--agent').length).to.equal(0);
    // the pending message is kept for the next page too
    expect(JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!).pending).to.have.length(1);
    adapter.setOffline(false);
    await waitUntil(
      () => !$(el, '.msg--failed') && $$(el, '.msg--agent').length === 1 && $$(el, '.msg--resident').length === 1,
      'delivered',
      {
        timeout: 5000,
      },
    );
    expect(text($(el, '.notices'))).not.to.include('Verbinding herstellen');
    // what the backend has: the question once
    const all: ChatMessage[] = [];
    adapter.chat.subscribe(id, { onMessage: (m) => all.push(m) }).close();
    expect(all.filter((m) => m.text === 'Hoe vraag ik een paspoort aan?')).to.have.length(1);
    const seqs = $$(el, '.msg time').length;
    expect(seqs).to.equal(all.length);
    expect(messageTexts(el).filter((t) => t === 'Bent u er nog?')).to.have.length(1);
    expect(JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!).pending).to.have.length(0);
  });

  it('a send that reached the backend but whose answer was lost is retried with the same clientId and shown once', async () => {
    let dropAnswer = false;
    const { el, adapter } = await setup({ open: true });
    const original = adapter.chat.send.bind(adapter.chat);
    const clientIds: string[] = [];
    adapter.chat.send = async (id, input, o) => {
      clientIds.push(input.clientId);
      const m = await original(id, input, o);
      if (dropAnswer) {
        dropAnswer = false;
        throw new DichtbijError('network', 'connection reset');
      }
      return m;
    };
    dropAnswer = true;
    await ask(el, 'paspoort');
    await waitUntil(
      () => !$(el, '.msg--failed') && $$(el, '.msg--resident').length === 1 && messageTexts(el).length === 3,
      'settled',
      {
        timeout: 5000,
      },
    );
    // Retried (or confirmed by the stream first): always the same clientId, so stored once.
    expect(clientIds.length).to.be.within(1, 2);
    expect(new Set(clientIds).size).to.equal(1);
    expect(messageTexts(el).filter((t) => t === 'paspoort')).to.have.length(1);
  });

  it('a burst is rate-limited with a clear message; the text is given back', async () => {
    let limited = false;
    const { el } = await setup({
      open: true,
      seed: {
        fail: (op) =>
          limited && op === 'chat' ? new DichtbijError('rate_limited', 'Too many', { retryAfter: 8 }) : undefined,
      },
    });
    limited = true;
    await ask(el, 'nog een vraag');
    await waitUntil(() => $(el, '.message--error'), 'the message');
    expect(text($(el, '.message--error'))).to.equal(
      'U stuurt veel berichten kort na elkaar. Wacht 8 seconden en probeer het dan opnieuw.',
    );
    expect($(el, '.message--error')!.getAttribute('role')).to.equal('alert');
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('nog een vraag');
    expect($$(el, '.msg--resident').length).to.equal(0);
    await accessible(el);
  });

  it('the chat cannot start: a clear message, the phone number and "Opnieuw proberen"', async () => {
    let down = true;
    const { el } = await setup({
      seed: { fail: (op) => (down && op === 'chat' ? new DichtbijError('server', 'down') : undefined) },
    });
    await el.open();
    await waitUntil(() => hasButton(el, 'Opnieuw proberen'), 'error');
    expect(text($(el, '.center'))).to.include('De chat kan nu niet starten');
    await accessible(el);
    down = false;
    button(el, 'Opnieuw proberen').click();
    await greeted(el);
  });
});

describe('<dichtbij-chat-launcher>: across pages', () => {
  it('a stale stored session: start fresh and say so', async () => {
    sessionStorage.setItem(
      SDK_STORAGE_KEY,
      JSON.stringify({
        v: 1,
        backend: 'memory',
        sessionId: 'chat-999',
        session: { id: 'chat-999', state: 'bot' },
        messages: [{ id: 'm1', seq: 0, from: 'bot', text: 'Oud gesprek', at: '2026-05-26T07:00:00Z' }],
        pending: [],
        open: false,
        unread: 0,
      }),
    );
    const { el } = await setup();
    await el.open();
    await waitUntil(() => text($(el, '.notices')).includes('Uw vorige gesprek is niet meer beschikbaar'), 'said so', {
      timeout: 5000,
    });
    expect(messageTexts(el)).to.deep.equal(['Hallo! Ik ben de digitale assistent van de gemeente. Wat is uw vraag?']);
    expect(JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!).sessionId).not.to.equal('chat-999');
  });

  it('unread messages while closed: a badge with text, dichtbij-unread events, reset on open', async () => {
    const { el, adapter } = await setup({ open: true });
    const id = (panelOf(el) as unknown as { session: { id: string } }).session.id;
    button(el, 'Praat met een medewerker').click();
    await waitUntil(() => text($(el, '.status')).includes('nummer 1'), 'queued');
    el.close();
    const counts: number[] = [];
    el.addEventListener('dichtbij-unread', (e) => counts.push(e.detail.count));
    adapter.agentSays(id, 'Hallo, ik ben Anna.', 'Anna');
    await waitUntil(() => el.unread === 2, 'unread');
    const badge = root(el).querySelector<HTMLElement>('[part="badge"]')!;
    expect(getComputedStyle(badge).display).not.to.equal('none');
    expect(text(badge)).to.equal('2');
    expect(accessibleName(el)).to.include(', 2 nieuwe berichten');
    expect(counts).to.deep.equal([1, 2]);
    await accessible(el);
    await el.open();
    expect(el.unread).to.equal(0);
    expect(getComputedStyle(badge).display).to.equal('none');
    expect(counts.at(-1)).to.equal(0);
  });

  it('persistence across two pages on a real gateway: same chat, same transcript, nothing twice; written only after interaction', async function () {
    this.timeout(40_000);
    const { baseUrl } = await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway');
    const first = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher api=${baseUrl}></dichtbij-chat-launcher>`,
    );
    await aTimeout(200);
    expect(sessionStorage.getItem(CHAT_STORAGE_KEY), 'nothing stored before interaction').to.equal(null);
    await first.open();
    await greeted(first);
    await ask(first, 'Hoe verleng ik mijn rijbewijs?');
    await waitUntil(() => messageTexts(first).length === 3, 'the bot answer', { timeout: 5000 });
    expect(messageTexts(first)[2]).to.match(/rijbewijs aan bij de gemeente/);
    const link = $<HTMLAnchorElement>(first, '.links a')!;
    expect(link.rel).to.equal('noopener noreferrer');
    expect(announced(first)).to.match(/^Chatbot: U vraagt een rijbewijs aan/);
    const stored = JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!);
    expect(stored.messages).to.have.length(3);
    expect(stored.open).to.equal(true);
    expect(document.cookie).to.equal('');
    const before = messageTexts(first);
    first.remove(); // "navigation"

    // The next page: the launcher finds the chat, reopens the panel (without taking focus) and resumes the stream.
    const second = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher api=${baseUrl}></dichtbij-chat-launcher>`,
    );
    await waitUntil(() => panelOf(second)?.shadowRoot?.querySelectorAll('.msg').length === 3, 'restored', {
      timeout: 5000,
    });
    expect(second.isOpen).to.equal(true);
    expect(messageTexts(second)).to.deep.equal(before);
    expect((panelOf(second) as unknown as { restored: boolean }).restored).to.equal(true);
    expect(document.activeElement).not.to.equal(second);
    await ask(second, 'Ik ga verhuizen');
    await waitUntil(() => messageTexts(second).length === 5, 'the next answer', { timeout: 5000 }).catch((e) => {
      const panel = panelOf(second) as unknown as Record<string, unknown> | null;
      const state = { texts: messageTexts(second), phase: panel?.phase, connection: panel?.connection };
      const focus = panelOf(second)?.shadowRoot?.activeElement?.tagName;
      throw new Error(`${e.message}: ${JSON.stringify({ ...state, focus })}`);
    });
    expect(messageTexts(second)[4]).to.match(/Geef uw verhuizing door/);
    expect(new Set(messageTexts(second)).size).to.equal(5);
    expect(JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!).sessionId).to.equal(stored.sessionId);
    await accessible(second);
    button(second, 'Gesprek beëindigen').click();
    await waitUntil(() => sessionStorage.getItem(CHAT_STORAGE_KEY) === null, 'cleared', { timeout: 5000 });
  });

  it('the facade and the SDK agree on the storage key', () => {
    expect(CHAT_STORAGE_KEY).to.equal(SDK_STORAGE_KEY);
  });
});

describe('<dichtbij-chat-launcher>: a warm hand-off into the chat', () => {
  /** The panel's messages with who said them: "Mededeling: …", "Chatbot: …". */
  const said = (el: DichtbijChatLauncher) =>
    $$(el, '.msg').map(
      (m) => `${text(m.querySelector('.who')).replace(/ \d\d:\d\d$/, '')}: ${text(m.querySelector('.text'))}`,
    );

  it('feedback\'s "Chat met ons": one launcher takes it, opens with focus in the panel, and the chat starts with the context', async () => {
    const { el: first, client } = await setup({ at: TUESDAY_20 });
    const { el: second } = await setup({ at: TUESDAY_20 });
    const feedback = document.createElement('dichtbij-feedback') as HTMLElement & {
      client?: DichtbijClient;
      updateComplete: Promise<boolean>;
    };
    feedback.client = client;
    await fixture(feedback);
    const pb = feedback.shadowRoot!;
    const feedbackButton = (label: string) => [...pb.querySelectorAll('button')].find((b) => text(b) === label);
    feedbackButton('Nee')!.click();
    await feedback.updateComplete;
    feedbackButton('Verstuur')!.click();
    await waitUntil(() => feedbackButton('Chat met ons'), 'the offer to continue in the chat', { timeout: 5000 });
    const handoff = oneEvent(document, 'dichtbij-handoff');
    const opened = oneEvent(first, 'dichtbij-open');
    feedbackButton('Chat met ons')!.click();
    const event = (await handoff) as CustomEvent<HandoffDetail>;
    expect(event.detail.to).to.equal('chat');
    await opened;
    expect(event.defaultPrevented, 'taken, so no other launcher takes it').to.equal(true);
    expect(first.isOpen).to.equal(true);
    expect(second.isOpen).to.equal(false);
    expect(panelOf(second)).to.equal(null, 'the other launcher did not even load its panel');
    await greeted(first);
    // The first view shows where the resident came from and what they said, then the greeting.
    const [note, greeting] = said(first);
    expect(note).to.equal(
      `Mededeling: Doorgestuurd vanuit de feedback op de pagina "${document.title || `${location.origin}${location.pathname}`}". ` +
        'Wat al bekend is: De informatie op deze pagina was niet nuttig.',
    );
    expect(greeting).to.match(/^Chatbot: Hallo!/);
    await waitUntil(() => P(first).activeElement?.id === 'input', 'focus in the message box');
    await accessible(first);

    // A later "Bel mij terug" carries the context along, before the chat's own summary.
    button(first, 'Praat met een medewerker').click();
    await waitUntil(() => hasButton(first, 'Bel mij terug'), 'the offer');
    const callback = oneEvent(first, 'dichtbij-handoff');
    button(first, 'Bel mij terug').click();
    const detail = ((await callback) as CustomEvent<HandoffDetail>).detail;
    expect(detail.to).to.equal('callback');
    expect(detail.summary).to.equal(
      `Doorgestuurd vanuit de feedback op de pagina "${document.title || `${location.origin}${location.pathname}`}". ` +
        'Wat al bekend is: De informatie op deze pagina was niet nuttig. Er is geen vraag getypt in de chat.',
    );
    // …also on the next page: the context is kept with the chat.
    expect(JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY)!).context).to.deep.include({ source: 'feedback' });
  });

  it('only `to: chat` is taken; a chat that runs already just opens (no second chat); hostile text stays text', async () => {
    const { el, adapter } = await setup({ open: true });
    const source = await fixture(html`<div></div>`);
    const send = (detail: unknown) => {
      const event = new CustomEvent('dichtbij-handoff', { detail, bubbles: true, composed: true, cancelable: true });
      source.dispatchEvent(event);
      return event;
    };
    expect(send({ to: 'callback', source: 'feedback', summary: 'x' }).defaultPrevented).to.equal(false);
    el.close();
    const before = said(el);
    const calls = adapter.calls.chat;
    const event = send({ to: 'chat', source: 'feedback', summary: '<img src=x onerror=alert(1)>' });
    expect(event.defaultPrevented).to.equal(true);
    await waitUntil(() => el.isOpen, 'opened');
    await panelOf(el)!.updateComplete;
    expect(said(el)).to.deep.equal(before, 'the running chat goes on');
    expect(adapter.calls.chat).to.equal(calls, 'nothing new started');

    // After "Gesprek beëindigen" a hand-off starts a new chat with its context.
    button(el, 'Gesprek beëindigen').click();
    await waitUntil(() => hasButton(el, 'Nieuw gesprek beginnen'), 'ended');
    send({ to: 'chat', source: 'status-tracker', caseReference: 'Z-2026-1', summary: '<img src=x onerror=alert(1)>' });
    await waitUntil(
      () => said(el)[0]?.startsWith('Mededeling: Doorgestuurd vanuit de status van een zaak'),
      'new chat',
    );
    expect(said(el)[0]).to.include('Zaak: Z-2026-1. Wat al bekend is: <img src=x onerror=alert(1)>');
    expect(P(el).querySelector('img')).to.equal(null);
    await accessible(el);
  });

  it('on a real gateway: the context reaches the backend, which shows it first (and keeps it for the KCC)', async function () {
    this.timeout(30_000);
    const { baseUrl } = await executeServerCommand<{ baseUrl: string }, object>('dichtbij-gateway');
    const el = await fixture<DichtbijChatLauncher>(
      html`<dichtbij-chat-launcher api=${baseUrl}></dichtbij-chat-launcher>`,
    );
    const opened = oneEvent(el, 'dichtbij-open');
    document.body.dispatchEvent(
      new CustomEvent('dichtbij-handoff', {
        detail: {
          to: 'chat',
          source: 'feedback',
          topic: 'Afval',
          page: { url: 'https://www.gemeente.nl/afval?id=1', title: 'Afval en containers' },
          summary: 'De informatie op deze pagina was niet nuttig. Mijn BSN is 111222333.',
        },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    await opened;
    await greeted(el);
    expect(said(el)[0]).to.equal(
      'Mededeling: Doorgestuurd vanuit de feedback op de pagina "Afval en containers". Onderwerp: Afval. ' +
        'Wat al bekend is: De informatie op deze pagina was niet nuttig. Mijn BSN is [BSN verwijderd].',
    );
    await accessible(el);
    button(el, 'Gesprek beëindigen').click();
    await waitUntil(() => sessionStorage.getItem(CHAT_STORAGE_KEY) === null, 'ended', { timeout: 5000 });
  });
});

describe("<dichtbij-chat-launcher>: the panel's CSS parts from the page", () => {
  it('::part(panel-dialog|panel-log|panel-input) styles the panel inside the launcher', async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      dichtbij-chat-launcher::part(panel-dialog) { outline: 3px solid rgb(1, 2, 3); }
      dichtbij-chat-launcher::part(panel-log) { background-color: rgb(4, 5, 6); }
      dichtbij-chat-launcher::part(panel-input) { border-color: rgb(7, 8, 9); }
      dichtbij-chat-launcher::part(dialog), dichtbij-chat-launcher::part(log) { color: rgb(255, 0, 0); }
    `);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const { el } = await setup({ open: true });
      expect(panelOf(el)!.getAttribute('exportparts')).to.equal(
        'dialog: panel-dialog, log: panel-log, input: panel-input',
      );
      expect(getComputedStyle($(el, '[part="dialog"]')!).outlineColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle($(el, '[part="log"]')!).backgroundColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle($(el, '[part="input"]')!).borderTopColor).to.equal('rgb(7, 8, 9)');
      // Only the exported names reach the panel; its own names stay private.
      expect(getComputedStyle($(el, '[part="log"]')!).color).not.to.equal('rgb(255, 0, 0)');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
});

describe('<dichtbij-chat-launcher>: accessibility in every state and theme', () => {
  async function allStates(el: DichtbijChatLauncher, adapter: MemoryAdapter) {
    const id = (panelOf(el) as unknown as { session: { id: string } }).session.id;
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    await waitUntil(() => messageTexts(el).length === 3, 'answer');
    adapter.agentSays(id, 'Zie https://www.example.nl/afval voor de afvalkalender.', 'Anna');
    await waitUntil(() => $$(el, '.msg--agent').length === 1, 'agent');
  }

  for (const theme of [undefined, ...THEMES]) {
    it(`theme ${theme ?? '(none: NL DS fallbacks)'}: launcher with a badge, and the panel with every kind of message`, async () => {
      const { el, adapter } = await setup({ open: true, attrs: theme ? { theme } : {} });
      await allStates(el, adapter);
      adapter.setOffline(true);
      await ask(el, 'niet verstuurd');
      await waitUntil(
        () => $(el, '.msg--failed') && text($(el, '.notices')).includes('Verbinding herstellen'),
        'offline',
      );
      if (theme) await waitUntil(() => panelOf(el)!.shadowRoot!.adoptedStyleSheets.length > 1, 'theme applied');
      await accessible(el);
      adapter.setOffline(false);
      el.close();
      const id = (panelOf(el) as unknown as { session: { id: string } }).session.id;
      adapter.agentSays(id, 'Nog een bericht', 'Anna');
      await waitUntil(() => el.unread > 0, 'badge');
      await accessible(el);
      await emulateMedia({ forcedColors: 'active' });
      await el.open();
      await accessible(el);
    });
  }

  it('at 320px wide the panel fills the screen without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await setup({ open: true });
      const rect = panelOf(el)!.getBoundingClientRect();
      expect(rect.left).to.equal(0);
      expect(rect.width).to.equal(320);
      expect(P(el).querySelector('dialog')!.scrollWidth).to.be.at.most(320);
      await accessible(el);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});

// keep `demoConfig` in use for readers: the memory adapter's gemeente
void demoConfig;
