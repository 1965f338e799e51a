// Writes the API tables in the READMEs from the custom-elements manifest, between markers:
//   <!-- manifest:feedback:start --> … <!-- manifest:feedback:end -->   one element (its tag without `dichtbij-`)
//   <!-- manifest:events:start --> … <!-- manifest:events:end -->       every event, its detail type, who fires it
//   <!-- manifest:tokens:start --> … <!-- manifest:tokens:end -->       the common tokens the elements read
// Usage: node scripts/docs.mjs [--check] [--manifest custom-elements.json]
//   (`pnpm --filter @dichtbij/components run docs` analyzes first, then writes.)
//   --check: writes nothing; exits 1 and names every README that differs from what it would write.
// The tables come from the elements' JSDoc: edit that, not the README between the markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { detailType, elementsOf } from './manifest-plugins.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The READMEs with generated tables, relative to the package. */
export const READMES = ['README.md', 'src/feedback/README.md', 'src/chat-launcher/README.md'];

const NOTE =
  '<!-- Generated from custom-elements.json by `pnpm --filter @dichtbij/components run docs`: edit the JSDoc in the element, not this table. -->';

/** Text for a table cell: one line, pipes escaped. */
const cell = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
const code = (text) => (text ? `\`${cell(text)}\`` : '');
const short = (tag) => tag.replace(/^dichtbij-/, '');
const isCommon = (tag, name) => !name.startsWith(`--dichtbij-${short(tag)}-`);

function table(head, rows) {
  if (!rows.length) return '';
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The tables of one element: attributes and properties, methods, events, slots, parts, custom properties. */
export function elementDocs(el, theming = '#theming') {
  const out = [];
  const members = el.members ?? [];
  const fields = members.filter((m) => m.kind === 'field' && !m.static);
  const withAttribute = new Set((el.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
  const rows = (el.attributes ?? []).map((a) => [
    code(a.name),
    a.fieldName ? code(`.${a.fieldName}`) : '',
    code(a.type?.text),
    code(a.default),
    cell(a.description),
  ]);
  for (const f of fields.filter((m) => !m.attribute && !withAttribute.has(m.name)))
    rows.push([
      '',
      code(`.${f.name}`),
      code(f.type?.text),
      code(f.default),
      cell(`${f.readonly && !/^read-only\b/i.test(f.description ?? '') ? '(read only) ' : ''}${f.description ?? ''}`),
    ]);
  out.push(table(['attribute', 'property', 'type', 'default', 'what'], rows));
  const methods = members.filter((m) => m.kind === 'method' && !m.static);
  if (methods.length)
    out.push(
      table(
        ['method', 'returns', 'what'],
        methods.map((m) => [
          code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
          code(m.return?.type?.text),
          cell(m.description),
        ]),
      ),
    );
  out.push(
    table(
      ['event', 'detail', 'when'],
      (el.events ?? []).map((e) => [code(e.name), code(detailType(e)), cell(e.description)]),
    ),
  );
  const slots = el.slots ?? [];
  out.push(
    slots.length
      ? table(
          ['slot', 'what'],
          slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
        )
      : 'Slots: none.',
  );
  const parts = el.cssParts ?? [];
  out.push(
    parts.length
      ? table(
          ['CSS part', 'what'],
          parts.map((p) => [code(p.name), cell(p.description)]),
        )
      : 'CSS parts: none.',
  );
  const props = el.cssProperties ?? [];
  const own = props.filter((p) => !isCommon(el.tagName, p.name));
  const common = props.filter((p) => isCommon(el.tagName, p.name));
  if (own.length)
    out.push(
      table(
        ['custom property', 'default', 'what'],
        own.map((p) => [code(p.name), code(p.default), cell(p.description)]),
      ),
    );
  out.push(
    common.length
      ? `Common tokens it reads ([Theming](${theming})): ${common.map((p) => code(p.name)).join(', ')}.`
      : 'Custom properties: none.',
  );
  return out.filter(Boolean).join('\n\n');
}

/** Every event: its detail type and the elements that fire it. */
export function eventDocs(elements) {
  const events = new Map();
  for (const el of elements)
    for (const e of el.events ?? []) {
      const seen = events.get(e.name) ?? { detail: detailType(e), by: [] };
      if (seen.detail !== detailType(e))
        throw new Error(`${e.name} has two detail types: ${seen.detail}, ${detailType(e)}`);
      seen.by.push(short(el.tagName));
      events.set(e.name, seen);
    }
  return table(
    ['event', 'detail', 'fired by'],
    [...events]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, e]) => [code(name), code(e.detail), e.by.sort().join(', ')]),
  );
}

/** The common tokens (no element prefix) any element reads, with their default and fallbacks. */
export function tokenDocs(elements) {
  const tokens = new Map();
  for (const el of elements)
    for (const p of el.cssProperties ?? []) {
      if (!isCommon(el.tagName, p.name)) continue;
      const seen = tokens.get(p.name) ?? { ...p, by: [] };
      seen.by.push(short(el.tagName));
      tokens.set(p.name, seen);
    }
  return table(
    ['token', 'default', 'what (falls back to)', 'read by'],
    [...tokens.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => [code(t.name), code(t.default), cell(t.description), t.by.sort().join(', ')]),
  );
}

/** Every block a README may ask for, by marker name. */
export function blocks(manifest, theming) {
  const elements = elementsOf(manifest);
  const all = new Map(elements.map((el) => [short(el.tagName), () => elementDocs(el, theming)]));
  all.set('events', () => eventDocs(elements));
  all.set('tokens', () => tokenDocs(elements));
  return all;
}

/** The README with every marked block rewritten (and formatted as prettier would). */
export async function render(text, manifest, file) {
  const main = relative(dirname(file), join(root, 'README.md'));
  const available = blocks(manifest, main === 'README.md' ? '#theming' : `${main}#theming`);
  const pattern = /<!-- manifest:([a-z-]+):start -->[\s\S]*?<!-- manifest:\1:end -->/g;
  const unknown = [];
  const next = text.replace(pattern, (_, name) => {
    const make = available.get(name);
    if (!make) {
      unknown.push(name);
      return _;
    }
    return `<!-- manifest:${name}:start -->\n\n${NOTE}\n\n${make()}\n\n<!-- manifest:${name}:end -->`;
  });
  if (unknown.length) throw new Error(`${file}: no manifest block named ${unknown.join(', ')}`);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(next, { ...options, filepath: file });
}

async function main(argv) {
  const check = argv.includes('--check');
  const at = argv.indexOf('--manifest');
  const manifestPath = at >= 0 ? argv[at + 1] : join(root, 'custom-elements.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const stale = [];
  for (const readme of READMES) {
    const file = join(root, readme);
    const text = readFileSync(file, 'utf8');
    const next = await render(text, manifest, file);
    if (next === text) continue;
    stale.push(relative(process.cwd(), file));
    if (!check) writeFileSync(file, next);
  }
  if (check && stale.length) {
    console.error(
      `API tables out of date (run \`pnpm --filter @dichtbij/components run docs\`):\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  if (!check) console.log(stale.length ? `updated ${stale.join(', ')}` : 'READMEs up to date');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
