// Runs every suite in order and ends with one line "N passed, N failed" over all of them.
// Steps that are not test runners (lint, type check, builds) count as one test each.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
// The repository's own tests run the packages from source: the '@dichtbij/source' export
// condition (see packages/*/package.json) maps @dichtbij/* to src/*.ts under tsx. The consumer
// tests clear it for the apps they build, which see only the packed tarballs.
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=@dichtbij/source`.trim();
rmSync('.tmp', { recursive: true, force: true });
mkdirSync('.tmp', { recursive: true });

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const timings = [];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env, ...opts });
  return r.status === 0;
}

function files(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}

function step(name, fn) {
  if (only.length && !only.includes(name)) return;
  const start = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = fn();
  timings.push(`${name} ${((Date.now() - start) / 1000).toFixed(1)}s`);
  if (typeof result === 'boolean') {
    if (result) totals.passed++;
    else {
      totals.failed++;
      failures.push(name);
    }
  } else {
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    failures.push(...result.failures);
  }
}

function countsFrom(file, ok, label) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    if (!ok && counts.failed === 0) {
      counts.failed = 1;
      counts.failures.push(`${label}: runner exited non-zero`);
    }
    return counts;
  } catch {
    return { passed: 0, failed: 1, skipped: 0, failures: [`${label}: no results`] };
  }
}

// Every package to dist/ (themes with their contrast check, sdk, components with the manifest
// and dist/cdn, gateway): the published shape the release check and consumer tests use.
// The SDK's exports list every module (the build rewrites it; the committed one must match).
step('sdk exports', () => run('node', ['scripts/sdk-exports.mjs', '--check']));
step('build', () => run('bash', ['scripts/build.sh']));
step('eslint', () => run('pnpm', ['exec', 'eslint', '--max-warnings=0', '.']));
step('prettier', () => run('pnpm', ['exec', 'prettier', '--check', '--log-level=warn', '.']));
step('typescript', () => run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json']));
step('sdk imports', () => {
  // Browser code imports SDK modules by subpath (see the script); a barrel import would put
  // lazy code back into every page's first load.
  const list = files('packages/components/src', '.ts');
  return run('node', ['scripts/sdk-imports.mjs', '--check', ...list]);
});
step('changesets', () => run('node', ['scripts/changeset-check.mjs']));

step('node tests', () => {
  const list = [...files('tests/node', '.test.ts'), ...files('tests/e2e', '.test.ts')];
  const ok = run('node', [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-count-reporter.mjs',
    '--test-reporter-destination=.tmp/node-summary.json',
    ...list,
  ]);
  return countsFrom('.tmp/node-summary.json', ok, 'node tests');
});

step('release check', () => run('node', ['scripts/release-check.mjs']));

step('consumer tests', () => {
  const ok = run('node', [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-count-reporter.mjs',
    '--test-reporter-destination=.tmp/consumer-summary.json',
    ...files('tests/consumer', '.test.ts'),
  ]);
  return countsFrom('.tmp/consumer-summary.json', ok, 'consumer tests');
});

step('browser tests', () => {
  const ok = run('pnpm', ['exec', 'wtr']);
  return countsFrom('.tmp/wtr-summary.json', ok, 'browser tests');
});

step('storybook build', () => run('pnpm', ['run', '--silent', 'build-storybook']));

// Every story of the built Storybook in Chromium: renders, play passes, no console error, axe and IBM Equal
// Access clean; every docs page's tables equal the manifest (tests/storybook/run.mjs).
step('story tests', () => {
  const ok = run('node', ['--import', 'tsx', 'tests/storybook/run.mjs']);
  return countsFrom('.tmp/story-summary.json', ok, 'story tests');
});

// Screenshots of the key states in all five themes (+ forced colours, RTL, 320 px for one) against
// tests/visual/baselines; a difference writes .tmp/visual/*.diff.png. Update: `pnpm run visual:update`.
step('visual', () => {
  const ok = run('node', ['--import', 'tsx', 'tests/storybook/visual.mjs']);
  return countsFrom('.tmp/visual-summary.json', ok, 'visual');
});

console.log(`\n━━ summary ━━\n${timings.join(' · ')}`);
if (failures.length) console.log(`failed:\n  ${failures.join('\n  ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
