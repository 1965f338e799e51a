// The API tables in the components' READMEs are generated from the custom-elements manifest
// (packages/components/scripts/docs.mjs, `pnpm --filter @dichtbij/components run docs`), so the
// docs cannot drift from the code: this test fails when a README differs from what the script
// would write from a fresh analysis.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { READMES, blocks, render } from '../../packages/components/scripts/docs.mjs';
import { analyze, components, elements } from './manifest-helpers.ts';

const { manifest } = analyze();

for (const readme of READMES) {
  test(`${readme}: the API tables are what the manifest says (run \`pnpm --filter @dichtbij/components run docs\`)`, async () => {
    const file = join(components, readme);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /<!-- manifest:[a-z-]+:start -->/, 'the README has a generated block');
    assert.equal(await render(text, manifest, file), text);
  });
}

test('the package README has the tables of every element, all events and the common tokens', () => {
  const text = readFileSync(join(components, 'README.md'), 'utf8');
  const names = [...elements(manifest).keys()].map((tag) => tag.replace(/^dichtbij-/, ''));
  for (const name of [...names, 'events', 'tokens']) {
    assert.ok(blocks(manifest).has(name), `the script can write ${name}`);
    assert.ok(text.includes(`<!-- manifest:${name}:start -->`), `README.md has the ${name} block`);
  }
});

test('a hand edit inside a block, or a stale block, is caught', async () => {
  const file = join(components, 'README.md');
  const text = readFileSync(file, 'utf8');
  // A row edited by hand.
  const edited = text.replace('| `heading-level` |', '| `heading-level` (1–6) |');
  assert.notEqual(edited, text, 'the README has the row this test edits');
  assert.notEqual(await render(edited, manifest, file), edited);
  // The code gained an event the README does not list yet.
  const changed = structuredClone(manifest);
  const feedback = changed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'dichtbij-feedback');
  feedback!.events!.push({ name: 'dichtbij-new', type: { text: 'CustomEvent<undefined>' }, description: 'New.' });
  assert.notEqual(await render(text, changed, file), text);
  // An unknown block name is an error, not silently left alone.
  await assert.rejects(
    render(`${text}\n<!-- manifest:nope:start -->\n<!-- manifest:nope:end -->\n`, manifest, file),
    /nope/,
  );
});
