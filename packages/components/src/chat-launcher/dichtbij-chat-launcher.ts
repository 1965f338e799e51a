import { langDir, resolveLocale } from '../shared/i18n.ts';
import { strings } from './strings.ts';
import { launcherCss } from './chat-launcher.styles.ts';
import type * as ControllerModule from './controller.ts';
import type { Controller, LauncherParts } from './controller.ts';
import type { Settled } from './idle.ts';

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
/**
 * Once the page has loaded: its own content, styles and fonts first, so nothing of the launcher's
 * is fetched on the way to the page's first paint (a task after the load event, after its handlers).
 */
const afterLoad = (fn: () => void) => {
  const soon = () => setTimeout(fn);
  if (document.readyState === 'complete') soon();
  else addEventListener('load', soon); // the load event comes once
};

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
 * The shadow tree of the first state: the error line and the button (icon, label, hidden rest of
 * the name), in a labelled region; the settled state (./idle.ts) adds the availability, the
 * unread count, the live dot and the badge. Returns [region, error, button, label, name].
 * Outside the class, so the manifest does not take its DOM properties for the element's API.
 */
function build(root: ShadowRoot, click: () => void, intent: () => void): HTMLElement[] {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(launcherCss);
  }
  root.adoptedStyleSheets = [sheet];
  const svg = make('svg', 'viewBox=0 0 24 24|aria-hidden=true', SVG);
  svg.append(make('path', 'd=M4 3h16a2 2 0 012 2v11a2 2 0 01-2 2h-9l-5 4v-4H4a2 2 0 01-2-2V5a2 2 0 012-2z', SVG));
  const error = make('p', 'part=error|role=alert|hidden');
  const button = make<HTMLButtonElement>('button', 'type=button|part=button|aria-expanded=false');
  // The name reads "Chat" + " met de gemeente" (+ " — " + the availability + ", 2 nieuwe berichten" once settled).
  const label = make('span', 'part=label');
  const name = make('span', 'class=vh');
  button.append(svg, label, name);
  // A labelled region (landmark) around the launcher, where the page puts the element.
  const region = make('section', 'part=region');
  region.append(error, button);
  root.append(region);
  button.onclick = click;
  button.onpointerenter = button.onfocus = intent;
  return [region, error, button, label, name];
}

/**
 * The chat launcher: a small fixed button ("Chat met de gemeente") from a first state of under
 * 3 kB. Once the page has loaded (right after its load event) its settled state (./idle.ts)
 * names the chat's availability ("Chat met de gemeente — medewerkers nu online"), shows unread
 * messages and brings back a chat started on an earlier page; while those are to come, the button
 * shows once they are there (no layout shift). No Lit and no SDK here: the
 * panel (`<dichtbij-chat-panel>`) and its dependencies load on the first click and are prefetched
 * on hover or focus. With `provider`, a third-party chat script loads on click instead.
 *
 * Availability comes from the `status` attribute (with `live` when staff are online), else from
 * the gateway's `GET /v1/chat/availability` (when `api` is set here or on the enclosing
 * `<dichtbij-config>`), else from the panel once it is loaded.
 *
 * Warm hand-off into the chat: the launcher listens on `document` for `dichtbij-handoff` with
 * `detail.to === 'chat'` (e.g. feedback's "Chat met ons"). The first launcher takes it
 * (`preventDefault()`, so no other does), opens with focus in the panel, and starts the chat with
 * the context (page, topic, summary, case): the chat's first message shows it, the KCC sees it,
 * and it goes along to a callback. A chat that is running already just opens.
 *
 * ```html
 * <dichtbij-chat-launcher api="https://dichtbij.gemeente.nl" topic="Paspoort"></dichtbij-chat-launcher>
 * ```
 *
 * @tagname dichtbij-chat-launcher
 * @summary Chat with the gemeente: a weightless launcher, a chatbot and live chat, and a hand-off to a callback.
 *
 * @attr {string} api - URL of the Dichtbij gateway (else the enclosing `<dichtbij-config>`).
 * @attr {'nl' | 'en'} locale - Language of the button and the panel: `nl` (default) or `en` (else the enclosing `<dichtbij-config>`).
 * @attr {string} theme - A @dichtbij/themes theme for the button and the panel (e.g. `voorbeeld`); else the enclosing `<dichtbij-config>`'s, else the page's theme tokens.
 * @attr {string} topic - The page's topic, for the hand-off to a callback (else the resident's first question).
 * @attr {number} agent-timeout - Seconds to wait for a staff member before offering a callback (default 120).
 * @attr {'end' | 'start'} position - Side of the screen: `end` (default; bottom right in left-to-right) or `start`.
 * @attr {string} offset - Distance from the edges, e.g. `6rem` above a cookie banner (px, rem, em, vh or vw).
 * @attr {number} z-index - Stacking order (default 1000).
 * @attr {string} status - Availability text in the button's name, set by the page (e.g. "medewerkers nu online"); no gateway request then.
 * @attr {boolean} live - With `status`: staff are online (shows the dot).
 * @attr {string} provider - URL (http or https) of a third-party chat script, loaded on the first click instead of the panel. See README.md for the CSP it needs.
 * @attr {string} provider-integrity - Subresource Integrity hash of the provider's script (`sha384-…`); the script then loads with `crossorigin="anonymous"`.
 * @attr {string} provider-open - Function to call (a dotted path on `window`) after the provider's script loaded, e.g. `GemChat.open`.
 * @attr {string} region-label - Name of the region (landmark) the launcher sits in (default "Chat met de gemeente").
 * @attr {boolean} open - Read-only, reflected: present while the panel is open (for page styles). Use `open()` and `close()`.
 *
 * @prop {DichtbijClient | undefined} client - A client from `createClient()` (e.g. with `memoryAdapter`), handed to the panel; wins over `api` and `<dichtbij-config>`.
 * @prop {(() => Date) | undefined} clock - The clock the panel uses (tests and stories fix time with it; set before opening).
 * @prop {string | undefined} locale - The `locale` attribute as a property; a runtime change updates the button's name and the panel.
 * @prop {boolean} isOpen - Read-only: whether the panel is open.
 * @prop {number} unread - Read-only: the number of unread messages shown on the button.
 *
 * @fires {CustomEvent<undefined>} dichtbij-open - The chat opened (by the resident, a hand-off or `open()`).
 * @fires {CustomEvent<undefined>} dichtbij-close - The chat closed (by the resident or `close()`).
 * @fires {CustomEvent<UnreadDetail>} dichtbij-unread - The number of unread messages changed (detail: `{ count }`).
 * @fires {CustomEvent<HandoffDetail>} dichtbij-handoff - "Bel mij terug": `{ to: 'callback', source: 'chat', topic, summary, page }` (plus `caseReference`, `caseTitle` when the chat came from a hand-off); `<dichtbij-bel-me>` prefills. The launcher itself takes `dichtbij-handoff` with `to: 'chat'` (see above).
 * @fires {CustomEvent<ErrorDetail>} dichtbij-error - The panel or the provider script could not load (`code: 'network'`), the chat could not start (`code`), or there is no client (`code: 'config'`).
 *
 * @csspart button - The launcher button.
 * @csspart label - The visible label ("Chat").
 * @csspart status - The availability as visible text next to the label (e.g. "medewerkers nu online").
 * @csspart region - The labelled region (landmark) around the button.
 * @csspart badge - The unread count.
 * @csspart live-indicator - The dot shown while staff are online.
 * @csspart error - The message when the chat cannot load.
 * @csspart panel-dialog - The chat window (the panel's `dialog` part).
 * @csspart panel-log - The conversation (the panel's `log` part).
 * @csspart panel-input - The message box (the panel's `input` part).
 *
 * @cssprop --dichtbij-chat-launcher-background-color - Button background (→ --dichtbij-button-primary-background-color → NL DS primary button).
 * @cssprop --dichtbij-chat-launcher-color - Button text and icon (→ --dichtbij-button-primary-color).
 * @cssprop --dichtbij-chat-launcher-hover-background-color - Button background on hover.
 * @cssprop --dichtbij-chat-launcher-offset - Distance from the viewport edges (default 1rem); also the `offset` attribute.
 * @cssprop --dichtbij-chat-launcher-offset-block - Distance from the bottom, e.g. above a cookie banner.
 * @cssprop --dichtbij-chat-launcher-offset-inline - Distance from the side.
 * @cssprop --dichtbij-chat-launcher-z-index - Stacking order (default 1000); also the `z-index` attribute.
 * @cssprop --dichtbij-chat-launcher-panel-background-color - Background of the chat window (→ --dichtbij-background-color).
 * @cssprop --dichtbij-chat-launcher-message-agent-background-color - Messages of the chatbot and staff (→ --dichtbij-surface-background-color).
 * @cssprop --dichtbij-chat-launcher-message-agent-color - Their text (→ --dichtbij-text-color).
 * @cssprop --dichtbij-chat-launcher-message-resident-background-color - The resident's messages (→ --dichtbij-info-background-color).
 * @cssprop --dichtbij-chat-launcher-message-resident-color - Their text (→ --dichtbij-text-color).
 * @cssprop [--dichtbij-accent-color=#1a4d8f] - Radio buttons and checkboxes (→ --basis-form-control-accent-color).
 * @cssprop [--dichtbij-background-color=#ffffff] - Background (→ --utrecht-document-background-color → --basis-color-default-bg-document).
 * @cssprop [--dichtbij-border-color=#6b6b6b] - Borders (→ --basis-form-control-border-color).
 * @cssprop [--dichtbij-border-radius=4px] - Corners of messages and boxes (→ --basis-border-radius-md).
 * @cssprop [--dichtbij-border-width=1px] - Border width (→ --basis-form-control-border-width).
 * @cssprop [--dichtbij-button-border-radius=4px] - Button corners (→ --nl-button-border-radius → --utrecht-button-border-radius).
 * @cssprop [--dichtbij-button-primary-active-background-color=#0f2f58] - Primary button while pressed (→ --nl-button-primary-active-background-color → --utrecht-button-primary-action-active-background-color → --basis-color-action-1-inverse-bg-active).
 * @cssprop [--dichtbij-button-primary-background-color=#1a4d8f] - Primary button background (→ --nl-button-primary-background-color → --utrecht-button-primary-action-background-color → --basis-color-action-1-inverse-bg-default).
 * @cssprop [--dichtbij-button-primary-color=#ffffff] - Primary button text (→ --nl-button-primary-color → --utrecht-button-primary-action-color → --basis-color-action-1-inverse-color-default).
 * @cssprop [--dichtbij-button-primary-hover-background-color=#143d72] - Primary button on hover (→ --nl-button-primary-hover-background-color → --utrecht-button-primary-action-hover-background-color → --basis-color-action-1-inverse-bg-hover).
 * @cssprop [--dichtbij-button-secondary-border-color=#1a4d8f] - Secondary button border (→ --nl-button-secondary-border-color → --utrecht-button-secondary-action-border-color → --basis-color-action-1-border-default).
 * @cssprop [--dichtbij-button-secondary-color=#1a4d8f] - Secondary button text (→ --nl-button-secondary-color → --utrecht-button-secondary-action-color → --basis-color-action-1-color-default).
 * @cssprop [--dichtbij-button-secondary-hover-background-color=#e8eef7] - Secondary button on hover (→ --nl-button-secondary-hover-background-color → --utrecht-button-secondary-action-hover-background-color → --basis-color-action-1-bg-hover).
 * @cssprop [--dichtbij-error-background-color=#fdecec] - Error message background (→ --utrecht-alert-error-background-color → --basis-color-negative-bg-default).
 * @cssprop [--dichtbij-error-border-color=#c42b2b] - Error message border (→ --utrecht-alert-error-border-color → --basis-color-negative-border-default).
 * @cssprop [--dichtbij-error-color=#9b1b1b] - Error text (→ --utrecht-alert-error-color → --basis-color-negative-color-document).
 * @cssprop [--dichtbij-focus-outline-color=#1b1b1f] - Focus outline colour (→ --basis-focus-outline-color → --utrecht-focus-outline-color).
 * @cssprop [--dichtbij-focus-outline-offset=2px] - Focus outline offset (→ --basis-focus-outline-offset → --utrecht-focus-outline-offset).
 * @cssprop [--dichtbij-focus-outline-style=solid] - Focus outline style (→ --basis-focus-outline-style → --utrecht-focus-outline-style).
 * @cssprop [--dichtbij-focus-outline-width=2px] - Focus outline width (→ --basis-focus-outline-width → --utrecht-focus-outline-width).
 * @cssprop --dichtbij-heading-font-family - Heading font (→ --dichtbij-text-font-family → --basis-heading-font-family → --utrecht-document-font-family → --basis-text-font-family-default; default: the system font stack).
 * @cssprop [--dichtbij-heading-font-size=1.25rem] - Heading size (→ --basis-text-font-size-lg).
 * @cssprop [--dichtbij-heading-font-weight=700] - Heading weight (→ --basis-heading-font-weight).
 * @cssprop [--dichtbij-heading-line-height=1.25] - Heading line height (→ --basis-text-line-height-lg).
 * @cssprop [--dichtbij-info-background-color=#e7f0f9] - Notice background (→ --utrecht-alert-info-background-color → --basis-color-info-bg-default).
 * @cssprop [--dichtbij-info-border-color=#2f6fb0] - Notice border (→ --utrecht-alert-info-border-color → --basis-color-info-border-default).
 * @cssprop [--dichtbij-info-color=#0f4473] - Notice text (→ --utrecht-alert-info-color → --basis-color-info-color-document).
 * @cssprop [--dichtbij-input-background-color=#ffffff] - Text field background (→ --utrecht-textbox-background-color → --basis-form-control-background-color).
 * @cssprop [--dichtbij-input-border-color=#6b6b6b] - Text field border (→ --utrecht-textbox-border-color → --basis-form-control-border-color).
 * @cssprop [--dichtbij-input-border-radius=4px] - Text field corners (→ --utrecht-textbox-border-radius → --basis-form-control-border-radius).
 * @cssprop [--dichtbij-input-color=#1b1b1f] - Text field text (→ --utrecht-textbox-color → --basis-form-control-color).
 * @cssprop [--dichtbij-link-color=#1a4d8f] - Links and link-style buttons (→ --nl-link-color → --utrecht-link-color).
 * @cssprop [--dichtbij-pointer-target-min-size=2.75rem] - Minimum size of buttons and other targets (→ --basis-pointer-target-min-block-size).
 * @cssprop [--dichtbij-space-lg=1rem] - Space, large (→ --basis-space-block-xl).
 * @cssprop [--dichtbij-space-md=0.75rem] - Space, medium (→ --basis-space-block-lg).
 * @cssprop [--dichtbij-space-sm=0.5rem] - Space, small (→ --basis-space-block-md).
 * @cssprop [--dichtbij-space-xl=1.5rem] - Space, extra large (→ --basis-space-block-3xl).
 * @cssprop [--dichtbij-space-xs=0.25rem] - Space, extra small (→ --basis-space-block-sm).
 * @cssprop [--dichtbij-success-background-color=#e6f4ea] - Success message background (→ --utrecht-alert-ok-background-color → --basis-color-positive-bg-default).
 * @cssprop [--dichtbij-success-border-color=#2e8540] - Success message border (→ --utrecht-alert-ok-border-color → --basis-color-positive-border-default).
 * @cssprop [--dichtbij-success-color=#19592a] - Success text (→ --utrecht-alert-ok-color → --basis-color-positive-color-document).
 * @cssprop [--dichtbij-surface-background-color=#f3f4f6] - Subtle surfaces, e.g. a disabled button (→ --basis-color-default-bg-subtle).
 * @cssprop [--dichtbij-text-color=#1b1b1f] - Text colour (→ --utrecht-document-color → --basis-color-default-color-document).
 * @cssprop --dichtbij-text-font-family - Font (→ --utrecht-document-font-family → --basis-text-font-family-default; default: the system font stack).
 * @cssprop [--dichtbij-text-font-size=1rem] - Font size (→ --utrecht-document-font-size → --basis-text-font-size-md).
 * @cssprop [--dichtbij-text-font-weight-bold=700] - Bold text: labels, buttons (→ --basis-text-font-weight-bold).
 * @cssprop [--dichtbij-text-line-height=1.5] - Line height (→ --utrecht-document-line-height → --basis-text-line-height-md).
 * @cssprop [--dichtbij-text-muted-color=#595959] - Secondary text (hints, descriptions, placeholders) (→ --basis-color-default-color-subtle).
 * @cssprop [--dichtbij-text-small-font-size=0.875rem] - Small text (→ --basis-text-font-size-sm).
 * @cssprop [--dichtbij-warning-background-color=#fff3dc] - Warning message background (→ --utrecht-alert-warning-background-color → --basis-color-warning-bg-default).
 * @cssprop [--dichtbij-warning-border-color=#b36b00] - Warning message border (→ --utrecht-alert-warning-border-color → --basis-color-warning-border-default).
 * @cssprop [--dichtbij-warning-color=#6b4300] - Warning text (→ --utrecht-alert-warning-color → --basis-color-warning-color-document).

 */
export class DichtbijChatLauncher extends HTMLElement {
  // The panel's attributes (api, theme, topic, …) are passed on by the controller once it is loaded.
  static observedAttributes = ['status', 'live', 'locale', 'offset', 'z-index', 'theme', 'region-label'];

  readonly #parts: LauncherParts;
  /** [region, error, button, label, name] (see build()). */
  readonly #el: HTMLElement[];
  #ctl?: Controller;
  #unread = 0;
  #auto?: { text: string; live: boolean };
  #client?: unknown;
  /** What waits until the page has loaded (./idle.ts): the availability, locale changes, a stored chat, moving aside. */
  #settled?: Promise<Settled | void>;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const el = (this.#el = build(root, this.#click, this.#intent));
    this.#parts = {
      root,
      button: el[2] as HTMLButtonElement,
      unread: (n) => {
        this.#unread = Math.max(0, n | 0);
        this.#render();
      },
      auto: (a) => {
        this.#auto = a;
        this.#render();
      },
      render: () => this.#render(),
      locale: () => this.#locale,
      use: (fn) => this.#use(fn),
    };
  }

  #click = () => void this.#use((c) => c.toggle());

  /** Hover or focus: the resident may click soon, so fetch the panel (a provider's script only on click). */
  #intent = () => void this.#load().catch(() => undefined);

  /** The panel's controller, or with `provider` the small module that loads a third-party chat on click. */
  #load(): Promise<{ control: typeof ControllerModule.control }> {
    return this.hasAttribute('provider') ? import('./provider.ts') : loadPanel();
  }

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

  /** Language of the button and the panel (`nl` or `en`); reflects the `locale` attribute. */
  get locale(): string | undefined {
    return this.getAttribute('locale') ?? undefined;
  }
  set locale(value: string | undefined) {
    if (value) this.setAttribute('locale', value);
    else this.removeAttribute('locale');
  }

  /** Whether the chat panel is open. */
  get isOpen(): boolean {
    return !!this.#ctl?.isOpen;
  }

  /** The number of unread messages shown on the button. */
  get unread(): number {
    return this.#unread;
  }

  connectedCallback(): void {
    this.#render();
    document.addEventListener('dichtbij-handoff', this.#handoff);
    // A chat running in this tab (started on an earlier page): its unread count and the chat itself
    // come back once the page has loaded (./idle.ts; reading is not storing).
    let stored: string | null = null;
    try {
      if (!this.hasAttribute('provider')) stored = sessionStorage.getItem(CHAT_STORAGE_KEY);
    } catch {
      // storage blocked: nothing to restore
    }
    // The availability text and an unread count widen the button: when they are to come (the
    // settled state paints them), the launcher shows once they are there (at most 3 s), so it
    // appears once instead of growing (no layout shift).
    const show = () => this.removeAttribute('data-pending');
    if (
      stored ||
      this.hasAttribute('status') ||
      (!this.hasAttribute('provider') &&
        (this.getAttribute('api') ?? this.closest('dichtbij-config')?.getAttribute('api')))
    ) {
      this.setAttribute('data-pending', '');
      setTimeout(show, 3000);
    }
    this.#settled = new Promise<void>(afterLoad)
      .then(() => import('./idle.ts'))
      .then((m) => {
        if (!this.isConnected) return;
        const settled = m.settle(this, this.#parts, stored);
        void settled.ready.then(show);
        return settled;
      })
      .catch(show); // no availability then: the name is just "Chat met de gemeente"
  }

  disconnectedCallback(): void {
    document.removeEventListener('dichtbij-handoff', this.#handoff);
    void this.#settled?.then((s) => s?.stop());
  }

  /**
   * A warm hand-off to the chat (e.g. feedback's "Chat met ons"): the first launcher on the page
   * takes it (`preventDefault()`, so no other does), opens, and starts the chat with its context.
   */
  #handoff = (event: CustomEvent<{ to?: unknown } | undefined>) => {
    const detail = event.detail;
    if (detail?.to !== 'chat' || event.defaultPrevented || this.hidden) return;
    event.preventDefault();
    void this.#use((c) => c.handoff(detail));
  };

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'theme') this.#theme(value);
    else if (name === 'offset' || name === 'z-index') {
      // CSSOM, not a style attribute: allowed under a strict CSP. Only plain values pass; an
      // empty value removes the property (CSSOM setProperty()).
      const ok = value && (name === 'offset' ? /^(0|\d+(\.\d+)?(px|rem|em|vh|vw))$/ : /^-?\d{1,9}$/).test(value);
      this.style.setProperty(`--dichtbij-chat-launcher-${name}`, ok ? value : '');
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
    return resolveLocale(this.getAttribute('locale'), this.closest('dichtbij-config')?.getAttribute('locale'), this);
  }

  /**
   * The launcher's own `theme` on the button too (the theme of an enclosing `<dichtbij-config>`
   * reaches it through inheritance). The theme code loads only when `theme` is set (or removed).
   */
  #theme(name: string | null): void {
    import('../shared/theme.ts')
      .then((m) => m.applyThemeToRoot(this.#parts.root, name ?? undefined))
      .catch(() => undefined); // the page's own theme tokens stay
  }

  /** The texts, in the locale now in force; the settled state paints the rest (./idle.ts). */
  #render(): void {
    const locale = this.#locale;
    const t = strings[locale];
    const [region, , , label, name] = this.#el as [HTMLElement, ...HTMLElement[]];
    label!.textContent = t.label;
    name!.textContent = t.name;
    // WCAG 3.1.2: the button speaks its own language, whatever the page's.
    region.lang = locale;
    const dir = langDir(this, locale);
    if (dir) region.dir = dir;
    else region.removeAttribute('dir');
    region.setAttribute('aria-label', this.getAttribute('region-label') || t.label + t.name);
    this.#parts.paint?.(locale, this.#auto, this.#unread);
  }

  /**
   * Loads the controller (the panel, or a provider's) once, then runs `fn` with it. Code that does
   * not load (the panel's chunks, a provider's script) shows the error line.
   */
  async #use(fn: (c: Controller) => void | Promise<void>): Promise<void> {
    try {
      const m = await this.#load();
      // One controller (one panel) however many triggers race while the code loads.
      this.#ctl ??= m.control(this, this.#parts);
      this.#el[1]!.hidden = true;
      await fn(this.#ctl);
    } catch (error) {
      this.#failed(error);
    }
  }

  #failed(error: unknown): void {
    const box = this.#el[1]!;
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
}
