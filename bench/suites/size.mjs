// Bundle size of each public entry point: what the first load costs (raw, gzip, brotli) against the gzip
// budget, and what normal use loads by the time the resident has interacted.
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { kB, rarelyLoaded, sizeEntries } from '../entries.mjs';

export const name = 'size';
export const order = 10;
export const title = 'Bundle size';
export const description =
  'Each public entry point bundled with esbuild as a page with only that entry would load it: minified ESM, ' +
  'browser, code splitting, every dependency bundled, NODE_ENV=production, licence comments in a separate file. ' +
  'First load = the entry’s output file plus the chunks it imports statically, transitively. After interaction = ' +
  'the first load plus what normal use loads with import(), transitively, leaving out chunks made only of rarely ' +
  `loaded modules (${rarelyLoaded.map((r) => r.module).join(', ')}). For the chat panel, "first load" is what ` +
  'the first click loads beyond the facade. Sizes are summed per file; gzip level 9, brotli quality 11, ' +
  '1 kB = 1000 bytes; the budget is for the first-load gzip.';
export const columns = [
  { key: 'entry', label: 'entry' },
  { key: 'raw', label: 'first load raw', format: 'bytes' },
  { key: 'gzip', label: 'first load gzip', format: 'bytes' },
  { key: 'brotli', label: 'first load brotli', format: 'bytes' },
  { key: 'afterGzip', label: 'after interaction gzip', format: 'bytes' },
  { key: 'budget', label: 'budget (gzip)', format: 'kB' },
  { key: 'status', label: 'ok/over' },
  { key: 'note', label: 'note (largest inputs in the first load, minified bytes)' },
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

/** An absolute file as esbuild names it in a metafile: relative to absWorkingDir, with forward slashes. */
export const esbuildPath = (file) => relative(root, realpathSync(file)).split(sep).join('/');

const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;

/** 'node_modules/.pnpm/x@1/node_modules/x/a.js' -> 'x/a.js'; workspace paths stay as they are. */
const modulePath = (input) => {
  const at = input.lastIndexOf('node_modules/');
  return at < 0 ? input : input.slice(at + 'node_modules/'.length);
};
/** 'x/a.js' -> 'x'; '@s/x/a.js' -> '@s/x'; workspace paths -> undefined. */
const packageOf = (input) =>
  input.includes('node_modules/') ? modulePath(input).match(/^(?:@[^/]+\/)?[^/]+/)?.[0] : undefined;

/** The rarelyLoaded entry an input module is, if any. */
function rareEntryOf(input) {
  const path = modulePath(input);
  return rarelyLoaded.find(
    ({ module }) => path === module || (path.startsWith(module) && /^\.[cm]?js$/.test(path.slice(module.length))),
  );
}
const isRareInput = (input) => rareEntryOf(input) !== undefined;

/** The output's own JS plus its CSS bundle, if any (a page loads both). */
const filesOf = (outputs, file) => [file, ...(outputs[file]?.cssBundle ? [outputs[file].cssBundle] : [])];

/**
 * The JS output built for one input module (an entry point, or a module loaded with import(), which
 * esbuild also makes an entry point of).
 */
export function outputFor(metafile, inputPath) {
  const outputs = metafile.outputs;
  const hit = Object.keys(outputs).find((f) => f.endsWith('.js') && outputs[f].entryPoint === inputPath);
  if (!hit) {
    const known = Object.values(outputs)
      .map((o) => o.entryPoint)
      .filter(Boolean);
    throw new Error(`no output has entryPoint "${inputPath}" (entry points: ${known.join(', ')})`);
  }
  return hit;
}

/** A chunk whose code comes only from rarely loaded modules (a chunk with no code of its own is not). */
export function isRareChunk(output) {
  const inputs = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
  return inputs.length > 0 && inputs.every(([input]) => isRareInput(input));
}

/** The output files loaded together with `starts`: their static `import-statement` imports, transitively. */
export function staticClosure(metafile, starts) {
  const outputs = metafile.outputs;
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? [])
      if (imp.kind === 'import-statement' && !imp.external) walk(imp.path);
  };
  for (const s of starts) walk(s);
  return seen;
}

/**
 * Everything `starts` loads by the time it has been used: static imports and import() targets, transitively,
 * skipping import() of chunks made only of rarely loaded modules. Returns the files and the skipped chunks.
 */
export function interactionClosure(metafile, starts) {
  const outputs = metafile.outputs;
  const seen = new Set();
  const skipped = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of outputs[file]?.imports ?? []) {
      if (imp.external) continue;
      if (imp.kind === 'import-statement') walk(imp.path);
      else if (imp.kind === 'dynamic-import') {
        if (outputs[imp.path] && isRareChunk(outputs[imp.path])) skipped.add(imp.path);
        else walk(imp.path);
      }
    }
  };
  for (const s of starts) walk(s);
  for (const f of seen) skipped.delete(f); // also reached without the rare import()
  return { files: seen, skipped };
}

/** Minified bytes per input in some outputs, largest first: dependencies by package, our own code by file. */
function largestInputs(metafile, files) {
  const by = new Map();
  for (const f of files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[f]?.inputs ?? {})) {
      const key = packageOf(input) ?? input.replace(/^packages\//, '').replace('/src/', '/');
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]).map(([source, bytes]) => ({ source, bytes }));
}

const sizes = new Map();
/** raw, gzip and brotli bytes of one output file (metafile path), cached per build output. */
function sizeOf(file) {
  if (!sizes.has(file)) {
    const buf = readFileSync(join(root, file));
    sizes.set(file, { file, raw: buf.length, gzip: gzip(buf), brotli: brotli(buf) });
  }
  return sizes.get(file);
}

function measure(files) {
  const list = [...files].filter((f) => /\.(js|css)$/.test(f)).sort();
  const per = list.map(sizeOf);
  const sum = (k) => per.reduce((n, s) => n + s[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files: per };
}

/** rarelyLoaded modules seen in some bundle: a typo in entries.mjs would otherwise count everything. */
const usedRare = new Set();
const builds = new Map();
function bundle(specifier, file) {
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
        // For checking a row by hand: the outputs, their inputs and imports.
        await writeFile(join(outdir, 'metafile.json'), JSON.stringify(result.metafile, null, 2));
        for (const input of Object.keys(result.metafile.inputs)) usedRare.add(rareEntryOf(input)?.module);
        return result.metafile;
      })(),
    );
  }
  return builds.get(specifier);
}

const minus = (a, b) => new Set([...a].filter((f) => !b.has(f)));
const kb = (bytes) => `${Math.round(bytes / 100) / 10} kB`;

/** The sets of output files one entry row measures. */
export function measureSets(metafile, entryFile, lazyModule) {
  const entryOut = outputFor(metafile, esbuildPath(entryFile));
  const entryFirst = staticClosure(metafile, filesOf(metafile.outputs, entryOut));
  if (!lazyModule) {
    const after = interactionClosure(metafile, entryFirst);
    return { entryOut, first: entryFirst, after: after.files, skipped: after.skipped };
  }
  const lazyOut = outputFor(metafile, lazyModule);
  const onClick = staticClosure(metafile, filesOf(metafile.outputs, lazyOut));
  const after = interactionClosure(metafile, onClick);
  return {
    entryOut: lazyOut,
    first: minus(onClick, entryFirst),
    after: minus(after.files, entryFirst),
    skipped: after.skipped,
    alreadyLoaded: entryFirst,
  };
}

export async function run() {
  const packages = workspacePackages();
  const rows = [];
  for (const entry of sizeEntries) {
    const row = { entry: entry.name, specifier: entry.specifier, budget: entry.budget };
    if (entry.lazyModule) row.lazyModule = entry.lazyModule;
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
    let metafile;
    try {
      metafile = await bundle(entry.specifier, file);
    } catch (e) {
      const first = e.errors?.[0];
      const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
      rows.push({ ...row, status: 'error', note: `build failed: ${first?.text ?? e.message}${where}` });
      continue;
    }
    if (entry.lazyModule && !metafile.inputs[entry.lazyModule]) {
      rows.push({ ...row, status: 'not built yet', note: `${entry.lazyModule} is not in the bundle yet` });
      continue;
    }
    let sets;
    try {
      sets = measureSets(metafile, file, entry.lazyModule);
    } catch (e) {
      rows.push({ ...row, status: 'error', note: e.message });
      continue;
    }
    const first = measure(sets.first);
    const after = measure(sets.after);
    const skipped = measure(sets.skipped);
    const top = largestInputs(metafile, sets.first);
    const status = entry.budget == null ? 'no budget' : first.gzip <= entry.budget ? 'ok' : 'over';
    const note = `${first.files.length} file${first.files.length === 1 ? '' : 's'}: ${top
      .slice(0, 3)
      .map((t) => `${t.source} ${kb(t.bytes)}`)
      .join(', ')}`;
    rows.push({
      ...row,
      raw: first.raw,
      gzip: first.gzip,
      brotli: first.brotli,
      afterGzip: after.gzip,
      afterBrotli: after.brotli,
      afterRaw: after.raw,
      status,
      note,
      entryOutput: sets.entryOut,
      firstLoad: first.files,
      afterInteraction: after.files.filter((f) => !sets.first.has(f.file)),
      ...(sets.alreadyLoaded ? { alreadyLoadedByEntry: [...sets.alreadyLoaded].sort() } : {}),
      rarelyLoadedNotCounted: skipped.files.map((f) => ({
        ...f,
        inputs: Object.keys(metafile.outputs[f.file].inputs).map(modulePath),
      })),
      largestFirstLoad: top.slice(0, 8),
    });
  }
  const unused = rarelyLoaded.filter(({ module }) => !usedRare.has(module));
  if (unused.length)
    console.warn(
      `size: rarelyLoaded entries that match no module in any bundle: ${unused.map((r) => r.module).join(', ')}`,
    );
  return rows;
}

export { kB };
