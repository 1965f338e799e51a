/**
 * What the launcher does once the page has loaded (loaded then, with import(), so it does not weigh
 * on the first state): the availability text from the gateway, a locale that changes at runtime
 * (the launcher's or the enclosing config's), a chat of this tab (started on an earlier page)
 * coming back with its unread count, moving aside from the page's focused element, and the
 * settled styles (./settled.styles.ts: hover, transition, moving aside).
 */
import { settledCss } from './settled.styles.ts';
import { settledStrings } from './strings.ts';
import type { LauncherParts } from './controller.ts';

export interface Settled {
  /** The first availability answer is in (or failed). */
  ready: Promise<void>;
  stop(): void;
}

/** A chat of this tab, as stored by the SDK (the panel checks it again). */
type Stored = { sessionId?: unknown; open?: unknown; unread?: unknown } | null;

let sheet: CSSStyleSheet | undefined;

/**
 * The settled button's spans, after the name: hidden " — ", the availability (visible), the
 * hidden unread count, the live dot, the badge. Created once per launcher (it may connect again).
 */
const SPANS = [
  'class=vh',
  'part=status|class=status',
  'class=vh',
  'class=dot|part=live-indicator|aria-hidden=true',
  'class=badge|part=badge|aria-hidden=true',
];
const painted = new WeakMap<HTMLElement, HTMLElement[]>();

function spans(button: HTMLButtonElement): HTMLElement[] {
  return SPANS.map((attrs) => {
    const span = document.createElement('span');
    for (const pair of attrs.split('|')) span.setAttribute(...(pair.split('=') as [string, string]));
    button.append(span);
    return span;
  });
}

/** Whether two elements' boxes overlap (the launcher and the page's focused element). */
function overlap(a: Element, b: Element): boolean {
  const r = a.getBoundingClientRect();
  const s = b.getBoundingClientRect();
  return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
}

/** `storedText`: the raw sessionStorage value of the running chat (null when there is none). */
export function settle(host: HTMLElement, parts: LauncherParts, storedText: string | null): Settled {
  const { root, button } = parts;
  const config = host.closest('dichtbij-config');
  let locale = parts.locale();

  // The name goes on: "Chat met de gemeente" + " — medewerkers nu online" + ", 2 nieuwe berichten".
  let els = painted.get(host);
  if (!els) painted.set(host, (els = spans(button)));
  const [dash, shown, count, dot, badge] = els as [HTMLElement, ...HTMLElement[]];
  parts.paint = (lang, auto, n) => {
    const text = host.getAttribute('status') ?? auto?.text;
    dash.textContent = text ? ' — ' : '';
    shown!.textContent = text ?? '';
    count!.textContent = n ? `, ${settledStrings[lang].unread(n)}` : '';
    dot!.hidden = !(host.hasAttribute('status') ? host.hasAttribute('live') : auto?.live);
    badge!.textContent = n ? String(n) : '';
  };

  /** The availability text from the gateway, when the page did not set `status` and an `api` is known. */
  const status = async () => {
    const api = host.getAttribute('api') ?? config?.getAttribute('api');
    if (!api || host.hasAttribute('status')) return;
    try {
      const base = new URL(api, document.baseURI).href.replace(/\/?(v1\/?)?$/, '');
      const body = (await (await fetch(`${base}/v1/chat/availability`, { credentials: 'omit' })).json()) as {
        enabled?: unknown;
        live?: unknown;
        text?: Record<string, unknown>;
      };
      const text = body.text?.[parts.locale()];
      if (typeof text !== 'string' || text.length > 160) return;
      if (body.enabled === false) host.hidden = true;
      parts.auto({ text, live: body.live === true });
    } catch {
      // Unknown availability: the name is just "Chat met de gemeente".
    }
  };

  // The launcher's or the config's locale changed: the texts, and the availability, in that language.
  const observer = new MutationObserver(() => {
    parts.render();
    if (parts.locale() === locale) return;
    locale = parts.locale();
    parts.auto(undefined);
    void status();
  });
  const watch = { attributes: true, attributeFilter: ['locale'] };
  observer.observe(host, watch);
  if (config) observer.observe(config, watch);

  /** WCAG 2.4.11: when the page's focused element is behind the launcher, move the launcher aside. */
  const aside = (event: FocusEvent) => {
    const path = event.composedPath();
    const target = path[0];
    host.removeAttribute('data-aside');
    if (!(target instanceof Element) || path.includes(host)) return;
    for (const way of ['flip', 'hide']) if (overlap(button, target)) host.setAttribute('data-aside', way);
  };
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(settledCss);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  document.addEventListener('focusin', aside);

  // The settled state, in the locale now in force (it may have changed before this module was there).
  parts.render();
  const ready = status();
  // A chat running in this tab (started on an earlier page) comes back; reading is not storing.
  let stored: Stored = null;
  try {
    stored = JSON.parse(storedText ?? 'null') as Stored;
  } catch {
    // corrupt: nothing to restore
  }
  if (typeof stored?.sessionId === 'string') {
    const open = stored.open === true;
    parts.unread(stored.unread as number);
    void parts.use((c) => c.restore(open));
  }
  return {
    ready,
    stop: () => {
      observer.disconnect();
      document.removeEventListener('focusin', aside);
    },
  };
}
