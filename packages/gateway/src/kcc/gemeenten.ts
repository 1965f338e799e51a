/**
 * The console with several gemeenten in one gateway: the header names the staff member's
 * gemeenten, and the lists have a filter per gemeente (links keep the page's own filters).
 */
import type { GemeenteScope } from '../store/store.ts';
import type { Tenants } from '../tenants.ts';
import { html, type SafeHtml } from './html.ts';

/** The gemeenten a staff member sees, in configuration order. */
export function visibleGemeenten(tenants: Tenants, scope: GemeenteScope): string[] {
  return tenants.ids.filter((id) => !scope || scope.includes(id));
}

/** The header text: the gemeente's name, or the names of the staff member's gemeenten. */
export function headerName(tenants: Tenants, scope: GemeenteScope): string {
  if (!tenants.multi) return tenants.default.config.name;
  const names = visibleGemeenten(tenants, scope).map((id) => tenants.name(id));
  return names.join(', ');
}

/**
 * Links "Alle gemeenten", "Gemeente Druten", … for a list at `url` (its other query parameters
 * kept, the page number dropped); nothing for a single gemeente or a staff member with one.
 */
export function gemeenteFilterView(
  tenants: Tenants,
  scope: GemeenteScope,
  picked: string | undefined,
  url: string,
): SafeHtml {
  const ids = visibleGemeenten(tenants, scope);
  if (!tenants.multi || ids.length < 2) return html``;
  const current = picked && ids.includes(picked) ? picked : undefined;
  const href = (id: string | undefined) => {
    const u = new URL(url);
    u.searchParams.delete('page');
    u.searchParams.delete('done');
    if (id) u.searchParams.set('gemeente', id);
    else u.searchParams.delete('gemeente');
    return `${u.pathname}${u.search}`;
  };
  const link = (id: string | undefined, label: string) =>
    html`<li>
      <a href="${href(id)}" ${current === id ? html`aria-current="true"` : html``}>${label}</a>
    </li>`;
  return html`<nav class="tabs" aria-label="Filter op gemeente">
    <ul>
      ${link(undefined, 'Alle gemeenten')}${ids.map((id) => link(id, tenants.name(id)))}
    </ul>
  </nav>`;
}
