/**
 * `<dichtbij-config>` in the CDN files: its layout (a column with a gap) and theme at once,
 * without Lit; the element (Lit, the client it provides) loads with the first element inside
 * it that loads, or on intent inside it (see shared/facade.ts).
 */
import { el, facade } from '../shared/facade.ts';
import css from './facade-css.ts';

facade({
  tag: 'dichtbij-config',
  css,
  near: false,
  load: () => import('./dichtbij-config.ts').then((m) => m.DichtbijConfig),
  render(_host, root) {
    root.append(el('slot'));
    return true;
  },
});
