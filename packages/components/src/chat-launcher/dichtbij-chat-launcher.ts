import { resolveLocale } from '../shared/i18n.ts';
import { strings } from './strings.ts';
import { launcherCss } from './chat-launcher.styles.ts';
import type * as ControllerModule from './controller.ts';
import type { Controller, LauncherParts } from './controller.ts';

/** sessionStorage key of the running chat; the same as the SDK's `CHAT_STORAGE_KEY` (a test checks it). */
export const CHAT_STORAGE_KEY = 'dichtbij-chat';

let sheet: CSSStyleSheet | undefined;
let controller: Promise<typeof ControllerModule> | undefined;
/** The panel and everything it needs (Lit, the SDK), once per page; a failed load can be tried again. */
export const loadPanel = () =>
  (controller ??= import('./controller.ts').catch((error: unknown) => {
    controller = undefined;
    throw error;
  }));

const SVG = 'http://www.w3.org/2000/svg';
const idle = (fn: () => void) => (globalThis.requestIdleCallback ?? setTimeout)(fn);

function readStored(): { sessionId?: unknown; open?: unknown; unread?: unknown } | null {
  try {
    return JSON.parse(sessionStorage.getItem(CHAT_STORAGE_KEY) ?? 'null') as { sessionId?: unknown } | null;
  } catch {
    return null; // blocked or corrupt: nothing to restore
  }
}

/** An element with attributes given as "name=value" pairs separated by "|". */
function make<T extends Element = HTMLElement>(tag: string, attrs: string, ns?: string): T {
  const el = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const pair of attrs.split('|')) {
    const [k, v = ''] = pair.split('=');
    el.setAttribute(k!, v);
  }
  return el as T;
}

/**
 * The chat launcher: a small fixed button that renders at once, names the chat's availability
 * ("Chat met de gemeente — medewerkers nu online") and shows unread messages. No Lit and no SDK
 * here: the panel (`<dichtbij-chat-panel>`) and its dependencies load on the first click and are
 * prefetched on hover or focus. With `provider`, a third-party chat script loads on click instead.
 *
 * Availability comes from the `status` attribute (with `live` when staff are online), else from
 * the gateway's `GET /v1/chat/availability` (when `api` is set here or on the enclosing
 * `<dichtbij-config>`), else from the panel once it is loaded.
 *
 * ```html
 * <dichtbij-chat-launcher api="https://dichtbij.gemeente.nl" topic="Paspoort"></dichtbij-chat-launcher>
 * ```
 *
 * @tagname dichtbij-chat-launcher
 * @attr {string} api - URL of the Dichtbij gateway (else the enclosing `<dichtbij-config>`).
 * @attr {string} locale - `nl` (default) or `en`.
 * @attr {string} theme - A @dichtbij/themes theme for the panel.
 * @attr {string} status - Availability text in the button's name, set by the page (e.g. "medewerkers nu online").
 * @attr {boolean} live - With `status`: staff are online (shows the dot).
 * @attr {string} topic - The page's topic, for the hand-off to a callback.
 * @attr {'end' | 'start'} position - Side of the screen (default `end`).
 * @attr {string} offset - Distance from the edges, e.g. `6rem` above a cookie banner.
 * @attr {number} z-index - Stacking order (default 1000).
 * @attr {number} agent-timeout - Seconds to wait for a staff member before offering a callback (default 120).
 * @attr {string} provider - URL of a third-party chat script, loaded on the first click instead of the panel.
 * @attr {string} provider-open - Function to call after the provider's script loaded, e.g. `GemChat.open`.
 * @attr {string} provider-integrity - Subresource Integrity hash of the provider's script.
 * @summary Chat with the gemeente: a weightless launcher, a chatbot and live chat, and a hand-off to a callback.
 * @fires dichtbij-open - The chat opened (by the resident or `open()`).
 * @fires dichtbij-close - The chat closed (by the resident or `close()`).
 * @fires dichtbij-unread - The number of unread messages changed (detail: `{ count }`).
 * @fires dichtbij-handoff - "Bel mij terug": `{ to: 'callback', source: 'chat', topic, summary, page }`; `<dichtbij-bel-me>` prefills.
 * @fires dichtbij-error - The panel or the provider script could not load (`code: 'network'`), or no client (`code: 'config'`).
 * @csspart button - The launcher button.
 * @csspart label - The visible label ("Chat").
 * @csspart badge - The unread count.
 * @csspart live-indicator - The dot shown while staff are online.
 * @csspart error - The message when the chat cannot load.
 * @cssprop --dichtbij-chat-launcher-background-color - Button background.
 * @cssprop --dichtbij-chat-launcher-color - Button text and icon.
 * @cssprop --dichtbij-chat-launcher-hover-background-color - Button background on hover.
 * @cssprop --dichtbij-chat-launcher-offset - Distance from the viewport edges (default 1rem); also the `offset` attribute.
 * @cssprop --dichtbij-chat-launcher-offset-block - Distance from the bottom, e.g. above a cookie banner.
 * @cssprop --dichtbij-chat-launcher-offset-inline - Distance from the side.
 * @cssprop --dichtbij-chat-launcher-z-index - Stacking order (default 1000); also the `z-index` attribute.
 */
export class DichtbijChatLauncher extends HTMLElement {
  // The panel's attributes (api, theme, topic, …) are passed on by the controller once it is loaded.
  static observedAttributes = ['status', 'live', 'locale', 'offset', 'z-index'];

  readonly #parts: LauncherParts;
  #ctl?: Controller;
  #unread = 0;
  #auto?: { text: string; live: boolean };
  #client?: unknown;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherCss);
    }
    root.adoptedStyleSheets = [sheet];
    const svg = make('svg', 'viewBox=0 0 24 24|aria-hidden=true', SVG);
    svg.append(
      make('path', 'd=M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z', SVG),
    );
    const error = make('p', 'class=error|part=error|role=alert|hidden');
    const button = make<HTMLButtonElement>('button', 'type=button|part=button|aria-expanded=false');
    button.append(
      svg,
      make('span', 'part=label'),
      make('span', 'class=vh'),
      make('span', 'class=dot|part=live-indicator|aria-hidden=true'),
      make('span', 'class=badge|part=badge|aria-hidden=true'),
    );
    root.append(error, button);
    this.#parts = {
      root,
      button,
      error,
      unread: (n) => this.#setUnread(n),
      auto: (a) => ((this.#auto = a), this.#render()),
      failed: (e) => this.#failed(e),
    };
    button.onclick = this.#click;
    button.onpointerenter = button.onfocus = this.#intent;
  }

  #click = () => void (this.hasAttribute('provider') ? this.#provider() : this.#use((c) => c.toggle()));

  /** Hover or focus: the resident may click soon, so fetch the panel (a provider's script only on click). */
  #intent = () => {
    if (!this.hasAttribute('provider')) loadPanel().catch(() => undefined);
  };

  /** Full control: a client from `createClient()`, handed to the panel (wins over `api` and `<dichtbij-config>`). */
  get client(): unknown {
    return this.#client;
  }
  set client(value: unknown) {
    this.#client = value;
    this.#ctl?.sync();
  }

  /** The clock the panel uses (tests and stories fix time with it; set before opening). */
  clock?: () => Date;

  /** Whether the chat panel is open. */
  get isOpen(): boolean {
    return !!this.#ctl?.isOpen;
  }

  /** The number of unread messages shown on the button. */
  get unread(): number {
    return this.#unread;
  }

  connectedCallback(): void {
    document.addEventListener('focusin', this.#aside);
    this.#render();
    idle(() => void this.#status());
    if (this.hasAttribute('provider')) return;
    // A chat running in this tab (started on an earlier page) comes back; reading is not storing.
    const stored = readStored();
    if (typeof stored?.sessionId === 'string') {
      const reopen = stored.open === true;
      this.#setUnread(Number(stored.unread) || 0);
      idle(() => void this.#use((c) => c.restore(reopen)));
    }
  }

  disconnectedCallback(): void {
    document.removeEventListener('focusin', this.#aside);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'offset' || name === 'z-index') {
      const prop = `--dichtbij-chat-launcher-${name}`;
      // CSSOM, not a style attribute: allowed under a strict CSP. Only plain values pass.
      if (value && (name === 'offset' ? /^(0|\d+(\.\d+)?(px|rem|em|vh|vw))$/ : /^-?\d{1,9}$/).test(value))
        this.style.setProperty(prop, value);
      else this.style.removeProperty(prop);
    } else this.#render();
  }

  /** Opens the chat panel (loads it first) and moves focus into it. */
  open(): Promise<void> {
    return this.#use((c) => c.open(true));
  }

  /** Closes the panel (the chat goes on) and returns focus to the launcher. */
  close(): void {
    this.#ctl?.close();
  }

  get #locale() {
    return resolveLocale(this.getAttribute('locale'), this.closest('dichtbij-config')?.getAttribute('locale'));
  }

  #render(): void {
    const t = strings[this.#locale];
    const [, label, name, dot, badge] = this.#parts.button.children as unknown as HTMLElement[];
    const status = this.getAttribute('status') ?? this.#auto?.text;
    const n = this.#unread;
    // Visible: "Chat", the dot, the count. Name: "Chat met de gemeente — <status>, 2 nieuwe berichten".
    label!.textContent = t.label;
    name!.textContent = t.name + (status ? ` — ${status}` : '') + (n ? `, ${t.unread(n)}` : '');
    dot!.hidden = !(this.hasAttribute('status') ? this.hasAttribute('live') : this.#auto?.live);
    badge!.textContent = n ? String(n) : '';
  }

  #setUnread(count: number): void {
    this.#unread = Math.max(0, count | 0);
    this.#render();
  }

  /** Loads the controller (and the panel) once, then runs `fn` with it. */
  async #use(fn: (c: Controller) => void | Promise<void>): Promise<void> {
    try {
      this.#ctl ??= (await loadPanel()).control(this, this.#parts);
    } catch (error) {
      this.#failed(error);
      return;
    }
    this.#parts.error.hidden = true;
    await fn(this.#ctl);
  }

  #failed(error: unknown): void {
    const { error: box } = this.#parts;
    box.textContent = strings[this.#locale].loadError;
    box.hidden = false;
    this.dispatchEvent(
      new CustomEvent('dichtbij-error', {
        bubbles: true,
        composed: true,
        detail: { code: 'network', message: String(error) },
      }),
    );
  }

  async #provider(): Promise<void> {
    try {
      await (await import('./provider.ts')).openProvider(this);
    } catch (error) {
      this.#failed(error);
    }
  }

  /** The availability text from the gateway, when the page did not set `status` and an `api` is known. */
  async #status(): Promise<void> {
    const api = this.getAttribute('api') ?? this.closest('dichtbij-config')?.getAttribute('api');
    if (!api || this.hasAttribute('status')) return;
    try {
      const base = new URL(api, document.baseURI).href.replace(/\/?(v1\/?)?$/, '');
      const body = (await (await fetch(`${base}/v1/chat/availability`, { credentials: 'omit' })).json()) as {
        enabled?: unknown;
        live?: unknown;
        text?: Record<string, unknown>;
      };
      const text = body.text?.[this.#locale];
      if (typeof text !== 'string' || text.length > 160) return;
      if (body.enabled === false) this.hidden = true;
      this.#parts.auto({ text, live: body.live === true });
    } catch {
      // Unknown availability: the name is just "Chat met de gemeente".
    }
  }

  /** WCAG 2.4.11: when the page's focused element is behind the launcher, move the launcher aside. */
  #aside = (event: FocusEvent) => {
    const path = event.composedPath();
    const target = path[0];
    this.removeAttribute('data-aside');
    if (!(target instanceof Element) || path.includes(this)) return;
    const covered = () => {
      const a = this.#parts.button.getBoundingClientRect();
      const b = target.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    };
    for (const way of ['flip', 'hide']) if (covered()) this.setAttribute('data-aside', way);
  };
}
