/**
 * Live delivery of chats: server-sent event streams for residents and KCC agents, fed through
 * the database's LISTEN/NOTIFY. Every change (a message, a state change, the queue) is
 * NOTIFY'd on one channel with only the session id; each gateway instance LISTENs and, for the
 * streams it holds, reads what is new from the database. So several instances on one
 * PostgreSQL share chats, and a stream never depends on which instance stored a message.
 *
 * A stream remembers the last seq it wrote and always reads "after" it, one read at a time:
 * nothing is written twice, and a missed notification is caught up by the next one or by
 * the heartbeat (every 15 s, which also keeps proxies from closing an idle connection).
 */
import type { ChatSession } from '@dichtbij/sdk';
import type { GatewayDeps } from '../deps.ts';
import { errorFields } from '../runtime.ts';
import { ChatStore, type SessionRow } from './store.ts';

export const CHAT_CHANNEL = 'dichtbij_chat';
export const HEARTBEAT_MS = 15_000;
/** An agent counts as present this long after their console's last heartbeat. */
export const PRESENCE_MS = 45_000;

export type ChatEventKind = 'message' | 'session' | 'queue';
interface Notice {
  s: string;
  k: ChatEventKind;
}

const encoder = new TextEncoder();

/** One open event stream. */
export interface Stream {
  write(chunk: string): void;
  close(): void;
  readonly closed: boolean;
}

/**
 * Builds a text/event-stream Response; `open` gets the stream and returns its cleanup. `release`
 * (a stream slot from deps.streams) is called once when the stream ends, however it ends.
 */
export function eventStream(
  signal: AbortSignal | undefined,
  open: (stream: Stream) => () => void,
  release?: () => void,
): Response {
  let cleanup: (() => void) | undefined;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const finish = () => {
    if (closed) return;
    closed = true;
    cleanup?.();
    release?.();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      const stream: Stream = {
        write(chunk) {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            finish();
          }
        },
        close: finish,
        get closed() {
          return closed;
        },
      };
      // Reconnect after 2 s when the connection drops (EventSource default is about 3 s).
      stream.write('retry: 2000\n\n');
      cleanup = open(stream);
      if (signal?.aborted) finish();
      else signal?.addEventListener('abort', finish, { once: true });
    },
    cancel() {
      closed = true;
      cleanup?.();
      release?.();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    },
  });
}

export const sseEvent = (event: string, data: unknown, id?: number) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A stream of one chat's messages and state (a resident, or an agent looking at the chat). */
class ChatSubscriber {
  private chain: Promise<void> = Promise.resolve();
  constructor(
    readonly sessionId: string,
    readonly stream: Stream,
    private sent: number,
    private readonly hub: ChatHub,
  ) {}

  /** Writes every message after the last one written, in order. */
  pump(): void {
    this.chain = this.chain.then(async () => {
      if (this.stream.closed) return;
      try {
        for (const m of await this.hub.chats.messagesAfter(this.sessionId, this.sent)) {
          if (m.seq <= this.sent) continue;
          this.stream.write(sseEvent('message', m, m.seq));
          this.sent = m.seq;
        }
      } catch (error) {
        this.hub.logError('chat.pump_failed', error);
      }
    });
  }

  /** Writes the session's current state (position in the queue, agent). */
  session(): void {
    this.chain = this.chain.then(async () => {
      if (this.stream.closed) return;
      try {
        const row = await this.hub.chats.getSession(this.sessionId);
        if (row) this.stream.write(sseEvent('session', await this.hub.chats.toApi(row)));
      } catch (error) {
        this.hub.logError('chat.session_failed', error);
      }
    });
  }

  ping(): void {
    this.stream.write(': ping\n\n');
  }
}

/** A KCC agent's console stream: presence, and a nudge when any chat changes. */
interface AgentStream {
  agentId: string;
  stream: Stream;
}

const hubs = new WeakMap<object, ChatHub>();

export class ChatHub {
  readonly chats: ChatStore;
  private readonly subscribers = new Map<string, Set<ChatSubscriber>>();
  private readonly agents = new Set<AgentStream>();
  private readonly ready: Promise<void>;
  private unlisten?: () => Promise<void>;
  private timer?: ReturnType<typeof setInterval>;
  private stopped = false;

  /** One hub per gateway (its routes and its KCC console share it). */
  static for(deps: GatewayDeps): ChatHub {
    let hub = hubs.get(deps);
    if (!hub) {
      hub = new ChatHub(deps);
      hubs.set(deps, hub);
    }
    return hub;
  }

  private constructor(private readonly deps: GatewayDeps) {
    this.chats = new ChatStore(deps.store.db, () => deps.clock.now());
    this.ready = deps.store.db
      .listen(CHAT_CHANNEL, (payload) => this.onNotify(payload))
      .then((unlisten) => {
        this.unlisten = unlisten;
        if (this.stopped) void unlisten().catch(() => undefined);
      })
      .catch((error: unknown) => this.logError('chat.listen_failed', error));
  }

  logError(event: string, error: unknown): void {
    this.deps.logger.error(event, errorFields(error));
  }

  /** Tells every instance (this one included) that a chat changed. */
  async notify(sessionId: string, kind: ChatEventKind): Promise<void> {
    await this.ready;
    try {
      await this.deps.store.db.notify(CHAT_CHANNEL, JSON.stringify({ s: sessionId, k: kind } satisfies Notice));
    } catch (error) {
      // The database is gone (shutting down): local streams still get it.
      this.logError('chat.notify_failed', error);
      this.onNotify(JSON.stringify({ s: sessionId, k: kind }));
    }
  }

  private onNotify(payload: string): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (typeof notice?.s !== 'string') return;
    for (const sub of this.subscribers.get(notice.s) ?? []) {
      if (notice.k === 'message') sub.pump();
      else sub.session();
    }
    if (notice.k === 'queue') {
      // Places in the queue moved for everyone waiting.
      for (const [id, subs] of this.subscribers) if (id !== notice.s) for (const sub of subs) sub.session();
    }
    for (const a of this.agents) a.stream.write(sseEvent('changed', { session: notice.s, kind: notice.k }));
  }

  /** Adds a chat stream: writes the state and everything after `afterSeq`, then what comes. */
  async subscribe(sessionId: string, stream: Stream, afterSeq: number): Promise<() => void> {
    await this.ready;
    const sub = new ChatSubscriber(sessionId, stream, afterSeq, this);
    let set = this.subscribers.get(sessionId);
    if (!set) this.subscribers.set(sessionId, (set = new Set()));
    set.add(sub);
    this.ensureTimer();
    // Registered before reading: a message stored meanwhile is read now or on its notification.
    sub.session();
    sub.pump();
    return () => {
      set.delete(sub);
      if (!set.size && this.subscribers.get(sessionId) === set) this.subscribers.delete(sessionId);
    };
  }

  /** Adds an agent's console stream; the agent is present while one is open. */
  async addAgent(agentId: string, stream: Stream): Promise<() => void> {
    await this.ready;
    const entry: AgentStream = { agentId, stream };
    this.agents.add(entry);
    this.ensureTimer();
    await this.chats.heartbeat(agentId).catch((error: unknown) => this.logError('chat.heartbeat_failed', error));
    await this.notify(agentId, 'queue'); // availability changed
    return () => {
      this.agents.delete(entry);
      if ([...this.agents].some((a) => a.agentId === agentId)) return;
      // The last console of this agent here closed: not present any more (another instance's heartbeat may say otherwise).
      void this.chats.agentGone(agentId).catch(() => undefined);
    };
  }

  private ensureTimer(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref?.();
  }

  /** Heartbeat: keep connections open, catch up missed notifications, keep agents present. */
  async beat(): Promise<void> {
    for (const subs of this.subscribers.values()) {
      for (const sub of subs) {
        sub.ping();
        sub.pump();
      }
    }
    const present = new Set<string>();
    for (const a of this.agents) {
      a.stream.write(': ping\n\n');
      present.add(a.agentId);
    }
    for (const id of present)
      await this.chats.heartbeat(id).catch((error: unknown) => this.logError('chat.heartbeat_failed', error));
    if (!this.subscribers.size && !this.agents.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Number of local streams (tests). */
  get streams(): number {
    let n = this.agents.size;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  async api(row: SessionRow): Promise<ChatSession> {
    return this.chats.toApi(row);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const subs of this.subscribers.values()) for (const sub of subs) sub.stream.close();
    for (const a of this.agents) a.stream.close();
    this.subscribers.clear();
    this.agents.clear();
    await this.unlisten?.().catch(() => undefined);
  }
}
