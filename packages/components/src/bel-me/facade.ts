/**
 * `<dichtbij-bel-me>` in the CDN files: the button without Lit; the element loads on intent or
 * near the viewport (see shared/facade.ts), and its form, as before, when it opens. Inline, or
 * without a client, the element loads at once. A hand-off to a callback loads it and is passed on.
 */
import { configured, el, facade } from '../shared/facade.ts';
import { resolveLocale } from '../shared/i18n.ts';
import css from './facade-css.ts';
import { strings } from './strings.ts';

facade({
  tag: 'dichtbij-bel-me',
  css,
  load: () => import('./dichtbij-bel-me.ts').then((m) => m.DichtbijBelMe),
  redispatch: (event) => (event.detail as { to?: unknown } | undefined)?.to === 'callback',
  render(host, root) {
    if (host.hasAttribute('inline') || !configured(host)) return false;
    const locale = resolveLocale(
      host.getAttribute('locale'),
      host.closest('dichtbij-config')?.getAttribute('locale'),
      host,
    );
    root.append(
      el(
        'button',
        { class: 'trigger button button--primary', part: 'button', type: 'button', 'aria-haspopup': 'dialog' },
        host.getAttribute('label') || strings[locale].button,
      ),
      el('dialog', { part: 'dialog', 'aria-labelledby': 'title' }),
    );
    return true;
  },
});
