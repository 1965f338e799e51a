// The CDN files (packages/components/dist/cdn, built by `pnpm -r build`) load the heavy code only
// on demand: what an entry imports statically (transitively) — what a page fetches before any
// interaction — holds none of Lit, zod, libphonenumber-js, the SDK client and outbox, the PII
// guard or the case rendering. Read from the built files and their source maps (`sources`).
// The byte budgets are reported by `pnpm bench` (bench/suites/cdn-size.mjs), not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const cdn = join(import.meta.dirname, '../../packages/components/dist/cdn');
const built = existsSync(join(cdn, 'dichtbij.js'));

function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(cdn, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.{1,2}\/[^"']+)["']/g))
      queue.push(normalize(join(dirname(file), m[1]!)));
  }
  return seen;
}

function sourcesBeforeInteraction(entry: string): string[] {
  return [...staticClosure(entry)].flatMap(
    (f) => (JSON.parse(readFileSync(join(cdn, `${f}.map`), 'utf8')) as { sources: string[] }).sources,
  );
}

/** Modules no entry may load before an interaction (paths as the source maps name them: src/*.ts, node_modules). */
const HEAVY: [string, RegExp][] = [
  ['Lit', /node_modules\/(lit-html|lit-element|@lit\/reactive-element|@lit\/context)\//],
  ['zod', /node_modules\/zod\//],
  ['libphonenumber-js', /node_modules\/libphonenumber-js\//],
  ['the SDK client', /sdk\/src\/client\.ts$/],
  ['the outbox', /sdk\/src\/outbox\.ts$/],
  ['the PII guard', /sdk\/src\/pii\.ts$/],
  ['the schemas', /sdk\/src\/schemas\//],
  ['the gateway adapter', /sdk\/src\/adapters\/gateway\.ts$/],
  ['the opening hours', /sdk\/src\/opening-hours/],
];
/** And per element, its own later states. */
const OWN: Record<string, [string, RegExp][]> = {
  'feedback.js': [['the feedback element (form, sending)', /components\/src\/feedback\/dichtbij-feedback\.ts$/]],
  'status-tracker.js': [
    ['the case rendering', /components\/src\/status-tracker\/dichtbij-status-tracker\.ts$/],
    ['the case views', /sdk\/src\/case-view\.ts$/],
  ],
  'bel-me.js': [
    ['the bel-me element', /components\/src\/bel-me\/dichtbij-bel-me\.ts$/],
    ['its form', /components\/src\/bel-me\/form\//],
  ],
  'chat-launcher.js': [['the chat panel', /components\/src\/chat-launcher\/panel\//]],
  'config.js': [['the config element', /components\/src\/config\/dichtbij-config\.ts$/]],
};

for (const entry of ['feedback.js', 'bel-me.js', 'status-tracker.js', 'chat-launcher.js', 'config.js', 'dichtbij.js']) {
  test(`${entry}: no heavy module before an interaction`, { skip: !built && 'dist/cdn is not built' }, () => {
    const sources = sourcesBeforeInteraction(entry);
    assert.ok(sources.length > 0, 'the entry has sources');
    // The patterns match: the sources are named this way (the check would catch a moved module).
    assert.ok(
      sources.some((s) => /\/src\/shared\/(facade|define|i18n)\.ts$/.test(s)),
      sources.join(),
    );
    const rules = [...HEAVY, ...(OWN[entry] ?? []), ...(entry === 'dichtbij.js' ? Object.values(OWN).flat() : [])];
    for (const [what, pattern] of rules) {
      const found = sources.filter((s) => pattern.test(s));
      assert.deepEqual(found, [], `${entry} loads ${what} before an interaction`);
    }
  });
}

test(
  'the elements load on demand: each facade imports its element with import()',
  { skip: !built && 'dist/cdn is not built' },
  () => {
    // Everything reachable, static and dynamic, from dichtbij.js holds each element class.
    const all = new Set<string>();
    const queue = ['dichtbij.js'];
    while (queue.length) {
      const file = queue.shift()!;
      if (all.has(file)) continue;
      all.add(file);
      const code = readFileSync(join(cdn, file), 'utf8');
      for (const m of code.matchAll(/["'](\.{1,2}\/[^"']+\.js)["']/g))
        queue.push(normalize(join(dirname(file), m[1]!)));
    }
    const sources = [...all].flatMap(
      (f) => (JSON.parse(readFileSync(join(cdn, `${f}.map`), 'utf8')) as { sources: string[] }).sources,
    );
    for (const element of [
      'feedback/dichtbij-feedback',
      'bel-me/dichtbij-bel-me',
      'status-tracker/dichtbij-status-tracker',
      'config/dichtbij-config',
    ])
      assert.ok(
        sources.some((s) => s.endsWith(`/src/${element}.ts`)),
        `${element} is loadable`,
      );
  },
);
