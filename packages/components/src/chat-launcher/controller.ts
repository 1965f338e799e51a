/**
 * What the launcher does once the resident interacts: creates `<dichtbij-chat-panel>` in the
 * launcher's shadow root, passes on its attributes and client, opens and closes it with focus
 * moving in and back, relays the panel's unread count and availability to the button, passes on
 * a warm hand-off into the chat, and exports the panel's CSS parts to the page.
 * Loaded with the panel (dynamic import), so none of this weighs on the first page load.
 */
import type { DichtbijClient } from '@dichtbij/sdk/client';
import type { Locale } from '@dichtbij/sdk/schemas/common';
import { defineElement } from '../shared/define.ts';
import { emit } from '../shared/events.ts';
import { configFirst } from '../shared/facade.ts';
import { DichtbijChatPanel } from './panel/dichtbij-chat-panel.ts';
import type { DichtbijChatLauncher } from './dichtbij-chat-launcher.ts';

/** The launcher's pieces the controller works with. */
export interface LauncherParts {
  root: ShadowRoot;
  button: HTMLButtonElement;
  unread(count: number): void;
  /** The availability from the gateway (undefined: unknown again, e.g. in another language). */
  auto(availability: { text: string; live: boolean } | undefined): void;
  /** The texts again, in the locale now in force (it may have changed). */
  render(): void;
  locale(): Locale;
  /** Loads the controller (once) and runs `fn` with it. */
  use(fn: (c: Controller) => void | Promise<void>): Promise<void>;
  /** Set by the settled state (./idle.ts): paints the availability, the unread count, the dot and the badge. */
  paint?: (locale: Locale, auto: { text: string; live: boolean } | undefined, unread: number) => void;
}

export interface Controller {
  readonly isOpen: boolean;
  /** A click on the button (a provider's controller returns the loading of its script). */
  toggle(): void | Promise<void>;
  open(focus: boolean): Promise<void>;
  close(): void;
  /** A chat from an earlier page: open again (without taking focus) or just resume in the background. */
  restore(open: boolean): void;
  /** Attributes, client or clock of the launcher changed. */
  sync(): void;
  /** A `dichtbij-handoff` to the chat: the panel takes its context, then opens with focus. */
  handoff(detail: unknown): Promise<void>;
}

/** Attributes the panel takes over from the launcher. */
const FORWARD = ['api', 'locale', 'theme', 'topic', 'agent-timeout', 'position'];

/** The panel's CSS parts, reachable from the page as `dichtbij-chat-launcher::part(panel-…)`. */
export const PANEL_PARTS = 'dialog: panel-dialog, log: panel-log, input: panel-input';

// Defined here, not through ./panel/define.ts: a bare side-effect import could be dropped by a
// bundler that trusts the package's `sideEffects` list.
defineElement('dichtbij-chat-panel', DichtbijChatPanel);

export function control(host: DichtbijChatLauncher, parts: LauncherParts): Controller {
  const { root, button } = parts;
  const panel = document.createElement('dichtbij-chat-panel');
  panel.id = 'panel';
  panel.setAttribute('exportparts', PANEL_PARTS);
  let open = false;

  const sync = () => {
    for (const name of FORWARD) {
      const value = host.getAttribute(name);
      if (value === null) panel.removeAttribute(name);
      else panel.setAttribute(name, value);
    }
    if (host.client) panel.client = host.client as DichtbijClient;
    if (host.clock) panel.clock = host.clock;
  };
  const set = (value: boolean) => {
    open = value;
    panel.open = value;
    button.setAttribute('aria-expanded', String(value));
    host.toggleAttribute('open', value);
  };

  const ctl: Controller = {
    get isOpen() {
      return open;
    },
    toggle() {
      if (open) ctl.close();
      else void ctl.open(true);
    },
    async open(focus) {
      if (open) return;
      // In the CDN files the config around the launcher loads only when an element inside needs
      // it; a panel opened before would have no client (a "no client" error, focus on its heading).
      const config = configFirst([host]);
      if (config) {
        await config;
        if (open) return; // opened meanwhile (a second trigger)
      }
      set(true);
      if (focus) panel.focusStart();
      emit(host, 'dichtbij-open', undefined);
    },
    close() {
      if (!open) return;
      // Focus goes back to the launcher when it was in the panel (or nowhere); never stolen from the page.
      const active = document.activeElement;
      const back =
        panel.matches(':focus-within') || root.activeElement === button || !active || active === document.body;
      set(false);
      if (back) button.focus();
      emit(host, 'dichtbij-close', undefined);
    },
    restore(reopen) {
      if (reopen) void ctl.open(false);
    },
    async handoff(detail) {
      panel.takeHandoff(detail);
      if (open) panel.focusStart();
      else await ctl.open(true);
    },
    sync,
  };

  sync();
  new MutationObserver(sync).observe(host, { attributes: true, attributeFilter: FORWARD });
  panel.open = false;
  root.prepend(panel);
  button.setAttribute('aria-controls', 'panel');
  root.addEventListener('dichtbij-chat-close-request', (event) => {
    event.preventDefault();
    ctl.close();
  });
  root.addEventListener('dichtbij-unread', (event) =>
    parts.unread((event as CustomEvent<{ count: number }>).detail.count),
  );
  root.addEventListener('dichtbij-chat-availability', (event) =>
    parts.auto((event as CustomEvent<{ text: string; live: boolean }>).detail),
  );
  // WCAG 2.4.11: the open (non-modal) panel never hides what has focus on the page: it moves
  // to the other side, else steps out of the way until focus comes back to the chat.
  document.addEventListener('focusin', (event) => {
    panel.removeAttribute('data-aside');
    const path = event.composedPath();
    const target = path[0];
    if (!open || !(target instanceof Element) || path.includes(host)) return;
    const covered = () => {
      const a = panel.getBoundingClientRect();
      const b = target.getBoundingClientRect();
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    };
    for (const way of ['flip', 'hide']) if (covered()) panel.setAttribute('data-aside', way);
  });
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) ctl.close();
  });
  return ctl;
}
