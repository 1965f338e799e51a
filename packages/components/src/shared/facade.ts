/**
 * Lazy elements for the CDN files (dist/cdn): an element's first state drawn without Lit, and
 * its full code loaded on intent (pointer over it, focus, a press, typing) or when it comes near
 * the viewport (then after the page's load event and the resident's first activity on the page,
 * when the browser is idle). The tag is defined only when the code is there, so the page API is the full
 * element's (properties set before that are kept by Lit and applied at the upgrade).
 *
 * - The first state is the same DOM with the same CSS as the full element's first render, in the
 *   same open shadow root (Lit reuses an existing `shadowRoot`), so nothing moves (CLS 0).
 * - The swap happens in one task: the first state is removed, the tag defined, Lit renders; then
 *   what the resident did meanwhile is replayed on the full element: text typed into a field, the
 *   focus (and caret), and the first click or submit. A swap waits while a pointer is pressed on
 *   the element, so the press and its click land on the same button.
 * - One loader per tag per page, however many copies of Dichtbij (a global registry).
 */
import { defineElement } from './define.ts';
import { pageWearsTheme } from './page-theme.ts';

export interface FacadeSpec {
  tag: string;
  /** The element's CSS (its full styles as text; the CDN build inlines it). */
  css: string;
  /**
   * Draws the first state into `root`; returns false when the element must load at once
   * (a state the first state does not cover: not configured, already answered, a lookup, …).
   */
  render(host: HTMLElement, root: ShadowRoot): boolean;
  /** The element's class (its module imported on demand). */
  load(): Promise<CustomElementConstructor>;
  /** Load when the element comes near the viewport (default true; the config loads with its elements). */
  near?: boolean;
  /** A `dichtbij-handoff` for this element: load, and dispatch it again on `document` after the upgrade. */
  redispatch?: (event: CustomEvent) => boolean;
}

interface Facaded {
  host: HTMLElement;
  root: ShadowRoot;
  action?: { kind: 'click' | 'submit'; index: number };
  pressing: boolean;
}

type Registry = Map<string, () => Promise<void>>;
const REGISTRY = Symbol.for('dichtbij.facades');
const registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= new Map());

/**
 * Near the viewport: after the page has loaded and the resident has done something on it (moved
 * the pointer, scrolled, touched, pressed a key), when the browser is idle. So a page load alone
 * runs none of the elements' code (no added blocking time), and the code is usually there before
 * the resident reaches the element; intent on the element itself loads at once.
 */
const ACTIVITY = ['pointermove', 'pointerdown', 'scroll', 'wheel', 'touchstart', 'keydown'] as const;
let active: Promise<void> | undefined;
function afterLoad(fn: () => void): void {
  active ??= new Promise<void>((resolve) => {
    const loaded = () => {
      const done = () => {
        for (const type of ACTIVITY) globalThis.removeEventListener(type, done, true);
        resolve();
      };
      for (const type of ACTIVITY) globalThis.addEventListener(type, done, { capture: true, passive: true });
    };
    if (document.readyState === 'complete') loaded();
    else globalThis.addEventListener('load', loaded, { once: true });
  });
  const idle = () => (globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200)))(fn, { timeout: 3000 });
  void active.then(idle);
}

const CONTROLS = 'button, input, textarea, select, a[href]';
const controls = (root: ParentNode): HTMLElement[] => [...root.querySelectorAll<HTMLElement>(CONTROLS)];

/**
 * The `<dichtbij-config>` around any of `hosts`, defined first (it provides their client): the
 * promise of its loading, or undefined when there is nothing to wait for (no config around them,
 * the config already defined, or no lazy config on the page). Used by every facade before it
 * swaps, and by the chat launcher's controller before its panel opens.
 */
export function configFirst(hosts: Iterable<Element>): Promise<void> | undefined {
  if (customElements.get('dichtbij-config')) return undefined;
  for (const host of hosts)
    if (host.localName !== 'dichtbij-config' && host.closest('dichtbij-config'))
      return registry.get('dichtbij-config')?.();
  return undefined;
}

export function facade(spec: FacadeSpec): void {
  const { tag } = spec;
  if (typeof customElements === 'undefined' || customElements.get(tag) || registry.has(tag)) return;
  const hosts = new Map<HTMLElement, Facaded>();
  let sheet: CSSStyleSheet | undefined;
  let loading: Promise<void> | undefined;
  let observer: IntersectionObserver | undefined;
  const held: Event[] = [];

  const load = (): Promise<void> =>
    (loading ??= (async () => {
      const ctor = await spec.load();
      await configFirst(hosts.keys());
      await swap(ctor);
    })().catch((error: unknown) => {
      loading = undefined; // try again on the next sign of use
      console.warn(`[dichtbij] ${tag}: ${error instanceof Error ? error.message : String(error)}`);
    }));
  registry.set(tag, load);

  const swap = async (ctor: CustomElementConstructor) => {
    while ([...hosts.values()].some((f) => f.pressing)) await new Promise((r) => setTimeout(r, 10));
    observer?.disconnect();
    mutations.disconnect();
    const states = [...hosts.values()].map((f) => {
      const list = controls(f.root);
      const active = f.root.activeElement as HTMLElement | null;
      const focus = active ? list.indexOf(active) : -1;
      const values = list.map((c) => ('value' in c && c.localName !== 'button' ? String(c.value) : undefined));
      const caret = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
      f.root.replaceChildren();
      return { ...f, focus, values, caret };
    });
    defineElement(tag, ctor); // upgrades every host now; Lit renders in a microtask, before the next paint
    for (const s of states) {
      await (s.host as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
      const list = controls(s.host.shadowRoot ?? s.root);
      s.values.forEach((value, i) => {
        const c = list[i] as HTMLInputElement | undefined;
        if (value && c && c.value !== value) {
          c.value = value;
          c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
      });
      const target = list[s.focus];
      if (target) {
        target.focus({ preventScroll: true });
        if (s.caret && target instanceof HTMLInputElement)
          target.setSelectionRange(s.caret[0] ?? null, s.caret[1] ?? null);
      }
      const acted = s.action && list[s.action.index];
      if (acted && s.action?.kind === 'click') acted.click();
      else if (acted && s.action?.kind === 'submit') acted.closest('form')?.requestSubmit();
    }
    hosts.clear();
    for (const event of held.splice(0)) document.dispatchEvent(event);
  };

  const attach = (host: HTMLElement) => {
    if (hosts.has(host) || host.shadowRoot || customElements.get(tag)) return;
    const root = host.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(spec.css);
    }
    root.adoptedStyleSheets = [sheet];
    const f: Facaded = { host, root, pressing: false };
    hosts.set(host, f);
    const theme = host.getAttribute('theme');
    if (theme && !pageWearsTheme(host, theme)) {
      import('./theme.ts').then((m) => m.applyThemeToRoot(root, theme)).catch(() => undefined);
    }
    if (!spec.render(host, root)) {
      void load();
      return;
    }
    const intent = () => void load();
    for (const type of ['pointerenter', 'focusin', 'keydown', 'input']) host.addEventListener(type, intent);
    root.addEventListener('pointerdown', () => {
      f.pressing = true;
      void load();
    });
    const release = () => setTimeout(() => (f.pressing = false));
    root.addEventListener('pointerup', release);
    root.addEventListener('pointercancel', release);
    root.addEventListener('click', (event) => {
      const target = (event.target as Element).closest?.(CONTROLS) as HTMLElement | null;
      f.pressing = false;
      if (!target || f.action) return;
      const index = controls(root).indexOf(target);
      if (target.matches('[type=submit]')) return; // the form's submit event follows
      f.action = { kind: 'click', index };
      void load();
    });
    root.addEventListener('submit', (event) => {
      event.preventDefault();
      if (f.action) return;
      const submitter = (event as SubmitEvent).submitter ?? controls(event.target as HTMLFormElement).at(-1);
      f.action = { kind: 'submit', index: submitter ? controls(root).indexOf(submitter) : -1 };
      void load();
    });
    if (spec.near === false) return;
    observer ??=
      'IntersectionObserver' in globalThis
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && afterLoad(load), {
            rootMargin: '200px',
          })
        : undefined;
    observer?.observe(host);
  };

  const scan = (node: ParentNode) => {
    if (node instanceof HTMLElement && node.localName === tag) attach(node);
    node.querySelectorAll?.<HTMLElement>(tag).forEach(attach);
  };
  const mutations = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n instanceof Element && scan(n));
  });
  if (spec.redispatch) {
    const wanted = spec.redispatch;
    document.addEventListener('dichtbij-handoff', (event) => {
      if (customElements.get(tag) || !hosts.size || event.defaultPrevented || !wanted(event as CustomEvent)) return;
      event.preventDefault(); // taken, as the element itself would
      const { detail } = event as CustomEvent<unknown>;
      held.push(new CustomEvent(event.type, { bubbles: true, composed: true, cancelable: true, detail }));
      void load();
    });
  }
  // The elements parsed so far, and those the parser or the page adds later.
  mutations.observe(document.documentElement, { childList: true, subtree: true });
  scan(document);
}

/** An element with attributes and text, for a first state. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Whether the full element will have a client: a `client` property, its `api`, or a `<dichtbij-config>` with one. */
export function configured(host: HTMLElement): boolean {
  const config = host.closest('dichtbij-config');
  return (
    Object.hasOwn(host, 'client') ||
    host.hasAttribute('api') ||
    !!config?.hasAttribute('api') ||
    !!(config && Object.hasOwn(config, 'client'))
  );
}

/** The heading level attribute (1–6), else `fallback`. */
export function level(host: HTMLElement, fallback = 2): number {
  const n = Number(host.getAttribute('heading-level') ?? fallback);
  return Number.isInteger(n) && n >= 1 && n <= 6 ? n : fallback;
}
