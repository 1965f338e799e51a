/**
 * The queue's promise column (issue 12): when each callback request's promise runs out
 * (`promiseDeadline` of its stored `expected`, from the SDK), kept in `due_at` so the queue can be
 * sorted by it, and the time left in words ("Nog 2 uur", "Te laat: 15 min over de belofte").
 */
import type { OpeningHours } from '@dichtbij/sdk/opening-hours';
import type { ExpectedCallback } from '@dichtbij/sdk/schemas';
import { minutesLeft, promiseDeadline, timeLeftText } from '@dichtbij/sdk/service-norms';
import type { Store, StoredCallback } from '../store/store.ts';

/**
 * Fills `due_at` for requests that do not have it yet (new ones, and those from before), with
 * the opening hours of each request's gemeente.
 */
export async function fillDueTimes(
  store: Store,
  hours: OpeningHours | ((gemeente: string) => OpeningHours),
  batch = 500,
): Promise<number> {
  const rows = await store.db.query<{ id: string; received_at: Date; expected: ExpectedCallback; gemeente: string }>(
    'SELECT id, received_at, expected, gemeente FROM callback_requests WHERE due_at IS NULL LIMIT $1',
    [batch],
  );
  for (const r of rows) {
    const due = promiseDeadline(
      r.expected,
      new Date(r.received_at),
      typeof hours === 'function' ? hours(r.gemeente) : hours,
    );
    await store.db.query('UPDATE callback_requests SET due_at = $2 WHERE id = $1', [r.id, due]);
  }
  return rows.length;
}

export interface DueInfo {
  deadline: Date;
  minutes: number;
  overdue: boolean;
  text: string;
}

/** Time left for an open request; undefined for one already called back or done. */
export function dueInfo(c: StoredCallback, hours: OpeningHours, now: Date): DueInfo | undefined {
  if (c.status === 'done' || c.status === 'called') return undefined;
  const deadline = promiseDeadline(c.expected, c.receivedAt, hours);
  const minutes = minutesLeft(deadline, now);
  return { deadline, minutes, overdue: minutes < 0, text: timeLeftText(minutes) };
}
