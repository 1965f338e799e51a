// The theme studio's logic, without a DOM: which tokens a theme holds, reading pasted theme CSS as text,
// the contrast report (the same check as the build, ./contrast.mjs with ./pairs.mjs), the DTCG export
// (the shape of tokens/*.tokens.json) and the CSS the build would write. The page that uses it stays thin.
import { checkThemeContrast, isColour, nearestPassingColour } from './contrast.mjs';
import { MIN_RATIO } from './pairs.mjs';
import { themeClassName } from './names.mjs';
import { clampChroma, formatHex, oklch, parse } from 'culori';

const PAGE_BG = '--dichtbij-background-color';
const REFERENCE = /^\{([^{}]+)\}$/;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const cssName = (path) => `--${path.join('-')}`;

/**
 * @typedef {{ path: string[], type: string }} TokenInfo
 * @typedef {{
 *   tokens: Map<string, TokenInfo>,
 *   base: Record<string, string>,
 *   refs: Map<string, string>,
 *   themeSet: string[],
 *   aliases: Map<string, string[]>,
 * }} Catalogue
 */

/** Every token (object with $value) in a DTCG tree, with its path and (inherited) $type. */
function walk(tree, visit, path = [], type = undefined) {
  for (const [k, v] of Object.entries(tree)) {
    if (!isObject(v) || k.startsWith('$')) continue;
    const t = v.$type ?? type;
    if ('$value' in v) visit([...path, k], v, t);
    else walk(v, visit, [...path, k], t);
  }
}

/**
 * What the studio knows about tokens, from the token files themselves (nothing listed twice):
 * `base` is tokens/base/dichtbij.tokens.json; `themes` are shipped theme files (what a theme defines);
 * `nlds` is the voorbeeld theme, whose references ({nl.button.…}, {utrecht.…}, {basis.…}) name the NL Design
 * System tokens a pasted NL DS theme may set.
 * @param {{ base: object, themes: object[], nlds?: object }} files
 * @returns {Catalogue}
 */
export function createCatalogue({ base, themes, nlds }) {
  /** @type {Map<string, TokenInfo>} */
  const tokens = new Map();
  /** @type {Record<string, string>} */
  const literal = {};
  /** @type {Map<string, string>} */
  const refs = new Map();
  walk(base, (path, token, type) => {
    const name = cssName(path);
    tokens.set(name, { path, type: type ?? 'string' });
    const ref = REFERENCE.exec(String(token.$value));
    if (ref?.[1].startsWith('dichtbij.')) refs.set(name, cssName(ref[1].split('.')));
    else literal[name] = String(token.$value);
  });
  const themeSet = new Set();
  for (const theme of themes) {
    walk(theme, (path, _token, type) => {
      const name = cssName(path);
      if (!tokens.has(name)) tokens.set(name, { path, type: type ?? 'string' });
      themeSet.add(name);
    });
  }
  /** @type {Map<string, string[]>} */
  const aliases = new Map();
  if (nlds) {
    walk(nlds, (path, token) => {
      const ref = REFERENCE.exec(String(token.$value));
      if (!ref || ref[1].startsWith('dichtbij.')) return;
      const alias = cssName(ref[1].split('.'));
      aliases.set(alias, [...(aliases.get(alias) ?? []), cssName(path)]);
    });
  }
  return { tokens, base: literal, refs, themeSet: [...themeSet].sort(), aliases };
}

/**
 * Every token resolved: base values, then `values` (what the theme sets), then the base's references
 * ({dichtbij.button.primary.color} …) that the theme did not set.
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 */
export function resolveTokens(catalogue, values) {
  /** @type {Record<string, string>} */
  const out = { ...catalogue.base, ...values };
  const resolve = (name, depth = 0) => {
    if (name in out) return out[name];
    const target = catalogue.refs.get(name);
    if (!target || depth > 16) return undefined;
    const v = resolve(target, depth + 1);
    if (v !== undefined) out[name] = v;
    return v;
  };
  for (const name of catalogue.tokens.keys()) resolve(name);
  return out;
}

/**
 * The values a studio starts from for a shipped theme: its resolved tokens (themeTokens(name)), minus the
 * tokens that only follow a base reference (so that changing the main colour moves them too).
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} resolved
 */
export function startValues(catalogue, resolved) {
  /** @type {Record<string, string>} */
  const values = {};
  for (const [name, value] of Object.entries(resolved)) {
    if (!catalogue.tokens.has(name)) continue;
    const target = catalogue.refs.get(name);
    if (target && !catalogue.themeSet.includes(name) && resolved[target] === value) continue;
    if (!target && catalogue.base[name] === value && !catalogue.themeSet.includes(name)) continue;
    values[name] = value;
  }
  return values;
}

// --- values -------------------------------------------------------------------------------------------------

const UNSAFE = /[;{}<>\\"`]|\/\*|url\(|var\(|env\(|attr\(|expression|@import|!important/i;
const FAMILY =
  /^\s*(?:'[^'\\]{1,60}'|"[^"\\]{1,60}"|[a-z][a-z0-9 -]{0,60})(?:\s*,\s*(?:'[^'\\]{1,60}'|"[^"\\]{1,60}"|[a-z][a-z0-9 -]{0,60}))*\s*$/i;

/** Which CSS property validates a value of a DTCG type (for CSS.supports). */
const PROPERTY_FOR = {
  color: 'color',
  dimension: 'border-radius',
  fontFamily: 'font-family',
  fontWeight: 'font-weight',
  number: 'line-height',
  strokeStyle: 'outline-style',
};

/**
 * CSS.supports when there is a DOM; in Node a stand-in that knows colours (culori, via the contrast check's
 * parser), lengths, font families and outline styles. The page passes the real CSS.supports.
 * @param {string} property
 * @param {string} value
 */
export function fallbackSupports(property, value) {
  const v = value.trim();
  switch (property) {
    case 'color':
      return isColour(v);
    case 'border-radius':
      return /^(0|\d+(\.\d+)?(px|rem|em|%))$/.test(v);
    case 'font-family':
      return FAMILY.test(v);
    case 'font-weight':
      return /^([1-9]00|normal|bold)$/.test(v);
    case 'line-height':
      return /^\d+(\.\d+)?$/.test(v);
    case 'outline-style':
      return /^(solid|dashed|dotted|double|groove|ridge|inset|outset)$/.test(v);
    default:
      return false;
  }
}

/**
 * Checks one value for a token: a known token name, no CSS that escapes the value, and valid for its type.
 * @param {Catalogue} catalogue
 * @param {string} name
 * @param {string} value
 * @param {(property: string, value: string) => boolean} [supports]
 * @returns {{ ok: true, value: string } | { ok: false, reason: 'unknown-token' | 'unsafe' | 'invalid' }}
 */
export function checkValue(catalogue, name, value, supports = fallbackSupports) {
  const info = catalogue.tokens.get(name);
  if (!info) return { ok: false, reason: 'unknown-token' };
  const v = String(value).trim();
  if (!v || v.length > 200 || UNSAFE.test(v)) return { ok: false, reason: 'unsafe' };
  const property = PROPERTY_FOR[info.type];
  if (!property || !supports(property, v)) return { ok: false, reason: 'invalid' };
  if (info.type === 'fontFamily' && !FAMILY.test(v)) return { ok: false, reason: 'invalid' };
  return { ok: true, value: v };
}

/**
 * Sets tokens, each value checked; the first bad one is returned and nothing changes.
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 * @param {Record<string, string>} changes
 * @param {(property: string, value: string) => boolean} [supports]
 */
export function setValues(catalogue, values, changes, supports = fallbackSupports) {
  const next = { ...values };
  for (const [name, value] of Object.entries(changes)) {
    const check = checkValue(catalogue, name, value, supports);
    if (!check.ok) return { values, rejected: { name, value, reason: check.reason } };
    next[name] = check.value;
  }
  return { values: next, rejected: undefined };
}

// --- the studio's fields -----------------------------------------------------------------------------------

const D = (name) => `--dichtbij-${name}`;

/**
 * The few choices a gemeente makes; each sets one or more tokens (the first is the one the field shows).
 * `derive` sets the shades that follow from a main colour (hover, active, light tint). Pasted CSS can set
 * any other token.
 * @type {readonly { id: string, kind: 'color' | 'font' | 'length' | 'style', tokens: readonly string[], derive?: boolean }[]}
 */
export const STUDIO_FIELDS = Object.freeze([
  {
    id: 'primary',
    kind: 'color',
    tokens: [
      D('button-primary-background-color'),
      D('accent-color'),
      D('button-secondary-color'),
      D('button-secondary-border-color'),
      D('status-tracker-step-current-background-color'),
    ],
    derive: true,
  },
  {
    id: 'on-primary',
    kind: 'color',
    tokens: [D('button-primary-color'), D('status-tracker-step-current-color'), D('status-tracker-step-done-color')],
  },
  { id: 'text', kind: 'color', tokens: [D('text-color'), D('input-color')] },
  { id: 'muted', kind: 'color', tokens: [D('text-muted-color'), D('status-tracker-step-upcoming-color')] },
  {
    id: 'background',
    kind: 'color',
    tokens: [D('background-color'), D('status-tracker-step-upcoming-background-color')],
  },
  { id: 'surface', kind: 'color', tokens: [D('surface-background-color')] },
  { id: 'link', kind: 'color', tokens: [D('link-color')] },
  {
    id: 'border',
    kind: 'color',
    tokens: [D('border-color'), D('input-border-color'), D('status-tracker-step-upcoming-border-color')],
  },
  { id: 'focus-color', kind: 'color', tokens: [D('focus-outline-color')] },
  { id: 'focus-width', kind: 'length', tokens: [D('focus-outline-width')] },
  { id: 'focus-style', kind: 'style', tokens: [D('focus-outline-style')] },
  { id: 'font', kind: 'font', tokens: [D('text-font-family')] },
  { id: 'radius', kind: 'length', tokens: [D('border-radius'), D('button-border-radius'), D('input-border-radius')] },
]);

/** Outline styles the focus field offers (a visible, continuous-enough ring). */
export const FOCUS_STYLES = Object.freeze(['solid', 'dashed', 'dotted', 'double']);

/** A colour with its OKLCH lightness moved by `dl` (or set to `l`), chroma capped, as hex. */
function shade(value, { dl = 0, l, maxChroma } = {}) {
  const c = oklch(parse(value));
  if (!c) return undefined;
  const next = { ...c, alpha: undefined, l: Math.min(1, Math.max(0, l ?? (c.l ?? 0) + dl)) };
  if (maxChroma !== undefined) next.c = Math.min(next.c ?? 0, maxChroma);
  return formatHex(clampChroma(next, 'oklch'));
}

/** The shades a main colour brings: hover and active (darker), the light tint behind a secondary button. */
export function derivedShades(primary) {
  const hover = shade(primary, { dl: -0.07 });
  const active = shade(primary, { dl: -0.14 });
  const tint = shade(primary, { l: 0.96, maxChroma: 0.03 });
  if (!hover || !active || !tint) return {};
  return {
    [D('button-primary-hover-background-color')]: hover,
    [D('button-primary-active-background-color')]: active,
    [D('button-secondary-hover-background-color')]: tint,
  };
}

/** The value a field shows: its first token's value. */
export function fieldValue(catalogue, values, fieldId) {
  const field = STUDIO_FIELDS.find((f) => f.id === fieldId);
  if (!field) return undefined;
  return resolveTokens(catalogue, values)[field.tokens[0]];
}

/**
 * Sets a field: every token it stands for (and the derived shades of a main colour). An invalid value
 * changes nothing and says why.
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 * @param {string} fieldId
 * @param {string} value
 * @param {(property: string, value: string) => boolean} [supports]
 */
export function applyField(catalogue, values, fieldId, value, supports = fallbackSupports) {
  const field = STUDIO_FIELDS.find((f) => f.id === fieldId);
  if (!field) throw new Error(`unknown studio field ${fieldId}`);
  const v = String(value).trim();
  if (field.kind === 'style' && !FOCUS_STYLES.includes(v)) {
    return { values, rejected: { name: field.tokens[0], value: v, reason: 'invalid' } };
  }
  const changes = Object.fromEntries(field.tokens.map((t) => [t, v]));
  const result = setValues(catalogue, values, changes, supports);
  if (result.rejected || !field.derive) return result;
  return setValues(catalogue, result.values, derivedShades(v), supports);
}

// --- pasted theme CSS ----------------------------------------------------------------------------------------

/**
 * Reads custom property declarations out of pasted CSS, as text: comments dropped, `--name: value` pairs
 * collected (the last one wins), `var(--other)` replaced by the other declaration (or its fallback), then
 * every name mapped to a Dichtbij token (`--dichtbij-*` itself, or an NL DS name the voorbeeld theme refers to)
 * and every value checked with `supports` (CSS.supports in the page). Nothing is ever used as CSS text.
 * @param {Catalogue} catalogue
 * @param {string} text
 * @param {(property: string, value: string) => boolean} [supports]
 */
export function parseThemeCss(catalogue, text, supports = fallbackSupports) {
  const source = String(text)
    .slice(0, 200_000)
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ');
  /** @type {Map<string, string>} */
  const declared = new Map();
  for (const m of source.matchAll(/(--[a-zA-Z0-9_-]{1,120})\s*:\s*([^;{}]*)/g)) {
    declared.set(m[1].toLowerCase(), m[2].replace(/\s*!important\s*$/i, '').trim());
  }
  const substitute = (value, depth = 0) =>
    depth > 10
      ? undefined
      : value.replace(
          /var\(\s*(--[a-zA-Z0-9_-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g,
          (_all, ref, fallback) => {
            const found = declared.get(ref.toLowerCase());
            const v = found !== undefined ? substitute(found, depth + 1) : fallback?.trim();
            return v ?? 'var(--unresolved)';
          },
        );

  /** @type {Record<string, string>} */
  const values = {};
  /** @type {{ name: string, token: string, value: string }[]} */
  const applied = [];
  /** @type {{ name: string, value: string, reason: string }[]} */
  const rejected = [];
  /** @type {string[]} */
  const ignored = [];
  // Direct --dichtbij-* names win over NL DS aliases: they are applied last.
  const ordered = [...declared.keys()].sort(
    (a, b) => Number(a.startsWith('--dichtbij-')) - Number(b.startsWith('--dichtbij-')),
  );
  for (const name of ordered) {
    const targets = name.startsWith('--dichtbij-') ? [name] : catalogue.aliases.get(name);
    if (!targets) {
      ignored.push(name);
      continue;
    }
    const raw = declared.get(name) ?? '';
    const value = substitute(raw) ?? '';
    for (const token of targets) {
      const check = checkValue(catalogue, token, value, supports);
      if (!check.ok) {
        rejected.push({ name, value: raw, reason: check.reason });
        break;
      }
      values[token] = check.value;
      applied.push({ name, token, value: check.value });
    }
  }
  return { values, applied, rejected, ignored };
}

// --- contrast ------------------------------------------------------------------------------------------------

/**
 * The build's contrast check on the studio's tokens, with the nearest passing colour for each failing pair
 * (for the colour drawn on top).
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 */
export function contrastReport(catalogue, values) {
  const tokens = resolveTokens(catalogue, values);
  const { results, problems } = checkThemeContrast('studio', tokens);
  const pairs = results.map((r) => {
    const pass = r.ratio >= r.min;
    const suggestion = pass ? undefined : nearestPassingColour(r.fgValue, r.bgValue, r.min, tokens[PAGE_BG]);
    return { pair: r.pair, ratio: r.ratio, min: r.min, fgValue: r.fgValue, bgValue: r.bgValue, pass, suggestion };
  });
  return { tokens, pairs, failing: pairs.filter((p) => !p.pass), problems };
}

// --- export --------------------------------------------------------------------------------------------------

/** Lower-case kebab-case, as the build wants for a theme file name; '' when nothing usable is left. */
export function themeNameFrom(text) {
  return String(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^gemeenten?\s+/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * The studio's theme as a DTCG token file, the shape of tokens/*.tokens.json: every token the theme sets,
 * nested by its path, with $type. Drop it into packages/themes/tokens/ and build.
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 * @param {{ description?: string }} [options]
 */
export function toDtcg(catalogue, values, options = {}) {
  /** @type {Record<string, any>} */
  const tree = {
    $description:
      options.description ??
      'Dichtbij theme made with the theme studio (@dichtbij/themes). Check the values with the gemeente’s house style.',
  };
  const names = Object.keys(values)
    .filter((n) => catalogue.tokens.has(n))
    .sort();
  for (const name of names) {
    const { path, type } = /** @type {TokenInfo} */ (catalogue.tokens.get(name));
    let node = tree;
    for (const key of path.slice(0, -1)) node = node[key] ??= {};
    node[/** @type {string} */ (path.at(-1))] = { $type: type, $value: values[name] };
  }
  return tree;
}

/**
 * The CSS the build writes for the theme (dist/<name>.css, or <name>.root.css with `root: true`): every
 * --dichtbij-* token, resolved. The build itself writes references as var(); the values are the same.
 * @param {Catalogue} catalogue
 * @param {Record<string, string>} values
 * @param {{ name: string, root?: boolean }} options
 */
export function toCss(catalogue, values, { name, root = false }) {
  const tokens = resolveTokens(catalogue, values);
  // With the theme's name, as the build writes it (--dichtbij-theme: an element with theme="…"
  // whose page already wears the theme loads nothing).
  const named = { ...tokens, '--dichtbij-theme': name };
  const lines = [...catalogue.tokens.keys(), '--dichtbij-theme']
    .filter((n) => named[n] !== undefined)
    .sort()
    .map((n) => `  ${n}: ${named[n]};`);
  const selector = root ? ':root' : `.${themeClassName(name)}`;
  return `/**\n * Dichtbij theme "${name}" (@dichtbij/themes), made with the theme studio.\n */\n\n${selector} {\n${lines.join('\n')}\n}\n`;
}

export { MIN_RATIO };
