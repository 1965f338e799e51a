import { DichtbijChatPanel } from './dichtbij-chat-panel.ts';
import { defineElement } from '../../shared/define.ts';

defineElement('dichtbij-chat-panel', DichtbijChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-chat-panel': DichtbijChatPanel;
  }
}

export { DichtbijChatPanel };
