import { DichtbijStatusTracker } from './dichtbij-status-tracker.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-status-tracker', DichtbijStatusTracker);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-status-tracker': DichtbijStatusTracker;
  }
}

export { DichtbijStatusTracker };
