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
  /** What the resident asked, for the callback form's "Uw vraag" (the chat sends it). */
  question?: string;
}

type EventDetails = {
  'dichtbij-submitted': SubmittedDetail;
  'dichtbij-error': ErrorDetail;
  'dichtbij-open': undefined;
  'dichtbij-close': undefined;
  'dichtbij-handoff': HandoffDetail;
  'dichtbij-unread': UnreadDetail;
};

/** Every Dichtbij event, typed: they bubble and are composed, so they reach `document` too. */
export type DichtbijEventMap = { [K in keyof EventDetails]: CustomEvent<EventDetails[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends DichtbijEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends DichtbijEventMap {}
}

/** Dispatches a domain event: bubbles and crosses shadow roots, so a page can listen anywhere. */
export function emit<K extends keyof EventDetails>(target: EventTarget, type: K, detail: EventDetails[K]): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
}
