// Bundle size of each public entry point: raw, gzip and brotli bytes against the gzip budget.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { kB, sizeEntries } from '../entries.mjs';

export const name = 'size';
export const order = 10;
export const title = 'Bundle size';
export const description =
  'Each public entry point bundled with esbuild as a page with only that entry would load it: minified ESM, ' +
  'browser, every dependency bundled, NODE_ENV=production, licence comments in a separate file. ' +
  'gzip level 9, brotli quality 11, 1 kB = 1000 bytes; the budget is for gzip.';
export const columns = [
  { key: 'entry', label: 'entry' },
  { key: 'raw', label: 'raw bytes', format: 'bytes' },
  { key: 'gzip', label: 'gzip bytes', format: 'bytes' },
  { key: 'brotli', label: 'brotli bytes', format: 'bytes' },
  { key: 'budget', label: 'budget (gzip)', format: 'kB' },
  { key: 'status', label: 'ok/over' },
  { key: 'note', label: 'note (largest: minified bytes before compression)' },
];

const root = new URL('../..', import.meta.url).pathname;
const outRoot = join(root, 'bench/out/size');

/** Workspace packages by name: { dir, exports }. */
function workspacePackages() {
  const packages = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    packages.set(pkg.name, { dir: join(root, 'packages', dir), exports: pkg.exports ?? {} });
  }
  return packages;
}

function pickTarget(target) {
  if (typeof target === 'string') return target;
  if (target && typeof target === 'object') return pickTarget(target.browser ?? target.import ?? target.default);
  return undefined;
}

/** '@dichtbij/components/feedback' -> absolute file, through the package's exports map. */
export function resolveEntry(specifier, packages = workspacePackages()) {
  const pkgName = [...packages.keys()].find((n) => specifier === n || specifier.startsWith(`${n}/`));
  if (!pkgName) throw new Error(`${specifier}: no workspace package of that name`);
  const { dir, exports } = packages.get(pkgName);
  const subpath = `.${specifier.slice(pkgName.length)}`;
  const target = pickTarget(typeof exports === 'string' && subpath === '.' ? exports : exports[subpath]);
  if (!target) throw new Error(`${specifier}: "${subpath}" is not in the exports of ${pkgName}`);
  return join(dir, target);
}

const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

/** Splits the outputs into what loads at once (the entry and its static imports) and what loads later. */
function partition(metafile, outdir) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint && f.endsWith('.js'));
  const initial = new Set();
  const walk = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imp of outputs[file]?.imports ?? [])
      if (imp.kind === 'import-statement' && !imp.external) walk(imp.path);
  };
  walk(entry);
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  const abs = (f) => join(root, f);
  const initialFiles = js.filter((f) => initial.has(f));
  const lazyFiles = js.filter((f) => !initial.has(f));
  return {
    initial: initialFiles.map(abs),
    lazy: lazyFiles.map(abs),
    heaviest: { initial: heaviest(outputs, initialFiles), lazy: heaviest(outputs, lazyFiles) },
    outdir,
  };
}

/** Minified bytes per package (or per workspace folder) in some outputs, largest first. */
function heaviest(outputs, files) {
  const by = new Map();
  for (const f of files) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[f].inputs)) {
      const pkg = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1];
      const key = pkg ?? input.split('/').slice(0, 4).join('/');
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([source, bytes]) => ({ source, bytes }));
}

function measureFiles(files) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const file of files) {
    const buf = readFileSync(file);
    raw += buf.length;
    gz += gzip(buf);
    br += brotli(buf);
  }
  return { raw, gzip: gz, brotli: br };
}

const builds = new Map();
async function bundle(specifier, file) {
  if (!builds.has(specifier)) {
    const outdir = join(outRoot, specifier.replace(/[@/.]+/g, '-').replace(/^-/, ''));
    builds.set(
      specifier,
      (async () => {
        await rm(outdir, { recursive: true, force: true });
        await mkdir(outdir, { recursive: true });
        const result = await build({
          absWorkingDir: root,
          entryPoints: { entry: file },
          outdir,
          bundle: true,
          splitting: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          conditions: ['browser', 'production'],
          define: { 'process.env.NODE_ENV': '"production"' },
          legalComments: 'external',
          tsconfig: join(root, 'tsconfig.json'),
          metafile: true,
          logLevel: 'silent',
        });
        return partition(result.metafile, outdir);
      })(),
    );
  }
  return builds.get(specifier);
}

export async function run() {
  const packages = workspacePackages();
  const rows = [];
  for (const entry of sizeEntries) {
    const row = { entry: entry.name, specifier: entry.specifier, budget: entry.budget };
    let file;
    try {
      file = resolveEntry(entry.specifier, packages);
    } catch (e) {
      rows.push({ ...row, status: 'error', note: e.message });
      continue;
    }
    if (!existsSync(file)) {
      rows.push({ ...row, status: 'not built yet', note: `${relative(root, file)} does not exist yet` });
      continue;
    }
    let parts;
    try {
      parts = await bundle(entry.specifier, file);
    } catch (e) {
      const first = e.errors?.[0];
      const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
      rows.push({ ...row, status: 'error', note: `build failed: ${first?.text ?? e.message}${where}` });
      continue;
    }
    const lazy = entry.measure === 'lazy';
    const files = lazy ? parts.lazy : parts.initial;
    const top = lazy ? parts.heaviest.lazy : parts.heaviest.initial;
    if (entry.measure === 'lazy' && files.length === 0) {
      rows.push({ ...row, status: 'not built yet', note: 'no chunk loaded with import() yet' });
      continue;
    }
    const size = measureFiles(files);
    const notes = [`${files.length} file${files.length === 1 ? '' : 's'}`];
    if (!lazy && parts.lazy.length) notes.push(`+${measureFiles(parts.lazy).gzip} B gzip later`);
    notes.push(
      `largest: ${top
        .slice(0, 3)
        .map((t) => `${t.source} ${Math.round(t.bytes / 100) / 10} kB`)
        .join(', ')}`,
    );
    const status = entry.budget == null ? 'no budget' : size.gzip <= entry.budget ? 'ok' : 'over';
    rows.push({ ...row, ...size, status, note: notes.join('; '), heaviest: top });
  }
  return rows;
}

export { kB };
