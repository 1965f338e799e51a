// The custom-elements manifest is clean and true (issue 10, item 3): it lists only the public
// surface, every event with the detail type the code sends, and exactly the CSS custom properties,
// parts and slots the elements' styles and templates use: none missing, none extra.
// Styles are read by importing the style modules (so tokens read through shared/tokens.ts and
// shared/styles.ts count, however their names are formed); templates are read as source text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PANEL_PARTS } from '../../packages/components/src/chat-launcher/controller.ts';
import { analyze, components, elements, type Declaration } from './manifest-helpers.ts';

const src = join(components, 'src');

interface Spec {
  folder: string;
  /** The class module, when it is a Lit element whose `static styles` the test reads. */
  litClass?: string;
  /** Sub-folders holding another (internal) element with its own shadow root. */
  nested?: string[];
  /** `inner: outer` pairs the element forwards with `exportparts`. */
  exportparts?: string;
}

const SPECS: Record<string, Spec> = {
  'dichtbij-feedback': { folder: 'feedback', litClass: 'dichtbij-feedback.ts' },
  'dichtbij-bel-me': { folder: 'bel-me', litClass: 'dichtbij-bel-me.ts' },
  'dichtbij-status-tracker': { folder: 'status-tracker', litClass: 'dichtbij-status-tracker.ts' },
  'dichtbij-config': { folder: 'config', litClass: 'dichtbij-config.ts' },
  // A plain HTMLElement facade; the panel is its own Lit element inside it, whose custom
  // properties inherit from the launcher and whose parts the launcher forwards.
  'dichtbij-chat-launcher': { folder: 'chat-launcher', nested: ['panel'], exportparts: PANEL_PARTS },
};

/** Every .ts file under a folder, relative to src/. */
function filesIn(folder: string): string[] {
  return readdirSync(join(src, folder), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
}

const isStyles = (file: string) => file.endsWith('.styles.ts');
const isTemplate = (file: string) => !isStyles(file) && !file.endsWith('strings.ts');
const read = (file: string) => readFileSync(join(src, file), 'utf8');

/** CSS text of a Lit CSSResult, a string, or a (nested) list of them. */
function cssText(value: unknown): string {
  if (Array.isArray(value)) return value.map(cssText).join('\n');
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'cssText' in value) return String((value as { cssText: unknown }).cssText);
  return '';
}

/** The public custom properties a stylesheet reads (`var(--dichtbij-…)`; private `--_dichtbij-*` slots are not API). */
function readProperties(css: string): Set<string> {
  return new Set([...css.matchAll(/var\(\s*(--dichtbij-[a-z0-9-]+)/g)].map((m) => m[1]!));
}

async function stylesOf(spec: Spec): Promise<string> {
  const texts: string[] = [];
  // Every style module of the element, nested ones included (their exports: CSSResults or strings).
  for (const file of filesIn(spec.folder).filter(isStyles)) {
    const mod = (await import(pathToFileURL(join(src, file)).href)) as Record<string, unknown>;
    texts.push(...Object.values(mod).map(cssText));
  }
  if (spec.litClass) {
    const mod = (await import(pathToFileURL(join(src, spec.folder, spec.litClass)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod))
      if (typeof value === 'function' && 'styles' in value) texts.push(cssText((value as { styles: unknown }).styles));
  }
  return texts.join('\n');
}

/** Template files of the element itself (not of a nested element). */
function ownTemplates(spec: Spec): string[] {
  const nested = (spec.nested ?? []).map((n) => join(spec.folder, n) + '/');
  return filesIn(spec.folder).filter((f) => isTemplate(f) && !nested.some((n) => f.startsWith(n)));
}

/** `part="a b"` in Lit templates and `part=a` in the launcher's attribute strings (`'class=x|part=a'`). */
function partsIn(files: string[]): Set<string> {
  const parts = new Set<string>();
  for (const file of files) {
    const text = read(file);
    assert.doesNotMatch(text, /\bpart=\$\{/, `${file}: a computed part name cannot be checked; write it out`);
    for (const m of text.matchAll(/\bpart=(?:"([^"]*)"|'([^']*)'|([a-z][a-z0-9-]*))/g))
      for (const name of (m[1] ?? m[2] ?? m[3]!).split(/\s+/)) if (name) parts.add(name);
  }
  return parts;
}

function slotsIn(files: string[]): Set<string> {
  const slots = new Set<string>();
  for (const file of files)
    for (const m of read(file).matchAll(/<slot\b([^>]*)>/g)) slots.add(/\bname="([^"]+)"/.exec(m[1]!)?.[1] ?? '');
  return slots;
}

/** Domain events the element's code dispatches so that they leave the element (emit(), or composed). */
function firedIn(files: string[]): Set<string> {
  const fired = new Set<string>();
  for (const file of files) {
    const text = read(file);
    for (const m of text.matchAll(/\bemit\(\s*[\w.#]+\s*,\s*'(dichtbij-[a-z-]+)'/g)) fired.add(m[1]!);
    for (const m of text.matchAll(/new CustomEvent\(\s*'(dichtbij-[a-z-]+)'\s*,\s*\{[^}]*\bcomposed:\s*true/g))
      fired.add(m[1]!);
  }
  return fired;
}

/** The detail type of each domain event, from the typed event map in shared/events.ts. */
function detailTypes(): Map<string, string> {
  const block = /type EventDetails = \{([^}]*)\}/.exec(read('shared/events.ts'))?.[1];
  assert.ok(block, 'shared/events.ts declares EventDetails');
  return new Map([...block.matchAll(/'(dichtbij-[a-z-]+)':\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const sorted = (values: Iterable<string>) => [...values].sort();
const names = (list: { name: string }[] | undefined) => sorted((list ?? []).map((x) => x.name));

const { manifest } = analyze();
const found = elements(manifest);
const element = (tag: string): Declaration => {
  const el = found.get(tag);
  assert.ok(el, `${tag} is in the manifest`);
  return el;
};

test('the manifest lists exactly the public elements (the chat panel is internal)', () => {
  assert.deepEqual(sorted(found.keys()), sorted(Object.keys(SPECS)));
});

test('no private, protected or #private member is in the manifest', () => {
  const leaks = manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).flatMap((d) =>
      (d.members ?? [])
        .filter((m) => m.name.startsWith('#') || m.privacy === 'private' || m.privacy === 'protected')
        .map((m) => `${d.name}.${m.name}`),
    ),
  );
  assert.deepEqual(leaks, []);
  // The filter runs on members the elements do have (the test would pass vacuously otherwise).
  assert.match(read('feedback/dichtbij-feedback.ts'), /\n\s+#\w+/);
  assert.match(read('shared/dichtbij-element.ts'), /\bprotected\b/);
});

for (const [tag, spec] of Object.entries(SPECS)) {
  test(`${tag}: every event it fires is listed with the detail type it sends, and nothing else`, () => {
    const el = element(tag);
    const details = detailTypes();
    const all = filesIn(spec.folder).filter(isTemplate);
    assert.deepEqual(names(el.events), sorted(firedIn(all)), 'listed events = events the code fires');
    for (const event of el.events ?? []) {
      const expected = details.get(event.name);
      assert.ok(expected, `${event.name} is in shared/events.ts EventDetails`);
      assert.equal(event.type?.text, `CustomEvent<${expected}>`, `${tag} ${event.name} type`);
      assert.ok(event.description, `${tag} ${event.name} is described`);
    }
  });

  test(`${tag}: the CSS custom properties listed are exactly those its styles read`, async () => {
    const el = element(tag);
    const used = readProperties(await stylesOf(spec));
    const listed = names(el.cssProperties);
    const missing = sorted(used).filter((p) => !listed.includes(p));
    const unused = listed.filter((p) => !used.has(p));
    assert.deepEqual(missing, [], `${tag}: read by the styles but not in the JSDoc header (@cssprop)`);
    assert.deepEqual(unused, [], `${tag}: in the JSDoc header (@cssprop) but read by no style`);
    for (const p of el.cssProperties ?? []) assert.ok(p.description, `${p.name} is described`);
  });

  test(`${tag}: the CSS parts and slots listed are exactly those its templates have`, () => {
    const el = element(tag);
    const own = ownTemplates(spec);
    const parts = partsIn(own);
    for (const pair of spec.exportparts?.split(',') ?? []) {
      const [inner, outer] = pair.split(':').map((s) => s.trim());
      const nestedFiles = (spec.nested ?? []).flatMap((n) => filesIn(join(spec.folder, n)).filter(isTemplate));
      assert.ok(partsIn(nestedFiles).has(inner!), `the nested element has the part ${inner} that is forwarded`);
      parts.add(outer!);
    }
    assert.deepEqual(names(el.cssParts), sorted(parts), `${tag}: @csspart list = parts in the templates`);
    assert.deepEqual(names(el.slots), sorted(slotsIn(own)), `${tag}: @slot list = slots in the templates`);
  });
}

test('the extraction sees shared tokens and private slots the way the styles form them', async () => {
  // Guards the test itself: a token read only through shared/styles.ts (the focus outline) and an
  // element token set through elementScope() must be found; private slots must not be.
  const used = readProperties(await stylesOf(SPECS['dichtbij-feedback']!));
  assert.ok(used.has('--dichtbij-focus-outline-color'));
  assert.ok(used.has('--dichtbij-feedback-button-hover-background-color'));
  assert.ok(![...used].some((p) => p.startsWith('--_')));
});
