// Writes the `exports` map of packages/sdk/package.json from its modules: one subpath per
// module of src/ (browser code imports modules by subpath, see scripts/sdk-imports.mjs), each
// { @dichtbij/source, types, default } into dist/. An explicit list (no "./*" pattern) so a
// subpath that does not exist fails at resolution, naming the package's exports.
// Usage: node scripts/sdk-exports.mjs [--check]   (--check: exit 1 when package.json is stale)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const dir = new URL('../packages/sdk/', import.meta.url);
const pkgFile = new URL('package.json', dir);
// '@dichtbij/source' (the repository's own tools: TypeScript, tsx, web-test-runner, Storybook)
// comes first so it wins there; consumers never set it and get dist/.
const entry = (mod) => ({
  '@dichtbij/source': `./src/${mod}.ts`,
  types: `./dist/${mod}.d.ts`,
  default: `./dist/${mod}.js`,
});
const modules = readdirSync(new URL('src/', dir), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const exports = { '.': entry('index') };
for (const mod of modules) {
  if (mod === 'index') continue;
  exports[`./${mod.replace(/\/index$/, '')}`] = entry(mod);
}
exports['./package.json'] = './package.json';

const text = readFileSync(pkgFile, 'utf8');
const pkg = JSON.parse(text);
pkg.exports = exports;
const next = `${JSON.stringify(pkg, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('packages/sdk/package.json exports are out of date: run node scripts/sdk-exports.mjs');
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(pkgFile, next);
  console.log('wrote packages/sdk/package.json exports');
}
