/**
 * What the launcher does once the page is idle (loaded then, with import(), so it does not weigh
 * on the first state): the availability text from the gateway, the enclosing config's `locale`
 * changing at runtime, and a chat of this tab (started on an earlier page) coming back.
 */
import type { LauncherParts } from './controller.ts';
import type { Stored } from './dichtbij-chat-launcher.ts';

export interface Settled {
  /** The first availability answer is in (or failed). */
  ready: Promise<void>;
  /** Asks the gateway for the availability again (the locale changed). */
  status(): Promise<void>;
  stop(): void;
}

export function settle(host: HTMLElement, parts: LauncherParts, stored: Stored): Settled {
  const config = host.closest('dichtbij-config');
  const observer = new MutationObserver(() => parts.render());
  if (config) observer.observe(config, { attributes: true, attributeFilter: ['locale'] });

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

  // A locale changed before this module was there: the texts in that language.
  parts.render();
  const ready = status();
  // A chat running in this tab (started on an earlier page) comes back; reading is not storing.
  if (stored) void parts.use((c) => c.restore(stored.open === true));
  return { ready, status, stop: () => observer.disconnect() };
}
