// Compiles one workspace package's src/ to dist/ (ES2022 JavaScript, .d.ts, declaration and
// source maps) with its tsconfig.build.json, then makes the output publishable:
// - relative imports end in .js in .d.ts files (tsc rewrites them in .js only) and in every
//   .js file (tsc 5.9 leaves some dynamic import('./x.ts') as they are);
// - `--copy ext,ext` copies non-TypeScript files of src/ (CSS, SQL, JSON …) beside the output.
// Run from the package folder: node ../../scripts/build-ts.mjs [--copy css,sql,json]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { copy: { type: 'string' } } });
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

rmSync('dist', { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

const files = readdirSync('dist', { recursive: true }).map(String);
const relativeTs = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const file of files.filter((f) => f.endsWith('.d.ts') || f.endsWith('.js'))) {
  const path = join('dist', file);
  const text = readFileSync(path, 'utf8');
  const fixed = text.replace(relativeTs, '$1$2.js$3');
  if (fixed !== text) writeFileSync(path, fixed);
}

const copy = (values.copy ?? '').split(',').filter(Boolean);
if (copy.length) {
  for (const file of readdirSync('src', { recursive: true }).map(String)) {
    if (!copy.some((ext) => file.endsWith(`.${ext}`))) continue;
    mkdirSync(dirname(join('dist', file)), { recursive: true });
    cpSync(join('src', file), join('dist', file));
  }
}
