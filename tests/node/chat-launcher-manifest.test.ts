// The launcher's public surface in the custom-elements manifest: every attribute, property,
// method, event, CSS part (the panel's too, exported) and custom property is declared in its JSDoc
// header, so the analyzer lists it; and the shipped packages/components/custom-elements.json
// (written by `pnpm --filter @dichtbij/components run analyze`) is up to date with that header.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as analyzer from '@custom-elements-manifest/analyzer';
import type * as TypeScript from 'typescript';
import { PANEL_PARTS } from '../../packages/components/src/chat-launcher/controller.ts';

// The parts of the manifest schema this test reads (the analyzer's own typings leave `create` out).
interface Named {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Member extends Named {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
}
interface CustomElementDeclaration extends Named {
  tagName?: string;
  attributes?: Named[];
  members?: Member[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Package {
  modules: { path: string; declarations?: CustomElementDeclaration[] }[];
}
const { create, ts } = analyzer as unknown as {
  create(options: { modules: TypeScript.SourceFile[] }): Package;
  ts: typeof TypeScript;
};

const repo = new URL('../../', import.meta.url);
const FILE = 'src/chat-launcher/dichtbij-chat-launcher.ts';

function launcherIn(manifest: Package): CustomElementDeclaration {
  const found = manifest.modules
    .filter((m) => m.path === FILE)
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === 'dichtbij-chat-launcher');
  assert.ok(found, 'the launcher is in the manifest');
  return found;
}

function analysed(): CustomElementDeclaration {
  const source = readFileSync(new URL(`packages/components/${FILE}`, repo), 'utf8');
  return launcherIn(create({ modules: [ts.createSourceFile(FILE, source, ts.ScriptTarget.ES2022, true)] }));
}

const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name).sort();
const publicMembers = (el: CustomElementDeclaration) =>
  (el.members ?? []).filter((m) => !m.privacy || m.privacy === 'public');

test('the JSDoc header declares every attribute, property, method, event, part and custom property', () => {
  const el = analysed();
  assert.deepEqual(
    names(el.attributes),
    [
      'agent-timeout',
      'api',
      'live',
      'locale',
      'offset',
      'open',
      'position',
      'provider',
      'provider-integrity',
      'provider-open',
      'region-label',
      'status',
      'theme',
      'topic',
      'z-index',
    ].sort(),
  );
  for (const a of el.attributes ?? [])
    assert.ok(a.description && a.type?.text, `attribute ${a.name} is described and typed`);
  assert.deepEqual(
    publicMembers(el)
      .map((m) => `${m.kind} ${m.name}`)
      .sort(),
    ['field client', 'field clock', 'field isOpen', 'field locale', 'field unread', 'method close', 'method open'],
    'no internals (adoptedStyleSheets, onclick…) leak into the public API',
  );
  for (const m of publicMembers(el)) assert.ok(m.description, `member ${m.name} is described`);
  assert.deepEqual(names(el.events), [
    'dichtbij-close',
    'dichtbij-error',
    'dichtbij-handoff',
    'dichtbij-open',
    'dichtbij-unread',
  ]);
  assert.deepEqual(names(el.cssParts), [
    'badge',
    'button',
    'error',
    'label',
    'live-indicator',
    'panel-dialog',
    'panel-input',
    'panel-log',
    'region',
    'status',
  ]);
  // What the panel exports is what the header documents.
  const exported = PANEL_PARTS.split(',').map((p) => p.split(':')[1]!.trim());
  for (const part of exported) assert.ok(names(el.cssParts).includes(part), `${part} documented`);
  const props = names(el.cssProperties);
  for (const prop of [
    '--dichtbij-chat-launcher-background-color',
    '--dichtbij-chat-launcher-color',
    '--dichtbij-chat-launcher-hover-background-color',
    '--dichtbij-chat-launcher-offset',
    '--dichtbij-chat-launcher-offset-block',
    '--dichtbij-chat-launcher-offset-inline',
    '--dichtbij-chat-launcher-z-index',
    '--dichtbij-chat-launcher-panel-background-color',
    '--dichtbij-chat-launcher-message-agent-background-color',
    '--dichtbij-chat-launcher-message-agent-color',
    '--dichtbij-chat-launcher-message-resident-background-color',
    '--dichtbij-chat-launcher-message-resident-color',
  ])
    assert.ok(props.includes(prop), `${prop} documented`);
  // Every launcher token the styles use is documented.
  const styles = ['chat-launcher.styles.ts', 'panel/chat-panel.styles.ts', '../shared/tokens.ts']
    .map((f) => readFileSync(new URL(`packages/components/src/chat-launcher/${f}`, repo), 'utf8'))
    .join('\n');
  for (const used of new Set(styles.match(/--dichtbij-chat-launcher-[a-z-]+/g)))
    assert.ok(props.includes(used), `${used} is used and documented`);
});

const SHIPPED = new URL('packages/components/custom-elements.json', repo);

test(
  'the shipped custom-elements.json lists the same surface (regenerate with `pnpm --filter @dichtbij/components run analyze`)',
  { skip: existsSync(SHIPPED) ? false : 'no custom-elements.json yet: the test run writes it first (analyze)' },
  () => {
    const shipped = launcherIn(JSON.parse(readFileSync(SHIPPED, 'utf8')) as Package);
    const fresh = analysed();
    assert.deepEqual(names(shipped.attributes), names(fresh.attributes));
    assert.deepEqual(names(publicMembers(shipped)), names(publicMembers(fresh)));
    assert.deepEqual(names(shipped.events), names(fresh.events));
    assert.deepEqual(names(shipped.cssParts), names(fresh.cssParts));
    assert.deepEqual(names(shipped.cssProperties), names(fresh.cssProperties));
  },
);
