/**
 * Server-side HTML with one escape helper. Every interpolated value goes through `escapeHtml`
 * unless it is itself built with `html` (a SafeHtml); there is no other way to put text in a page.
 */
import { ROLE_LABELS, type StaffIdentity } from './staff.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** The one escape helper: text → HTML text or quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => ENTITIES[ch]!);
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** Tagged template: literal parts are trusted, every value is escaped (SafeHtml values nest). */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Only http(s) URLs become links; anything else is shown as text. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export interface NavItem {
  href: string;
  label: string;
}

export const KCC_NAV: NavItem[] = [
  { href: '/kcc/callbacks', label: 'Terugbelverzoeken' },
  { href: '/kcc/feedback', label: 'Feedback' },
  { href: '/kcc/dashboard', label: 'Servicenormen' },
  { href: '/kcc/chat', label: 'Live chat' },
];

/** Only for a teamleider. */
export const AUDIT_NAV: NavItem = { href: '/kcc/audit', label: 'Verwerkingsregister' };

export interface PageOptions {
  title: string;
  /** The nav item to mark as current (its href). */
  active?: string;
  /** The gemeente's name, shown in the header. */
  gemeente?: string;
  /** When logged in: the CSRF token for the logout form. */
  csrf?: string;
  /** When logged in: who (shown next to the logout button; a teamleider also gets the audit log). */
  staff?: StaffIdentity;
  body: SafeHtml;
}

/** A full console page: skip link, header with nav and logout, main. External CSS only. */
export function renderPage(options: PageOptions): string {
  const nav = options.csrf
    ? html`<nav aria-label="Hoofdmenu">
        <ul>
          ${[...KCC_NAV, ...(options.staff?.role === 'teamleider' ? [AUDIT_NAV] : [])].map(
            (item) =>
              html`<li>
                <a href="${item.href}" ${options.active === item.href ? html`aria-current="page"` : ''}
                  >${item.label}</a
                >
              </li>`,
          )}
        </ul>
        ${
          options.staff
            ? html`<p class="who">
                <span class="who-name">${options.staff.name}</span>
                <span class="who-role">(${ROLE_LABELS[options.staff.role]})</span>
              </p>`
            : ''
        }
        <form method="post" action="/kcc/logout" class="logout">
          <input type="hidden" name="csrf" value="${options.csrf}" />
          <button type="submit">Uitloggen</button>
        </form>
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${options.title} — KCC ${options.gemeente ?? ''}</title>
        <link rel="stylesheet" href="/kcc/assets/kcc.css" />
      </head>
      <body>
        <a class="skip" href="#main">Naar de inhoud</a>
        <header class="top">
          <p class="brand">KCC-console <span>${options.gemeente ?? ''}</span></p>
          ${nav}
        </header>
        <main id="main" tabindex="-1">${options.body}</main>
      </body>
    </html>`.value;
}
