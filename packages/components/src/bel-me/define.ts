import { DichtbijBelMe } from './dichtbij-bel-me.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-bel-me', DichtbijBelMe);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-bel-me': DichtbijBelMe;
  }
}

export { DichtbijBelMe };
// The detail types, and with them the typed `dichtbij-*` events on every element and document.
export type { DichtbijEventMap, SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from '../shared/events.ts';
