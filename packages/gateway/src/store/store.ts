/**
 * The gateway's data: feedback, callback requests, idempotency keys, rate-limit counters,
 * embedded cases and sessions. Every write that answers a resident is one SQL statement or
 * one transaction together with its idempotency key, so nothing is ever stored half.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CaseStatus,
  ExpectedCallback,
  FeedbackInput,
  HandoffContext,
  Locale,
  PreferredMoment,
} from '@dichtbij/sdk';
import type { CallbackRecord, CaseRecord } from '../connectors/types.ts';
import type { Clock } from '../runtime.ts';
import { isUniqueViolation, openPglite, openPostgres, type Db, type Queryable } from './db.ts';
import { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate.ts';

export type CallbackStatus = 'new' | 'called' | 'no_answer' | 'done';
export const CALLBACK_STATUSES: readonly CallbackStatus[] = ['new', 'called', 'no_answer', 'done'];
export type SyncStatus = 'local' | 'pending' | 'synced' | 'sync_failed';

export interface StoredCallback {
  id: string;
  reference: string;
  receivedAt: Date;
  /** null after the retention period. */
  phone: string | null;
  name: string | null;
  question: string | null;
  context: HandoffContext | null;
  topic: string | null;
  topicLabel: string | null;
  preferred: PreferredMoment;
  expected: ExpectedCallback;
  locale: Locale;
  status: CallbackStatus;
  statusChangedAt: Date | null;
  syncStatus: SyncStatus;
  syncTarget: string | null;
  syncExternalId: string | null;
  syncAttempts: number;
  syncNextAt: Date | null;
  syncError: string | null;
  syncedAt: Date | null;
  redactedAt: Date | null;
  /** The gemeente the request was made to ('default' in a single-gemeente gateway). */
  gemeente: string;
}

export interface StoredFeedback {
  id: string;
  receivedAt: Date;
  variant: 'page' | 'score';
  useful: boolean | null;
  score: number | null;
  reasons: string[];
  comment: string | null;
  channel: string;
  contact: string | null;
  callbackPhone: string | null;
  pageUrl: string;
  pageTitle: string | null;
  locale: Locale;
  redactedAt: Date | null;
  gemeente: string;
}

export type IdempotentResult<T> =
  | { outcome: 'created'; status: number; response: T }
  | { outcome: 'replayed'; status: number; response: T }
  | { outcome: 'conflict' };

export interface FeedbackStatsRow {
  key: string;
  count: number;
  /** Page ratings (yes/no) given. */
  rated: number;
  useful: number;
  /** Scores (1–10) given. */
  scored: number;
  meanScore: number | null;
}
export interface FeedbackWeekRow extends FeedbackStatsRow {
  /** Monday of the ISO week in Amsterdam, YYYY-MM-DD. */
  week: string;
}
/**
 * Which gemeenten a query may see (a werkorganisatie runs several in one gateway): a list of
 * gemeente ids, or undefined for all of them.
 */
export type GemeenteScope = readonly string[] | undefined;

export interface FeedbackFilter {
  /** Only these gemeenten (undefined: all). */
  gemeenten?: GemeenteScope;
  since?: Date;
  channel?: string;
  pageUrl?: string;
}

export interface RetentionResult {
  callbacks: number;
  feedback: number;
  idempotencyKeys: number;
  sessions: number;
  rateLimits: number;
  /** Rows handled by tasks registered with addRetentionTask (e.g. chat). */
  other: number;
}
/** A retention step another module adds (e.g. chat transcripts): returns the number of rows it erased. */
export type RetentionTask = (ctx: { db: Queryable; cutoff: Date; now: Date }) => Promise<number>;

export interface StoreOptions {
  /** PostgreSQL connection string; PGlite when absent. */
  databaseUrl?: string;
  /** PGlite data directory; in memory when absent. */
  dataDir?: string;
  clock: Clock;
  /** Extra migration directories (after the gateway's own, ordered by number). */
  migrationDirs?: string[];
  /**
   * In-memory PGlite only: a directory where a migrated, empty database image is kept, so the
   * next in-memory store (the next test file) starts from it instead of running initdb.
   */
  pgliteImageCache?: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

const callbackColumns = `id, reference, received_at, phone, name, question, context, topic, topic_label, preferred,
  expected, locale, status, status_changed_at, sync_status, sync_target, sync_external_id, sync_attempts, sync_next_at,
  sync_error, synced_at, redacted_at, gemeente`;

type Row = Record<string, unknown>;
const date = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

function toCallback(r: Row): StoredCallback {
  return {
    id: String(r.id),
    reference: String(r.reference),
    receivedAt: date(r.received_at)!,
    phone: (r.phone as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    question: (r.question as string | null) ?? null,
    context: (r.context as HandoffContext | null) ?? null,
    topic: (r.topic as string | null) ?? null,
    topicLabel: (r.topic_label as string | null) ?? null,
    preferred: r.preferred as PreferredMoment,
    expected: r.expected as ExpectedCallback,
    locale: r.locale as Locale,
    status: r.status as CallbackStatus,
    statusChangedAt: date(r.status_changed_at),
    syncStatus: r.sync_status as SyncStatus,
    syncTarget: (r.sync_target as string | null) ?? null,
    syncExternalId: (r.sync_external_id as string | null) ?? null,
    syncAttempts: Number(r.sync_attempts),
    syncNextAt: date(r.sync_next_at),
    syncError: (r.sync_error as string | null) ?? null,
    syncedAt: date(r.synced_at),
    redactedAt: date(r.redacted_at),
    gemeente: String(r.gemeente ?? DEFAULT_GEMEENTE),
  };
}

function toFeedback(r: Row): StoredFeedback {
  return {
    id: String(r.id),
    receivedAt: date(r.received_at)!,
    variant: r.variant as 'page' | 'score',
    useful: (r.useful as boolean | null) ?? null,
    score: r.score == null ? null : Number(r.score),
    reasons: (r.reasons as string[]) ?? [],
    comment: (r.comment as string | null) ?? null,
    channel: String(r.channel),
    contact: (r.contact as string | null) ?? null,
    callbackPhone: (r.callback_phone as string | null) ?? null,
    pageUrl: String(r.page_url),
    pageTitle: (r.page_title as string | null) ?? null,
    locale: r.locale as Locale,
    redactedAt: date(r.redacted_at),
    gemeente: String(r.gemeente ?? DEFAULT_GEMEENTE),
  };
}

const statsRow = (r: Row): FeedbackStatsRow => ({
  key: String(r.key),
  count: Number(r.count),
  rated: Number(r.rated),
  useful: Number(r.useful),
  scored: Number(r.scored),
  meanScore: r.mean_score == null ? null : Number(r.mean_score),
});

/** Origin + path of a page URL: query strings and fragments may carry personal data. */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0]!;
  }
}

/** Normalised second factor: upper case, letters and digits only ("4191 ab" → "4191AB"). */
export const normaliseCheck = (value: string) =>
  value
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');

export class Store {
  private readonly retentionTasks: RetentionTask[] = [];
  private pseudonymKey: Buffer | undefined;

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Opens PostgreSQL (databaseUrl) or PGlite (dataDir, or memory) and applies the migrations. */
  static async open(options: StoreOptions): Promise<Store> {
    const migrations = readMigrations([MIGRATIONS_DIR, ...(options.migrationDirs ?? [])]);
    const cacheFile =
      !options.databaseUrl && !options.dataDir && options.pgliteImageCache
        ? join(options.pgliteImageCache, `pglite-${imageKey(migrations)}.tar`)
        : undefined;
    let image: Uint8Array | undefined;
    try {
      image = cacheFile && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    } catch {
      image = undefined;
    }
    let db: Db;
    if (options.databaseUrl) db = await openPostgres(options.databaseUrl);
    else if (image) db = await openPglite(undefined, image).catch(() => openPglite());
    else db = await openPglite(options.dataDir);
    try {
      const applied = await migrate(db, migrations);
      if (cacheFile && (!image || applied.length) && db.dumpImage) await writeImage(cacheFile, await db.dumpImage());
      const store = new Store(db, options.clock);
      await store.init();
      return store;
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  private async init() {
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      'pseudonym_key',
      randomBytes(32).toString('base64'),
    ]);
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
      'pseudonym_key',
    ]);
    this.pseudonymKey = Buffer.from(row!.value, 'base64');
  }

  /**
   * A keyed hash of a subject (IP address, phone number) that is stable across instances on the
   * same database, so counters are shared without storing the subject itself.
   */
  pseudonym(value: string): string {
    return createHmac('sha256', this.pseudonymKey!).update(value).digest('base64url').slice(0, 32);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // -------------------------------------------------------------------------------------
  // Idempotency

  /** Hash of a request body (canonical JSON: key order does not matter). */
  static bodyHash(body: unknown): string {
    return sha256(canonicalJson(body));
  }

  async findIdempotent<T>(scope: string, key: string, bodyHash: string): Promise<IdempotentResult<T> | undefined> {
    const [row] = await this.db.query<{ body_hash: string; status: number; response: T }>(
      'SELECT body_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
      [scope, key],
    );
    if (!row) return undefined;
    if (row.body_hash !== bodyHash) return { outcome: 'conflict' };
    return { outcome: 'replayed', status: 200, response: row.response };
  }

  /**
   * Stores a record and its idempotency key in one transaction: `insert` runs only when the
   * key is new. A concurrent request with the same key waits for this one (PostgreSQL's
   * ON CONFLICT) and then gets the stored answer.
   */
  async idempotent<T>(
    scope: string,
    key: string,
    bodyHash: string,
    recordId: string,
    response: T,
    insert: (tx: Queryable) => Promise<void>,
  ): Promise<IdempotentResult<T>> {
    const created = await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO idempotency_keys (scope, key, body_hash, status, response, record_id, created_at)
         VALUES ($1, $2, $3, 201, $4::jsonb, $5, $6) ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
        [scope, key, bodyHash, JSON.stringify(response), recordId, this.clock.now()],
      );
      if (!rows.length) return false;
      await insert(tx);
      return true;
    });
    if (created) return { outcome: 'created', status: 201, response };
    const existing = await this.findIdempotent<T>(scope, key, bodyHash);
    if (!existing) throw new Error('Idempotency key vanished during the request');
    return existing;
  }

  // -------------------------------------------------------------------------------------
  // Feedback

  /**
   * The feedback insert, idempotent, as one statement (the fast path for the busiest route).
   * With `rate`, the same statement also counts the hit in that rate-limit window and inserts
   * nothing when it is over the limit.
   */
  async createFeedback(
    key: string,
    bodyHash: string,
    record: { id: string; receivedAt: Date; input: FeedbackInput; gemeente?: string },
    rate?: { key: string; limit: number; windowMs: number },
  ): Promise<IdempotentResult<{ id: string; receivedAt: string }> | { outcome: 'limited'; retryAfter: number }> {
    const { id, receivedAt, input } = record;
    const response = { id, receivedAt: receivedAt.toISOString() };
    const params: unknown[] = [
      key,
      bodyHash,
      JSON.stringify(response),
      id,
      receivedAt,
      input.variant,
      input.variant === 'page' ? (input.useful ?? null) : null,
      input.variant === 'score' ? (input.score ?? null) : null,
      JSON.stringify(input.reasons ?? []),
      input.comment?.trim() || null,
      input.channel,
      input.contact ?? null,
      input.callbackPhone ?? null,
      pageKey(input.page.url),
      input.page.title ?? null,
      input.locale,
      record.gemeente ?? DEFAULT_GEMEENTE,
    ];
    const columns = `INSERT INTO feedback (id, received_at, variant, useful, score, reasons, comment, channel, contact,
         callback_phone, page_url, page_title, locale, gemeente)
       SELECT record_id, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17 FROM idem RETURNING id`;
    let rows: { id: string | null; count?: number; expires_at?: Date }[];
    if (rate) {
      const now = this.clock.now();
      rows = await this.db.query(
        `WITH rl AS (${rateUpsert('$18', '$19', '$20')}),
         idem AS (
           INSERT INTO idempotency_keys (scope, key, body_hash, status, response, record_id, created_at)
           SELECT 'feedback', $1, $2, 201, $3::jsonb, $4, $5 FROM rl WHERE rl.count <= $21
           ON CONFLICT (scope, key) DO NOTHING RETURNING record_id
         ),
         ins AS (${columns})
         SELECT (SELECT id FROM ins) AS id, rl.count, rl.expires_at FROM rl`,
        [...params, rate.key, now, new Date(now.getTime() + rate.windowMs), rate.limit],
      );
      const [row] = rows;
      if (row && Number(row.count) > rate.limit) {
        const retryAfter = Math.max(1, Math.ceil((date(row.expires_at)!.getTime() - now.getTime()) / 1000));
        return { outcome: 'limited', retryAfter };
      }
    } else {
      rows = await this.db.query(
        `WITH idem AS (
           INSERT INTO idempotency_keys (scope, key, body_hash, status, response, record_id, created_at)
           VALUES ('feedback', $1, $2, 201, $3::jsonb, $4, $5) ON CONFLICT (scope, key) DO NOTHING RETURNING record_id
         )
         ${columns}`,
        params,
      );
    }
    if (rows[0]?.id) return { outcome: 'created', status: 201, response };
    const existing = await this.findIdempotent<typeof response>('feedback', key, bodyHash);
    if (!existing) throw new Error('Idempotency key vanished during the request');
    return existing;
  }

  async recentFeedback(limit = 20, gemeenten?: GemeenteScope): Promise<StoredFeedback[]> {
    const rows = await this.db.query(
      'SELECT * FROM feedback WHERE ($2::text[] IS NULL OR gemeente = ANY($2)) ORDER BY received_at DESC, id LIMIT $1',
      [limit, scopeParam(gemeenten)],
    );
    return rows.map(toFeedback);
  }

  async feedbackComments(filter: FeedbackFilter, limit = 50): Promise<StoredFeedback[]> {
    const { where, params } = feedbackWhere(filter, ['comment IS NOT NULL']);
    const rows = await this.db.query(
      `SELECT * FROM feedback ${where} ORDER BY received_at DESC, id LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map(toFeedback);
  }

  /** Counts, share useful and mean score per page or per channel. */
  async feedbackStats(by: 'page' | 'channel', filter: FeedbackFilter = {}, limit = 50): Promise<FeedbackStatsRow[]> {
    const column = by === 'page' ? 'page_url' : 'channel';
    const { where, params } = feedbackWhere(filter);
    const rows = await this.db.query(
      `SELECT ${column} AS key, ${STATS} FROM feedback ${where}
       GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map(statsRow);
  }

  async feedbackTotals(filter: FeedbackFilter = {}): Promise<FeedbackStatsRow> {
    const { where, params } = feedbackWhere(filter);
    const [row] = await this.db.query(`SELECT 'all' AS key, ${STATS} FROM feedback ${where}`, params);
    return statsRow(row!);
  }

  /** The same figures per ISO week (weeks start on Monday, Amsterdam time), oldest first. */
  async feedbackTrend(filter: FeedbackFilter = {}): Promise<FeedbackWeekRow[]> {
    const { where, params } = feedbackWhere(filter);
    const rows = await this.db.query(
      `SELECT to_char(date_trunc('week', received_at AT TIME ZONE 'Europe/Amsterdam'), 'YYYY-MM-DD') AS key, ${STATS}
       FROM feedback ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    return rows.map((r) => ({ ...statsRow(r), week: String(r.key) }));
  }

  // -------------------------------------------------------------------------------------
  // Callback requests

  async createCallback(
    key: string,
    bodyHash: string,
    record: CallbackRecord,
    response: unknown,
    sync: { status: SyncStatus; target?: string },
    beforeInsert?: (tx: Queryable) => Promise<void>,
  ) {
    return this.idempotent('callback', key, bodyHash, record.id, response, async (tx) => {
      await beforeInsert?.(tx);
      await tx.query(
        `INSERT INTO callback_requests (id, reference, received_at, phone, name, question, context, topic, topic_label,
           preferred, expected, locale, status, sync_status, sync_target, sync_next_at, gemeente)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11::jsonb, $12, 'new', $13, $14, $15, $16)`,
        [
          record.id,
          record.reference,
          new Date(record.receivedAt),
          record.phone,
          record.name ?? null,
          record.question ?? null,
          record.context ? JSON.stringify(record.context) : null,
          record.topic ?? null,
          record.topicLabel ?? null,
          JSON.stringify(record.preferred),
          JSON.stringify(record.expected),
          record.locale,
          sync.status,
          sync.target ?? null,
          sync.status === 'pending' ? new Date(record.receivedAt) : null,
          record.gemeente ?? DEFAULT_GEMEENTE,
        ],
      );
    });
  }

  /** One request; undefined when it does not exist or belongs to a gemeente outside `gemeenten`. */
  async getCallback(id: string, gemeenten?: GemeenteScope): Promise<StoredCallback | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT ${callbackColumns} FROM callback_requests WHERE id = $1 AND ($2::text[] IS NULL OR gemeente = ANY($2))`,
      [id, scopeParam(gemeenten)],
    );
    return row ? toCallback(row) : undefined;
  }

  /** The KCC queue: oldest first. */
  /**
   * The queue, oldest first: `limit` (default 200) rows from `offset`, optionally only those whose
   * reference, phone number or topic matches `search` (see callbackSearch).
   */
  async listCallbacks(
    filter: {
      status?: CallbackStatus[];
      limit?: number;
      offset?: number;
      search?: string;
      /** 'promise': the promise that runs out first on top (due_at, see kcc/queue.ts). */
      order?: 'received' | 'promise';
      gemeenten?: GemeenteScope;
    } = {},
  ): Promise<StoredCallback[]> {
    const statuses = filter.status ?? [...CALLBACK_STATUSES];
    const search = callbackSearch(filter.search);
    const order = filter.order === 'promise' ? 'due_at NULLS LAST, received_at, reference' : 'received_at, reference';
    const rows = await this.db.query(
      `SELECT ${callbackColumns} FROM callback_requests WHERE status = ANY($1::text[]) AND ${SEARCH_CONDITION}
         AND ${SCOPE_CONDITION}
       ORDER BY ${order} LIMIT $4 OFFSET $5`,
      [
        statuses,
        search.text,
        search.digits,
        filter.limit ?? 200,
        Math.max(0, filter.offset ?? 0),
        scopeParam(filter.gemeenten),
      ],
    );
    return rows.map(toCallback);
  }

  /** How many requests listCallbacks would give without limit and offset. */
  async countCallbacks(
    filter: { status?: CallbackStatus[]; search?: string; gemeenten?: GemeenteScope } = {},
  ): Promise<number> {
    const statuses = filter.status ?? [...CALLBACK_STATUSES];
    const search = callbackSearch(filter.search);
    const [row] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM callback_requests WHERE status = ANY($1::text[]) AND ${SEARCH_CONDITION}
         AND ($4::text[] IS NULL OR gemeente = ANY($4))`,
      [statuses, search.text, search.digits, scopeParam(filter.gemeenten)],
    );
    return Number(row?.n ?? 0);
  }

  async callbackCounts(gemeenten?: GemeenteScope): Promise<Record<CallbackStatus, number> & { syncFailed: number }> {
    const scope = [scopeParam(gemeenten)];
    const rows = await this.db.query<{ status: CallbackStatus; n: number }>(
      'SELECT status, count(*)::int AS n FROM callback_requests WHERE ($1::text[] IS NULL OR gemeente = ANY($1)) GROUP BY status',
      scope,
    );
    const [failed] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM callback_requests WHERE sync_status = 'sync_failed' AND ($1::text[] IS NULL OR gemeente = ANY($1))",
      scope,
    );
    const counts = { new: 0, called: 0, no_answer: 0, done: 0, syncFailed: Number(failed?.n ?? 0) };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async recentCallbacks(limit = 20, gemeenten?: GemeenteScope): Promise<StoredCallback[]> {
    const rows = await this.db.query(
      `SELECT ${callbackColumns} FROM callback_requests WHERE ($2::text[] IS NULL OR gemeente = ANY($2))
       ORDER BY received_at DESC, reference LIMIT $1`,
      [limit, scopeParam(gemeenten)],
    );
    return rows.map(toCallback);
  }

  async setCallbackStatus(id: string, status: CallbackStatus, gemeenten?: GemeenteScope): Promise<boolean> {
    if (!isUuid(id) || !CALLBACK_STATUSES.includes(status)) return false;
    // The change and its row in callback_attempts (the dashboard's attempts) in one statement.
    const rows = await this.db.query(
      `WITH upd AS (UPDATE callback_requests SET status = $2, status_changed_at = $3
         WHERE id = $1 AND ($4::text[] IS NULL OR gemeente = ANY($4)) RETURNING id)
       INSERT INTO callback_attempts (callback_id, at, status) SELECT id, $3, $2 FROM upd RETURNING callback_id`,
      [id, status, this.clock.now(), scopeParam(gemeenten)],
    );
    return rows.length > 0;
  }

  /**
   * Claims callback requests due for a (re)try: marks them leased until `leaseUntil`, so another
   * instance does not file them at the same time. Erased requests are never filed.
   */
  async claimDueSync(limit: number, leaseUntil: Date): Promise<StoredCallback[]> {
    const rows = await this.db.query(
      `UPDATE callback_requests SET sync_next_at = $2
       WHERE id IN (
         SELECT id FROM callback_requests
         WHERE sync_status IN ('pending', 'sync_failed') AND sync_next_at <= $1 AND redacted_at IS NULL
         ORDER BY sync_next_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ) RETURNING ${callbackColumns}`,
      [this.clock.now(), leaseUntil, limit],
    );
    return rows.map(toCallback);
  }

  async markSynced(id: string, externalId: string): Promise<void> {
    await this.db.query(
      `UPDATE callback_requests SET sync_status = 'synced', sync_external_id = $2, synced_at = $3, sync_error = NULL,
         sync_next_at = NULL, sync_attempts = sync_attempts + 1 WHERE id = $1`,
      [id, externalId, this.clock.now()],
    );
  }

  async markSyncFailed(id: string, reason: string, nextAt: Date | null): Promise<void> {
    await this.db.query(
      `UPDATE callback_requests SET sync_status = 'sync_failed', sync_error = $2, sync_next_at = $3,
         sync_attempts = sync_attempts + 1 WHERE id = $1`,
      [id, reason.slice(0, 200), nextAt],
    );
  }

  /** Makes a failed request due now (the KCC's "try again" button). */
  async retrySyncNow(id: string, gemeenten?: GemeenteScope): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db.query(
      `UPDATE callback_requests SET sync_next_at = $2 WHERE id = $1 AND sync_status = 'sync_failed'
         AND redacted_at IS NULL AND ($3::text[] IS NULL OR gemeente = ANY($3)) RETURNING id`,
      [id, this.clock.now(), scopeParam(gemeenten)],
    );
    return rows.length > 0;
  }

  // -------------------------------------------------------------------------------------
  // Rate limits

  /**
   * Counts one hit for `key` in a fixed window. Returns the count in this window and when the
   * window ends. Atomic on both engines (one upsert), shared by every instance on the database.
   */
  async hitRateLimit(key: string, windowMs: number, q: Queryable = this.db): Promise<{ count: number; resetAt: Date }> {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + windowMs);
    const [row] = await q.query<{ count: number; expires_at: Date }>(rateUpsert('$1', '$2', '$3'), [key, now, expires]);
    return { count: Number(row!.count), resetAt: date(row!.expires_at)! };
  }

  /** The count for `key` in its current window without counting a hit (0 when none is open). */
  async peekRateLimit(key: string, q: Queryable = this.db): Promise<{ count: number; resetAt: Date } | undefined> {
    const [row] = await q.query<{ count: number; expires_at: Date }>(
      'SELECT count, expires_at FROM rate_limits WHERE key = $1 AND expires_at > $2',
      [key, this.clock.now()],
    );
    return row ? { count: Number(row.count), resetAt: date(row.expires_at)! } : undefined;
  }

  // -------------------------------------------------------------------------------------
  // Embedded cases

  async upsertCase(record: CaseRecord): Promise<void> {
    const { status } = record;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO cases (reference, status, check_value, started_on, updated_at, gemeente)
         VALUES ($1, $2::jsonb, $3, $4, $5, $6)
         ON CONFLICT (reference) DO UPDATE SET status = EXCLUDED.status, check_value = EXCLUDED.check_value,
           started_on = EXCLUDED.started_on, updated_at = EXCLUDED.updated_at, gemeente = EXCLUDED.gemeente`,
        [
          status.reference,
          JSON.stringify(status),
          record.check ?? null,
          status.startedOn,
          this.clock.now(),
          record.gemeente ?? DEFAULT_GEMEENTE,
        ],
      );
      await tx.query('DELETE FROM case_owners WHERE reference = $1', [status.reference]);
      for (const bsn of new Set(record.bsns ?? [])) {
        await tx.query('INSERT INTO case_owners (reference, bsn) VALUES ($1, $2)', [status.reference, bsn]);
      }
    });
  }

  async getCase(reference: string): Promise<CaseRecord | undefined> {
    const [row] = await this.db.query<{ status: CaseStatus; check_value: string | null; gemeente: string }>(
      'SELECT status, check_value, gemeente FROM cases WHERE reference = $1',
      [reference],
    );
    if (!row) return undefined;
    const owners = await this.db.query<{ bsn: string }>('SELECT bsn FROM case_owners WHERE reference = $1', [
      reference,
    ]);
    return {
      status: row.status,
      ...(row.check_value ? { check: row.check_value } : {}),
      bsns: owners.map((o) => o.bsn),
      gemeente: row.gemeente,
    };
  }

  /** The cases of a resident (in one gemeente when `gemeente` is given). */
  async listCasesForBsn(bsn: string, gemeente?: string): Promise<CaseStatus[]> {
    const rows = await this.db.query<{ status: CaseStatus }>(
      `SELECT c.status FROM cases c JOIN case_owners o ON o.reference = c.reference
       WHERE o.bsn = $1 AND ($2::text IS NULL OR c.gemeente = $2)
       ORDER BY c.started_on DESC, c.reference`,
      [bsn, gemeente ?? null],
    );
    return rows.map((r) => r.status);
  }

  // -------------------------------------------------------------------------------------
  // Sessions (KCC staff; resident demo login)

  async createSession(
    kind: 'staff' | 'resident',
    subject: string | null,
    ttlMs: number,
  ): Promise<{ token: string; csrf: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.db.query(
      'INSERT INTO sessions (id_hash, kind, subject, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sha256(token), kind, subject, csrf, now, expiresAt],
    );
    return { token, csrf, expiresAt };
  }

  async getSession(
    kind: 'staff' | 'resident',
    token: string | undefined,
  ): Promise<{ subject: string | null; csrf: string; expiresAt: Date } | undefined> {
    if (!token || token.length > 100) return undefined;
    const [row] = await this.db.query<{ subject: string | null; csrf: string; expires_at: Date }>(
      'SELECT subject, csrf, expires_at FROM sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3',
      [sha256(token), kind, this.clock.now()],
    );
    return row ? { subject: row.subject, csrf: row.csrf, expiresAt: date(row.expires_at)! } : undefined;
  }

  async deleteSession(token: string | undefined): Promise<void> {
    if (token) await this.db.query('DELETE FROM sessions WHERE id_hash = $1', [sha256(token)]);
  }

  // -------------------------------------------------------------------------------------
  // Retention

  addRetentionTask(task: RetentionTask): void {
    this.retentionTasks.push(task);
  }

  /**
   * Erases personal data and free text received before `cutoff`: callback phone numbers, names,
   * questions and hand-off context; feedback comments and phone numbers. Keeps what the
   * statistics need (topic, status, scores). Also drops old idempotency keys (they hold a hash
   * of the body) and expired sessions and rate-limit counters.
   */
  async applyRetention(cutoff: Date): Promise<RetentionResult> {
    const now = this.clock.now();
    const count = async (sql: string, params: unknown[]) => (await this.db.query(sql, params)).length;
    const result: RetentionResult = {
      callbacks: await count(
        `UPDATE callback_requests SET phone = NULL, name = NULL, question = NULL, context = NULL, redacted_at = $2,
           sync_status = CASE WHEN sync_status IN ('pending', 'sync_failed') THEN 'sync_failed' ELSE sync_status END,
           sync_next_at = NULL
         WHERE received_at < $1 AND redacted_at IS NULL RETURNING id`,
        [cutoff, now],
      ),
      feedback: await count(
        `UPDATE feedback SET comment = NULL, callback_phone = NULL, redacted_at = $2
         WHERE received_at < $1 AND redacted_at IS NULL AND (comment IS NOT NULL OR callback_phone IS NOT NULL)
         RETURNING id`,
        [cutoff, now],
      ),
      idempotencyKeys: await count('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING key', [cutoff]),
      sessions: await count('DELETE FROM sessions WHERE expires_at <= $1 RETURNING id_hash', [now]),
      rateLimits: await count('DELETE FROM rate_limits WHERE expires_at <= $1 RETURNING key', [now]),
      other: 0,
    };
    for (const task of this.retentionTasks) result.other += await task({ db: this.db, cutoff, now });
    return result;
  }

  // -------------------------------------------------------------------------------------
  // Tests

  /** Empties every table the gateway owns (tests reuse one store). */
  async reset(): Promise<void> {
    await this.db.exec(
      'TRUNCATE feedback, callback_requests, idempotency_keys, rate_limits, case_owners, cases, sessions, chat_sessions, chat_messages, chat_agents, audit_log, staff_logins, callback_attempts, contact_scores',
    );
  }
}

/** The queue search ($2: a LIKE pattern for reference and topic, $3: one for the phone number's digits). */
/** The id of the one gemeente of a single-gemeente gateway (and of rows from before 070). */
export const DEFAULT_GEMEENTE = 'default';
/** A GemeenteScope as a query parameter: null means every gemeente. */
const scopeParam = (gemeenten: GemeenteScope): string[] | null => (gemeenten ? [...gemeenten] : null);
const SCOPE_CONDITION = '($6::text[] IS NULL OR gemeente = ANY($6))';

const SEARCH_CONDITION = `($2::text IS NULL OR reference ILIKE $2 OR topic ILIKE $2 OR topic_label ILIKE $2
  OR ($3::text IS NOT NULL AND regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') LIKE $3))`;

/**
 * A staff member's search term → LIKE patterns: the text as typed (wildcards escaped) for the
 * reference and topic, and, when it has at least 3 digits, those digits for the phone number
 * (stored as +31…; "06 1234" is looked for as 31 6 1234).
 */
export function callbackSearch(term: string | undefined): { text: string | null; digits: string | null } {
  const trimmed = term?.trim();
  if (!trimmed) return { text: null, digits: null };
  const escape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  let digits = trimmed.replace(/\D/g, '');
  const phoneLike = digits.length >= 3 && /^[+\d\s().-]+$/.test(trimmed);
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0') && !trimmed.startsWith('+')) digits = `31${digits.slice(1)}`;
  return { text: `%${escape(trimmed)}%`, digits: phoneLike ? `%${digits}%` : null };
}

/** One fixed-window hit (placeholders: the key, now, the end of a new window). Returns count and expires_at. */
const rateUpsert = (key: string, now: string, end: string) =>
  `INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES (${key}, ${now}, 1, ${end})
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.expires_at <= ${now} THEN 1 ELSE rate_limits.count + 1 END,
    window_start = CASE WHEN rate_limits.expires_at <= ${now} THEN ${now} ELSE rate_limits.window_start END,
    expires_at = CASE WHEN rate_limits.expires_at <= ${now} THEN ${end} ELSE rate_limits.expires_at END
  RETURNING count, expires_at`;

/** Which image fits: the migrations and the PGlite build. */
function imageKey(migrations: Migration[]): string {
  let engine = '';
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    const stat = statSync(entry);
    engine = `${entry}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    engine = 'unknown';
  }
  return sha256(engine + migrations.map((m) => `${m.name}\n${m.sql}`).join('\n')).slice(0, 16);
}

/** Writes atomically (another process may read it at the same time); a failure only costs speed. */
async function writeImage(file: string, image: Uint8Array): Promise<void> {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, image);
    renameSync(tmp, file);
  } catch {
    // no cache this time
  }
}

const STATS = `count(*)::int AS count, count(useful)::int AS rated, count(*) FILTER (WHERE useful)::int AS useful,
  count(score)::int AS scored, avg(score)::float8 AS mean_score`;

function feedbackWhere(filter: FeedbackFilter, extra: string[] = []) {
  const clauses = [...extra];
  const params: unknown[] = [];
  if (filter.gemeenten) clauses.push(`gemeente = ANY($${params.push([...filter.gemeenten])}::text[])`);
  if (filter.since) clauses.push(`received_at >= $${params.push(filter.since)}`);
  if (filter.channel) clauses.push(`channel = $${params.push(filter.channel)}`);
  if (filter.pageUrl) clauses.push(`page_url = $${params.push(filter.pageUrl)}`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export { isUniqueViolation };
