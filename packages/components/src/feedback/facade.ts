/**
 * `<dichtbij-feedback>` in the CDN files: the question and its two buttons without Lit; the
 * element (Lit, the client, the form) loads on intent or near the viewport (see shared/facade.ts).
 * The score variant, an element without a client and an answered page load the element at once.
 */
import { configured, el, facade, level } from '../shared/facade.ts';
import { resolveLocale } from '../shared/i18n.ts';
import css from './facade-css.ts';
import { strings } from './strings.ts';

function answered(): boolean {
  try {
    for (let i = 0; i < sessionStorage.length; i++)
      if (sessionStorage.key(i)?.startsWith('dichtbij-feedback:')) return true;
  } catch {
    // storage blocked: nothing was kept
  }
  return false;
}

facade({
  tag: 'dichtbij-feedback',
  css,
  load: () => import('./dichtbij-feedback.ts').then((m) => m.DichtbijFeedback),
  render(host, root) {
    if (host.getAttribute('variant') === 'score' || !configured(host) || answered()) return false;
    const locale = resolveLocale(
      host.getAttribute('locale'),
      host.closest('dichtbij-config')?.getAttribute('locale'),
      host,
    );
    const s = strings[locale];
    const button = (text: string, extra: Record<string, string> = {}) =>
      el(
        'button',
        { type: 'button', class: 'button button--secondary', part: 'option', ...extra, 'aria-disabled': 'false' },
        text,
      );
    root.append(
      el(
        'div',
        { class: 'base', part: 'base', lang: locale },
        el(`h${level(host)}`, { id: 'question', class: 'heading ', part: 'heading' }, s.pageQuestion),
        el(
          'div',
          { class: 'actions', role: 'group', 'aria-labelledby': 'question' },
          button(s.yes),
          button(s.no, { 'aria-expanded': 'false' }),
        ),
        el('div', { role: 'status', part: 'status' }),
        el('div', { class: 'visually-hidden', 'aria-live': 'polite' }),
      ),
    );
    return true;
  },
});
