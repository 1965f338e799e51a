import type { ChatAdapter, ChatHandlers, DichtbijAdapter } from '../adapter.ts';
import { parseInput, parseResponse } from '../adapter.ts';
import { expectedCallback, newReference } from '../callback.ts';
import { chatAvailability } from '../chat-availability.ts';
import { handoffNote } from '../chat-text.ts';
import { DichtbijError } from '../errors.ts';
import { demoCases, demoConfig } from '../demo-data.ts';
import {
  CallbackRequestInputSchema,
  CaseStatusSchema,
  ChatMessageInputSchema,
  FeedbackInputSchema,
  GemeenteConfigSchema,
  type CallbackReceipt,
  type CallbackRequestInput,
  type CaseStatus,
  type ChatMessage,
  type ChatSession,
  type FeedbackInput,
  type FeedbackReceipt,
  type GemeenteConfig,
} from '../schemas.ts';

export type MemoryOperation = 'getConfig' | 'submitFeedback' | 'requestCallback' | 'getCase' | 'listCases' | 'chat';

export interface BotAnswer {
  text: string;
  links?: { title: string; url: string }[];
  quickReplies?: string[];
  /** The language of the text when it is not the chat's (a Dutch answer in an English chat). */
  lang?: 'nl' | 'en';
}

export interface MemorySeed {
  config?: GemeenteConfig;
  /** Cases by reference; `check` is the second factor (postcode) an anonymous lookup needs. */
  cases?: { status: CaseStatus; check?: string }[];
  /** "Mijn zaken" for a logged-in resident. */
  myCases?: CaseStatus[];
  /** Milliseconds every call waits (to show loading states). */
  latency?: number;
  /** Make an operation fail: return an error to throw, or undefined to go on. */
  fail?: (operation: MemoryOperation, attempt: number) => DichtbijError | undefined;
  /** The bot: answers a resident's chat message, or undefined when not confident. */
  bot?: (text: string) => BotAnswer | undefined;
  /** The clock (for stories and tests). */
  now?: () => Date;
  /** Staff present now (for stories and tests; default the config's `chat.agentsOnline`). */
  agentsOnline?: () => number;
}

export interface MemoryAdapter extends DichtbijAdapter {
  /** What reached this "backend", once per idempotency key. */
  readonly received: {
    feedback: { key: string; input: FeedbackInput }[];
    callbacks: { key: string; input: CallbackRequestInput; receipt: CallbackReceipt }[];
  };
  /** Calls per operation, including failed ones. */
  readonly calls: Record<MemoryOperation, number>;
  /** For tests and stories: an agent says something in a chat. */
  agentSays(sessionId: string, text: string, agentName?: string): void;
  setOffline(offline: boolean): void;
}

/** An in-memory backend for Storybook, docs and tests. Everything it returns passes the schemas. */
export function memoryAdapter(seed: MemorySeed = {}): MemoryAdapter {
  const config = parseResponse(GemeenteConfigSchema, seed.config ?? demoConfig, 'configuration');
  const cases = new Map((seed.cases ?? demoCases).map((c) => [c.status.reference.toUpperCase(), c]));
  const now = seed.now ?? (() => new Date());
  const calls: Record<MemoryOperation, number> = {
    getConfig: 0,
    submitFeedback: 0,
    requestCallback: 0,
    getCase: 0,
    listCases: 0,
    chat: 0,
  };
  const received: MemoryAdapter['received'] = { feedback: [], callbacks: [] };
  const byKey = new Map<string, unknown>();
  let offline = false;

  async function step(operation: MemoryOperation, signal?: AbortSignal) {
    calls[operation]++;
    if (seed.latency) await new Promise((r) => setTimeout(r, seed.latency));
    if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
    if (offline) throw new DichtbijError('network', 'Offline (memory adapter)');
    const error = seed.fail?.(operation, calls[operation]);
    if (error) throw error;
  }

  // --- chat
  // A listener is one live stream. While the adapter is offline the streams are "dropped":
  // nothing is delivered, and when it is back each stream resumes after the last message it
  // delivered (as the gateway's SSE resume does), so a test sees reconnects without loss.
  type Listener = { handlers: ChatHandlers; seen: number };
  type Session = { session: ChatSession; messages: ChatMessage[]; listeners: Set<Listener> };
  const sessions = new Map<string, Session>();
  /** Scores after a chat (one per chat). */
  const chatScores = new Map<string, number>();
  let ids = 0;
  const deliver = (l: Listener, message: ChatMessage) => {
    if (offline || message.seq <= l.seen) return;
    l.seen = message.seq;
    l.handlers.onMessage(message);
  };
  const push = (s: Session, message: Omit<ChatMessage, 'id' | 'seq' | 'at'>) => {
    const full: ChatMessage = { ...message, id: `m${++ids}`, seq: s.messages.length, at: now().toISOString() };
    s.messages.push(full);
    for (const l of s.listeners) deliver(l, full);
    return full;
  };
  const setState = (s: Session, patch: Partial<ChatSession>) => {
    s.session = { ...s.session, ...patch };
    if (!offline) for (const l of s.listeners) l.handlers.onSession?.(s.session);
    return s.session;
  };
  const connectivity = (isOffline: boolean) => {
    for (const s of sessions.values()) {
      for (const l of s.listeners) {
        if (isOffline) {
          l.handlers.onConnection?.('reconnecting');
          continue;
        }
        l.handlers.onConnection?.('open');
        for (const m of s.messages) deliver(l, m);
        l.handlers.onSession?.(s.session);
      }
    }
  };
  /** Whether a person can take the chat now (live hours and staff present), as the gateway decides. */
  const agents = () => seed.agentsOnline?.() ?? config.chat.agentsOnline ?? 0;
  const liveNow = () => chatAvailability(config, now(), 'nl', agents()).live;
  const session = (id: string) => {
    const s = sessions.get(id);
    if (!s) throw new DichtbijError('not_found', 'This chat does not exist (any more)', { status: 404 });
    return s;
  };
  const chat: ChatAdapter = {
    async start(input) {
      await step('chat');
      const id = `chat-${++ids}`;
      const s: Session = { session: { id, state: 'bot' }, messages: [], listeners: new Set() };
      sessions.set(id, s);
      // A warm hand-off into the chat comes first, as the gateway does it.
      const note = handoffNote(input.context, input.locale);
      if (note) push(s, { from: 'system', text: note });
      push(s, {
        from: 'bot',
        text:
          input.locale === 'en'
            ? 'Hello! I am the digital assistant of the municipality. What is your question?'
            : 'Hallo! Ik ben de digitale assistent van de gemeente. Wat is uw vraag?',
      });
      return s.session;
    },
    async get(id) {
      await step('chat');
      return session(id).session;
    },
    async send(id, input) {
      await step('chat');
      const s = session(id);
      const parsed = parseInput(ChatMessageInputSchema, input, 'chat message');
      const existing = s.messages.find((m) => m.clientId === parsed.clientId);
      if (existing) return existing;
      const mine = push(s, { from: 'resident', text: parsed.text, clientId: parsed.clientId });
      if (s.session.state === 'bot') {
        const answer = seed.bot?.(parsed.text);
        setTimeout(() => {
          if (answer) push(s, { from: 'bot', ...answer });
          else
            push(s, {
              from: 'bot',
              text: 'Daar weet ik geen goed antwoord op. Wilt u met een medewerker praten?',
              quickReplies: ['Praat met een medewerker'],
            });
        }, 0);
      }
      return mine;
    },
    async requestAgent(id) {
      await step('chat');
      const s = session(id);
      if (s.session.state !== 'bot') return s.session;
      // Outside live hours or with nobody present the chat waits for the KCC (no place in a queue).
      return setState(s, { state: 'queued', position: liveNow() ? 1 : null });
    },
    async end(id) {
      await step('chat');
      return setState(session(id), { state: 'ended' });
    },
    async score(id, score) {
      await step('chat');
      if (session(id).session.state !== 'ended') throw new DichtbijError('not_found', 'This chat has not ended');
      if (!Number.isInteger(score) || score < 1 || score > 10) throw new DichtbijError('validation', 'A score 1–10');
      if (!chatScores.has(id)) chatScores.set(id, score);
    },
    async availability() {
      // Not counted in `calls.chat` (the panel polls it); offline like the rest.
      if (offline) throw new DichtbijError('network', 'Offline (memory adapter)');
      const a = chatAvailability(config, now(), 'nl', agents());
      return { enabled: a.enabled, live: a.live, agentsOnline: a.agentsOnline, nextLive: a.nextLive ?? null };
    },
    subscribe(id, handlers, options) {
      const s = sessions.get(id);
      if (!s) {
        handlers.onError?.(new DichtbijError('not_found', 'This chat does not exist (any more)', { status: 404 }));
        return { close() {} };
      }
      const listener: Listener = { handlers, seen: options?.lastSeq ?? -1 };
      s.listeners.add(listener);
      handlers.onConnection?.(offline ? 'reconnecting' : 'open');
      if (!offline) {
        for (const m of s.messages) deliver(listener, m);
        handlers.onSession?.(s.session);
      }
      return {
        close() {
          s.listeners.delete(listener);
          handlers.onConnection?.('closed');
        },
      };
    },
  };

  return {
    id: 'memory',
    received,
    calls,
    setOffline: (value) => {
      if (offline === value) return;
      offline = value;
      connectivity(value);
    },
    agentSays(id, text, agentName = 'Medewerker') {
      const s = session(id);
      if (s.session.state !== 'live') {
        setState(s, { state: 'live', position: null, agentName });
        push(s, { from: 'system', text: `${agentName} neemt het gesprek over.` });
      }
      push(s, { from: 'agent', text, agentName });
    },
    async getConfig(o) {
      await step('getConfig', o?.signal);
      return structuredClone(config);
    },
    async submitFeedback(input, o) {
      await step('submitFeedback', o.signal);
      const existing = byKey.get(o.idempotencyKey);
      if (existing) return existing as FeedbackReceipt;
      const parsed = parseInput(FeedbackInputSchema, input, 'feedback');
      received.feedback.push({ key: o.idempotencyKey, input: parsed });
      const receipt: FeedbackReceipt = { id: `fb-${received.feedback.length}`, receivedAt: now().toISOString() };
      byKey.set(o.idempotencyKey, receipt);
      return receipt;
    },
    async requestCallback(input, o) {
      await step('requestCallback', o.signal);
      const existing = byKey.get(o.idempotencyKey);
      if (existing) return existing as CallbackReceipt;
      const parsed = parseInput(CallbackRequestInputSchema, input, 'callback request');
      const receipt: CallbackReceipt = {
        id: `cb-${received.callbacks.length + 1}`,
        reference: newReference('TB'),
        expected: expectedCallback(config, parsed.preferred, now()),
        receivedAt: now().toISOString(),
      };
      received.callbacks.push({ key: o.idempotencyKey, input: parsed, receipt });
      byKey.set(o.idempotencyKey, receipt);
      return receipt;
    },
    async getCase(reference, o) {
      await step('getCase', o?.signal);
      const found = cases.get(reference.trim().toUpperCase());
      const norm = (v?: string) => (v ?? '').replace(/\s+/g, '').toUpperCase();
      // Unknown reference and wrong check look the same: no oracle.
      if (!found || (found.check !== undefined && norm(found.check) !== norm(o?.check))) {
        throw new DichtbijError('not_found', 'No case with this reference and check', { status: 404 });
      }
      return parseResponse(CaseStatusSchema, structuredClone(found.status), 'case');
    },
    async listCases(o) {
      await step('listCases', o?.signal);
      return structuredClone(seed.myCases ?? []);
    },
    chat,
  };
}
