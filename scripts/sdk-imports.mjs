// Rewrites `import { … } from '@dichtbij/sdk'` in browser code to the SDK's per-module
// subpaths ('@dichtbij/sdk/client', …). esbuild cannot split a page's first load from its
// lazy chunks through a barrel that re-exports everything, so elements import modules.
// Usage: node scripts/sdk-imports.mjs [--check] files…
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const sdk = new URL('../packages/sdk/src/', import.meta.url).pathname;
const owner = new Map();
for (const file of readdirSync(sdk, { recursive: true }).map(String)) {
  if (!file.endsWith('.ts') || file === 'index.ts' || file === 'schemas.ts') continue;
  const text = readFileSync(join(sdk, file), 'utf8');
  const sub = file.replace(/\.ts$/, '').replace(/\/index$/, '');
  for (const m of text.matchAll(
    /export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z0-9_$]+)/g,
  )) {
    if (!owner.has(m[1])) owner.set(m[1], sub);
  }
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}(?!\s*from)/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && !owner.has(name)) owner.set(name, sub);
    }
  }
}

const check = process.argv.includes('--check');
let bad = 0;
for (const file of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const text = readFileSync(file, 'utf8');
  const out = text.replace(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@dichtbij\/sdk';\n/g, (_all, typeOnly, names) => {
    const groups = new Map();
    for (const raw of names
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const name = raw
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      const sub = owner.get(name);
      if (!sub) throw new Error(`${file}: cannot find the SDK module of "${name}"`);
      const list = groups.get(sub) ?? [];
      list.push(typeOnly && !raw.startsWith('type ') ? `type ${raw}` : raw);
      groups.set(sub, list);
    }
    return [...groups]
      .map(([sub, list]) => {
        const allTypes = list.every((n) => n.startsWith('type '));
        const body = allTypes ? list.map((n) => n.slice(5)).join(', ') : list.join(', ');
        return `import ${allTypes ? 'type ' : ''}{ ${body} } from '@dichtbij/sdk/${sub}';\n`;
      })
      .join('');
  });
  if (out !== text) {
    if (check) {
      console.error(
        `${relative(process.cwd(), file)} imports the '@dichtbij/sdk' barrel; run node scripts/sdk-imports.mjs on it`,
      );
      bad++;
    } else writeFileSync(file, out);
  }
}
process.exit(bad ? 1 : 0);
