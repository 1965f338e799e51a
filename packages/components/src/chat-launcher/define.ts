import { DichtbijChatLauncher } from './dichtbij-chat-launcher.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-chat-launcher', DichtbijChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-chat-launcher': DichtbijChatLauncher;
  }
}

export { DichtbijChatLauncher };
