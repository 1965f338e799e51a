// WCAG 2.x contrast check for a flat map of custom property -> value.
// Colour parsing, alpha compositing and the relative-luminance ratio come from culori
// (see README.md, "Why culori").
import { blend, clampChroma, clampRgb, formatHex, formatHex8, oklch, parse, wcagContrast } from 'culori';
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

/** True when culori reads `value` as a colour (any CSS colour syntax). */
export function isColour(value) {
  return parseColour(value) !== undefined;
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

/**
 * The passing colour nearest to `fg` against `bg`: same hue and chroma (as far as sRGB allows), only the
 * OKLCH lightness moved, by as little as possible, darker or lighter, so that the ratio as the check rounds it
 * is at least `min`. undefined when neither black-ward nor white-ward reaches `min` (then change `bg`).
 * A colour that already passes comes back as itself (as hex).
 * @param {string} fg
 * @param {string} bg
 * @param {number} min
 * @param {string} [backdrop] what a translucent `bg` sits on
 * @returns {{ colour: string, ratio: number } | undefined}
 */
export function nearestPassingColour(fg, bg, min, backdrop = '#ffffff') {
  const start = parseColour(fg);
  if (!start) throw new Error(`cannot parse colour ${fg}`);
  const passes = (hex) => roundRatio(contrastRatio(hex, bg, backdrop)) >= min;
  const base = oklch({ ...start, alpha: undefined });
  const at = (l) => formatHex(clampChroma({ ...base, l: Math.min(1, Math.max(0, l)) }, 'oklch'));
  const own = formatHex(clampRgb({ ...start, alpha: undefined }));
  if ((start.alpha ?? 1) >= 1 && passes(own))
    return { colour: own, ratio: roundRatio(contrastRatio(own, bg, backdrop)) };
  const l0 = base.l ?? 0;
  /** @type {{ colour: string, distance: number }[]} */
  const found = [];
  for (const end of [0, 1]) {
    if (!passes(at(end))) continue;
    // Contrast grows monotonically towards the end that passes: bisect for the smallest step.
    let near = l0;
    let far = end;
    for (let i = 0; i < 24; i++) {
      const mid = (near + far) / 2;
      if (passes(at(mid))) far = mid;
      else near = mid;
    }
    found.push({ colour: at(far), distance: Math.abs(far - l0) });
  }
  if (!found.length) return undefined;
  found.sort((a, b) => a.distance - b.distance);
  const colour = found[0].colour;
  return { colour, ratio: roundRatio(contrastRatio(colour, bg, backdrop)) };
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
