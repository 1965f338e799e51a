/**
 * Background jobs: filing callback requests with a sink (with retry and backoff) and the
 * retention job. Both run on an interval and can be run by hand (tests, the KCC's retry button).
 */
import * as z from 'zod/mini';
import type { CallbackRecord, CallbackSink } from './connectors/types.ts';
import { errorFields, type Clock, type Logger } from './runtime.ts';
import type { RetentionResult, Store, StoredCallback } from './store/store.ts';

const SinkAnswerSchema = z.object({ externalId: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) });

export interface CallbackSyncOptions {
  store: Store;
  sink: CallbackSink;
  clock: Clock;
  logger: Logger;
  /** How long one `file` call may take (default 15 s). */
  timeoutMs?: number;
  /** First retry delay (default 30 s); doubles per attempt up to `maxDelayMs` (default 1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export function toCallbackRecord(row: StoredCallback): CallbackRecord {
  return {
    id: row.id,
    reference: row.reference,
    receivedAt: row.receivedAt.toISOString(),
    phone: row.phone ?? '',
    ...(row.name ? { name: row.name } : {}),
    ...(row.topic ? { topic: row.topic } : {}),
    ...(row.topicLabel ? { topicLabel: row.topicLabel } : {}),
    ...(row.question ? { question: row.question } : {}),
    preferred: row.preferred,
    expected: row.expected,
    ...(row.context ? { context: row.context } : {}),
    locale: row.locale,
  };
}

class SinkTimeout extends Error {
  override readonly name = 'SinkTimeout';
}

/** Files callback requests with the sink; a failure is kept as sync_failed and retried with backoff. */
export class CallbackSync {
  private running: Promise<{ synced: number; failed: number }> | undefined;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly timeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: CallbackSyncOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
  }

  get sinkName(): string {
    return this.options.sink.name;
  }

  /** The delay before attempt `attempts + 1` after `attempts` failures. */
  delayAfter(attempts: number): number {
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  /** Runs a pass soon (after a new request), without waiting for it. */
  kick(): void {
    void this.runDue().catch(() => undefined);
  }

  /** Files everything that is due now. Concurrent calls share one pass (and run one more after it). */
  runDue(): Promise<{ synced: number; failed: number }> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total = { synced: 0, failed: 0 };
      try {
        do {
          this.again = false;
          const r = await this.pass();
          total.synced += r.synced;
          total.failed += r.failed;
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return total;
    })();
    return this.running;
  }

  /** Resolves when no pass is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async pass() {
    const { store, clock, logger, sink } = this.options;
    let synced = 0;
    let failed = 0;
    for (;;) {
      const lease = new Date(clock.now().getTime() + this.timeoutMs + 60_000);
      const due = await store.claimDueSync(10, lease);
      if (!due.length) break;
      for (const row of due) {
        try {
          const answer = await this.withTimeout(sink.file(toCallbackRecord(row)));
          const parsed = SinkAnswerSchema.safeParse(answer);
          if (!parsed.success) throw new TypeError('The sink answered without an externalId');
          await store.markSynced(row.id, parsed.data.externalId);
          synced++;
        } catch (error) {
          const attempts = row.syncAttempts + 1;
          const nextAt = new Date(clock.now().getTime() + this.delayAfter(attempts));
          await store.markSyncFailed(row.id, describe(error), nextAt);
          logger.warn('callback.sync_failed', { sink: sink.name, attempts, ...errorFields(error) });
          failed++;
        }
      }
      if (due.length < 10) break;
    }
    if (synced) logger.info('callback.synced', { sink: sink.name, count: synced });
    return { synced, failed };
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SinkTimeout(`No answer within ${this.timeoutMs} ms`)), this.timeoutMs);
        timer.unref?.();
      }),
    ]).finally(() => clearTimeout(timer));
  }

  start(intervalMs = 30_000): void {
    this.stop();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref?.();
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** A short reason for the KCC console (staff only; never logged). */
function describe(error: unknown): string {
  if (error instanceof SinkTimeout) return 'timeout';
  if (error instanceof TypeError && error.message.includes('externalId')) return 'invalid answer (no externalId)';
  const e = error as { name?: string; message?: string } | undefined;
  return `${e?.name ?? 'Error'}: ${String(e?.message ?? error)}`.slice(0, 200);
}

export interface RetentionOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Days to keep personal data and free text (default 30). */
  days: number;
}

/** Erases personal data and free text older than `days` (see Store.applyRetention). */
export class RetentionJob {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<RetentionResult> | undefined;

  constructor(private readonly options: RetentionOptions) {
    if (!(options.days >= 1)) throw new Error('RETENTION_DAYS must be at least 1');
  }

  cutoff(): Date {
    return new Date(this.options.clock.now().getTime() - this.options.days * 86_400_000);
  }

  run(): Promise<RetentionResult> {
    this.running ??= (async () => {
      try {
        const result = await this.options.store.applyRetention(this.cutoff());
        this.options.logger.info('retention.run', { days: this.options.days, ...result });
        return result;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  start(intervalMs = 3_600_000): void {
    this.stop();
    const tick = () =>
      void this.run().catch((error: unknown) => this.options.logger.error('retention.failed', errorFields(error)));
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref?.();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }
}
