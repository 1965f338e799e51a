// Builds the Dichtbij themes: DTCG token files -> Style Dictionary -> CSS + a JS module,
// after a WCAG contrast check of every pair in ./pairs.mjs. Nothing is written when a theme fails.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import StyleDictionary from 'style-dictionary';
import { outputReferencesFilter } from 'style-dictionary/utils';
import { ContrastError, checkThemeContrast } from './contrast.mjs';
import { themeClassName } from './names.mjs';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const defaults = Object.freeze({
  tokensDir: join(packageDir, 'tokens'),
  baseFile: join(packageDir, 'tokens', 'base', 'dichtbij.tokens.json'),
  outDir: join(packageDir, 'dist'),
});

const NLDS_PACKAGE = '@nl-design-system-unstable/voorbeeld-design-tokens';
const THEME_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const TOKEN_NAME = /^--dichtbij-[a-z0-9]+(-[a-z0-9]+)*$/;
const REFERENCE = /\{([^{}]+)\}/g;
/** Listed first, then the rest alphabetically. */
const FIRST = 'voorbeeld';

export { themeClassName };

/** @param {string} file */
async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read token file ${file}: ${/** @type {Error} */ (e).message}`, { cause: e });
  }
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge for token trees: a token (an object with $value) is replaced whole. */
function mergeTokens(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) && !('$value' in v) ? mergeTokens(out[k], v) : v;
  }
  return out;
}

/** Path -> token for every token (object with $value) in a tree. */
function flatten(tree, path = [], found = new Map()) {
  for (const [k, v] of Object.entries(tree)) {
    if (!isObject(v) || k.startsWith('$')) continue;
    if ('$value' in v) found.set([...path, k].join('.'), v);
    else flatten(v, [...path, k], found);
  }
  return found;
}

/** A Dichtbij token that refers to another Dichtbij token the theme does not define: name both. */
function checkInternalReferences(theme, tree) {
  const all = flatten(tree);
  const missing = new Map();
  for (const [path, t] of all) {
    for (const m of String(t.$value).matchAll(REFERENCE)) {
      if (m[1].startsWith('dichtbij.') && !all.has(m[1])) {
        const list = missing.get(m[1]) ?? [];
        list.push(`--${path.replaceAll('.', '-')}`);
        missing.set(m[1], list);
      }
    }
  }
  if (missing.size) {
    const lines = [...missing].map(([ref, users]) => `--${ref.replaceAll('.', '-')} (used by ${users.join(', ')})`);
    throw new Error(`theme "${theme}": missing token(s):\n  - ${lines.join('\n  - ')}`);
  }
}

/** Every "{a.b.c}" reference in a token tree's $value fields. */
function references(tree, found = new Set()) {
  for (const [k, v] of Object.entries(tree)) {
    if (k === '$value') for (const m of String(v).matchAll(REFERENCE)) found.add(m[1]);
    else if (isObject(v)) references(v, found);
  }
  return found;
}

let nldsCache;
/** The token tree of the NL DS voorbeeld theme, as published in its npm package (values already resolved). */
async function loadNlds() {
  if (!nldsCache) {
    const require = createRequire(join(packageDir, 'package.json'));
    const pkgFile = require.resolve(`${NLDS_PACKAGE}/package.json`);
    const pkg = await readJson(pkgFile);
    nldsCache = { version: pkg.version, tokens: await readJson(join(dirname(pkgFile), 'dist', 'tokens.json')) };
  }
  return nldsCache;
}

/**
 * Picks only the referenced NL DS tokens ({basis.*}, {nl.*}, {utrecht.*}, …) out of the package,
 * keeping $value and $type: small input keeps Style Dictionary fast.
 */
async function nldsSubset(theme, refs) {
  const external = [...refs].filter((r) => !r.startsWith('dichtbij.'));
  if (!external.length) return {};
  const nlds = await loadNlds();
  const subset = {};
  for (const ref of external) {
    const path = ref.split('.');
    const token = path.reduce((node, key) => (isObject(node) ? node[key] : undefined), nlds.tokens);
    if (!isObject(token) || !('$value' in token)) {
      throw new Error(`theme "${theme}": reference {${ref}} is not a token in ${NLDS_PACKAGE}@${nlds.version}`);
    }
    let node = subset;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[path.at(-1)] = { $value: token.$value, ...(token.$type ? { $type: token.$type } : {}) };
  }
  return subset;
}

function comment(text) {
  return String(text).replaceAll('*/', '* /');
}

/**
 * Runs Style Dictionary for one theme and returns its flat tokens and CSS outputs (not written).
 * @param {{ name: string, file: string, base: object }} args
 */
async function buildOne({ name, file, base }) {
  const source = await readJson(file);
  if (!isObject(source.dichtbij)) throw new Error(`theme "${name}" (${file}): no "dichtbij" token group`);
  const merged = mergeTokens(base, source);
  checkInternalReferences(name, { dichtbij: merged.dichtbij });
  const description = source.$description ?? '';
  if ('theme' in merged.dichtbij) throw new Error(`theme "${name}" (${file}): "dichtbij.theme" is set by the build`);
  // The theme's name as a token (--dichtbij-theme): an element with theme="…" whose page already
  // wears that theme around it (this CSS) sees it and loads nothing (components: shared/page-theme.ts).
  const named = {
    ...merged.dichtbij,
    theme: { $value: name, $description: 'The name of the theme in force (set by the build).' },
  };
  const tokens = { ...(await nldsSubset(name, references(merged))), dichtbij: named };

  const header = [
    `Dichtbij theme "${name}" (@dichtbij/themes). Generated from ${basename(file)}; do not edit.`,
    ...(description ? [comment(description)] : []),
  ];
  const cssFile = (destination, selector) => ({
    destination,
    format: 'css/variables',
    filter: (token) => token.path[0] === 'dichtbij',
    options: { selector, outputReferences: outputReferencesFilter, fileHeader: 'dichtbij' },
  });
  const sd = new StyleDictionary(
    {
      tokens,
      usesDtcg: true,
      log: { verbosity: 'silent', warnings: 'disabled', errors: { brokenReferences: 'throw' } },
      hooks: {
        transforms: {
          'dichtbij/name': { type: 'name', transform: (token) => token.path.join('-') },
        },
        fileHeaders: { dichtbij: () => header },
      },
      platforms: {
        css: {
          transforms: ['dichtbij/name'],
          buildPath: '/',
          files: [cssFile(`${name}.css`, `.${themeClassName(name)}`), cssFile(`${name}.root.css`, ':root')],
        },
      },
    },
    { init: false },
  );
  try {
    await sd.init({ verbosity: 'silent' });
  } catch (e) {
    throw new Error(`theme "${name}" (${file}): ${/** @type {Error} */ (e).message.trim()}`, { cause: e });
  }

  const { allTokens } = await sd.getPlatformTokens('css');
  /** @type {Record<string, string>} */
  const flat = {};
  for (const token of allTokens) {
    if (token.path[0] !== 'dichtbij') continue;
    const prop = `--${token.name}`;
    if (!TOKEN_NAME.test(prop)) throw new Error(`theme "${name}": token name ${prop} is not kebab-case --dichtbij-*`);
    flat[prop] = String(token.$value ?? token.value);
  }
  const outputs = (await sd.formatPlatform('css')).map(({ output, destination }) => ({
    file: basename(String(destination)),
    css: String(output),
  }));
  return { name, file, description, tokens: flat, outputs };
}

function jsModule(built) {
  const data = Object.fromEntries(built.map((t) => [t.name, t.tokens]));
  return `// Generated by @dichtbij/themes build; do not edit.
const TOKENS = ${JSON.stringify(data, null, 2)};

/** Names of the shipped themes. */
export const themes = Object.freeze(${JSON.stringify(built.map((t) => t.name))});

/** @param {unknown} name */
export function isTheme(name) {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(TOKENS, name);
}

function assertTheme(name) {
  if (!isTheme(name)) throw new Error(\`Unknown theme "\${String(name)}"; known: \${themes.join(', ')}\`);
}

/** The CSS class that applies a theme, e.g. "dichtbij-theme--west-betuwe". */
export function themeClass(name) {
  assertTheme(name);
  return \`dichtbij-theme--\${name}\`;
}

/** Flat map of custom property -> resolved value for a theme (a fresh copy). */
export function themeTokens(name) {
  assertTheme(name);
  return { ...TOKENS[name] };
}
`;
}

function dtsModule(built) {
  const names = built.map((t) => JSON.stringify(t.name)).join(' | ') || 'never';
  return `// Generated by @dichtbij/themes build; do not edit.
export type ThemeName = ${names};
/** A Dichtbij custom property, e.g. "--dichtbij-button-primary-background-color". */
export type DichtbijTokenName = \`--dichtbij-\${string}\`;
/** Names of the shipped themes. */
export declare const themes: readonly ThemeName[];
export declare function isTheme(name: unknown): name is ThemeName;
/** The CSS class that applies a theme. Throws 'Unknown theme "x"; known: …' for other names. */
export declare function themeClass<N extends ThemeName>(name: N): \`dichtbij-theme--\${N}\`;
export declare function themeClass(name: string): string;
/** Flat map of custom property -> resolved value. Throws 'Unknown theme "x"; known: …' for other names. */
export declare function themeTokens(name: ThemeName | (string & {})): Record<DichtbijTokenName, string>;
`;
}

/** Theme files in a directory (voorbeeld first), or the files given. */
export async function themeFiles(tokensDir = defaults.tokensDir) {
  const entries = (await readdir(tokensDir)).filter((f) => f.endsWith('.tokens.json'));
  const names = entries.map((f) => f.slice(0, -'.tokens.json'.length));
  names.sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
  return names.map((n) => join(tokensDir, `${n}.tokens.json`));
}

/**
 * Builds every theme. Throws (and writes nothing) when a theme is invalid or fails the contrast check.
 * @param {{ files?: string[], tokensDir?: string, baseFile?: string, outDir?: string, write?: boolean }} [options]
 */
export async function buildThemes(options = {}) {
  const { tokensDir = defaults.tokensDir, baseFile = defaults.baseFile, outDir = defaults.outDir } = options;
  const write = options.write ?? true;
  const files = options.files?.map((f) => resolve(f)) ?? (await themeFiles(tokensDir));
  if (!files.length) throw new Error(`no *.tokens.json theme files in ${tokensDir}`);
  const base = await readJson(baseFile);

  const built = [];
  const problems = [];
  const seen = new Set();
  for (const file of files) {
    const name = basename(file).replace(/\.tokens\.json$/, '');
    if (!THEME_NAME.test(name)) throw new Error(`theme file ${file}: name "${name}" must be lower-case kebab-case`);
    if (seen.has(name)) throw new Error(`theme "${name}" is given twice`);
    seen.add(name);
    const theme = await buildOne({ name, file, base });
    const check = checkThemeContrast(name, theme.tokens);
    problems.push(...check.problems);
    built.push({ ...theme, contrast: check.results });
  }
  if (problems.length) throw new ContrastError(problems);

  if (write) {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const all = [
      `/* Dichtbij themes (@dichtbij/themes): ${built.map((t) => t.name).join(', ')}. Generated; do not edit. */`,
    ];
    for (const theme of built) {
      for (const { file, css } of theme.outputs) await writeFile(join(outDir, file), css);
      all.push(theme.outputs.find((o) => o.file === `${theme.name}.css`)?.css ?? '');
    }
    await writeFile(join(outDir, 'all.css'), all.join('\n'));
    await writeFile(join(outDir, 'index.js'), jsModule(built));
    await writeFile(join(outDir, 'index.d.ts'), dtsModule(built));
  }
  return built;
}
