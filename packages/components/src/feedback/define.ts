import { DichtbijFeedback } from './dichtbij-feedback.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-feedback', DichtbijFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-feedback': DichtbijFeedback;
  }
}

export { DichtbijFeedback };
