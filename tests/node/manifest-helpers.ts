// Runs the components' Custom Elements Manifest analyzer (the same config and command as
// `pnpm --filter @dichtbij/components run analyze`) into a fresh folder inside the repository,
// so the tests check what the analysis writes now, not a file left from an earlier run.
// The folder is inside the repository so the generated types resolve `@dichtbij/components`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const components = join(repo, 'packages/components');

export interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
  inheritedFrom?: { name: string };
}
export interface Member extends Named {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
}
export interface Attribute extends Named {
  fieldName?: string;
}
export interface Declaration extends Named {
  kind: string;
  customElement?: boolean;
  tagName?: string;
  summary?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

let cached: { dir: string; manifest: Manifest } | undefined;

/** Analyzes once per test process; returns the output folder and the manifest. */
export function analyze(): { dir: string; manifest: Manifest } {
  if (cached) return cached;
  mkdirSync(join(repo, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(repo, '.tmp', 'manifest-'));
  const cem = createRequire(join(repo, 'package.json')).resolve('@custom-elements-manifest/analyzer/cem.js');
  const run = spawnSync(
    process.execPath,
    [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
    { cwd: components, env: { ...process.env, DICHTBIJ_MANIFEST_OUT: dir }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`cem analyze failed:\n${run.stdout}\n${run.stderr}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
  cached = { dir, manifest };
  return cached;
}

/** The custom elements in a manifest, by tag name. */
export function elements(manifest: Manifest): Map<string, Declaration & { path: string }> {
  const found = new Map<string, Declaration & { path: string }>();
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? [])
      if (d.customElement && d.tagName) found.set(d.tagName, { ...d, path: mod.path });
  return found;
}
