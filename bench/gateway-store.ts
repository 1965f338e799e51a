// One store measurement in a fresh process (so start-up is cold), printed as one JSON line.
// Run by bench/suites/gateway-store.mjs:  node --import tsx bench/gateway-store.ts <scenario>
//   memory | memory-image | datadir-first | datadir-reopen | postgres
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackInput } from '@dichtbij/sdk';
import { Store } from '@dichtbij/gateway';
import { startPostgres } from '../tests/support/postgres.ts';

const scenario = process.argv[2] ?? 'memory';
/** Prepares in another process, so this one's start-up and memory are measured cold. */
function prepare(what: 'image' | 'datadir', dir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `prepare-${what}`, dir], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`preparing the ${what} failed`);
}
const clock = { now: () => new Date() };
const input: FeedbackInput = {
  variant: 'page',
  useful: false,
  reasons: ['unclear'],
  comment: 'De kosten staan er niet bij.',
  channel: 'website',
  page: { url: 'https://www.gemeente.nl/paspoort', title: 'Paspoort aanvragen' },
  locale: 'nl',
};
const rate = { key: 'post:bench', limit: 1e9, windowMs: 60_000 };
const write = (store: Store) =>
  store.createFeedback(randomUUID(), 'h', { id: randomUUID(), receivedAt: clock.now(), input }, rate);

async function measure(open: () => Promise<Store>) {
  const started = performance.now();
  const store = await open();
  const startupMs = Math.round(performance.now() - started);
  const rssAfterOpenMB = Math.round(process.memoryUsage().rss / 1e6);
  for (let i = 0; i < 300; i++) await write(store); // warm-up: JIT and the database's caches
  const n = 2000;
  let t = performance.now();
  for (let i = 0; i < n; i++) await write(store);
  const sequential = Math.round(n / ((performance.now() - t) / 1000));
  t = performance.now();
  for (let i = 0; i < n / 10; i++) await Promise.all(Array.from({ length: 10 }, () => write(store)));
  const concurrent = Math.round(n / ((performance.now() - t) / 1000));
  await store.close();
  return {
    startupMs,
    rssAfterOpenMB,
    sequential,
    concurrent,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

if (scenario.startsWith('prepare-')) {
  const dir = process.argv[3]!;
  const store =
    scenario === 'prepare-image'
      ? await Store.open({ clock, pgliteImageCache: dir })
      : await Store.open({ clock, dataDir: join(dir, 'db') });
  await store.close();
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'dichtbij-store-bench-'));
try {
  let result;
  if (scenario === 'memory') result = await measure(() => Store.open({ clock }));
  else if (scenario === 'memory-image') {
    prepare('image', dir);
    result = await measure(() => Store.open({ clock, pgliteImageCache: dir }));
  } else if (scenario === 'datadir-first')
    result = await measure(() => Store.open({ clock, dataDir: join(dir, 'db') }));
  else if (scenario === 'datadir-reopen') {
    prepare('datadir', dir);
    result = await measure(() => Store.open({ clock, dataDir: join(dir, 'db') }));
  } else if (scenario === 'postgres') {
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase();
      result = await measure(() => Store.open({ clock, databaseUrl: url }));
    } finally {
      await pg.stop();
    }
  } else throw new Error(`unknown scenario ${scenario}`);
  process.stdout.write(`${JSON.stringify({ scenario, ...result })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
