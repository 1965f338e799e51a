// WCAG 2.x contrast check for a flat map of custom property -> value.
// Colour parsing, alpha compositing and the relative-luminance ratio come from culori
// (see README.md, "Why culori").
import { blend, clampRgb, formatHex8, parse, wcagContrast } from 'culori';
import { MIN_RATIO, pairs as defaultPairs } from './pairs.mjs';

const PAGE_BG = '--dichtbij-background-color';

/**
 * @typedef {import('./pairs.mjs').ContrastPair} ContrastPair
 * @typedef {{ theme: string, pair: ContrastPair, ratio: number, min: number, fgValue: string, bgValue: string }} ContrastResult
 * @typedef {{ theme: string, message: string }} ThemeProblem
 */

/** @param {string} value */
function parseColour(value) {
  const c = parse(String(value).trim());
  return c ? clampRgb(c) : undefined;
}

/** Composite `top` over `bottom` when `top` is translucent (source-over in sRGB, as browsers do). */
function over(top, bottom) {
  if (top.alpha === undefined || top.alpha >= 1) return top;
  return blend([bottom, top], 'normal', 'rgb');
}

/** Ratio rounded down to 2 decimals, so a reported 4.49 never passes as 4.5. */
export function roundRatio(r) {
  return Math.floor(r * 100) / 100;
}

/**
 * Contrast ratio between two CSS colours. `backdrop` is what a translucent background sits on.
 * @param {string} fg
 * @param {string} bg
 * @param {string} [backdrop]
 */
export function contrastRatio(fg, bg, backdrop = '#ffffff') {
  const f = parseColour(fg);
  const b = parseColour(bg);
  const d = parseColour(backdrop);
  if (!f || !b || !d) throw new Error(`cannot parse colour ${!f ? fg : !b ? bg : backdrop}`);
  const opaqueBg = over(b, over(d, { mode: 'rgb', r: 1, g: 1, b: 1 }));
  return wcagContrast(over(f, opaqueBg), opaqueBg);
}

/**
 * Checks every pair for one theme.
 * @param {string} theme
 * @param {Record<string, string>} tokens flat map, e.g. { '--dichtbij-text-color': '#222' }
 * @param {readonly ContrastPair[]} [pairs]
 * @returns {{ results: ContrastResult[], problems: ThemeProblem[] }}
 */
export function checkThemeContrast(theme, tokens, pairs = defaultPairs) {
  /** @type {ContrastResult[]} */
  const results = [];
  /** @type {ThemeProblem[]} */
  const problems = [];
  for (const pair of pairs) {
    const fgValue = tokens[pair.fg];
    const bgValue = tokens[pair.bg];
    const min = MIN_RATIO[pair.kind];
    const missing = [fgValue === undefined && pair.fg, bgValue === undefined && pair.bg].filter(Boolean);
    if (missing.length) {
      problems.push({ theme, message: `theme "${theme}": pair "${pair.label}" needs ${missing.join(' and ')}` });
      continue;
    }
    let ratio;
    try {
      ratio = roundRatio(contrastRatio(fgValue, bgValue, tokens[PAGE_BG] ?? '#ffffff'));
    } catch (e) {
      problems.push({ theme, message: `theme "${theme}": pair "${pair.label}": ${/** @type {Error} */ (e).message}` });
      continue;
    }
    const result = { theme, pair, ratio, min, fgValue, bgValue };
    results.push(result);
    if (ratio < min) problems.push({ theme, message: formatFailure(result) });
  }
  return { results, problems };
}

/** @param {ContrastResult} r */
export function formatFailure(r) {
  const { pair } = r;
  return (
    `theme "${r.theme}": contrast of "${pair.label}" is ${r.ratio.toFixed(2)}:1, needs ${r.min}:1 (${pair.kind}) — ` +
    `${pair.fg} ${show(r.fgValue)} on ${pair.bg} ${show(r.bgValue)}`
  );
}

/** @param {string} v */
function show(v) {
  const c = parseColour(v);
  const hex = c ? formatHex8(c).replace(/ff$/, '') : undefined;
  return hex && hex !== v.toLowerCase() ? `${v} (${hex})` : v;
}

export class ContrastError extends Error {
  /** @param {ThemeProblem[]} problems */
  constructor(problems) {
    super(
      `Theme contrast check failed (WCAG 2.2 AA: ${MIN_RATIO.text}:1 text, ${MIN_RATIO.ui}:1 UI and focus):\n` +
        problems.map((p) => `  - ${p.message}`).join('\n'),
    );
    this.name = 'ContrastError';
    this.problems = problems;
  }
}
