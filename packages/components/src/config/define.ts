import { DichtbijConfig } from './dichtbij-config.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-config', DichtbijConfig);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-config': DichtbijConfig;
  }
}

export { DichtbijConfig };
