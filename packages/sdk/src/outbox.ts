import type { DichtbijAdapter } from './adapter.ts';
import { DichtbijError, isDichtbijError } from './errors.ts';
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
}

/** Where queued submissions live. The default is IndexedDB, then localStorage, then memory. */
export interface OutboxStore {
  /** True when something may be stored, found without creating any storage. */
  mayHaveItems(): Promise<boolean>;
  load(ns: string): Promise<OutboxItem[]>;
  save(item: OutboxItem): Promise<void>;
  remove(key: string): Promise<void>;
}

export type SubmitResult<R> = { result: 'sent'; id: string; receipt: R } | { result: 'queued'; id: string };

export interface OutboxOptions {
  adapter: DichtbijAdapter;
  store?: OutboxStore;
  /** First retry delay in ms (default 2 000), doubling up to `maxDelay` (default 5 minutes). */
  baseDelay?: number;
  maxDelay?: number;
}

type Kinds = {
  feedback: { input: FeedbackInput; receipt: FeedbackReceipt };
  callback: { input: CallbackRequestInput; receipt: CallbackReceipt };
};

/** Keys being sent right now by any outbox in this page: one key never goes out twice at once. */
const inFlight = new Set<string>();

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

export class Outbox extends EventTarget {
  readonly #adapter: DichtbijAdapter;
  readonly #store: OutboxStore;
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | undefined;
  readonly #onOnline = () => void this.flush(true);

  constructor(options: OutboxOptions) {
    super();
    this.#adapter = options.adapter;
    this.#store = options.store ?? defaultStore();
    this.#baseDelay = options.baseDelay ?? 2_000;
    this.#maxDelay = options.maxDelay ?? 5 * 60_000;
    globalThis.addEventListener?.('online', this.#onOnline);
    // Something left from an earlier visit? Try it now (reading only; nothing is created here).
    void this.#store.mayHaveItems().then((may) => (may ? this.flush(true) : undefined));
  }

  /**
   * Sends a submission with a fresh idempotency key. A network failure, timeout or server
   * error keeps it for later (`queued`); anything else (invalid, rate limited) rejects.
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
      await this.#store.save({
        key,
        ns: this.#adapter.id,
        kind,
        payload,
        createdAt: now,
        attempts: 1,
        nextAttemptAt: now + this.#baseDelay,
      });
      this.#emit('change');
      this.#schedule(this.#baseDelay);
      return { result: 'queued', id: key };
    } finally {
      inFlight.delete(key);
    }
  }

  /** How many submissions wait to be sent. */
  async pending(): Promise<number> {
    if (!(await this.#store.mayHaveItems())) return 0;
    return (await this.#store.load(this.#adapter.id)).length;
  }

  /** Tries every queued submission that is due (all of them when `force`). */
  flush(force = false): Promise<void> {
    this.#flushing ??= this.#flush(force).finally(() => (this.#flushing = undefined));
    return this.#flushing;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  async #flush(force: boolean): Promise<void> {
    if (!(await this.#store.mayHaveItems())) return;
    const run = async () => {
      const items = await this.#store.load(this.#adapter.id);
      let next = Infinity;
      for (const item of items) {
        if (inFlight.has(item.key)) continue;
        if (!force && item.nextAttemptAt > Date.now()) {
          next = Math.min(next, item.nextAttemptAt);
          continue;
        }
        inFlight.add(item.key);
        try {
          const receipt = await this.#send(item.kind, item.payload, item.key);
          await this.#store.remove(item.key);
          this.#emit('sent', { id: item.key, kind: item.kind, receipt });
        } catch (error) {
          if (isDichtbijError(error) && error.transient) {
            const delay = Math.min(this.#maxDelay, this.#baseDelay * 2 ** item.attempts);
            const updated = { ...item, attempts: item.attempts + 1, nextAttemptAt: Date.now() + delay };
            await this.#store.save(updated);
            next = Math.min(next, updated.nextAttemptAt);
          } else {
            // The backend refused it for good (invalid, gone): tell, do not loop forever.
            await this.#store.remove(item.key);
            this.#emit('failed', { id: item.key, kind: item.kind, error });
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

  #schedule(ms: number) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), ms);
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
