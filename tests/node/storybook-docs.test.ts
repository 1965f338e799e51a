// The Storybook docs pages are generated from the custom-elements manifest: the tables (argTypes) hold exactly
// the manifest's attributes, properties, methods, events, slots, CSS parts and CSS custom properties, with their
// types, defaults and descriptions, and every element has a stories file (so a docs page). The story tests
// (tests/storybook/run.mjs) check the same on the rendered docs pages of the built Storybook.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  CATEGORIES,
  applyArgs,
  argTypesFor,
  controlFor,
  readmeProse,
  usageOf,
  type Manifest,
  type ManifestArgType,
} from '../../stories/support/manifest-docs.ts';
import { analyze, elements, repo, type Declaration } from './manifest-helpers.ts';

const { manifest } = analyze();
const tags = [...elements(manifest).keys()];

const rows = (argTypes: Record<string, ManifestArgType>, category: string) =>
  Object.values(argTypes).filter((a) => a.table.category === category);
const names = (list: { name: string }[]) => list.map((x) => x.name).sort();

test('the manifest has the five elements', () => {
  assert.deepEqual([...tags].sort(), [
    'dichtbij-bel-me',
    'dichtbij-chat-launcher',
    'dichtbij-config',
    'dichtbij-feedback',
    'dichtbij-status-tracker',
  ]);
});

for (const tag of tags) {
  const d = elements(manifest).get(tag) as Declaration;
  const argTypes = argTypesFor(manifest as unknown as Manifest, tag);

  test(`${tag}: the docs tables are the manifest's members, each with its type, default and description`, () => {
    const attributes = d.attributes ?? [];
    assert.deepEqual(names(rows(argTypes, CATEGORIES.attributes)), names(attributes));
    for (const a of attributes) {
      const row = argTypes[a.name]!;
      assert.equal(row.description, a.description ?? row.description, `${a.name}: description`);
      assert.ok(a.description, `${tag} ${a.name} has a description in the manifest`);
      if (a.type) assert.equal(row.table.type.summary, a.type.text, `${a.name}: type`);
      if (a.default !== undefined) assert.equal(row.table.defaultValue?.summary, a.default, `${a.name}: default`);
    }
    const withAttribute = new Set([
      ...attributes.map((a) => a.fieldName).filter(Boolean),
      ...(d.members ?? []).filter((m) => m.attribute).map((m) => m.name),
    ]);
    const fields = (d.members ?? []).filter(
      (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public' && !withAttribute.has(m.name),
    );
    assert.deepEqual(names(rows(argTypes, CATEGORIES.properties)), names(fields));
    for (const f of fields) assert.equal(argTypes[f.name]!.table.type.summary, f.type?.text ?? 'unknown');
    const methods = (d.members ?? []).filter((m) => m.kind === 'method' && (m.privacy ?? 'public') === 'public');
    assert.deepEqual(names(rows(argTypes, CATEGORIES.methods)), methods.map((m) => `${m.name}()`).sort());
    const events = d.events ?? [];
    assert.deepEqual(names(rows(argTypes, CATEGORIES.events)), names(events));
    for (const e of events) assert.equal(argTypes[`event:${e.name}`]!.table.type.summary, e.type?.text);
    assert.deepEqual(names(rows(argTypes, CATEGORIES.slots)), (d.slots ?? []).map((s) => s.name || '(default)').sort());
    assert.deepEqual(names(rows(argTypes, CATEGORIES.cssParts)), names(d.cssParts ?? []));
    assert.deepEqual(names(rows(argTypes, CATEGORIES.cssProperties)), names(d.cssProperties ?? []));
    for (const c of d.cssProperties ?? []) assert.equal(argTypes[c.name]!.description, c.description ?? '');
    // Nothing else: every row is one of the manifest's.
    const total =
      attributes.length +
      fields.length +
      methods.length +
      events.length +
      (d.slots ?? []).length +
      (d.cssParts ?? []).length +
      (d.cssProperties ?? []).length;
    assert.equal(Object.keys(argTypes).length, total);
  });

  test(`${tag}: every writable attribute and property of a simple type has a control`, () => {
    for (const row of [...rows(argTypes, CATEGORIES.attributes), ...rows(argTypes, CATEGORIES.properties)]) {
      const bare = controlFor(row.table.type.summary);
      const readonly = row.dichtbij.apply === 'none';
      if (bare.control && !readonly) assert.notEqual(row.control, false, `${row.name} has a control`);
      if (!bare.control) assert.equal(row.control, false, `${row.name} (${row.table.type.summary}) has none`);
    }
  });

  test(`${tag}: usage snippets for HTML, React and Vue name the element and its import`, () => {
    const usage = usageOf(manifest as unknown as Manifest, tag);
    assert.match(usage.html, new RegExp(`<${tag}[ >]`));
    assert.match(usage.react, new RegExp(`import '@dichtbij/components/${tag.replace('dichtbij-', '')}';`));
    assert.match(usage.react, /@dichtbij\/components\/react/);
    assert.match(usage.vue, /@dichtbij\/components\/vue/);
    const first = d.events?.[0];
    if (first) {
      assert.ok(usage.react.includes(`on${first.name}=`), 'React: on + event name');
      assert.ok(usage.vue.includes(`@${first.name}=`), 'Vue: @event');
    }
  });

  test(`${tag}: a stories file documents it (component: '${tag}')`, () => {
    const stories = readdirSync(join(repo, 'stories')).filter((f) => f.endsWith('.stories.ts'));
    const found = stories.filter((f) => readFileSync(join(repo, 'stories', f), 'utf8').includes(`component: '${tag}'`));
    assert.equal(found.length, 1, `one stories file with component: '${tag}'`);
  });
}

test('the docs page shows README prose without the generated tables or the title', () => {
  const readme = readFileSync(join(repo, 'packages/components/src/feedback/README.md'), 'utf8');
  assert.ok(readme.includes('<!-- manifest:feedback:start -->'));
  const prose = readmeProse(readme);
  assert.ok(!prose.includes('manifest:feedback'), 'no generated block');
  assert.ok(!/^# /m.test(prose.split('\n')[0] ?? ''), 'no title');
  assert.ok(!prose.includes('| `variant`'), 'no attribute table');
  assert.ok(prose.length > 500, 'the prose stays');
});

test('a changed control reaches the element as attribute, property or CSS custom property', () => {
  const argTypes = argTypesFor(manifest as unknown as Manifest, 'dichtbij-feedback');
  const attrs = new Map<string, string>();
  const styles = new Map<string, string>();
  const el = {
    setAttribute: (n: string, v: string) => attrs.set(n, v),
    removeAttribute: (n: string) => attrs.delete(n),
    toggleAttribute: (n: string, on: boolean) => (on ? attrs.set(n, '') : attrs.delete(n)),
    style: { setProperty: (n: string, v: string) => styles.set(n, v), removeProperty: (n: string) => styles.delete(n) },
  } as unknown as Element & { style: CSSStyleDeclaration };
  applyArgs(
    el,
    {
      variant: 'score',
      'heading-level': 3,
      '--dichtbij-feedback-max-inline-size': '20rem',
      'event:dichtbij-error': 'x',
      unknown: 1,
    },
    argTypes,
  );
  assert.deepEqual(Object.fromEntries(attrs), { variant: 'score', 'heading-level': '3' });
  assert.deepEqual(Object.fromEntries(styles), { '--dichtbij-feedback-max-inline-size': '20rem' });
});
