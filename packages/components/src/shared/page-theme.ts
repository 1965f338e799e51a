/**
 * Whether the page already wears theme `name` around `host`: a theme's CSS from @dichtbij/themes
 * (`.dichtbij-theme--{name}` or `:root`) sets `--dichtbij-theme: {name}`, which inherits. Then an
 * element with `theme="{name}"` needs no tokens of its own: nothing to load, no request before the
 * page's first paint, and the page's own `--dichtbij-*` values set between it and the element win.
 * Read on the parent (the flat tree's), so the element's own adopted theme does not count.
 */
export function pageWearsTheme(host: Element, name: string): boolean {
  const parent = host.assignedSlot ?? host.parentElement ?? (host.parentNode as ShadowRoot | null)?.host;
  if (!parent || typeof getComputedStyle !== 'function') return false;
  return getComputedStyle(parent).getPropertyValue('--dichtbij-theme').trim() === name;
}
