// Writes dist/cdn/: the files a CMS page loads with one <script type="module"> tag, from a public
// CDN path (/npm/@dichtbij/components@<version>/dist/cdn/dichtbij.js), from the gateway or
// self-hosted. Built from the compiled dist/*.js (the published shape) with esbuild:
//   dichtbij.js                 every element's first state, one file
//   feedback.js, bel-me.js, status-tracker.js, chat-launcher.js, config.js   one element's, one file each
//   dichtbij-chunks/*-[hash].js what loads on demand (the elements, Lit, the client, the theme, …),
//                               shared by every entry, imported relative to the entry's URL
//   themes/*.css                the @dichtbij/themes CSS files
//   sri.json                    the Subresource Integrity hash of each entry (also printed)
// Two steps:
// 1. All entries built together, code-split: the chunks of everything that loads on demand, shared,
//    so a page that loads several entries (dichtbij.js and feedback.js, two gemeenten's copies)
//    fetches Lit, the client and each element once.
// 2. Each entry built again on its own, as one file: its first state inlined and tree-shaken to what
//    that state uses (a chunk shared with the elements' later code holds all of a module, e.g. every
//    string), its import() calls pointing at the chunks of step 1. A page asks for one file before
//    anyone interacts, not a cascade of small chunks (each a request, and a round trip on HTTP/1.1),
//    and fewer bytes. The first-state code of two entries on one page is then there twice (a few kB);
//    it is guarded by one registry per page (shared/facade.ts, shared/define.ts), so each tag is defined
//    once. The chunks of step 1 that only its entries imported are removed.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { minifyCss } from './css-text.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const out = join(pkgDir, 'dist/cdn');
const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

// The Lit elements' entries are their facades (src/*/facade.ts): the first state without Lit, the
// element loaded on intent or near the viewport. The npm entries (dist/*/define.js) define at once.
export const CDN_ENTRIES = {
  dichtbij: 'dist/cdn.js',
  feedback: 'dist/feedback/facade.js',
  'bel-me': 'dist/bel-me/facade.js',
  'status-tracker': 'dist/status-tracker/facade.js',
  'chat-launcher': 'dist/chat-launcher/cdn.js',
  config: 'dist/config/facade.js',
};

/**
 * CSS as text, minified: a facade's CSS (dist/<element>/facade-css.js, the element's Lit styles as
 * text: the first state needs no Lit) and the chat launcher's stylesheets.
 */
const cssText = {
  name: 'dichtbij-css-text',
  setup(build) {
    build.onLoad({ filter: /[\\/](facade-css|chat-launcher[\\/][\w-]+\.styles)\.js$/ }, async (args) => {
      const exports = await import(pathToFileURL(args.path).href);
      const lines = [];
      for (const [name, text] of Object.entries(exports)) {
        if (typeof text !== 'string' || !text) throw new Error(`${args.path}: ${name} is no CSS text`);
        const value = JSON.stringify(await minifyCss(text));
        lines.push(name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`);
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

const common = {
  absWorkingDir: pkgDir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  outdir: out,
  entryNames: '[name]',
  // Lit's production build; never the repository's TypeScript source.
  conditions: ['browser', 'production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'external',
  banner: { js: `/*! @dichtbij/components ${version} | EUPL-1.2 | third-party licences: LICENSES.txt */` },
  metafile: true,
  logLevel: 'warning',
};

rmSync(out, { recursive: true, force: true });
const result = await esbuild.build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(CDN_ENTRIES).map(([name, file]) => [name, join(pkgDir, file)])),
  splitting: true,
  chunkNames: 'dichtbij-chunks/[name]-[hash]',
  plugins: [cssText],
});

/** A single-file entry's import() of a module: the chunk the shared build made for it; any other import stays bundled. */
const chunkOf = new Map(
  Object.entries(result.metafile.outputs)
    .filter(([, o]) => o.entryPoint)
    .map(([file, o]) => [join(pkgDir, o.entryPoint), `./${relative(out, join(pkgDir, file)).split(sep).join('/')}`]),
);
const sharedChunks = {
  name: 'dichtbij-shared-chunks',
  setup(build) {
    build.onResolve({ filter: /^\./, namespace: 'file' }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const file = join(args.resolveDir, args.path);
      const chunk = chunkOf.get(file);
      if (!chunk) throw new Error(`${args.importer}: import('${args.path}') has no chunk in the shared build`);
      return { path: chunk, external: true };
    });
  },
};
// Step 2: each entry on its own, as one file (see the top of this file), over step 1's entry file.
const singleInputs = [];
for (const name of Object.keys(CDN_ENTRIES)) {
  const single = await esbuild.build({
    ...common,
    entryPoints: { [name]: join(pkgDir, CDN_ENTRIES[name]) },
    plugins: [cssText, sharedChunks],
  });
  const inputs = Object.keys(single.metafile.inputs);
  singleInputs.push(...inputs);
  const output =
    single.metafile.outputs[
      relative(pkgDir, join(out, `${name}.js`))
        .split(sep)
        .join('/')
    ];
  if (!output) throw new Error(`${name}.js: not in the build's outputs`);
  const imports = output.imports;
  const bundled = imports.filter((i) => !i.external);
  if (bundled.length)
    throw new Error(`${name}.js is not one file: it imports ${bundled.map((i) => i.path).join(', ')}`);
  // No third-party code inside (its chunks carry their own notices in LICENSES.txt): the short
  // licence line. The banner is a line of its own, so the source map stays right.
  if (!inputs.some((input) => input.includes('node_modules/'))) {
    const file = join(out, `${name}.js`);
    const code = readFileSync(file, 'utf8');
    writeFileSync(file, code.replace(/^\/\*![^\n]*\*\/\n/, `/*! @dichtbij/components ${version} | EUPL-1.2 */\n`));
  }
}

// The licence line on the entries only: a chunk is never loaded without its entry. The chunk's
// source map loses the banner's (empty) first line too.
const bannerLine = `/*! @dichtbij/components ${version} | EUPL-1.2 | third-party licences: LICENSES.txt */\n`;
for (const f of readdirSync(join(out, 'dichtbij-chunks')).filter((f) => f.endsWith('.js'))) {
  const file = join(out, 'dichtbij-chunks', f);
  const code = readFileSync(file, 'utf8');
  if (!code.startsWith(bannerLine)) continue;
  writeFileSync(file, code.slice(bannerLine.length));
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  map.mappings = map.mappings.replace(/^;/, '');
  writeFileSync(`${file}.map`, JSON.stringify(map));
}

// A flat import graph for what loads on demand: each chunk also imports, at its end, every chunk it
// needs transitively, so the browser asks for all of them as soon as it has parsed the chunk an
// import() loaded, instead of discovering them one level at a time (each level a round trip, which
// a resident on a slow mobile connection feels as a late panel). Evaluation order does not change:
// those chunks were evaluated earlier through the imports that needed them.
{
  const staticImports = new Map(
    Object.entries(result.metafile.outputs)
      .filter(([file]) => file.endsWith('.js') && file.includes('/dichtbij-chunks/')) // the entries are one file each
      .map(([file, o]) => [
        join(pkgDir, file),
        o.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => join(pkgDir, i.path)),
      ]),
  );
  const closure = (file, seen = new Set()) => {
    for (const dep of staticImports.get(file) ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      closure(dep, seen);
    }
    return seen;
  };
  for (const [file, direct] of staticImports) {
    const missing = [...closure(file)].filter((dep) => dep !== file && !direct.includes(dep));
    if (!missing.length) continue;
    const code = readFileSync(file, 'utf8');
    const mapLine = code.lastIndexOf('\n//# sourceMappingURL=');
    const at = mapLine === -1 ? code.length : mapLine;
    const rel = (dep) => {
      const r = relative(dirname(file), dep).split(sep).join('/');
      return r.startsWith('.') ? r : `./${r}`;
    };
    const imports = missing.map((dep) => `import"${rel(dep)}";`).join('');
    writeFileSync(file, `${code.slice(0, at)}\n${imports}${code.slice(at)}`);
  }
}

// The chunks that only step 1's entries imported: gone. What is left is what the entries import
// (all with import(), at any depth: the chunks import each other statically too).
const kept = new Set();
{
  const queue = Object.keys(CDN_ENTRIES).map((name) => join(out, `${name}.js`));
  while (queue.length) {
    const file = queue.shift();
    if (kept.has(file)) continue;
    kept.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.js)"/g))
      queue.push(join(dirname(file), m[1]));
  }
  for (const f of readdirSync(join(out, 'dichtbij-chunks'))) {
    const file = join(out, 'dichtbij-chunks', f.replace(/\.(map|LEGAL\.txt)$/, ''));
    if (!kept.has(file)) rmSync(join(out, 'dichtbij-chunks', f));
  }
}

// One notice file for the bundled third-party code (Lit BSD-3-Clause, zod/ky/libphonenumber-js MIT, …).
const legal = readdirSync(out, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.LEGAL.txt'));
const notices = new Set();
for (const f of legal) {
  for (const block of readFileSync(join(out, f), 'utf8').split(/\n(?=\S)/)) if (block.trim()) notices.add(block.trim());
  rmSync(join(out, f));
}
const packages = new Map(); // name -> licence, read from the bundled package's own package.json
const shippedInputs = new Set([
  ...singleInputs,
  ...Object.entries(result.metafile.outputs)
    .filter(([file]) => kept.has(join(pkgDir, file)))
    .flatMap(([, o]) => Object.keys(o.inputs)),
]);
for (const input of shippedInputs) {
  const m = input.match(/^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//);
  if (!m || packages.has(m[2])) continue;
  try {
    packages.set(m[2], JSON.parse(readFileSync(join(pkgDir, m[1], 'package.json'), 'utf8')).license ?? 'unknown');
  } catch {
    packages.set(m[2], 'unknown');
  }
}
writeFileSync(
  join(out, 'LICENSES.txt'),
  `@dichtbij/components ${version}: EUPL-1.2.\n\nBundled third-party packages:\n` +
    [...packages]
      .sort()
      .map(([name, licence]) => `- ${name}: ${licence}`)
      .join('\n') +
    `\n\nTheir licence notices:\n\n${[...notices].join('\n\n')}\n`,
);

// Theme CSS for <link rel="stylesheet"> from the same folder.
const themesDist = join(dirname(require.resolve('@dichtbij/themes/package.json', { paths: [pkgDir] })), 'dist');
mkdirSync(join(out, 'themes'), { recursive: true });
for (const f of readdirSync(themesDist).filter((f) => f.endsWith('.css')))
  cpSync(join(themesDist, f), join(out, 'themes', f));

// Subresource Integrity of each entry, for <script integrity="…">.
const sri = {};
for (const name of Object.keys(CDN_ENTRIES)) {
  const bytes = readFileSync(join(out, `${name}.js`));
  sri[`${name}.js`] = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
writeFileSync(join(out, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
const chunks = readdirSync(join(out, 'dichtbij-chunks')).filter((f) => f.endsWith('.js')).length;
console.log(`@dichtbij/components: dist/cdn with ${Object.keys(CDN_ENTRIES).length} entries and ${chunks} chunks`);
for (const [file, hash] of Object.entries(sri)) console.log(`  ${file.padEnd(20)} ${hash}`);
