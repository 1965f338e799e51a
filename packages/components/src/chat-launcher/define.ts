import { DichtbijChatLauncher } from './dichtbij-chat-launcher.ts';
import { defineElement } from '../shared/define.ts';

defineElement('dichtbij-chat-launcher', DichtbijChatLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'dichtbij-chat-launcher': DichtbijChatLauncher;
  }
}

export { DichtbijChatLauncher };
// The detail types, and with them the typed `dichtbij-*` events on every element and document.
export type { DichtbijEventMap, SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from '../shared/events.ts';
