import { DichtbijConfig } from './dichtbij-config.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-config', DichtbijConfig);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-config': DichtbijConfig;
  }
}

export { DichtbijConfig };
// The detail types, and with them the typed `dichtbij-*` events on every element and document.
export type { DichtbijEventMap, SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from '../shared/events.ts';
