// The published CDN folder (packages/components/dist/cdn, built by `pnpm -r build`) as a page
// loads it: "before interaction" = the entry file plus every chunk it imports statically,
// transitively (what the browser fetches at once); "on demand" = what import() can add,
// transitively. Sizes summed per file, gzip level 9, 1 kB = 1000 bytes. Budgets from the
// element issues (gzip, before interaction).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export const name = 'cdn-size';
export const order = 5;
export const title = 'CDN bundle (dist/cdn): bytes before interaction and on demand';
export const description =
  'The built packages/components/dist/cdn files. Before interaction: the entry and its static imports, transitively. ' +
  'On demand: everything its dynamic import() calls can load, transitively (beyond the first). ' +
  "Of that, at idle: what loads once the page is idle, without an interaction (the chat launcher's settled state, idle-*.js). " +
  'gzip -9 per file, summed; 1 kB = 1000 bytes. ' +
  "The Lit elements' entries are facades (first state without Lit; the element loads on intent or near the viewport). " +
  '"page with all four" = a page loading feedback.js, bel-me.js, status-tracker.js, chat-launcher.js and config.js, each chunk once.';
export const columns = [
  { key: 'entry', label: 'entry' },
  { key: 'files', label: 'files before interaction' },
  { key: 'raw', label: 'raw', format: 'bytes' },
  { key: 'gzip', label: 'before interaction (gzip)', format: 'bytes' },
  { key: 'budget', label: 'budget (gzip)', format: 'kB' },
  { key: 'onDemand', label: 'on demand (gzip)', format: 'bytes' },
  { key: 'idle', label: 'of which at idle (gzip)', format: 'bytes' },
  { key: 'status', label: 'ok/over' },
];

const root = new URL('../..', import.meta.url).pathname;
const cdn = join(root, 'packages/components/dist/cdn');
const BUDGETS = {
  feedback: 12_000,
  'bel-me': 14_000,
  'status-tracker': 12_000,
  'chat-launcher': 3_000,
  dichtbij: 40_000,
  page: 40_000,
};
const PER_ELEMENT = ['feedback', 'bel-me', 'status-tracker', 'chat-launcher', 'config'];

function imports(file) {
  const code = readFileSync(join(cdn, file), 'utf8');
  const dir = dirname(file);
  const rel = (spec) => normalize(join(dir, spec));
  const staticImports = [
    ...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.{1,2}\/[^"']+)["']/g),
  ].map((m) => rel(m[1]));
  const dynamicImports = [...code.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => rel(m[1]));
  return { staticImports, dynamicImports };
}

function closure(start, followDynamic) {
  const seen = new Set();
  const queue = [...start];
  while (queue.length) {
    const f = queue.shift();
    if (seen.has(f)) continue;
    seen.add(f);
    const { staticImports, dynamicImports } = imports(f);
    queue.push(...staticImports, ...(followDynamic ? dynamicImports : []));
  }
  return seen;
}

const size = (files) => {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(cdn, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
};

export async function run() {
  if (!existsSync(join(cdn, 'dichtbij.js'))) throw new Error('dist/cdn is not built: run pnpm -r build');
  const rows = [];
  for (const entry of [...PER_ELEMENT, 'dichtbij', 'page']) {
    const start = entry === 'page' ? PER_ELEMENT.map((e) => `${e}.js`) : [`${entry}.js`];
    const first = closure(start, false);
    const all = closure(start, true);
    const before = size(first);
    const demand = size([...all].filter((f) => !first.has(f)));
    // Loaded when the page is idle, without an interaction: the idle-*.js chunks and their static imports.
    const idleStart = [...first].flatMap((f) =>
      imports(f).dynamicImports.filter((d) => /(^|\/)idle-[\w-]+\.js$/.test(d)),
    );
    const idle = size([...closure(idleStart, false)].filter((f) => !first.has(f)));
    const budget = BUDGETS[entry];
    rows.push({
      entry: entry === 'page' ? 'page with all four + config (the five files)' : `${entry}.js`,
      files: first.size,
      raw: before.raw,
      gzip: before.gzip,
      budget,
      onDemand: demand.gzip,
      idle: idle.gzip,
      status: budget === undefined ? 'no budget' : before.gzip <= budget ? 'ok' : 'over',
    });
  }
  return rows;
}
