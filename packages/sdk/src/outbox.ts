import type { DichtbijAdapter } from './adapter.ts';
import { DichtbijError, isDichtbijError, type DichtbijErrorCode } from './errors.ts';
import type { CallbackReceipt, CallbackRequestInput, FeedbackInput, FeedbackReceipt } from './schemas.ts';

/** What a resident submitted, waiting to be sent again. */
export interface OutboxItem {
  key: string;
  ns: string;
  kind: 'feedback' | 'callback';
  payload: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Not validated yet: the code to check it had not arrived (validated before it is sent). */
  raw?: boolean;
  /** The last failure: its code, HTTP status and how many times in a row it was the same. */
  lastCode?: DichtbijErrorCode;
  lastStatus?: number;
  same?: number;
}

/** Where queued submissions live. The default is IndexedDB, then localStorage, then memory. */
export interface OutboxStore {
  /** True when something may be stored, found without creating any storage. */
  mayHaveItems(): Promise<boolean>;
  load(ns: string): Promise<OutboxItem[]>;
  save(item: OutboxItem): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Why a submission waits: no connection (`network`), no (timely) answer, or an answer not understood. */
export type QueuedReason = 'network' | 'timeout' | 'server' | 'bad_response';

export type SubmitResult<R> =
  { result: 'sent'; id: string; receipt: R } | { result: 'queued'; id: string; reason: QueuedReason };

/** How long the outbox keeps trying. */
export interface OutboxPolicy {
  /** First retry delay in ms (default 2 000), doubling up to `maxDelay` (default 5 minutes). */
  baseDelay: number;
  maxDelay: number;
  /**
   * The same answer from the server (the same 5xx status, no answer in time, or an answer not
   * understood) this many times in a row, first send included: stop and tell (default 4).
   */
  maxSameFailures: number;
  /** Stop trying after this long in the outbox, in ms (default 7 days). */
  maxAge: number;
}

export const DEFAULT_OUTBOX_POLICY: Readonly<OutboxPolicy> = Object.freeze({
  baseDelay: 2_000,
  maxDelay: 5 * 60_000,
  maxSameFailures: 4,
  maxAge: 7 * 24 * 60 * 60_000,
});

/** `rejected`: refused for good (4xx other than 408/429); `gave_up`: tried as often or as long as the policy allows. */
export type OutboxFailure = 'rejected' | 'gave_up';

export type OutboxDecision = { action: 'retry'; item: OutboxItem } | { action: 'fail'; reason: OutboxFailure };

/**
 * What to do with a queued submission after a failed attempt (pure; the outbox's whole retry
 * policy):
 * - no connection (`network`): try again with backoff, as long as `maxAge` allows;
 * - too many attempts (`rate_limited`): try again after the backend's Retry-After (else backoff);
 * - the server fails (`server` with its status, `timeout`, `bad_response`): try again with
 *   backoff, but the same failure `maxSameFailures` times in a row gives up;
 * - refused (`validation`, `unauthorized`, `not_found`: 4xx other than 408/429): stop at once.
 */
export function outboxDecision(
  item: OutboxItem,
  error: unknown,
  now: number,
  policy: OutboxPolicy = DEFAULT_OUTBOX_POLICY,
): OutboxDecision {
  const code: DichtbijErrorCode = isDichtbijError(error) ? error.code : 'server';
  if (code === 'validation' || code === 'unauthorized' || code === 'not_found') {
    return { action: 'fail', reason: 'rejected' };
  }
  if (now - item.createdAt >= policy.maxAge) return { action: 'fail', reason: 'gave_up' };
  const status = isDichtbijError(error) ? error.status : undefined;
  const counted = code === 'server' || code === 'timeout' || code === 'bad_response';
  const same = counted && item.lastCode === code && item.lastStatus === status ? (item.same ?? 0) + 1 : 1;
  if (counted && same >= policy.maxSameFailures) return { action: 'fail', reason: 'gave_up' };
  const backoff = Math.min(policy.maxDelay, policy.baseDelay * 2 ** Math.max(0, item.attempts - 1));
  const retryAfter = isDichtbijError(error) ? error.retryAfter : undefined;
  const delay = code === 'rate_limited' && retryAfter !== undefined ? retryAfter * 1000 : backoff;
  const next: OutboxItem = {
    ...item,
    attempts: item.attempts + 1,
    nextAttemptAt: now + delay,
    lastCode: code,
    ...(status === undefined ? {} : { lastStatus: status }),
    same,
  };
  if (status === undefined) delete next.lastStatus;
  return { action: 'retry', item: next };
}

export interface OutboxOptions {
  adapter: DichtbijAdapter;
  store?: OutboxStore;
  /** First retry delay in ms (default 2 000), doubling up to `maxDelay` (default 5 minutes). */
  baseDelay?: number;
  maxDelay?: number;
  /** See `OutboxPolicy`. */
  maxSameFailures?: number;
  maxAge?: number;
  /**
   * Checks a submission queued raw (before its schema had loaded) and returns what to send.
   * Rejects with a `validation` DichtbijError when it is invalid, a `network` one when the code
   * still cannot be loaded.
   */
  validate?: (kind: OutboxItem['kind'], payload: unknown) => Promise<unknown>;
}

type Kinds = {
  feedback: { input: FeedbackInput; receipt: FeedbackReceipt };
  callback: { input: CallbackRequestInput; receipt: CallbackReceipt };
};

/** Detail of the outbox's `sent` event. */
export interface OutboxSentDetail {
  id: string;
  kind: OutboxItem['kind'];
  receipt: unknown;
}
/** Detail of the outbox's `retry` event: a queued submission failed again and waits. */
export interface OutboxRetryDetail {
  id: string;
  kind: OutboxItem['kind'];
  code: DichtbijErrorCode;
  attempts: number;
  nextAttemptAt: number;
}
/** Detail of the outbox's `failed` event: the submission is out of the outbox, not sent. */
export interface OutboxFailedDetail {
  id: string;
  kind: OutboxItem['kind'];
  error: unknown;
  reason: OutboxFailure;
  /** What the resident submitted, to show it again. */
  payload: unknown;
}

/** Keys being sent right now by any outbox in this page: one key never goes out twice at once. */
const inFlight = new Set<string>();

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

const queuedReason = (code: DichtbijErrorCode): QueuedReason =>
  code === 'timeout' || code === 'server' || code === 'bad_response' ? code : 'network';

/**
 * Queued submissions, each with its idempotency key for good: whatever is retried, by this
 * page, another tab or after a reload, the backend stores it once. Events: `change`, `sent`
 * (`OutboxSentDetail`), `retry` (`OutboxRetryDetail`), `failed` (`OutboxFailedDetail`).
 */
export class Outbox extends EventTarget {
  readonly #adapter: DichtbijAdapter;
  readonly #store: OutboxStore;
  readonly #policy: OutboxPolicy;
  readonly #validate: OutboxOptions['validate'];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #flushing: Promise<void> | undefined;
  #again = false;
  readonly #onOnline = () => void this.flush(true);

  constructor(options: OutboxOptions) {
    super();
    this.#adapter = options.adapter;
    this.#store = options.store ?? defaultStore();
    this.#policy = {
      baseDelay: options.baseDelay ?? DEFAULT_OUTBOX_POLICY.baseDelay,
      maxDelay: options.maxDelay ?? DEFAULT_OUTBOX_POLICY.maxDelay,
      maxSameFailures: options.maxSameFailures ?? DEFAULT_OUTBOX_POLICY.maxSameFailures,
      maxAge: options.maxAge ?? DEFAULT_OUTBOX_POLICY.maxAge,
    };
    this.#validate = options.validate;
    globalThis.addEventListener?.('online', this.#onOnline);
    // Something left from an earlier visit? Try it now (reading only; nothing is created here).
    void this.#store.mayHaveItems().then((may) => (may ? this.flush(true) : undefined));
  }

  /** The retry policy in use. */
  get policy(): Readonly<OutboxPolicy> {
    return this.#policy;
  }

  /**
   * Sends a submission with a fresh idempotency key. No connection, no answer or an answer not
   * understood keeps it for later (`queued`, with the reason); a refusal or "too many" rejects
   * (nothing is kept; the element keeps the resident's input).
   */
  async submit<K extends keyof Kinds>(
    kind: K,
    payload: Kinds[K]['input'],
    signal?: AbortSignal,
  ): Promise<SubmitResult<Kinds[K]['receipt']>> {
    const key = newIdempotencyKey();
    inFlight.add(key);
    try {
      const receipt = (await this.#send(kind, payload, key, signal)) as Kinds[K]['receipt'];
      return { result: 'sent', id: key, receipt };
    } catch (error) {
      if (!isDichtbijError(error) || !error.transient) throw error;
      const now = Date.now();
      const first: OutboxItem = {
        key,
        ns: this.#adapter.id,
        kind,
        payload,
        createdAt: now,
        attempts: 1,
        nextAttemptAt: now,
      };
      const decision = outboxDecision(first, error, now, this.#policy);
      // The policy allows a single attempt only: nothing is queued, the caller tells the resident.
      if (decision.action === 'fail') throw error;
      await this.#queue(decision.item);
      return { result: 'queued', id: key, reason: queuedReason(error.code) };
    } finally {
      inFlight.delete(key);
    }
  }

  /**
   * Keeps a submission whose code could not be loaded yet (offline before the first send): it is
   * validated (`validate` option) and sent when the code and the connection are there.
   */
  async enqueueRaw(kind: OutboxItem['kind'], payload: unknown): Promise<SubmitResult<never>> {
    const key = newIdempotencyKey();
    const now = Date.now();
    await this.#queue({
      key,
      ns: this.#adapter.id,
      kind,
      payload: structuredClone(payload),
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      raw: true,
      lastCode: 'network',
    });
    return { result: 'queued', id: key, reason: 'network' };
  }

  /** How many submissions wait to be sent. */
  async pending(): Promise<number> {
    if (!(await this.#store.mayHaveItems())) return 0;
    return (await this.#store.load(this.#adapter.id)).length;
  }

  /** The queued submissions (oldest first). */
  async items(): Promise<OutboxItem[]> {
    if (!(await this.#store.mayHaveItems())) return [];
    return this.#store.load(this.#adapter.id);
  }

  /** Tries every queued submission that is due (all of them when `force`). */
  flush(force = false): Promise<void> {
    if (this.#flushing) {
      // Asked again while busy (e.g. `online` during a failing attempt): go round once more.
      if (force) this.#again = true;
      return this.#flushing;
    }
    this.#flushing = this.#flush(force).finally(() => {
      this.#flushing = undefined;
      if (this.#again) {
        this.#again = false;
        void this.flush(true);
      }
    });
    return this.#flushing;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  async #queue(item: OutboxItem): Promise<void> {
    await this.#store.save(item);
    this.#emit('change');
    this.#schedule(Math.max(0, item.nextAttemptAt - Date.now()));
  }

  async #flush(force: boolean): Promise<void> {
    if (!(await this.#store.mayHaveItems())) return;
    const run = async () => {
      const items = await this.#store.load(this.#adapter.id);
      let next = Infinity;
      for (const stored of items) {
        let item = stored;
        if (inFlight.has(item.key)) continue;
        if (!force && item.nextAttemptAt > Date.now()) {
          next = Math.min(next, item.nextAttemptAt);
          continue;
        }
        inFlight.add(item.key);
        try {
          if (item.raw) {
            if (!this.#validate) throw new DichtbijError('network', 'No validator for a raw outbox item yet');
            item = { ...item, payload: await this.#validate(item.kind, item.payload), raw: false };
            await this.#store.save(item);
          }
          const receipt = await this.#send(item.kind, item.payload, item.key);
          await this.#store.remove(item.key);
          this.#emit('sent', { id: item.key, kind: item.kind, receipt } satisfies OutboxSentDetail);
        } catch (error) {
          const decision = outboxDecision(item, error, Date.now(), this.#policy);
          if (decision.action === 'retry') {
            await this.#store.save(decision.item);
            next = Math.min(next, decision.item.nextAttemptAt);
            this.#emit('retry', {
              id: item.key,
              kind: item.kind,
              code: decision.item.lastCode ?? 'server',
              attempts: decision.item.attempts,
              nextAttemptAt: decision.item.nextAttemptAt,
            } satisfies OutboxRetryDetail);
          } else {
            // Refused for good, or tried long enough: tell, do not loop forever.
            await this.#store.remove(item.key);
            this.#emit('failed', {
              id: item.key,
              kind: item.kind,
              error,
              reason: decision.reason,
              payload: item.payload,
            } satisfies OutboxFailedDetail);
          }
        } finally {
          inFlight.delete(item.key);
        }
      }
      this.#emit('change');
      if (next !== Infinity) this.#schedule(Math.max(0, next - Date.now()));
    };
    // Across tabs: one flush at a time (the idempotency key protects the backend anyway).
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks) await locks.request(`dichtbij-outbox:${this.#adapter.id}`, run);
    else await run();
  }

  #send(kind: keyof Kinds, payload: unknown, key: string, signal?: AbortSignal) {
    const options = { idempotencyKey: key, ...(signal ? { signal } : {}) };
    if (kind === 'feedback') return this.#adapter.submitFeedback(payload as FeedbackInput, options);
    if (kind === 'callback') return this.#adapter.requestCallback(payload as CallbackRequestInput, options);
    return Promise.reject(new DichtbijError('validation', `Unknown outbox kind ${String(kind)}`));
  }

  /** The next flush at `ms` from now, unless one is due sooner already. */
  #schedule(ms: number) {
    const at = Date.now() + ms;
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, ms);
    // Node: do not keep a process alive for a retry.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #emit(type: string, detail?: unknown) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

// ---------------------------------------------------------------------------------------
// Stores

export function memoryStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    mayHaveItems: async () => items.size > 0,
    load: async (ns) => [...items.values()].filter((i) => i.ns === ns).sort((a, b) => a.createdAt - b.createdAt),
    save: async (item) => void items.set(item.key, structuredClone(item)),
    remove: async (key) => void items.delete(key),
  };
}

const LS_KEY = 'dichtbij-outbox';

export function localStorageStore(storage: Storage = globalThis.localStorage): OutboxStore {
  const read = (): Record<string, OutboxItem> => {
    try {
      return JSON.parse(storage.getItem(LS_KEY) ?? '{}') as Record<string, OutboxItem>;
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, OutboxItem>) => {
    if (Object.keys(all).length) storage.setItem(LS_KEY, JSON.stringify(all));
    else storage.removeItem(LS_KEY);
  };
  return {
    mayHaveItems: async () => storage.getItem(LS_KEY) !== null,
    load: async (ns) =>
      Object.values(read())
        .filter((i) => i.ns === ns)
        .sort((a, b) => a.createdAt - b.createdAt),
    save: async (item) => write({ ...read(), [item.key]: item }),
    remove: async (key) => {
      const all = read();
      delete all[key];
      write(all);
    },
  };
}

const DB = 'dichtbij-outbox';
const OS = 'items';

export function indexedDbStore(idb: IDBFactory = globalThis.indexedDB): OutboxStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () =>
    (db ??= new Promise((resolve, reject) => {
      const request = idb.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(OS, { keyPath: 'key' });
      request.onsuccess = () => {
        const opened = request.result;
        // Another tab upgrades or deletes the database: let go instead of blocking it.
        opened.onversionchange = () => {
          opened.close();
          db = undefined;
        };
        resolve(opened);
      };
      request.onerror = () => reject(request.error);
    }));
  const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const store = (await open()).transaction(OS, mode).objectStore(OS);
    return new Promise((resolve, reject) => {
      const request = fn(store);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  return {
    // indexedDB.databases() looks without creating; opening would create the database.
    mayHaveItems: async () => {
      if (db) return true;
      const list = await idb.databases?.();
      return list ? list.some((d) => d.name === DB) : false;
    },
    load: async (ns) =>
      ((await tx('readonly', (s) => s.getAll())) as OutboxItem[])
        .filter((i) => i.ns === ns)
        .sort((a, b) => a.createdAt - b.createdAt),
    save: async (item) => void (await tx('readwrite', (s) => s.put(item))),
    remove: async (key) => void (await tx('readwrite', (s) => s.delete(key))),
  };
}

/** IndexedDB where it works, else localStorage, else memory (e.g. Node, or storage blocked). */
export function defaultStore(): OutboxStore {
  const fallback = (() => {
    try {
      if (globalThis.localStorage) return localStorageStore();
    } catch {
      // access denied (privacy settings)
    }
    return memoryStore();
  })();
  if (!globalThis.indexedDB) return fallback;
  const idb = indexedDbStore();
  let broken = false;
  const use = async <T>(fn: (s: OutboxStore) => Promise<T>): Promise<T> => {
    if (!broken) {
      try {
        return await fn(idb);
      } catch {
        broken = true;
      }
    }
    return fn(fallback);
  };
  return {
    mayHaveItems: async () => (await use((s) => s.mayHaveItems())) || (await fallback.mayHaveItems()),
    load: (ns) => use((s) => s.load(ns)),
    save: (item) => use((s) => s.save(item)),
    remove: (key) => use((s) => s.remove(key)),
  };
}
