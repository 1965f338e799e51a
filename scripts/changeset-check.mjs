// Flags a package change without a changeset: compares the packages touched since the
// merge base with main (on main: the last commit, or CHANGESET_BASE) to the packages named in
// .changeset/*.md. Prints what is missing and exits 1.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
let base;
try {
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
  // On main: the last commit; on a branch: everything since it left main.
  base =
    process.env.CHANGESET_BASE ?? (branch === 'main' ? git('rev-parse', 'HEAD~1') : git('merge-base', 'HEAD', 'main'));
} catch {
  console.log('changesets: no git history, nothing to check');
  process.exit(0);
}
const changed = git('diff', '--name-only', base, '--', 'packages').split('\n').filter(Boolean);
const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'packages').split('\n').filter(Boolean);
const touched = new Set();
for (const f of [...changed, ...untracked]) {
  const dir = f.split('/')[1];
  if (f.includes('/src/') || f.endsWith('package.json') || f.includes('/tokens/')) {
    const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
    if (!pkg.private) touched.add(pkg.name);
  }
}
const covered = new Set();
if (existsSync('.changeset')) {
  for (const f of readdirSync('.changeset').filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const front = readFileSync(`.changeset/${f}`, 'utf8').split('---')[1] ?? '';
    for (const m of front.matchAll(/["']?(@dichtbij\/[a-z-]+)["']?\s*:/g)) covered.add(m[1]);
  }
}
const missing = [...touched].filter((p) => !covered.has(p));
if (missing.length) {
  console.error(`changesets: these packages changed without a changeset: ${missing.join(', ')} (run pnpm changeset)`);
  process.exit(1);
}
console.log(`changesets: ${touched.size} changed package(s), all covered`);
