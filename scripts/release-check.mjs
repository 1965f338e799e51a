// pnpm release:check — what `npm publish` would ship, checked per package on the packed
// tarball: `npm publish --dry-run`, publint (no errors, no warnings) and
// @arethetypeswrong/cli (ESM-only profile: every entry's types resolve for node16 and bundler).
// The packages must be built first (pnpm -r build). Exit 1 on any problem.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { pack } from './pack.mjs';

const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
const tarballs = pack();
let problems = 0;
const env = { ...process.env, NODE_OPTIONS: '' };

for (const [name, tarball] of Object.entries(tarballs)) {
  console.log(`\n› ${name} (${tarball.split('/').pop()})`);
  const dry = spawnSync('npm', ['publish', '--dry-run', '--access', 'public', '--tag', 'next', tarball], {
    encoding: 'utf8',
    env,
  });
  if (dry.status !== 0) {
    problems++;
    console.log(`  ✗ npm publish --dry-run:\n${dry.stderr}`);
  } else console.log('  ✓ npm publish --dry-run');

  const buffer = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    level: 'warning',
    strict: true,
  });
  if (messages.length) {
    problems += messages.length;
    for (const m of messages) console.log(`  ✗ publint ${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
  } else console.log('  ✓ publint');

  const attw = spawnSync(process.execPath, [attwBin, tarball, '--profile', 'esm-only', '--format', 'ascii'], {
    encoding: 'utf8',
    env,
  });
  if (attw.status !== 0) {
    problems++;
    console.log(`  ✗ attw:\n${attw.stdout}${attw.stderr}`);
  } else console.log('  ✓ attw (esm-only)');
}
console.log(
  problems ? `\nrelease check: ${problems} problem(s)` : '\nrelease check: every package is ready to publish',
);
process.exit(problems ? 1 : 0);
