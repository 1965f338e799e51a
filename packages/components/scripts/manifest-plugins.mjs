// Plugins for the Custom Elements Manifest analyzer (see ../custom-elements-manifest.config.mjs):
// - publicApiPlugin: keeps only the public surface in the manifest and fails the analysis when an
//   element's header leaves something out (an event without its detail type, an undescribed member).
// - frameworkTypesPlugin: writes the React 19 JSX and Vue GlobalComponents declarations from the
//   manifest. The maintained JSX/Vue plugins do not fit here (see README "Frameworks"): with
//   `componentTypePath` they type every attribute as `Class['fieldName']`, which breaks attributes
//   that only the JSDoc declares (the chat launcher is a plain HTMLElement); they write
//   `CustomEvent<event type>`, so a schema-correct event type `CustomEvent<X>` becomes
//   `CustomEvent<CustomEvent<X>>`; and the Vue plugin names handlers `on<kebab-name>` (Vue's
//   templates look up `onCamelName`) and adds a global JSX namespace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The element declarations of a manifest. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, modulePath: mod.path })),
  );
}

const isPublic = (member) => (!member.privacy || member.privacy === 'public') && !member.name.startsWith('#');

/** `CustomEvent<X>` → `X`; anything else is not a documented detail type. */
export function detailType(event) {
  const match = /^CustomEvent<(.+)>$/s.exec(event.type?.text?.trim() ?? '');
  return match?.[1]?.trim();
}

/**
 * Removes private, protected and `#private` members; writes out a module's own (unexported) type
 * aliases, which a reader of the manifest cannot look up (`Variant` → `'page' | 'score'`); checks
 * what every element documents.
 */
export function publicApiPlugin() {
  /** module path → local type alias name → its type text */
  const aliases = new Map();
  const expand = (path, typed) => {
    const text = typed?.type?.text;
    const local = aliases.get(path);
    if (text && local?.has(text)) typed.type.text = local.get(text);
  };
  return {
    name: 'dichtbij-public-api',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isTypeAliasDeclaration(node)) return;
      if (node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
      if (!aliases.has(moduleDoc.path)) aliases.set(moduleDoc.path, new Map());
      aliases.get(moduleDoc.path).set(node.name.getText(), node.type.getText().replace(/\s+/g, ' '));
    },
    packageLinkPhase({ customElementsManifest }) {
      const problems = [];
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          if (decl.members) decl.members = decl.members.filter(isPublic);
          for (const item of [...(decl.members ?? []), ...(decl.attributes ?? [])])
            if (!item.inheritedFrom) expand(mod.path, item);
          if (!decl.customElement) continue;
          // A documented @attr whose property is a hand-written accessor of the same (camelCase) name: link the
          // two, as the analyzer does for Lit's reactive properties, so tools show one row, not two.
          for (const attr of decl.attributes ?? []) {
            if (attr.fieldName) continue;
            const field = (decl.members ?? []).find(
              (m) => m.kind === 'field' && !m.static && !m.attribute && m.name === camel(attr.name),
            );
            if (!field) continue;
            attr.fieldName = field.name;
            field.attribute = attr.name;
          }
          for (const event of decl.events ?? []) {
            if (!detailType(event))
              problems.push(
                `${decl.tagName}: event ${event.name} needs a type, e.g. @fires {CustomEvent<Detail>} ${event.name} - …`,
              );
            if (!event.description) problems.push(`${decl.tagName}: event ${event.name} needs a description`);
          }
          for (const list of ['attributes', 'members', 'cssParts', 'cssProperties', 'slots'])
            for (const item of decl[list] ?? [])
              if (!item.description && !item.inheritedFrom)
                problems.push(`${decl.tagName}: ${list} ${item.name || '(default slot)'} needs a description`);
        }
      }
      if (problems.length) throw new Error(`The custom-elements manifest is incomplete:\n  ${problems.join('\n  ')}`);
    },
  };
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const pascal = (name) => camel(name).replace(/^./, (c) => c.toUpperCase());
/** One-line JSDoc text; a star-slash in the text is escaped so the comment stays closed. */
const doc = (text, indent = '  ') =>
  text ? `${indent}/** ${text.replace(/\s*\n\s*/g, ' ').replaceAll('*/', '*\\/')} */\n` : '';

/**
 * What a framework may set on an element: its attributes (typed like their property when there is
 * one) and its writable properties without an attribute (`client`, `clock`).
 */
function settable(element) {
  const fields = new Map((element.members ?? []).filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  const className = element.name;
  const attributes = (element.attributes ?? [])
    // An attribute the element only reflects (documented "Read-only: …") is not for a framework to set.
    .filter((a) => !/^read-only\b/i.test(a.description ?? ''))
    .map((a) => ({
      attribute: a.name,
      property: a.fieldName ?? camel(a.name),
      description: a.description,
      type: a.fieldName && fields.has(a.fieldName) ? `${className}['${a.fieldName}']` : (a.type?.text ?? 'string'),
    }));
  const properties = [...fields.values()]
    .filter((m) => !m.attribute && !m.readonly && !m.static && !attributes.some((a) => a.property === m.name))
    .map((m) => ({
      attribute: m.name,
      property: m.name,
      description: m.description,
      type: `${className}['${m.name}']`,
    }));
  return [...attributes, ...properties];
}

/** `@dichtbij/components/<subpath>/class` for an element, checked against the package's exports. */
function classImport(element, packageName, exportsMap) {
  const subpath = `./${element.tagName.replace(/^dichtbij-/, '')}/class`;
  if (!exportsMap || !(subpath in exportsMap))
    throw new Error(`${element.tagName}: package.json has no export "${subpath}" for the generated types to import`);
  return `${packageName}/${subpath.slice(2)}`;
}

function header(what) {
  return `// Generated from custom-elements.json by scripts/manifest-plugins.mjs (${what}). Do not edit: run \`pnpm --filter @dichtbij/components run analyze\`.\n`;
}

function imports(elements, pkg, extra) {
  const lines = [extra];
  for (const el of elements) lines.push(`import type { ${el.name} } from '${classImport(el, pkg.name, pkg.exports)}';`);
  const details = new Set(
    elements.flatMap((el) => (el.events ?? []).map(detailType).flatMap((t) => t.match(/\b[A-Z]\w*Detail\b/g) ?? [])),
  );
  if (details.size) lines.push(`import type { ${[...details].sort().join(', ')} } from '${pkg.name}';`);
  return `${lines.join('\n')}\n`;
}

/** React 19: custom elements get props as properties (attributes before upgrade) and `on<event>` listeners. */
export function reactTypes(manifest, pkg) {
  const elements = elementsOf(manifest);
  let out = header('React 19 JSX') + imports(elements, pkg, "import type * as React from 'react';") + '\n';
  for (const el of elements) {
    const props = `${el.name}Props`;
    out += `/** Attributes, properties and events of \`<${el.tagName}>\` in React 19 JSX. */\nexport interface ${el.name}Attributes {\n`;
    for (const p of settable(el)) out += doc(p.description) + `  '${p.attribute}'?: ${p.type};\n`;
    for (const e of el.events ?? []) out += doc(e.description) + `  'on${e.name}'?: (event: ${e.type.text}) => void;\n`;
    out += `}\n`;
    out += `/** Props of \`<${el.tagName}>\`: its own plus React's HTML attributes, \`ref\` and \`children\`. */\n`;
    out += `export type ${props} = ${el.name}Attributes &\n  Omit<React.HTMLAttributes<${el.name}>, keyof ${el.name}Attributes> &\n  React.RefAttributes<${el.name}>;\n\n`;
  }
  out += `declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const el of elements)
    out += doc(el.summary ?? el.description, '      ') + `      '${el.tagName}': ${el.name}Props;\n`;
  out += `    }\n  }\n}\n`;
  return out;
}

/** Vue 3: props in camelCase (templates may write kebab-case), handlers as `onCamelName` like Vue's `@event-name`. */
export function vueTypes(manifest, pkg) {
  const elements = elementsOf(manifest);
  let out =
    header('Vue 3 GlobalComponents') + imports(elements, pkg, "import type { DefineComponent } from 'vue';") + '\n';
  for (const el of elements) {
    out += `/** Props and events of \`<${el.tagName}>\` in Vue templates. */\nexport interface ${el.name}VueProps {\n`;
    for (const p of settable(el)) out += doc(p.description) + `  ${p.property}?: ${p.type};\n`;
    for (const e of el.events ?? [])
      out += doc(e.description) + `  on${pascal(e.name)}?: (event: ${e.type.text}) => void;\n`;
    out += `}\n\n`;
  }
  out += `declare module 'vue' {\n  interface GlobalComponents {\n`;
  for (const el of elements)
    out += doc(el.summary ?? el.description, '    ') + `    '${el.tagName}': DefineComponent<${el.name}VueProps>;\n`;
  out += `  }\n}\n`;
  return out;
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes `react` and `vue` declaration files (paths relative to `outdir`). */
export function frameworkTypesPlugin({
  packageJson,
  outdir = '.',
  react = 'types/react.d.ts',
  vue = 'types/vue.d.ts',
}) {
  return {
    name: 'dichtbij-framework-types',
    packageLinkPhase({ customElementsManifest }) {
      const pkg = JSON.parse(readFileSync(packageJson, 'utf8'));
      write(join(outdir, react), reactTypes(customElementsManifest, pkg));
      write(join(outdir, vue), vueTypes(customElementsManifest, pkg));
      // Empty modules beside the declarations, so `import '@dichtbij/components/react'` also works at
      // run time (the exports can then map `types` and `default`).
      const stub = `${header('nothing at run time: the types are in the .d.ts beside it')}export {};\n`;
      write(join(outdir, react.replace(/\.d\.ts$/, '.js')), stub);
      write(join(outdir, vue.replace(/\.d\.ts$/, '.js')), stub);
    },
  };
}

/**
 * One entry per CSS custom property and per `::part()` in the editors' CSS data: the maintained
 * VS Code and JetBrains plugins write one per element, so the common tokens would be offered four
 * times. A name that means different things per element gets each element's description.
 */
export function dedupeEditorCssPlugin({ vscodeCss, webTypes }) {
  const describe = (manifest, list, name) => {
    // By tag: the order the analyzer read the modules in differs from run to run.
    const uses = elementsOf(manifest)
      .flatMap((el) =>
        (el[list] ?? []).filter((x) => x.name === name).map((x) => ({ tag: el.tagName, text: x.description ?? '' })),
      )
      .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    const texts = new Set(uses.map((u) => u.text));
    return texts.size <= 1 ? [...texts][0] : uses.map((u) => `<${u.tag}>: ${u.text}`).join('\n');
  };
  const dedupe = (entries, manifest, list, nameOf) => {
    const seen = new Map();
    for (const entry of entries ?? []) if (!seen.has(entry.name)) seen.set(entry.name, entry);
    return [...seen.values()].map((entry) => ({ ...entry, description: describe(manifest, list, nameOf(entry.name)) }));
  };
  const part = (name) => /^(?:::)?part\((.+)\)$/.exec(name)?.[1] ?? name;
  return {
    name: 'dichtbij-dedupe-editor-css',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const css = JSON.parse(readFileSync(vscodeCss, 'utf8'));
      css.properties = dedupe(css.properties, manifest, 'cssProperties', (n) => n);
      css.pseudoElements = dedupe(css.pseudoElements, manifest, 'cssParts', part);
      write(vscodeCss, `${JSON.stringify(css, null, 2)}\n`);
      const web = JSON.parse(readFileSync(webTypes, 'utf8'));
      const c = web.contributions.css;
      c.properties = dedupe(c.properties, manifest, 'cssProperties', (n) => n);
      c['pseudo-elements'] = dedupe(c['pseudo-elements'], manifest, 'cssParts', part);
      write(webTypes, `${JSON.stringify(web, null, 2)}\n`);
    },
  };
}
