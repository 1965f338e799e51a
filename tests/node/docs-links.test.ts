// A fresh clone is self-contained: the READMEs and docs/ link only to files inside the repository
// (and to headings that exist in them), and no file reads the old shared folder beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', 'storybook-static', 'coverage', '.data', 'out']);

function walk(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) out.add(slug(m[1]!));
  return out;
}

const docs = [
  join(repo, 'README.md'),
  ...walk(join(repo, 'docs'), (f) => f.endsWith('.md')),
  ...walk(join(repo, 'packages'), (f) => f.endsWith('README.md')),
];

test('docs/ exists with the design notes and the embed guides', () => {
  for (const file of [
    'docs/README.md',
    'docs/architecture.md',
    'docs/embed/html-csp.md',
    'docs/embed/wordpress.md',
    'docs/embed/drupal.md',
    'docs/embed/typo3.md',
  ])
    assert.ok(existsSync(join(repo, file)), file);
});

test('every relative link in the READMEs and docs/ points at a file (and heading) inside the repository', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const file of docs) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const href = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:, tel:
      const [path, hash] = href.split('#') as [string, string | undefined];
      const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
      const where = `${relative(repo, file)}: ${href}`;
      checked++;
      if (!(target + sep).startsWith(repo) && target + sep !== repo) problems.push(`${where} leaves the repository`);
      else if (!existsSync(target)) problems.push(`${where} does not exist`);
      else if (hash && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(hash))
        problems.push(`${where}: no heading #${hash}`);
    }
  }
  assert.ok(checked > 20, `${checked} links checked`);
  assert.deepEqual(problems, []);
});

test('nothing in the repository reads the shared folder beside it', () => {
  const code = walk(
    repo,
    (f) => /\.(ts|mts|mjs|js|json|md|yaml|yml|sh)$/.test(f) && !f.includes(`${sep}fixtures${sep}`),
  );
  const hits: string[] = [];
  for (const file of code) {
    const text = readFileSync(file, 'utf8');
    // The old locations outside the repository (the folder beside it, by relative or absolute path).
    for (const m of text.matchAll(/(?:\.\.\/)+shared\/(?:specs|DESIGN\.md|seeds|hooks)|\/work\/shared\b/g))
      if (file !== fileURLToPath(import.meta.url)) hits.push(`${relative(repo, file)}: ${m[0]}`);
  }
  assert.ok(code.length > 100, `${code.length} files read`);
  assert.deepEqual(hits, []);
});
