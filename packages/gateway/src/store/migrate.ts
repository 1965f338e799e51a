/**
 * SQL migrations: every `NNN_name.sql` in ./migrations (or extra directories), applied in
 * order of their number, each in its own transaction together with its row in
 * `schema_migrations`. On PostgreSQL an advisory lock keeps two starting instances from
 * migrating at the same time. Files are never edited once released: add a new number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE = /^(\d{3,})_[a-z0-9_-]+\.sql$/i;
/** Any constant: the advisory lock id for migrations. */
const LOCK_ID = 0x0d1c4781;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export function readMigrations(dirs: string[] = [MIGRATIONS_DIR]): Migration[] {
  const all: Migration[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      const match = FILE.exec(name);
      if (match) all.push({ version: match[1]!, name, sql: readFileSync(join(dir, name), 'utf8') });
    }
  }
  all.sort((a, b) => Number(a.version) - Number(b.version) || a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.name)) throw new Error(`Migration ${m.name} exists twice`);
    seen.add(m.name);
  }
  return all;
}

/** Applies what is missing; returns the names applied now. */
export async function migrate(db: Db, migrations: Migration[] = readMigrations()): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      if (db.engine === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (rows.length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
