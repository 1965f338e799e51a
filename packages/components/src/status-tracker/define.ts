import { DichtbijStatusTracker } from './dichtbij-status-tracker.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-status-tracker', DichtbijStatusTracker);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-status-tracker': DichtbijStatusTracker;
  }
}

export { DichtbijStatusTracker };
// The detail types, and with them the typed `dichtbij-*` events on every element and document.
export type { DichtbijEventMap, SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from '../shared/events.ts';
