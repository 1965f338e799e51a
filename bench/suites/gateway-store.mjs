// The gateway's store engines: start-up and write throughput of the feedback insert (the
// idempotent insert with its rate-limit hit, one SQL statement), each scenario in a fresh
// process (bench/gateway-store.ts). Why PGlite: see packages/gateway/README.md.
import { spawnSync } from 'node:child_process';

export const name = 'gateway-store';
export const order = 55;
export const title = 'Gateway: store engines (start-up and writes)';
export const description =
  'Store.open (engine start + migrations) and the feedback insert through Store.createFeedback, 2 000 writes after a ' +
  '300-write warm-up: one after the other, and 10 at a time. PGlite is PostgreSQL in WebAssembly, in process; ' +
  'PostgreSQL runs as a local server (start of the cluster not counted). node:sqlite needs Node ≥ 22.5 (we run on 20), ' +
  'better-sqlite3 a native build: not measured.';
export const columns = [
  { key: 'engine', label: 'engine' },
  { key: 'startupMs', label: 'start-up (ms)' },
  { key: 'rssAfterOpenMB', label: 'RSS after start (MB)' },
  { key: 'sequential', label: 'writes/s, one at a time' },
  { key: 'concurrent', label: 'writes/s, 10 at a time' },
  { key: 'peakRssMB', label: 'peak RSS (MB)' },
  { key: 'note', label: 'note' },
];

const root = new URL('../..', import.meta.url).pathname;
const SCENARIOS = [
  { id: 'memory', engine: 'PGlite, in memory (initdb at start)' },
  { id: 'memory-image', engine: 'PGlite, in memory from a cached image (tests)' },
  { id: 'datadir-first', engine: 'PGlite, data directory, first start (initdb)' },
  { id: 'datadir-reopen', engine: 'PGlite, data directory, restart (demo, production)' },
  { id: 'postgres', engine: 'PostgreSQL (Debian package, local socket/TCP)' },
];

export async function run() {
  const rows = [];
  for (const s of SCENARIOS) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/gateway-store.ts', s.id], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (r.status !== 0 || !line) {
      const reason = (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').pop();
      rows.push({
        engine: s.engine,
        note: s.id === 'postgres' ? `skipped: ${reason}` : `failed: ${reason}`,
        status: s.id === 'postgres' ? '' : 'error',
      });
      continue;
    }
    const { scenario: _scenario, ...result } = JSON.parse(line);
    rows.push({ engine: s.engine, ...result });
  }
  return rows;
}
