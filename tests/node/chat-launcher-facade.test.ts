// The launcher facade's CSS is a plain string (no Lit, no token registry in the first load), in
// two sheets: the first state (chat-launcher.styles.ts) and the settled state (settled.styles.ts):
// every token chain in it must be the registry's chain (shared/tokens.ts), so a theme styles the
// launcher exactly as it styles the other elements. Also: no colour outside a chain's fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launcherCss } from '../../packages/components/src/chat-launcher/chat-launcher.styles.ts';
import { settledCss } from '../../packages/components/src/chat-launcher/settled.styles.ts';
import { tokens, type TokenChain } from '../../packages/components/src/shared/tokens.ts';

/** Every outermost var(--dichtbij-…) chain in the CSS, as [names…] and its final default. */
function chains(css: string): { names: string[]; fallback: string }[] {
  const out: { names: string[]; fallback: string }[] = [];
  let i = 0;
  while ((i = css.indexOf('var(--dichtbij-', i)) >= 0) {
    let depth = 0;
    let j = i;
    for (; j < css.length; j++) {
      if (css[j] === '(') depth++;
      else if (css[j] === ')' && --depth === 0) break;
    }
    const chain = css.slice(i, j + 1);
    const names: string[] = [];
    let rest = chain;
    let m: RegExpExecArray | null;
    while ((m = /^var\((--[a-z0-9-]+),\s*/.exec(rest))) {
      names.push(m[1]!);
      rest = rest.slice(m[0].length);
    }
    out.push({ names, fallback: rest.replace(/\)+$/, '').trim() });
    i = j + 1;
  }
  return out;
}

const byName = new Map<string, TokenChain>(Object.values(tokens).map((t) => [t.name, t]));

/** Both sheets of the launcher. */
const css = launcherCss + settledCss;

test('every registry token in the facade CSS uses the registry chain', () => {
  const found = chains(css).filter((c) => byName.has(c.names[0]!));
  assert.ok(found.length >= 6, `${found.length} chains`);
  for (const c of found) {
    const t = byName.get(c.names[0]!)!;
    assert.deepEqual(c.names, [t.name, ...t.fallbacks], t.name);
    if (t.name === '--dichtbij-text-font-family') assert.match(c.fallback, /^system-ui\b/);
    else assert.equal(c.fallback, t.value, t.name);
  }
  for (const name of [
    '--dichtbij-chat-launcher-background-color',
    '--dichtbij-chat-launcher-color',
    '--dichtbij-chat-launcher-hover-background-color',
    '--dichtbij-focus-outline-color',
  ]) {
    assert.ok(
      found.some((c) => c.names[0] === name),
      `${name} is used`,
    );
  }
});

test('the facade CSS: no colour literal outside a fallback, logical properties, motion and forced colours handled', () => {
  const withoutChains = chains(css).reduce((rest, c) => rest.replace(c.fallback, ''), css);
  const literals = withoutChains.match(/#[0-9a-f]{3,8}\b/gi) ?? [];
  assert.deepEqual(literals, []);
  assert.doesNotMatch(css, /\b(margin|padding)-(left|right|top|bottom)\b|\b(left|right|top|bottom)\s*:/);
  // The transition comes with the settled state: before it, there is none (as with reduced motion).
  assert.match(settledCss, /@media \(prefers-reduced-motion: no-preference\)/);
  assert.doesNotMatch(launcherCss, /transition/);
  // Forced colours for what each sheet draws: the button and its focus ring; the dot and the badge.
  assert.match(launcherCss, /@media \(forced-colors: active\)[^@]*ButtonText[^@]*Highlight/);
  assert.match(settledCss, /@media \(forced-colors: active\)\s*\{\s*\.badge,\s*\.dot\s*\{\s*border: 1px solid/);
  // The first state has the focus ring: a keyboard user may reach the button before the page is idle.
  assert.match(launcherCss, /button:focus-visible/);
});
