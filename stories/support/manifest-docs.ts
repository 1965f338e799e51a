// Storybook docs from the custom-elements manifest (packages/components/custom-elements.json, written by the
// components build from the elements' JSDoc). Pure functions, no DOM: the docs page, the controls and the node
// test (tests/node/storybook-docs.test.ts) all read the manifest through these, so no table is written by hand.

/** The parts of a custom-elements manifest (schema 2.x) these docs read. */
export interface Manifest {
  modules: ManifestModule[];
}
interface ManifestModule {
  path: string;
  declarations?: Declaration[];
}
interface Typed {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}
export interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: (Typed & { fieldName?: string })[];
  members?: (Typed & {
    kind: 'field' | 'method';
    attribute?: string;
    static?: boolean;
    privacy?: string;
    readonly?: boolean;
    parameters?: Typed[];
    return?: { type?: { text: string } };
  })[];
  events?: Typed[];
  slots?: Typed[];
  cssParts?: Typed[];
  cssProperties?: (Typed & { syntax?: string })[];
}

/** The categories of the docs tables, in the order the page shows them. */
export const CATEGORIES = {
  attributes: 'attributes',
  properties: 'properties',
  methods: 'methods',
  events: 'events',
  slots: 'slots',
  cssParts: 'css shadow parts',
  cssProperties: 'css custom properties',
} as const;
export type Category = (typeof CATEGORIES)[keyof typeof CATEGORIES];

type Control =
  | false
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'text' }
  | { type: 'select'; labels?: Record<string, string> };

/** One row of a docs table, as Storybook's ArgTypes take it. */
export interface ManifestArgType {
  name: string;
  description: string;
  type: { name: 'boolean' | 'number' | 'string' | 'enum' | 'other'; value?: string[]; required: false };
  options?: string[];
  control: Control;
  table: {
    category: Category;
    type: { summary: string; detail?: string };
    defaultValue?: { summary: string };
  };
  /** How the stories apply a changed control to the element (see applyArgs). */
  dichtbij: { apply: 'attribute' | 'property' | 'css' | 'none'; name: string };
}

/** The element declarations of the manifest, keyed by tag name. */
export function elementsOf(manifest: Manifest): Map<string, { declaration: Declaration; module: string }> {
  const out = new Map<string, { declaration: Declaration; module: string }>();
  for (const mod of manifest.modules)
    for (const d of mod.declarations ?? [])
      if (d.customElement && d.tagName) out.set(d.tagName, { declaration: d, module: mod.path });
  return out;
}

export function declarationOf(manifest: Manifest, tagName: string): Declaration | undefined {
  return elementsOf(manifest).get(tagName)?.declaration;
}

const stripUndefined = (text: string) =>
  text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'undefined')
    .join(' | ');

/** The string literals of a type such as `'page' | 'score'`, or undefined when it is not such a union. */
export function literalsOf(typeText: string | undefined): string[] | undefined {
  if (!typeText) return undefined;
  const parts = stripUndefined(typeText)
    .split('|')
    .map((s) => s.trim());
  if (!parts.length || !parts.every((p) => /^'[^']*'$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

/** The control for a type: a select for a union of literals, boolean, number, text; none for anything else. */
export function controlFor(typeText: string | undefined): { control: Control; type: ManifestArgType['type'] } {
  const literals = literalsOf(typeText);
  if (literals) return { control: { type: 'select' }, type: { name: 'enum', value: literals, required: false } };
  const bare = stripUndefined(typeText ?? '');
  if (bare === 'boolean') return { control: { type: 'boolean' }, type: { name: 'boolean', required: false } };
  if (bare === 'number') return { control: { type: 'number' }, type: { name: 'number', required: false } };
  if (bare === 'string') return { control: { type: 'text' }, type: { name: 'string', required: false } };
  return { control: false, type: { name: 'other', required: false } };
}

const withDefault = (value: string | undefined) => (value === undefined ? {} : { defaultValue: { summary: value } });

/**
 * Storybook argTypes for one element, every one from the manifest: each attribute (with its property), each
 * property without an attribute, each public method, event, slot, CSS part and CSS custom property. Keys are
 * unique per table (`event:…`, `slot:…`, `part:…`, `method:…` where a name could clash).
 */
export function argTypesFor(manifest: Manifest, tagName: string): Record<string, ManifestArgType> {
  const d = declarationOf(manifest, tagName);
  if (!d) return {};
  const out: Record<string, ManifestArgType> = {};
  const fields = (d.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
  );
  const attributeOfField = new Map<string, string>();
  for (const a of d.attributes ?? []) if (a.fieldName) attributeOfField.set(a.fieldName, a.name);
  for (const f of fields) if (f.attribute) attributeOfField.set(f.name, f.attribute);

  for (const a of d.attributes ?? []) {
    const field = fields.find((f) => attributeOfField.get(f.name) === a.name);
    const typeText = a.type?.text ?? field?.type?.text ?? 'string';
    const readonly = field?.readonly || /^Read-only/i.test(a.description ?? '');
    const { control, type } = controlFor(typeText);
    out[a.name] = {
      name: a.name,
      description: a.description ?? field?.description ?? '',
      type,
      ...(type.value ? { options: type.value } : {}),
      control: readonly ? false : control,
      table: {
        category: CATEGORIES.attributes,
        type: { summary: typeText, ...(field ? { detail: `property: .${field.name}` } : {}) },
        ...withDefault(a.default ?? field?.default),
      },
      dichtbij: { apply: readonly ? 'none' : 'attribute', name: a.name },
    };
  }
  for (const f of fields) {
    if (attributeOfField.has(f.name)) continue;
    const typeText = f.type?.text ?? 'unknown';
    const { control, type } = controlFor(typeText);
    out[f.name] = {
      name: f.name,
      description: f.description ?? '',
      type,
      ...(type.value ? { options: type.value } : {}),
      control: f.readonly ? false : control,
      table: { category: CATEGORIES.properties, type: { summary: typeText }, ...withDefault(f.default) },
      dichtbij: { apply: f.readonly || !control ? 'none' : 'property', name: f.name },
    };
  }
  for (const m of d.members ?? []) {
    if (m.kind !== 'method' || m.static || (m.privacy ?? 'public') !== 'public') continue;
    const params = (m.parameters ?? []).map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`).join(', ');
    out[`method:${m.name}`] = {
      name: `${m.name}()`,
      description: m.description ?? '',
      type: { name: 'other', required: false },
      control: false,
      table: { category: CATEGORIES.methods, type: { summary: `(${params}) => ${m.return?.type?.text ?? 'void'}` } },
      dichtbij: { apply: 'none', name: m.name },
    };
  }
  for (const e of d.events ?? [])
    out[`event:${e.name}`] = {
      name: e.name,
      description: e.description ?? '',
      type: { name: 'other', required: false },
      control: false,
      table: { category: CATEGORIES.events, type: { summary: e.type?.text ?? 'Event' } },
      dichtbij: { apply: 'none', name: e.name },
    };
  for (const s of d.slots ?? [])
    out[`slot:${s.name}`] = {
      name: s.name || '(default)',
      description: s.description ?? '',
      type: { name: 'other', required: false },
      control: false,
      table: { category: CATEGORIES.slots, type: { summary: 'HTML' } },
      dichtbij: { apply: 'none', name: s.name },
    };
  for (const p of d.cssParts ?? [])
    out[`part:${p.name}`] = {
      name: p.name,
      description: p.description ?? '',
      type: { name: 'other', required: false },
      control: false,
      table: { category: CATEGORIES.cssParts, type: { summary: `::part(${p.name})` } },
      dichtbij: { apply: 'none', name: p.name },
    };
  for (const c of d.cssProperties ?? [])
    out[c.name] = {
      name: c.name,
      description: c.description ?? '',
      type: { name: 'string', required: false },
      control: { type: 'text' },
      table: {
        category: CATEGORIES.cssProperties,
        type: { summary: c.syntax ?? 'CSS value' },
        ...withDefault(c.default),
      },
      dichtbij: { apply: 'css', name: c.name },
    };
  return out;
}

/** The import that defines an element, from its module path: `src/feedback/dichtbij-feedback.ts` → `@dichtbij/components/feedback`. */
export function importOf(modulePath: string): string {
  const folder = /^src\/([^/]+)\//.exec(modulePath)?.[1];
  return folder ? `@dichtbij/components/${folder}` : '@dichtbij/components';
}

/**
 * Usage snippets for HTML (the one script tag), React 19 and Vue 3, from the manifest: the element with the
 * attributes that have a default (at that default) and a listener for its first event.
 */
export function usageOf(manifest: Manifest, tagName: string): { html: string; react: string; vue: string } {
  const found = elementsOf(manifest).get(tagName);
  if (!found) return { html: '', react: '', vue: '' };
  const { declaration: d, module } = found;
  const shown = (d.attributes ?? []).filter((a) => a.default !== undefined || a.name === 'api');
  const value = (a: Typed) =>
    a.name === 'api' ? 'https://dichtbij.gemeente.nl' : String(a.default ?? '').replace(/^'(.*)'$/, '$1');
  const attrs = shown.map((a) => ` ${a.name}="${value(a)}"`).join('');
  const reactAttrs = shown
    .map((a) => (/^\d+$/.test(value(a)) ? ` ${a.name}={${value(a)}}` : ` ${a.name}="${value(a)}"`))
    .join('');
  const event = d.events?.[0];
  const slot = d.slots?.length ? '…' : '';
  const html = [
    '<script type="module" src="https://dichtbij.gemeente.nl/dichtbij.js" crossorigin="anonymous"></script>',
    `<${tagName}${attrs}>${slot}</${tagName}>`,
    ...(event
      ? [
          '<script type="module">',
          `  document.querySelector('${tagName}').addEventListener('${event.name}', (e) => console.log(e.detail));`,
          '</script>',
        ]
      : []),
  ].join('\n');
  const react = [
    `import '${importOf(module)}';`,
    "import type {} from '@dichtbij/components/react';",
    '',
    `export const ${d.name.replace(/^Dichtbij/, '')} = () => (`,
    `  <${tagName}${reactAttrs}${event ? ` on${event.name}={(e) => console.log(e.detail)}` : ''}${slot ? `>…</${tagName}>` : ' />'}`,
    ');',
  ].join('\n');
  const vue = [
    '<script setup lang="ts">',
    `import '${importOf(module)}';`,
    "import type {} from '@dichtbij/components/vue';",
    '</script>',
    '',
    '<template>',
    `  <${tagName}${attrs}${event ? ` @${event.name}="(e) => console.log(e.detail)"` : ''}>${slot}</${tagName}>`,
    '</template>',
  ].join('\n');
  return { html, react, vue };
}

/**
 * The prose of an element README for the docs page: without its title (the page has one) and without the
 * generated API tables between `<!-- manifest:… -->` markers (the page shows those from the manifest itself).
 */
export function readmeProse(markdown: string): string {
  return markdown
    .replace(/<!-- manifest:([\w-]+):start -->[\s\S]*?<!-- manifest:\1:end -->/g, '')
    .replace(/^# .*\n/, '')
    .replace(/^## API\s*\n(?=\s*(## |$))/m, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Applies the controls a reader changed to the element: attributes, properties and CSS custom properties. */
export function applyArgs(
  element: Element & { style?: CSSStyleDeclaration },
  args: Record<string, unknown>,
  argTypes: Record<string, Partial<ManifestArgType>>,
): void {
  for (const [key, value] of Object.entries(args)) {
    const how = argTypes[key]?.dichtbij;
    if (!how || value === undefined) continue;
    if (how.apply === 'attribute') {
      if (typeof value === 'boolean') element.toggleAttribute(how.name, value);
      else if (value === null || value === '') element.removeAttribute(how.name);
      else element.setAttribute(how.name, String(value));
    } else if (how.apply === 'property') {
      (element as unknown as Record<string, unknown>)[how.name] = value;
    } else if (how.apply === 'css' && element.style) {
      if (value === '' || value === null) element.style.removeProperty(how.name);
      else element.style.setProperty(how.name, String(value));
    }
  }
}
