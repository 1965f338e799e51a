// Helpers for the lazy-* browser tests: the built CDN files (packages/components/dist/cdn, the
// published shape) on a page whose lazily loaded chunks come over a slow network.
import { executeServerCommand } from '@web/test-runner-commands';

/** Every chunk of dist/cdn answers `ms` late from now on (the static ones too, in parallel). */
export async function slowChunks(ms: number): Promise<void> {
  await executeServerCommand('dichtbij-slow-modules', { ms });
}

/** Loads a built CDN entry (e.g. 'feedback.js') as a page's script tag would. */
export async function loadCdn(entry: string): Promise<void> {
  const url = `/packages/components/dist/cdn/${entry}`;
  await import(/* @vite-ignore */ url);
}

/** Every layout shift of the page from now on (including those right after an input). */
export function watchLayoutShifts(): { shifts: { value: number; hadRecentInput: boolean }[]; stop(): void } {
  const shifts: { value: number; hadRecentInput: boolean }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
      shifts.push({ value: e.value, hadRecentInput: e.hadRecentInput });
  });
  observer.observe({ type: 'layout-shift', buffered: true });
  return { shifts, stop: () => observer.disconnect() };
}

/** The page rectangle of an element, rounded to 1/100 px. */
export function rect(el: Element): string {
  const r = el.getBoundingClientRect();
  return [r.x, r.y, r.width, r.height].map((n) => n.toFixed(2)).join(' ');
}

/** Waits until `tag` is defined (its lazy code loaded) and `el` has rendered as the full element. */
export async function upgraded(el: HTMLElement, tag: string): Promise<void> {
  await customElements.whenDefined(tag);
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
}
