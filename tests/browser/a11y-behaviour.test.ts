// Issue #14: what axe does not see. Keyboard walks that assert no focused control is hidden
// behind the open chat panel (320×640 modal, 1280×800 beside the page), reflow at 320×256
// (400 % zoom) with every control reachable, focus never on <body> after a button press, `lang`
// on every element's root (also after a runtime change), announcements counted on the live
// regions (one per result), the double-panel race, and the smaller findings. In all five themes
// where styling matters; axe in every state.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  createClient,
  demoCases,
  memoryAdapter,
  memoryStore,
  type DichtbijClient,
  type MemorySeed,
} from '@dichtbij/sdk';
import '../../packages/components/src/chat-launcher/define.ts';
import '../../packages/components/src/bel-me/define.ts';
import '../../packages/components/src/feedback/define.ts';
import '../../packages/components/src/status-tracker/define.ts';
import '../../packages/components/src/config/define.ts';
import {
  CHAT_STORAGE_KEY,
  loadPanel,
  type DichtbijChatLauncher,
} from '../../packages/components/src/chat-launcher/dichtbij-chat-launcher.ts';
import type { DichtbijChatPanel } from '../../packages/components/src/chat-launcher/panel/dichtbij-chat-panel.ts';

const THEMES = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];
/** Tuesday 26 May 2026, 10:00 in Amsterdam: open, live chat hours. */
const TUESDAY_10 = '2026-05-26T08:00:00Z';

let clients: DichtbijClient[] = [];
beforeEach(() => sessionStorage.clear());
afterEach(async () => {
  for (const c of clients) c.dispose();
  clients = [];
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
});

const bot: MemorySeed['bot'] = (text) =>
  /paspoort/i.test(text)
    ? {
        text: 'U vraagt een paspoort aan bij de gemeente. Maak eerst een afspraak.',
        links: [{ title: 'Paspoort aanvragen', url: 'https://www.example.nl/paspoort' }],
        quickReplies: ['Praat met een medewerker'],
      }
    : undefined;

function client(seed: MemorySeed = {}, at = TUESDAY_10) {
  const now = new Date(at);
  const c = createClient({
    adapter: memoryAdapter({ now: () => now, bot, ...seed }),
    outboxStore: memoryStore(),
    retry: { baseDelay: 600_000 },
  });
  clients.push(c);
  return { client: c, now };
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The focused element, looking into shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** The element at a point, looking into shadow roots. */
function deepAt(x: number, y: number): Element | null {
  let el = document.elementFromPoint(x, y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

/** Whether `el` contains `other`, across shadow roots. */
function deepContains(el: Element, other: Element | null): boolean {
  let node: Node | null = other;
  while (node) {
    if (node === el) return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

/** Some part of `el` is in the viewport and on top (a 5×5 grid of points over its box). */
function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      const x = r.left + ((i + 0.5) * r.width) / 5;
      const y = r.top + ((j + 0.5) * r.height) / 5;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      if (deepContains(el, deepAt(x, y))) return true;
    }
  }
  return false;
}

/** Loads a theme's page-level CSS too is not needed: the elements take `theme` themselves. */
async function themed(el: Element & { shadowRoot: ShadowRoot | null }, min = 2) {
  await waitUntil(() => (el.shadowRoot?.adoptedStyleSheets.length ?? 0) >= min, 'theme applied', { timeout: 5000 });
}

async function chat(attrs: Record<string, string> = {}, seed: MemorySeed = {}) {
  const { client: c, now } = client(seed);
  const el = document.createElement('dichtbij-chat-launcher') as DichtbijChatLauncher;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = c;
  el.clock = () => now;
  await fixture(el);
  // The page is idle: the launcher's settled state (availability, unread count) is painted (at the
  // latest 1 s after the first state, then its chunk loads: more than waitUntil's default second).
  await waitUntil(
    () => el.shadowRoot!.querySelector('[part="status"]') && !el.hasAttribute('data-pending'),
    'settled',
    { timeout: 5000 },
  );
  return el;
}
const panelOf = (el: DichtbijChatLauncher) => el.shadowRoot!.querySelector('dichtbij-chat-panel') as DichtbijChatPanel;
const P = (el: DichtbijChatLauncher) => panelOf(el).shadowRoot!;
const launcherButton = (el: DichtbijChatLauncher) => el.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
const greeted = (el: DichtbijChatLauncher) =>
  waitUntil(() => panelOf(el)?.shadowRoot?.querySelector('.msg--bot'), 'the greeting', { timeout: 5000 });
const panelButtons = (el: DichtbijChatLauncher) => [...P(el).querySelectorAll<HTMLButtonElement>('button')];

async function openChat(el: DichtbijChatLauncher, theme?: string) {
  await el.open();
  await greeted(el);
  if (theme) await themed(panelOf(el), 3);
  await panelOf(el).updateComplete;
}

async function ask(el: DichtbijChatLauncher, question: string) {
  const box = P(el).querySelector<HTMLTextAreaElement>('textarea')!;
  box.focus();
  await sendKeys({ type: question });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => P(el).querySelectorAll('.msg--bot').length >= 2, 'the answer', { timeout: 10_000 });
  await panelOf(el).updateComplete;
}

/** A page with many controls everywhere, also where the panel opens (bottom right). */
async function busyPage() {
  const page = await fixture<HTMLDivElement>(html`<div class="page"></div>`);
  const grid = document.createElement('div');
  grid.style.cssText = 'display:grid;grid-template-columns:repeat(6,1fr);gap:3rem;padding:1rem';
  for (let i = 0; i < 48; i++) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `Pagina-knop ${i + 1}`;
    grid.append(b);
  }
  page.append(grid);
  return page;
}

async function axe(el: Element) {
  await aTimeout(0);
  await expect(el).to.be.accessible();
}

// ── the chat panel: modal when full screen, never hiding focus, reflow ────────────────────

describe('a11y: the chat panel and focus', () => {
  for (const theme of THEMES) {
    it(`${theme}: at 320×640 the full-screen panel is modal: Tab stays in it, the page is inert, Escape anywhere closes, focus back on the launcher`, async function () {
      this.timeout(30_000);
      await setViewport({ width: 320, height: 640 });
      const page = await busyPage();
      const el = await chat({ theme });
      page.append(el);
      launcherButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await greeted(el);
      await themed(panelOf(el), 3);
      const dialog = P(el).querySelector('dialog')!;
      await waitUntil(() => dialog.matches(':modal'), 'modal');
      // the page behind cannot take focus
      const behind = page.querySelector('button')!;
      behind.focus();
      expect(document.activeElement).not.to.equal(behind);
      let inside = 0;
      for (let i = 0; i < 20; i++) {
        if (i === 10) await sendKeys({ press: 'Shift+Tab' }); // and back
        await sendKeys({ press: 'Tab' });
        const a = deepActive();
        expect(a && a !== document.body, `Tab ${i + 1}: focus stays in the dialog (wraps)`).to.equal(true);
        expect(deepContains(dialog, a), `Tab ${i + 1}: ${a?.outerHTML.slice(0, 80)}`).to.equal(true);
        expect(visible(a!), `Tab ${i + 1} is visible: ${text(a)}`).to.equal(true);
        inside++;
      }
      expect(inside).to.be.greaterThan(10);
      await axe(el);
      // Escape from the log (not only from the message box) closes it
      P(el).querySelector<HTMLElement>('.log')!.focus();
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !el.isOpen, 'closed');
      expect(dialog.open).to.equal(false);
      expect(deepActive()).to.equal(launcherButton(el));
      behind.focus();
      expect(document.activeElement).to.equal(behind); // the page is live again
      await axe(el);
    });

    it(`${theme}: at 1280×800 the non-modal panel never hides a focused page control`, async function () {
      this.timeout(40_000);
      await setViewport({ width: 1280, height: 800 });
      const page = await busyPage();
      const el = await chat({ theme });
      page.append(el);
      await openChat(el, theme);
      const dialog = P(el).querySelector('dialog')!;
      expect(dialog.matches(':modal')).to.equal(false);
      let onPage = 0;
      for (let i = 0; i < 70; i++) {
        await sendKeys({ press: 'Tab' });
        const a = deepActive();
        if (!a || a === document.body) continue;
        expect(visible(a), `Tab ${i + 1}: "${text(a)}" is not hidden`).to.equal(true);
        if (!deepContains(el, a)) onPage++;
      }
      expect(onPage).to.be.greaterThan(40);
      // back in the chat, the panel is where it was
      P(el).querySelector<HTMLElement>('textarea')!.focus();
      expect(panelOf(el).hasAttribute('data-aside')).to.equal(false);
      expect(visible(P(el).querySelector('textarea')!)).to.equal(true);
      await axe(el);
    });

    it(`${theme}: at 320×256 (400 % zoom) every control of the panel can be scrolled to; the log's focus ring is inside`, async function () {
      this.timeout(30_000);
      await setViewport({ width: 320, height: 256 });
      const el = await chat({ theme });
      await openChat(el, theme);
      await ask(el, 'Hoe vraag ik een paspoort aan?');
      const controls = [
        P(el).querySelector<HTMLElement>('h2')!,
        P(el).querySelector<HTMLElement>('.log')!,
        P(el).querySelector<HTMLElement>('textarea')!,
        ...panelButtons(el),
        ...P(el).querySelectorAll<HTMLElement>('a[href]'),
      ];
      expect(controls.length).to.be.greaterThan(5);
      for (const c of controls) {
        c.focus();
        c.scrollIntoView({ block: 'nearest' });
        const r = c.getBoundingClientRect();
        expect(r.left, text(c)).to.be.at.least(0);
        expect(r.right, text(c)).to.be.at.most(320);
        expect(visible(c), `"${text(c).slice(0, 40)}" reachable`).to.equal(true);
      }
      const dialog = P(el).querySelector('dialog')!;
      expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
      const log = P(el).querySelector<HTMLElement>('.log')!;
      log.focus();
      expect(log.matches(':focus-visible')).to.equal(true);
      expect(parseFloat(getComputedStyle(log).outlineOffset)).to.be.lessThan(
        -parseFloat(getComputedStyle(log).outlineWidth) + 0.01,
      );
      await axe(el);
    });
  }

  it('one panel however many triggers race (stored chat + click + open() while the code loads), 5 of 5', async () => {
    for (let run = 0; run < 5; run++) {
      sessionStorage.setItem(CHAT_STORAGE_KEY, JSON.stringify({ sessionId: 'chat-earlier', open: false, unread: 0 }));
      const el = await chat();
      launcherButton(el).click();
      void el.open();
      await loadPanel();
      await aTimeout(50);
      await waitUntil(() => panelOf(el), 'the panel');
      await aTimeout(200); // the restore runs when the browser is idle
      expect(el.shadowRoot!.querySelectorAll('dichtbij-chat-panel').length, `run ${run + 1}`).to.equal(1);
      el.remove();
      sessionStorage.clear();
    }
  });

  it('"Praat met een medewerker" once; "Gesprek opslaan" only once the resident said something', async () => {
    const el = await chat();
    await openChat(el);
    const labels = () => panelButtons(el).map(text);
    expect(labels()).not.to.include('Gesprek opslaan');
    await ask(el, 'Hoe vraag ik een paspoort aan?');
    expect(labels().filter((l) => l === 'Praat met een medewerker')).to.have.length(1);
    expect(labels()).to.include('Gesprek opslaan');
    await axe(el);
  });

  it('the launcher shows availability as text, inside a labelled region the page can name', async () => {
    const el = await chat({ status: 'medewerkers nu online', live: '' });
    const status = el.shadowRoot!.querySelector<HTMLElement>('[part="status"]')!;
    expect(text(status)).to.equal('medewerkers nu online');
    expect(status.getBoundingClientRect().width).to.be.greaterThan(20);
    expect(visible(status)).to.equal(true);
    const region = el.shadowRoot!.querySelector('section')!;
    expect(region.getAttribute('aria-label')).to.equal('Chat met de gemeente');
    expect(deepContains(region, launcherButton(el))).to.equal(true);
    el.setAttribute('region-label', 'Hulp bij deze pagina');
    expect(region.getAttribute('aria-label')).to.equal('Hulp bij deze pagina');
    expect(text(launcherButton(el))).to.equal('Chat met de gemeente — medewerkers nu online');
    await axe(el);
  });
});

// ── focus never on <body> after a button ──────────────────────────────────────────────────

/** Presses a button with the keyboard and checks where focus is once things settled. */
async function press(b: HTMLElement, settle: () => Promise<unknown> = () => aTimeout(150)) {
  const label = text(b);
  b.focus();
  expect(deepActive(), `focus on "${label}"`).to.equal(b);
  await sendKeys({ press: 'Enter' });
  await settle();
  await aTimeout(50);
  expect(document.activeElement, `after "${label}" focus is not on <body>`).not.to.equal(document.body);
  expect(deepActive(), `after "${label}"`).not.to.equal(null);
}

describe('a11y: focus never falls to <body> after a button', function () {
  this.timeout(30_000);
  it('chat: quick reply, "Praat met een medewerker", "Gesprek beëindigen", "Nieuw gesprek beginnen", close', async () => {
    const el = await chat();
    await openChat(el);
    await ask(el, 'paspoort');
    const find = (label: string) => panelButtons(el).find((b) => text(b) === label)!;
    await press(find('Praat met een medewerker'));
    await press(find('Gesprek beëindigen'), () =>
      waitUntil(() => panelButtons(el).some((b) => text(b) === 'Nieuw gesprek beginnen'), 'ended'),
    );
    await axe(el);
    await press(find('Nieuw gesprek beginnen'), () => greeted(el));
    await press(P(el).querySelector<HTMLButtonElement>('.close')!);
    expect(deepActive()).to.equal(launcherButton(el));
  });

  it('status tracker: "Vernieuw de status" stays focusable and enabled while busy (aria-disabled), pressed twice', async () => {
    const c = client({ cases: [structuredClone(demoCases[0]!)] }).client;
    const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(
      html`<dichtbij-status-tracker .client=${c} reference="Z-2026-0142" check="4191 AB"></dichtbij-status-tracker>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.actions button'), 'the refresh button', { timeout: 5000 });
    const refresh = el.shadowRoot!.querySelector<HTMLButtonElement>('.actions button')!;
    refresh.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const busy = el.shadowRoot!.querySelector<HTMLButtonElement>('.actions button')!;
    expect(busy.disabled).to.equal(false);
    await sendKeys({ press: 'Enter' }); // while busy: nothing happens, focus stays
    expect(deepActive()).to.equal(busy);
    await waitUntil(() => busy.getAttribute('aria-disabled') === 'false', 'done', { timeout: 5000 });
    expect(deepActive()).to.equal(busy);
    await axe(el);
  });

  it('feedback: "Nee" then "Verstuur", and the hand-off buttons', async () => {
    const c = client().client;
    const el = await fixture<HTMLElement>(html`<dichtbij-feedback .client=${c}></dichtbij-feedback>`);
    const btn = (label: string) =>
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label)!;
    await press(btn('Nee'));
    await press(btn('Verstuur'), () => waitUntil(() => el.shadowRoot!.querySelector('#thanks'), 'thanks'));
    await axe(el);
  });

  it('bel-me: open, send, "Sluiten"', async () => {
    const c = client().client;
    const el = await fixture<HTMLElement>(html`<dichtbij-bel-me .client=${c} inline></dichtbij-bel-me>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#phone'), 'the form', { timeout: 5000 });
    const phone = el.shadowRoot!.querySelector<HTMLInputElement>('#phone')!;
    phone.focus();
    await sendKeys({ type: '0301234567' });
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="preferred"]')!.click();
    await press(el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!, () =>
      waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'sent', { timeout: 5000 }),
    );
    await axe(el);
  });
});

// ── lang on each element's root ───────────────────────────────────────────────────────────

const rootLangs = (el: Element) =>
  [...el.shadowRoot!.children]
    // the launcher's panel is an element of its own, checked on its own root
    .filter((c) => c.localName !== 'style' && c.localName !== 'dichtbij-chat-panel')
    .map((c) => c.getAttribute('lang'));

describe('a11y: every element says its own language', function () {
  this.timeout(30_000);
  it('bel-me, feedback, status tracker, the launcher and the panel: lang equals the locale, also after a runtime change', async () => {
    const c = client({ cases: [structuredClone(demoCases[0]!)] }).client;
    const page = await fixture<HTMLDivElement>(
      html`<div lang="nl">
        <dichtbij-bel-me .client=${c} locale="en"></dichtbij-bel-me>
        <dichtbij-feedback .client=${c} locale="en"></dichtbij-feedback>
        <dichtbij-status-tracker .client=${c} locale="en"></dichtbij-status-tracker>
      </div>`,
    );
    const els = [...page.children] as (HTMLElement & { updateComplete: Promise<unknown>; locale?: string })[];
    const launcher = await chat({ locale: 'en' });
    page.append(launcher);
    await openChat(launcher);
    await Promise.all(els.map((e) => e.updateComplete));
    const all = () => [...els, launcher, panelOf(launcher)];
    for (const e of all()) {
      const langs = rootLangs(e);
      expect(langs.length, e.localName).to.be.greaterThan(0);
      expect(
        langs.every((l) => l === 'en'),
        `${e.localName}: ${langs.join(',')}`,
      ).to.equal(true);
    }
    expect(text(launcherButton(launcher))).to.match(/^Chat with the municipality( — |$)/);
    for (const e of els) e.locale = 'nl';
    launcher.locale = 'nl';
    await Promise.all(els.map((e) => e.updateComplete));
    await panelOf(launcher).updateComplete;
    for (const e of all()) {
      const langs = rootLangs(e);
      expect(
        langs.every((l) => l === 'nl'),
        `${e.localName} after the change: ${langs.join(',')}`,
      ).to.equal(true);
    }
    await waitUntil(
      () => /^Chat met de gemeente — medewerkers/.test(text(launcherButton(launcher))),
      'the name in Dutch',
      {
        timeout: 5000,
      },
    );
    expect(text(P(launcher).querySelector('h2'))).to.match(/^Chat met /);
    for (const e of all()) await axe(e);
  });
});

// ── one announcement per result ───────────────────────────────────────────────────────────

/** Counts the texts the live regions of a shadow root take (each change a screen reader would speak). */
function liveLog(el: Element) {
  const said: string[] = [];
  const regions = () => [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')];
  const last = new Map<Element, string>();
  for (const r of regions()) last.set(r, text(r));
  const observer = new MutationObserver(() => {
    for (const r of regions()) {
      if (r.getAttribute('aria-live') === 'off') continue;
      const now = text(r);
      if (now && now !== (last.get(r) ?? '')) said.push(now);
      last.set(r, now);
    }
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}

describe('a11y: one announcement per result', () => {
  it('bel-me: the sent request is announced once, with its reference and the promised time', async () => {
    const c = client().client;
    const el = await fixture<HTMLElement>(html`<dichtbij-bel-me .client=${c} inline></dichtbij-bel-me>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#phone'), 'the form', { timeout: 5000 });
    const phone = el.shadowRoot!.querySelector<HTMLInputElement>('#phone')!;
    phone.value = '0301234567';
    phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="preferred"]')!.click();
    const log = liveLog(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="confirmation"]'), 'sent', { timeout: 5000 });
    await aTimeout(300);
    log.stop();
    const reference = text(el.shadowRoot!.querySelector('.reference'));
    expect(log.said, log.said.join(' | ')).to.have.length(1);
    expect(log.said[0]).to.include(reference);
    expect(log.said[0]).to.match(/We bellen u/);
    await axe(el);
  });

  it('feedback: the status region changes once per send', async () => {
    const c = client().client;
    const el = await fixture<HTMLElement>(html`<dichtbij-feedback .client=${c}></dichtbij-feedback>`);
    const log = liveLog(el);
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Ja')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('#thanks'), 'thanks', { timeout: 5000 });
    await aTimeout(300);
    log.stop();
    expect(log.said, log.said.join(' | ')).to.have.length(1);
    await axe(el);
  });
});

// ── the smaller findings ──────────────────────────────────────────────────────────────────

describe('a11y: the smaller findings', () => {
  it('status tracker: after "niet gevonden" no large empty reserved height', async () => {
    const c = client({ cases: [structuredClone(demoCases[0]!)] }).client;
    const el = await fixture<HTMLElement>(
      html`<dichtbij-status-tracker .client=${c} reference="Z-0000-0000" check="1234 AB"></dichtbij-status-tracker>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.message--error'), 'not found', { timeout: 5000 });
    const panel = el.shadowRoot!.querySelector('.panel')!;
    const message = el.shadowRoot!.querySelector('.message--error')!;
    expect(panel.getBoundingClientRect().height).to.be.lessThan(message.getBoundingClientRect().height + 120);
    await axe(el);
  });

  it('the demo and KCC skip links keep a right-to-left page as wide as the window', async () => {
    for (const css of ['/packages/gateway/src/demo/assets/demo.css', '/packages/gateway/src/kcc/assets/kcc.css']) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = css;
      const loaded = new Promise((resolve) => (link.onload = resolve));
      document.head.append(link);
      await loaded;
      document.documentElement.dir = 'rtl';
      const skip = await fixture<HTMLAnchorElement>(html`<a class="skip" href="#main">Naar de inhoud</a>`);
      try {
        expect(document.documentElement.scrollWidth, css).to.be.at.most(innerWidth);
        skip.focus();
        expect(skip.getBoundingClientRect().width).to.be.greaterThan(50);
      } finally {
        document.documentElement.dir = '';
        link.remove();
      }
    }
  });
});
