// The editor data generated from the custom-elements manifest: VS Code HTML and CSS custom data
// and JetBrains web-types list every element with its attributes, events and values, and every
// CSS custom property and part once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, elements } from './manifest-helpers.ts';

const { dir, manifest } = analyze();
const found = [...elements(manifest).values()];
const json = <T>(file: string) => JSON.parse(readFileSync(join(dir, 'editors', file), 'utf8')) as T;

interface Named {
  name: string;
  description?: string;
}
interface VsCodeHtml {
  tags: (Named & { attributes: (Named & { values?: Named[] })[] })[];
}
interface VsCodeCss {
  properties: Named[];
  pseudoElements: Named[];
}
interface WebTypes {
  contributions: {
    html: { elements: (Named & { attributes: Named[]; events: Named[] })[] };
    css: { properties: Named[]; 'pseudo-elements': Named[] };
  };
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const allProperties = sorted(found.flatMap((el) => (el.cssProperties ?? []).map((p) => p.name)));
const allParts = sorted(found.flatMap((el) => (el.cssParts ?? []).map((p) => p.name)));

test('VS Code HTML data: every element with its attributes; a union type offers its values', () => {
  const html = json<VsCodeHtml>('vscode.html-custom-data.json');
  assert.deepEqual(sorted(html.tags.map((t) => t.name)), sorted(found.map((el) => el.tagName!)));
  for (const el of found) {
    const tag = html.tags.find((t) => t.name === el.tagName)!;
    assert.deepEqual(sorted(tag.attributes.map((a) => a.name)), sorted((el.attributes ?? []).map((a) => a.name)));
  }
  const variant = html.tags.find((t) => t.name === 'dichtbij-feedback')!.attributes.find((a) => a.name === 'variant');
  assert.deepEqual(
    variant?.values?.map((v) => v.name),
    ['page', 'score'],
  );
});

test('VS Code CSS data: every custom property and part once, described', () => {
  const css = json<VsCodeCss>('vscode.css-custom-data.json');
  assert.deepEqual(sorted(css.properties.map((p) => p.name)), allProperties);
  assert.equal(css.properties.length, allProperties.length, 'no property twice');
  assert.deepEqual(
    sorted(css.pseudoElements.map((p) => p.name)),
    allParts.map((p) => `::part(${p})`),
  );
  assert.equal(css.pseudoElements.length, allParts.length, 'no part twice');
  for (const entry of [...css.properties, ...css.pseudoElements])
    assert.ok(entry.description, `${entry.name} described`);
  // A part that means different things per element says so per element.
  const button = css.pseudoElements.find((p) => p.name === '::part(button)')!;
  assert.match(button.description!, /<dichtbij-bel-me>: .+\n<dichtbij-chat-launcher>: /);
});

test('JetBrains web-types: every element with attributes and events; CSS once', () => {
  const web = json<WebTypes>('web-types.json');
  const html = web.contributions.html.elements;
  assert.deepEqual(sorted(html.map((e) => e.name)), sorted(found.map((el) => el.tagName!)));
  for (const el of found) {
    const entry = html.find((e) => e.name === el.tagName)!;
    assert.deepEqual(sorted(entry.attributes.map((a) => a.name)), sorted((el.attributes ?? []).map((a) => a.name)));
    assert.deepEqual(sorted(entry.events.map((e) => e.name)), sorted((el.events ?? []).map((e) => e.name)));
  }
  assert.deepEqual(sorted(web.contributions.css.properties.map((p) => p.name)), allProperties);
  assert.equal(web.contributions.css.properties.length, allProperties.length, 'no property twice');
  assert.equal(web.contributions.css['pseudo-elements'].length, allParts.length, 'no part twice');
});
