/**
 * A third-party chat platform behind the same launcher: its script is loaded on the first
 * click only (never before), optionally with Subresource Integrity, and then its own open
 * function is called, e.g. `provider-open="GemChat.open"`. Loaded on demand by the launcher.
 * The gemeente's Content-Security-Policy must allow the script's origin: see "Content-Security-Policy"
 * in ./README.md (this folder) for the directives a provider needs.
 */
import { emit } from '../shared/events.ts';
import type { Controller } from './controller.ts';

const scripts = new Map<string, Promise<void>>();

function load(src: string, integrity: string | null): Promise<void> {
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      if (integrity) {
        script.integrity = integrity;
        script.crossOrigin = 'anonymous';
      }
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`The chat provider script did not load: ${src}`));
      document.head.append(script);
    });
    scripts.set(src, loading);
    loading.catch(() => scripts.delete(src)); // the next click tries again
  }
  return loading;
}

/** Loads the provider's script (once) and opens its chat. */
async function openProvider(host: HTMLElement): Promise<void> {
  const src = new URL(host.getAttribute('provider') ?? '', document.baseURI).href;
  if (!/^https?:/.test(src)) throw new Error('provider must be an http(s) URL');
  await load(src, host.getAttribute('provider-integrity'));
  // A function path on window, called with its owner as `this`.
  let owner: unknown;
  let fn: unknown = globalThis;
  for (const key of (host.getAttribute('provider-open') ?? '').split('.').filter(Boolean)) {
    owner = fn;
    fn = fn && typeof fn === 'object' ? (fn as Record<string, unknown>)[key] : undefined;
  }
  if (typeof fn === 'function') (fn as () => void).call(owner);
  emit(host, 'dichtbij-open', undefined);
}

/**
 * The launcher's controller with `provider`: every way in (click, `open()`, a hand-off) loads the
 * provider's script and opens its chat; a script that does not load rejects, and the launcher
 * shows its error line. The provider keeps its own state: nothing to close, restore or pass on.
 */
export function control(host: HTMLElement): Controller {
  const go = () => openProvider(host);
  const none = () => undefined;
  return { isOpen: false, toggle: go, open: go, handoff: go, close: none, restore: none, sync: none };
}
