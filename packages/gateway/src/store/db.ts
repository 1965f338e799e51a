/**
 * One small database interface over two engines that speak the same SQL: PGlite (PostgreSQL
 * compiled to WebAssembly, embedded, in memory or in a data directory) and PostgreSQL via `pg`.
 * Both take `$1` parameters and return rows as plain objects (timestamptz → Date, jsonb → value).
 */
import { mkdirSync } from 'node:fs';
import type { Client as PgClient } from 'pg';
import { preparedQueries } from './pglite-prepared.ts';

export interface Queryable {
  /** Runs one statement with parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel (PostgreSQL NOTIFY; in PGlite within this process). Resolves with an unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** NOTIFY a channel (payload ≤ 8000 bytes). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a dump of the data directory (an image to start other in-memory databases from). */
  dumpImage?(): Promise<Uint8Array>;
}

/** PostgreSQL error code of a unique violation. */
export const UNIQUE_VIOLATION = '23505';
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const e = error as { code?: string; constraint?: string; message?: string } | undefined;
  if (e?.code !== UNIQUE_VIOLATION) return false;
  return !constraint || e.constraint === constraint || !!e.message?.includes(constraint);
};

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`Invalid channel name "${channel}"`);
  return channel;
}

/**
 * PGlite: in memory when `dataDir` is undefined, else persisted in that directory. `image` is a
 * data directory dump (`dumpPgliteImage`) to start an in-memory database from instead of
 * running initdb: about twice as fast and half the memory.
 */
export async function openPglite(dataDir?: string, image?: Uint8Array): Promise<Db> {
  const { PGlite, protocol } = await import('@electric-sql/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = dataDir
    ? await PGlite.create(dataDir)
    : image
      ? await PGlite.create({ loadDataDir: new Blob([image as Uint8Array<ArrayBuffer>]) })
      : await PGlite.create();
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
    exec: (sql: string) => Promise<unknown>;
  }): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  const prepared = preparedQueries(pg, protocol);
  return {
    engine: 'pglite',
    ...base,
    // Outside transactions: prepared statements (parsed and planned once).
    query: <T>(sql: string, params: unknown[] = []) =>
      prepared.accepts(sql) ? prepared.query<T>(sql, params) : base.query<T>(sql, params),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(checkChannel(channel), onPayload);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    async notify(channel, payload) {
      await pg.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
    async dumpImage() {
      const blob = await pg.dumpDataDir('none');
      return new Uint8Array(await blob.arrayBuffer());
    },
  };
}

/** PostgreSQL through a `pg` pool; LISTEN uses one dedicated connection, opened on first use. */
export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection: the pool replaces it. Nothing personal to log here.
  });
  // Fail early with a clear error when the database cannot be reached.
  await pool.query('SELECT 1');
  let listener: PgClient | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  const wrap = (q: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await q.query(sql);
    },
  });

  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      checkChannel(channel);
      if (!listener) {
        listener = new pg.Client({ connectionString });
        listener.on('error', () => undefined);
        await listener.connect();
        listener.on('notification', (n) => {
          for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await listener.query(`LISTEN ${channel}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await listener?.query(`UNLISTEN ${channel}`).catch(() => undefined);
        }
      };
    },
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [checkChannel(channel), payload]);
    },
    async close() {
      await listener?.end().catch(() => undefined);
      listener = undefined;
      await pool.end();
    },
  };
}
