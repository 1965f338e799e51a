/**
 * Scores after a contact (issue 12): one 1–10 score per callback request or chat, stored in
 * `contact_scores` with the contact's gemeente. The primary key refuses a second score for the same contact; a retry of the
 * same request (same Idempotency-Key) is answered as stored, not counted twice.
 */
import type { Store } from '../store/store.ts';

export type ContactType = 'callback' | 'chat';
export const CONTACT_CHANNEL: Record<ContactType, string> = { callback: 'telefoon', chat: 'chat' };

export type ScoreResult =
  { outcome: 'created' | 'replayed'; at: Date } | { outcome: 'already' } | { outcome: 'unknown' };

export async function recordContactScore(
  store: Store,
  entry: { type: ContactType; id: string; score: number; at: Date; idempotencyKey?: string },
): Promise<ScoreResult> {
  // Only for a contact that exists (and, for a callback, one that staff marked as called or done);
  // the score belongs to that contact's gemeente (the dashboards count it there).
  const contact =
    entry.type === 'callback'
      ? "FROM callback_requests c WHERE c.id = $2 AND c.status IN ('called', 'done')"
      : "FROM chat_sessions c WHERE c.id = $2 AND c.state = 'ended'";
  const rows = await store.db.query<{ at: Date }>(
    `INSERT INTO contact_scores (contact_type, contact_id, channel, score, at, idempotency_key, gemeente)
     SELECT $1, $2, $3, $4, $5, $6, c.gemeente ${contact}
     ON CONFLICT (contact_type, contact_id) DO NOTHING RETURNING at`,
    [entry.type, entry.id, CONTACT_CHANNEL[entry.type], entry.score, entry.at, entry.idempotencyKey ?? null],
  );
  if (rows.length) return { outcome: 'created', at: entry.at };
  const [existing] = await store.db.query<{ at: Date; idempotency_key: string | null }>(
    'SELECT at, idempotency_key FROM contact_scores WHERE contact_type = $1 AND contact_id = $2',
    [entry.type, entry.id],
  );
  if (!existing) return { outcome: 'unknown' };
  if (entry.idempotencyKey && existing.idempotency_key === entry.idempotencyKey) {
    return { outcome: 'replayed', at: new Date(existing.at) };
  }
  return { outcome: 'already' };
}

/** Whether a contact already has a score (the console shows it; the chat panel asks only once). */
export async function contactScore(store: Store, type: ContactType, id: string): Promise<number | undefined> {
  const [row] = await store.db.query<{ score: number }>(
    'SELECT score FROM contact_scores WHERE contact_type = $1 AND contact_id = $2',
    [type, id],
  );
  return row ? Number(row.score) : undefined;
}
