import type * as z from 'zod/mini';
import { DichtbijError } from './errors.ts';
import type {
  CallbackReceipt,
  CallbackRequestInput,
  CaseStatus,
  ChatMessage,
  ChatMessageInput,
  ChatSession,
  ChatStartInput,
  FeedbackInput,
  FeedbackReceipt,
  GemeenteConfig,
} from './schemas.ts';
import type { ChatAvailabilityReport } from './schemas/chat-availability.ts';

export interface RequestOptions {
  signal?: AbortSignal;
}
export interface SubmitOptions extends RequestOptions {
  /** Sent as `Idempotency-Key`: the backend stores a submission once per key. */
  idempotencyKey: string;
}
export interface CaseLookupOptions extends RequestOptions {
  /** The second factor from the resident's letter (e.g. postcode), for anonymous lookups. */
  check?: string;
}

export type ChatConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';
export interface ChatHandlers {
  onMessage(message: ChatMessage): void;
  onSession?(session: ChatSession): void;
  onConnection?(state: ChatConnectionState): void;
  onError?(error: DichtbijError): void;
}
export interface ChatSubscription {
  close(): void;
}

export interface ChatAdapter {
  start(input: ChatStartInput, options?: RequestOptions): Promise<ChatSession>;
  get(sessionId: string, options?: RequestOptions): Promise<ChatSession>;
  send(sessionId: string, input: ChatMessageInput, options?: RequestOptions): Promise<ChatMessage>;
  requestAgent(sessionId: string, options?: RequestOptions): Promise<ChatSession>;
  end(sessionId: string, options?: RequestOptions): Promise<ChatSession>;
  /** Live messages and session changes; resumes after `lastSeq` without loss or doubles. */
  subscribe(sessionId: string, handlers: ChatHandlers, options?: { lastSeq?: number }): ChatSubscription;
  /**
   * Whether a person can take over now, by the backend's clock and the staff present now
   * (optional: without it the chat panel works it out from the configuration).
   */
  availability?(options?: RequestOptions): Promise<ChatAvailabilityReport>;
  /**
   * The resident's 1–10 score for an ended chat (optional: the chat panel asks for it only when
   * the adapter has it). One score per chat: a second one resolves without changing the first.
   */
  score?(sessionId: string, score: number, options?: RequestOptions): Promise<void>;
}

/**
 * One small interface per backend: "any municipal backend" means "write one adapter".
 * Every method resolves with data parsed by the SDK's schemas, or rejects with a DichtbijError.
 */
export interface DichtbijAdapter {
  /** Identifies the backend (used to namespace the outbox), e.g. "gateway:https://…". */
  readonly id: string;
  /** Loads whatever the adapter needs to send (optional; e.g. a lazily loaded adapter's code). */
  prepare?(): Promise<void>;
  getConfig(options?: RequestOptions): Promise<GemeenteConfig>;
  submitFeedback(input: FeedbackInput, options: SubmitOptions): Promise<FeedbackReceipt>;
  requestCallback(input: CallbackRequestInput, options: SubmitOptions): Promise<CallbackReceipt>;
  getCase(reference: string, options?: CaseLookupOptions): Promise<CaseStatus>;
  listCases(options?: RequestOptions): Promise<CaseStatus[]>;
  chat: ChatAdapter;
}

const REQUIRED: (keyof DichtbijAdapter)[] = ['getConfig', 'submitFeedback', 'requestCallback', 'getCase', 'listCases'];
const REQUIRED_CHAT: (keyof ChatAdapter)[] = ['start', 'get', 'send', 'requestAgent', 'end', 'subscribe'];

/** Throws a clear error at the call when an object does not implement the adapter interface. */
export function assertAdapter(adapter: unknown): asserts adapter is DichtbijAdapter {
  if (!adapter || typeof adapter !== 'object') {
    throw new TypeError(
      'createClient: "adapter" is required (gatewayAdapter(), commonGroundAdapter() or memoryAdapter())',
    );
  }
  const a = adapter as Record<string, unknown>;
  const missing = REQUIRED.filter((m) => typeof a[m] !== 'function').map(String);
  const chat = a.chat as Record<string, unknown> | undefined;
  if (!chat || typeof chat !== 'object') missing.push('chat');
  else missing.push(...REQUIRED_CHAT.filter((m) => typeof chat[m] !== 'function').map((m) => `chat.${String(m)}`));
  if (missing.length) throw new TypeError(`createClient: the adapter is missing ${missing.join(', ')}`);
  if (typeof a.id !== 'string') throw new TypeError('createClient: the adapter is missing its "id" string');
}

/**
 * Parses a backend answer at the adapter boundary. Malformed or hostile data becomes a
 * `bad_response` DichtbijError naming the first problems, never a half-rendered widget.
 */
export function parseResponse<T extends z.ZodMiniType>(schema: T, data: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = result.error.issues
    .slice(0, 5)
    .map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
  throw new DichtbijError(
    'bad_response',
    `The backend sent an unexpected ${what}: ${fields.map((f) => f.field).join(', ')}`,
    {
      fields,
    },
  );
}

/** Validates what a caller wants to send, before anything goes over the network. */
export function parseInput<T extends z.ZodMiniType>(schema: T, data: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
  throw new DichtbijError(
    'validation',
    `Invalid ${what}: ${fields.map((f) => `${f.field} (${f.message})`).join(', ')}`,
    {
      fields,
    },
  );
}
