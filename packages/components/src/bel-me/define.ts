import { DichtbijBelMe } from './dichtbij-bel-me.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-bel-me', DichtbijBelMe);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-bel-me': DichtbijBelMe;
  }
}

export { DichtbijBelMe };
