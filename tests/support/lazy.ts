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

interface LayoutShift {
  value: number;
  hadRecentInput: boolean;
  sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
}
/** A layout shift and what moved (for the failure message). */
export interface Shift {
  value: number;
  hadRecentInput: boolean;
  sources: string[];
}
const rectText = (r: DOMRectReadOnly) => `${r.x},${r.y} ${r.width}×${r.height}`;
const describe = (node: Node | null): string => {
  if (!(node instanceof Element)) return node?.nodeName ?? '?';
  const root = node.getRootNode();
  const inside = root instanceof ShadowRoot ? ` in ${root.host.localName}` : '';
  return `${node.localName}${node.id ? `#${node.id}` : ''}${inside}`;
};

/** Every layout shift of the page from now on (including those right after an input, which CLS leaves out). */
export function watchLayoutShifts(): { shifts: Shift[]; stop(): void } {
  const shifts: Shift[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as unknown as LayoutShift[])
      shifts.push({
        value: e.value,
        hadRecentInput: e.hadRecentInput,
        sources: e.sources.map((s) => `${describe(s.node)} ${rectText(s.previousRect)} → ${rectText(s.currentRect)}`),
      });
  });
  observer.observe({ type: 'layout-shift' });
  return { shifts, stop: () => observer.disconnect() };
}

/** The rectangle of an element on the page (not the viewport: focus may scroll), to 1/100 px. */
export function rect(el: Element): string {
  const r = el.getBoundingClientRect();
  return [r.x + scrollX, r.y + scrollY, r.width, r.height].map((n) => n.toFixed(2)).join(' ');
}

/** Waits until `tag` is defined (its lazy code loaded) and `el` has rendered as the full element. */
export async function upgraded(el: HTMLElement, tag: string): Promise<void> {
  await customElements.whenDefined(tag);
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
}
