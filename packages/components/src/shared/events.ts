import type { DichtbijErrorCode } from '@dichtbij/sdk/errors';
import type { HandoffContext } from '@dichtbij/sdk/schemas/callback';

export interface SubmittedDetail {
  /** `sent`: the backend has it; `queued`: kept on this device and sent when back online. */
  result: 'sent' | 'queued';
  id: string;
  /** Backend reference the resident can quote (callback requests). */
  reference?: string;
}
export interface ErrorDetail {
  code: DichtbijErrorCode | 'config';
  message: string;
}
export interface UnreadDetail {
  count: number;
}
/** A warm hand-off: who started it and what the next channel should know. */
export interface HandoffDetail extends HandoffContext {
  /** Where to continue: a callback (bel-me) or a chat. */
  to: 'callback' | 'chat';
}

declare global {
  interface HTMLElementEventMap {
    'dichtbij-submitted': CustomEvent<SubmittedDetail>;
    'dichtbij-error': CustomEvent<ErrorDetail>;
    'dichtbij-open': CustomEvent<void>;
    'dichtbij-close': CustomEvent<void>;
    'dichtbij-handoff': CustomEvent<HandoffDetail>;
    'dichtbij-unread': CustomEvent<UnreadDetail>;
  }
  interface DocumentEventMap {
    'dichtbij-handoff': CustomEvent<HandoffDetail>;
  }
}

type EventDetails = {
  'dichtbij-submitted': SubmittedDetail;
  'dichtbij-error': ErrorDetail;
  'dichtbij-open': undefined;
  'dichtbij-close': undefined;
  'dichtbij-handoff': HandoffDetail;
  'dichtbij-unread': UnreadDetail;
};

/** Dispatches a domain event: bubbles and crosses shadow roots, so a page can listen anywhere. */
export function emit<K extends keyof EventDetails>(target: EventTarget, type: K, detail: EventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
}
