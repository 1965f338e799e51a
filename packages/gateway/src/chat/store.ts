/**
 * Chat data: sessions, messages and present agents (tables in migrations/050_chat.sql). Every
 * message gets the next `seq` of its session in the same transaction that stores it, with the
 * session row locked, so a session's messages are numbered 0, 1, 2, … without gaps or doubles
 * whatever instance wrote them, and a resident message is stored once per `clientId`.
 */
import { randomUUID } from 'node:crypto';
import type { ChatMessage, ChatSession, HandoffContext, Locale, PageContext } from '@dichtbij/sdk';
import type { Db, Queryable } from '../store/db.ts';

export type ChatState = ChatSession['state'];
export type Sender = ChatMessage['from'];

export interface SessionRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  state: ChatState;
  locale: Locale;
  pageUrl: string | null;
  pageTitle: string | null;
  nextSeq: number;
  requestedAt: Date | null;
  liveQueue: boolean;
  agentId: string | null;
  agentName: string | null;
  joinedAt: Date | null;
  endedAt: Date | null;
  endedBy: 'resident' | 'agent' | 'system' | null;
  handledAt: Date | null;
  syncStatus: 'local' | 'pending' | 'synced' | 'sync_failed';
  syncExternalId: string | null;
  /** What a warm hand-off into this chat brought along (e.g. from feedback), BSNs removed. */
  handoff: HandoffContext | null;
  /** The gemeente the chat was started in ('default' in a single-gemeente gateway). */
  gemeente?: string;
}

export interface NewMessage {
  from: Sender;
  text: string;
  links?: { title: string; url: string }[];
  quickReplies?: string[];
  clientId?: string;
  agentName?: string;
  /** The language of the text when it is not the chat's (a Dutch FAQ answer in an English chat). */
  lang?: 'nl' | 'en';
}

export type AppendResult =
  | { ok: true; message: ChatMessage; created: boolean; session: SessionRow }
  | { ok: false; reason: 'not_found' | 'ended' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isChatId = (id: string): boolean => UUID.test(id);

type Row = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const json = <T>(v: unknown): T | undefined =>
  v == null ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

function toSession(r: Row): SessionRow {
  return {
    id: String(r.id),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
    state: r.state as ChatState,
    locale: r.locale as Locale,
    pageUrl: (r.page_url as string | null) ?? null,
    pageTitle: (r.page_title as string | null) ?? null,
    nextSeq: Number(r.next_seq),
    requestedAt: date(r.requested_at),
    liveQueue: !!r.live_queue,
    agentId: (r.agent_id as string | null) ?? null,
    agentName: (r.agent_name as string | null) ?? null,
    joinedAt: date(r.joined_at),
    endedAt: date(r.ended_at),
    endedBy: (r.ended_by as SessionRow['endedBy']) ?? null,
    handledAt: date(r.handled_at),
    syncStatus: r.sync_status as SessionRow['syncStatus'],
    syncExternalId: (r.sync_external_id as string | null) ?? null,
    handoff: json<HandoffContext>(r.handoff) ?? null,
    gemeente: String(r.gemeente ?? 'default'),
  };
}

export function toMessage(r: Row): ChatMessage {
  const links = json<{ title: string; url: string }[]>(r.links);
  const quickReplies = json<string[]>(r.quick_replies);
  return {
    id: String(r.id),
    seq: Number(r.seq),
    from: r.sender as Sender,
    text: String(r.text),
    at: date(r.at)!.toISOString(),
    ...(links?.length ? { links } : {}),
    ...(quickReplies?.length ? { quickReplies } : {}),
    ...(r.client_id ? { clientId: String(r.client_id) } : {}),
    ...(r.agent_name ? { agentName: String(r.agent_name) } : {}),
    ...(r.lang === 'nl' || r.lang === 'en' ? { lang: r.lang } : {}),
  };
}

const MESSAGE_COLUMNS = 'id, seq, sender, text, at, links, quick_replies, client_id, agent_name, lang';

export class ChatStore {
  constructor(
    readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** A new chat with its first messages (a hand-off note, the greeting), in one transaction. */
  async createSession(
    input: {
      locale: Locale;
      page?: PageContext | undefined;
      handoff?: HandoffContext | null | undefined;
      /** The gemeente the chat was started with (several in one gateway; default: 'default'). */
      gemeente?: string;
    },
    first: readonly [NewMessage, ...NewMessage[]],
  ): Promise<{ session: SessionRow; messages: ChatMessage[] }> {
    const id = randomUUID();
    const now = this.now();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO chat_sessions (id, created_at, updated_at, state, locale, page_url, page_title, handoff, gemeente)
         VALUES ($1, $2, $2, 'bot', $3, $4, $5, $6, $7)`,
        [
          id,
          now,
          input.locale,
          input.page?.url ?? null,
          input.page?.title ?? null,
          input.handoff ? JSON.stringify(input.handoff) : null,
          input.gemeente ?? 'default',
        ],
      );
      let session: SessionRow | undefined;
      const messages: ChatMessage[] = [];
      for (const message of first) {
        const appended = await this.appendIn(tx, id, message);
        if (!appended.ok) throw new Error('chat session vanished while it was created');
        session = appended.session;
        messages.push(appended.message);
      }
      return { session: session!, messages };
    });
  }

  async getSession(id: string, q: Queryable = this.db): Promise<SessionRow | undefined> {
    if (!isChatId(id)) return undefined;
    const [row] = await q.query('SELECT * FROM chat_sessions WHERE id = $1', [id]);
    return row ? toSession(row) : undefined;
  }

  /** Messages after `afterSeq`, in order (at most `limit`). */
  async messagesAfter(id: string, afterSeq: number, limit = 500): Promise<ChatMessage[]> {
    if (!isChatId(id)) return [];
    const rows = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [id, afterSeq, limit],
    );
    return rows.map(toMessage);
  }

  /** The resident message sent earlier with this clientId, if any. */
  async byClientId(id: string, clientId: string): Promise<ChatMessage | undefined> {
    if (!isChatId(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = $1 AND client_id = $2`,
      [id, clientId],
    );
    return row ? toMessage(row) : undefined;
  }

  /** All messages of a chat, in order. */
  async transcript(id: string): Promise<ChatMessage[]> {
    return this.messagesAfter(id, -1, 10_000);
  }

  /** Stores a message with the session's next seq; a resident message once per clientId. */
  append(id: string, message: NewMessage): Promise<AppendResult> {
    if (!isChatId(id)) return Promise.resolve({ ok: false, reason: 'not_found' });
    return this.db.transaction((tx) => this.appendIn(tx, id, message));
  }

  private async appendIn(tx: Queryable, id: string, message: NewMessage): Promise<AppendResult> {
    const [locked] = await tx.query('SELECT * FROM chat_sessions WHERE id = $1 FOR UPDATE', [id]);
    if (!locked) return { ok: false, reason: 'not_found' };
    const session = toSession(locked);
    if (message.clientId) {
      const [existing] = await tx.query(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE session_id = $1 AND client_id = $2`,
        [id, message.clientId],
      );
      if (existing) return { ok: true, message: toMessage(existing), created: false, session };
    }
    if (session.state === 'ended') return { ok: false, reason: 'ended' };
    const now = this.now();
    const [row] = await tx.query(
      `INSERT INTO chat_messages (session_id, seq, id, sender, text, at, links, quick_replies, client_id, agent_name, lang)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${MESSAGE_COLUMNS}`,
      [
        id,
        session.nextSeq,
        randomUUID(),
        message.from,
        message.text,
        now,
        message.links?.length ? JSON.stringify(message.links) : null,
        message.quickReplies?.length ? JSON.stringify(message.quickReplies) : null,
        message.clientId ?? null,
        message.agentName ?? null,
        message.lang ?? null,
      ],
    );
    await tx.query('UPDATE chat_sessions SET next_seq = next_seq + 1, updated_at = $2 WHERE id = $1', [id, now]);
    return {
      ok: true,
      message: toMessage(row!),
      created: true,
      session: { ...session, nextSeq: session.nextSeq + 1, updatedAt: now },
    };
  }

  /** The resident asks for a person: queued (live) or a message left for the KCC. Only from the bot. */
  async requestAgent(id: string, live: boolean): Promise<SessionRow | undefined> {
    if (!isChatId(id)) return undefined;
    const now = this.now();
    const [row] = await this.db.query(
      `UPDATE chat_sessions SET state = 'queued', requested_at = $2, live_queue = $3, updated_at = $2
       WHERE id = $1 AND state = 'bot' RETURNING *`,
      [id, now, live],
    );
    return row ? toSession(row) : this.getSession(id);
  }

  /** An agent takes a waiting chat (or a left message). False when someone else was first or it ended. */
  async join(id: string, agent: { id: string; name: string }): Promise<SessionRow | undefined> {
    if (!isChatId(id)) return undefined;
    const now = this.now();
    const [row] = await this.db.query(
      `UPDATE chat_sessions SET state = 'live', agent_id = $2, agent_name = $3, joined_at = $4, updated_at = $4
       WHERE id = $1 AND (state IN ('bot', 'queued') OR (state = 'live' AND agent_id = $2)) RETURNING *`,
      [id, agent.id, agent.name, now],
    );
    return row ? toSession(row) : undefined;
  }

  async end(
    id: string,
    by: 'resident' | 'agent' | 'system',
    syncPending: boolean,
  ): Promise<{ session: SessionRow; changed: boolean } | undefined> {
    if (!isChatId(id)) return undefined;
    const now = this.now();
    const [row] = await this.db.query(
      `UPDATE chat_sessions SET state = 'ended', ended_at = $2, ended_by = $3, updated_at = $2,
         sync_status = CASE WHEN $4::boolean THEN 'pending' ELSE sync_status END
       WHERE id = $1 AND state <> 'ended' RETURNING *`,
      [id, now, by, syncPending],
    );
    if (row) return { session: toSession(row), changed: true };
    const session = await this.getSession(id);
    return session ? { session, changed: false } : undefined;
  }

  async markHandled(id: string): Promise<boolean> {
    if (!isChatId(id)) return false;
    const rows = await this.db.query(
      'UPDATE chat_sessions SET handled_at = $2 WHERE id = $1 AND handled_at IS NULL RETURNING id',
      [id, this.now()],
    );
    return rows.length > 0;
  }

  async setSync(id: string, status: 'synced' | 'sync_failed', externalId?: string): Promise<void> {
    await this.db.query(
      `UPDATE chat_sessions SET sync_status = $2, sync_external_id = COALESCE($3, sync_external_id), sync_attempts = sync_attempts + 1 WHERE id = $1`,
      [id, status, externalId ?? null],
    );
  }

  /** Place in the live queue (1 = next), or null when not waiting in it. */
  async position(session: SessionRow): Promise<number | null> {
    if (session.state !== 'queued' || !session.liveQueue || !session.requestedAt) return null;
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chat_sessions
       WHERE state = 'queued' AND live_queue AND (requested_at < $1 OR (requested_at = $1 AND id <= $2))`,
      [session.requestedAt, session.id],
    );
    return Number(row?.n ?? 1);
  }

  async toApi(session: SessionRow): Promise<ChatSession> {
    return {
      id: session.id,
      state: session.state,
      position: await this.position(session),
      agentName: session.state === 'live' || session.state === 'ended' ? session.agentName : null,
    };
  }

  /** For the console: waiting chats (oldest first), chats of this agent, and left messages. */
  async consoleLists(
    agentId: string,
    gemeenten?: readonly string[],
  ): Promise<{ queue: SessionRow[]; mine: SessionRow[]; left: SessionRow[] }> {
    const rows = (
      await this.db.query(
        `SELECT * FROM chat_sessions
       WHERE ($2::text[] IS NULL OR gemeente = ANY($2)) AND ((state = 'queued' AND live_queue)
          OR (state = 'live' AND agent_id = $1)
          OR (requested_at IS NOT NULL AND NOT live_queue AND joined_at IS NULL AND handled_at IS NULL)
          OR (requested_at IS NOT NULL AND live_queue AND state = 'ended' AND joined_at IS NULL AND handled_at IS NULL))
       ORDER BY requested_at NULLS LAST, created_at
       LIMIT 200`,
        [agentId, gemeenten ? [...gemeenten] : null],
      )
    ).map(toSession);
    return {
      queue: rows.filter((r) => r.state === 'queued' && r.liveQueue),
      mine: rows.filter((r) => r.state === 'live' && r.agentId === agentId),
      left: rows.filter((r) => r.joinedAt === null && r.handledAt === null && (!r.liveQueue || r.state === 'ended')),
    };
  }

  /** The first resident message of each session (for the console's lists). */
  async firstQuestions(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.query<{ session_id: string; text: string }>(
      `SELECT DISTINCT ON (session_id) session_id, text FROM chat_messages
       WHERE session_id = ANY($1::uuid[]) AND sender = 'resident' ORDER BY session_id, seq`,
      [ids],
    );
    return new Map(rows.map((r) => [String(r.session_id), String(r.text)]));
  }

  // ── agents ────────────────────────────────────────────────────────────────────────────

  async agent(id: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM chat_agents WHERE id = $1', [
      id,
    ]);
    return row ? { id: row.id, name: row.name } : undefined;
  }

  async setAgentName(id: string, name: string, present: boolean): Promise<void> {
    const seen = present ? this.now() : new Date(0);
    await this.db.query(
      `INSERT INTO chat_agents (id, name, last_seen) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
      [id, name, seen],
    );
  }

  async heartbeat(id: string): Promise<void> {
    await this.db.query('UPDATE chat_agents SET last_seen = $2 WHERE id = $1', [id, this.now()]);
  }

  async agentGone(id: string): Promise<void> {
    await this.db.query('UPDATE chat_agents SET last_seen = $2 WHERE id = $1', [id, new Date(0)]);
  }

  async agentsOnline(windowMs: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chat_agents WHERE last_seen > $1',
      [new Date(this.now().getTime() - windowMs)],
    );
    return Number(row?.n ?? 0);
  }

  // ── retention ────────────────────────────────────────────────────────────────────────

  /**
   * Deletes chats (transcripts included) started before `cutoff`; ends chats idle for `idleMs`.
   * With `syncPending`, an ended chat in which the resident wrote something is marked to be
   * recorded (`record`); one where nobody typed a word is not a klantcontact.
   */
  async retention(
    db: Queryable,
    cutoff: Date,
    now: Date,
    idleMs: number,
    syncPending = false,
  ): Promise<{ deleted: number; ended: string[]; record: string[] }> {
    const deleted = (await db.query('DELETE FROM chat_sessions WHERE created_at < $1 RETURNING id', [cutoff])).length;
    const rows = await db.query<{ id: string; sync_status: string }>(
      `UPDATE chat_sessions s SET state = 'ended', ended_at = $2, ended_by = 'system', updated_at = $2,
         sync_status = CASE
           WHEN $3::boolean AND EXISTS (SELECT 1 FROM chat_messages m WHERE m.session_id = s.id AND m.sender = 'resident')
           THEN 'pending' ELSE s.sync_status END
       WHERE s.state <> 'ended' AND s.updated_at < $1 RETURNING s.id, s.sync_status`,
      [new Date(now.getTime() - idleMs), now, syncPending],
    );
    return {
      deleted,
      ended: rows.map((r) => String(r.id)),
      record: rows.filter((r) => r.sync_status === 'pending').map((r) => String(r.id)),
    };
  }
}
