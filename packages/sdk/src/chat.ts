/**
 * Chat logic that is not about the DOM, shared by `<dichtbij-chat-panel>` and the gateway:
 * merging a transcript without loss or doubles, the resume point of a stream, the
 * sessionStorage record that lets a chat survive navigation, safe links in message text, and
 * the context a warm hand-off into the chat carries.
 */
import type { ChatMessage, ChatSession, HandoffContext } from './schemas.ts';
import { normalizeText, truncateText } from './text.ts';

// This module is part of the chat panel's first load: it avoids zod, libphonenumber and the
// opening-hours engine. The texts (transcript, hand-off summary) are in ./chat-text.ts and the
// availability (opening hours) in ./chat-availability.ts; the panel loads those when needed.

// ---------------------------------------------------------------------------------------
// Messages

/** A random id for a resident message (`ChatMessageInput.clientId`): a retried send keeps it. */
export function newChatClientId(): string {
  return `c${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
}

/**
 * Adds messages to a transcript: ordered by `seq`, each `seq` (and each `id`) once, whatever
 * order or how often they arrive (send answer, live stream, resume after a drop). Returns the
 * same array when nothing was new.
 */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  let out: ChatMessage[] | undefined;
  for (const message of incoming) {
    const current = out ?? list;
    if (current.some((m) => m.seq === message.seq || m.id === message.id)) continue;
    out ??= [...list];
    let i = out.length;
    while (i > 0 && out[i - 1]!.seq > message.seq) i--;
    out.splice(i, 0, message);
  }
  return out ?? (list as ChatMessage[]);
}

/**
 * The highest `seq` up to which the transcript has no gap (the server numbers each session's
 * messages 0, 1, 2, …): a stream resumes after it, so a message that arrived out of order
 * (e.g. the answer to a send) never hides an earlier one that did not arrive yet. -1 when empty.
 */
export function contiguousSeq(list: readonly ChatMessage[]): number {
  let last = -1;
  for (const m of list) {
    if (m.seq === last + 1) last = m.seq;
    else if (m.seq > last + 1) break;
  }
  return last;
}

// ---------------------------------------------------------------------------------------
// Persistence across pages (sessionStorage)

/** The sessionStorage key of the current chat (one per tab and site). */
export const CHAT_STORAGE_KEY = 'dichtbij-chat';
/** Most messages kept in storage (the server has them all). */
export const CHAT_STORED_MESSAGES = 200;

export interface PendingChatMessage {
  clientId: string;
  text: string;
  at: string;
}

export interface StoredChat {
  v: 1;
  /** The adapter id (`gateway:https://…`): a chat belongs to one backend. */
  backend: string;
  sessionId: string;
  session: ChatSession;
  messages: ChatMessage[];
  /** Sent by the resident but not confirmed by the backend yet: retried with the same clientId. */
  pending: PendingChatMessage[];
  /** The panel was open: it opens again on the next page. */
  open: boolean;
  unread: number;
  /** The warm hand-off this chat started with (its summary goes along to a callback). */
  context?: HandoffContext;
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const LINK = (l: unknown) => {
  const x = l as { title?: unknown; url?: unknown } | null;
  return !!x && isText(x.title, 200) && isText(x.url, 2048) && /^https?:\/\/\S+$/i.test(x.url);
};
/** The shape ChatMessageSchema allows (what an adapter delivered and the panel stored). */
function isMessage(value: unknown): value is ChatMessage {
  const m = value as Record<string, unknown> | null;
  return (
    !!m &&
    isText(m.id, 64) &&
    !!m.id &&
    isInt(m.seq) &&
    ['resident', 'bot', 'agent', 'system'].includes(m.from as string) &&
    isText(m.text, 4000) &&
    isText(m.at, 64) &&
    (m.links === undefined || (Array.isArray(m.links) && m.links.length <= 10 && m.links.every(LINK))) &&
    (m.quickReplies === undefined ||
      (Array.isArray(m.quickReplies) && m.quickReplies.length <= 8 && m.quickReplies.every((q) => isText(q, 80)))) &&
    (m.clientId === undefined || isText(m.clientId, 64)) &&
    (m.agentName === undefined || isText(m.agentName, 80))
  );
}
function isStoredChat(value: unknown): value is StoredChat {
  const c = value as Record<string, unknown> | null;
  const s = c?.session as Record<string, unknown> | undefined;
  return (
    !!c &&
    c.v === 1 &&
    isText(c.backend, 500) &&
    isText(c.sessionId, 64) &&
    !!c.sessionId &&
    !!s &&
    s.id === c.sessionId &&
    ['bot', 'queued', 'live', 'ended'].includes(s.state as string) &&
    (s.position == null || typeof s.position === 'number') &&
    (s.agentName == null || isText(s.agentName, 80)) &&
    Array.isArray(c.messages) &&
    c.messages.length <= CHAT_STORED_MESSAGES &&
    c.messages.every(isMessage) &&
    Array.isArray(c.pending) &&
    c.pending.length <= 50 &&
    c.pending.every(
      (p: { clientId?: unknown; text?: unknown; at?: unknown }) =>
        typeof p?.clientId === 'string' &&
        /^[A-Za-z0-9_-]{8,64}$/.test(p.clientId) &&
        isText(p.text, 1000) &&
        !!p.text &&
        isText(p.at, 64),
    ) &&
    typeof c.open === 'boolean' &&
    isInt(c.unread) &&
    (c.context === undefined || chatHandoffContext(c.context) !== undefined)
  );
}

/** The chat kept in this tab, or undefined (none, another backend, or unreadable). Never throws. */
export function loadStoredChat(
  storage: Pick<Storage, 'getItem'> | undefined,
  backend?: string,
): StoredChat | undefined {
  try {
    const raw = storage?.getItem(CHAT_STORAGE_KEY);
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (!isStoredChat(parsed)) return undefined;
    if (backend !== undefined && parsed.backend !== backend) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

/** Keeps the chat for the next page (the newest messages when there are many). False when storage refused. */
export function saveStoredChat(storage: Pick<Storage, 'setItem'> | undefined, chat: StoredChat): boolean {
  if (!storage) return false;
  const record: StoredChat = {
    ...chat,
    messages: chat.messages.slice(-CHAT_STORED_MESSAGES),
    pending: chat.pending.slice(-50),
  };
  try {
    storage.setItem(CHAT_STORAGE_KEY, JSON.stringify(record));
    return true;
  } catch {
    return false; // full or blocked: the chat still works on this page
  }
}

export function clearStoredChat(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(CHAT_STORAGE_KEY);
  } catch {
    // blocked storage: nothing was kept either
  }
}

// ---------------------------------------------------------------------------------------
// A warm hand-off into the chat

const HANDOFF_SOURCES = ['feedback', 'status-tracker', 'chat', 'page'] as const;

/**
 * The context of a `dichtbij-handoff` event (`to: 'chat'`) as `ChatStartInput.context`: only the
 * known fields, strings trimmed and cut to the schema's lengths, the page only with an http(s)
 * URL. Undefined when nothing is left. Anything a page sends passes through here first.
 */
export function chatHandoffContext(detail: unknown): HandoffContext | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  const d = detail as Record<string, unknown>;
  const str = (v: unknown, max: number) =>
    typeof v === 'string' ? truncateText(normalizeText(v).trim(), max).trim() || undefined : undefined;
  const out: HandoffContext = {};
  if (HANDOFF_SOURCES.includes(d.source as (typeof HANDOFF_SOURCES)[number]))
    out.source = d.source as HandoffContext['source'];
  const page = d.page as Record<string, unknown> | null | undefined;
  const url = typeof page?.url === 'string' ? safeHttpUrl(page.url) : undefined;
  if (url && url.length <= 2048) {
    const title = str(page?.title, 300);
    out.page = { url, ...(title ? { title } : {}) };
  }
  const fields = [
    ['topic', 120],
    ['summary', 2000],
    ['caseReference', 64],
    ['caseTitle', 200],
    ['caseType', 200],
  ] as const;
  for (const [key, max] of fields) {
    const value = str(d[key], max);
    if (value) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

// ---------------------------------------------------------------------------------------
// Links in message text

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Splits message text into plain text and http(s) links (trailing punctuation stays text).
 * Anything else — `javascript:`, `data:`, markup — is plain text, rendered as text.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const href = safeHttpUrl(url);
    if (!href) continue;
    if (match.index > last) parts.push({ kind: 'text', text: text.slice(last, match.index) });
    parts.push({ kind: 'link', text: url, href });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The URL when it is an absolute http(s) URL, else undefined. */
export function safeHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
