import { DichtbijFeedback } from './dichtbij-feedback.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-feedback', DichtbijFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-feedback': DichtbijFeedback;
  }
}

export { DichtbijFeedback };
// The detail types, and with them the typed `dichtbij-*` events on every element and document.
export type { DichtbijEventMap, SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from '../shared/events.ts';
