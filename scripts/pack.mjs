// Packs every publishable package with `pnpm pack` (workspace:* becomes the real version) into
// .tmp/packs/, as npm would publish them. Prints and returns the tarball paths by package name.
// Usage: node scripts/pack.mjs   (the packages must be built: pnpm -r build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const PACKAGES = ['sdk', 'themes', 'components', 'gateway'];

export function pack(dest = join(root, '.tmp/packs')) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const tarballs = {};
  for (const dir of PACKAGES) {
    const cwd = join(root, 'packages', dir);
    const { name } = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    const before = new Set(readdirSync(dest));
    const r = spawnSync('pnpm', ['pack', '--pack-destination', dest], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pnpm pack ${name} failed:\n${r.stdout}\n${r.stderr}`);
    const made = readdirSync(dest).filter((f) => !before.has(f) && f.endsWith('.tgz'));
    if (made.length !== 1) throw new Error(`pnpm pack ${name}: expected one tarball, got ${made.join(', ')}`);
    tarballs[name] = join(dest, made[0]);
  }
  return tarballs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, file] of Object.entries(pack())) console.log(`${name.padEnd(22)} ${file}`);
}
