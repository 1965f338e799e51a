/**
 * `<dichtbij-status-tracker>` in the CDN files: the lookup form without Lit; the element (Lit,
 * the client, the case rendering) loads on intent or near the viewport (see shared/facade.ts).
 * What a resident types meanwhile is kept, and a submit is replayed. With `reference` or `mine`
 * (a lookup at once), or without a client, the element loads at once.
 */
import { configured, el, facade, level } from '../shared/facade.ts';
import { resolveLocale } from '../shared/i18n.ts';
import css from './facade-css.ts';
import { strings } from './strings.ts';

const field = (id: string, name: string, label: string, hint: string, attrs: Record<string, string>) =>
  el(
    'div',
    { class: 'field' },
    el('label', { class: 'label', for: id }, label),
    el('p', { class: 'description', id: `${id}-hint` }, hint),
    el('input', {
      class: 'input',
      id,
      name,
      type: 'text',
      autocapitalize: 'characters',
      spellcheck: 'false',
      ...attrs,
      'aria-describedby': `${id}-hint`,
      'aria-invalid': 'false',
    }),
  );

facade({
  tag: 'dichtbij-status-tracker',
  css,
  load: () => import('./dichtbij-status-tracker.ts').then((m) => m.DichtbijStatusTracker),
  render(host, root) {
    if (host.hasAttribute('mine') || host.getAttribute('reference')?.trim() || !configured(host)) return false;
    const locale = resolveLocale(
      host.getAttribute('locale'),
      host.closest('dichtbij-config')?.getAttribute('locale'),
      host,
    );
    const t = strings[locale];
    root.append(
      el(`h${level(host)}`, { class: 'heading', part: 'heading' }, t.heading),
      el('p', {}, t.intro),
      el(
        'form',
        { class: 'form', part: 'form', novalidate: '' },
        field('reference', 'reference', t.referenceLabel, t.referenceHint, { autocomplete: 'off', maxlength: '64' }),
        field('check', 'postcode', t.checkLabel, t.checkHint, { autocomplete: 'postal-code', maxlength: '10' }),
        el('button', { class: 'button button--primary', type: 'submit' }, t.lookup),
      ),
      el('div', { class: 'visually-hidden', role: 'status' }),
    );
    return true;
  },
});
