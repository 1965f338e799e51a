// The theme studio's logic (@dichtbij/themes/studio) against the themes build itself: a theme the studio
// passes builds and passes the build's contrast check; one it flags fails that check on the same pairs;
// the studio's CSS has the values the build writes. Plus the nearest-passing-colour search and the
// pasted-CSS reader (text only, every value checked).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { buildThemes } from '../../packages/themes/src/build.mjs';
import { ContrastError, contrastRatio, nearestPassingColour, roundRatio } from '../../packages/themes/src/contrast.mjs';
import { pairs } from '../../packages/themes/src/pairs.mjs';
import {
  STUDIO_FIELDS,
  applyField,
  contrastReport,
  createCatalogue,
  parseThemeCss,
  resolveTokens,
  startValues,
  themeNameFrom,
  toCss,
  toDtcg,
  type Catalogue,
} from '../../packages/themes/src/studio.mjs';

const tokensDir = fileURLToPath(new URL('../../packages/themes/tokens/', import.meta.url));
const readJson = async (file: string) => JSON.parse(await readFile(join(tokensDir, file), 'utf8')) as object;

let catalogue: Catalogue;
let westBetuwe: Record<string, string>;
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'dichtbij-studio-'));
  const names = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];
  const themes = await Promise.all(names.map((n) => readJson(`${n}.tokens.json`)));
  catalogue = createCatalogue({
    base: await readJson('base/dichtbij.tokens.json'),
    themes,
    nlds: await readJson('voorbeeld.tokens.json'),
  });
  // The resolved tokens of a shipped theme, as themeTokens() gives them: built here, not read from dist/.
  const [built] = await buildThemes({ files: [join(tokensDir, 'west-betuwe.tokens.json')], write: false });
  westBetuwe = startValues(catalogue, built!.tokens);
});
after(() => rm(work, { recursive: true, force: true }));

/** Writes the studio's DTCG export as a theme file and runs the themes build (check and CSS) on it. */
async function buildExport(name: string, values: Record<string, string>) {
  const file = join(work, `${name}.tokens.json`);
  await writeFile(file, JSON.stringify(toDtcg(catalogue, values), null, 2));
  return buildThemes({ files: [file], outDir: join(work, `dist-${name}`), write: false });
}

describe('theme studio export → @dichtbij/themes build', () => {
  it('a theme the studio passes builds and passes the build’s contrast check', async () => {
    let values = westBetuwe;
    values = applyField(catalogue, values, 'primary', '#00539b').values;
    values = applyField(catalogue, values, 'font', "'Fira Sans', system-ui, sans-serif").values;
    values = applyField(catalogue, values, 'radius', '2px').values;
    values = applyField(catalogue, values, 'focus-style', 'dashed').values;
    const report = contrastReport(catalogue, values);
    assert.deepEqual(
      report.failing.map((f) => f.pair.label),
      [],
    );
    assert.equal(report.pairs.length, pairs.length, 'every pair of pairs.mjs is checked');

    const [built] = await buildExport('studio-blauw', values);
    assert.equal(built!.contrast.length, pairs.length);
    // The studio reports the ratios the build computes.
    assert.deepEqual(
      built!.contrast.map((r) => [r.pair.label, r.ratio]),
      report.pairs.map((p) => [p.pair.label, p.ratio]),
    );
    assert.equal(built!.tokens['--dichtbij-button-primary-background-color'], '#00539b');
    assert.equal(built!.tokens['--dichtbij-chat-launcher-background-color'], '#00539b', 'references follow');
    assert.equal(built!.tokens['--dichtbij-focus-outline-style'], 'dashed');

    // The studio's CSS download has exactly the tokens and values the build resolves.
    const css = toCss(catalogue, values, { name: 'studio-blauw' });
    assert.match(css, /^\.dichtbij-theme--studio-blauw \{$/m);
    const declared = Object.fromEntries(
      [...css.matchAll(/^ {2}(--dichtbij-[a-z0-9-]+): (.+);$/gm)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(declared, built!.tokens);
    // The build writes the same selector and property names.
    const builtCss = built!.outputs.find((o) => o.file === 'studio-blauw.css')!.css;
    const builtNames = [...builtCss.matchAll(/^ {2}(--dichtbij-[a-z0-9-]+):/gm)].map((m) => m[1]).sort();
    assert.deepEqual(builtNames, Object.keys(declared).sort());
  });

  it('a theme the studio flags fails the build’s check on the same pairs, with the same ratios', async () => {
    const values = applyField(catalogue, westBetuwe, 'primary', '#ff8080').values;
    const report = contrastReport(catalogue, values);
    assert.ok(report.failing.length > 0);
    const labels = report.failing.map((f) => f.pair.label);
    assert.ok(labels.includes('primary button text'));

    await assert.rejects(buildExport('studio-roze', values), (e: unknown) => {
      assert.ok(e instanceof ContrastError);
      const failed = e.problems.map((p) => /contrast of "([^"]+)" is ([\d.]+):1/.exec(p.message)?.slice(1));
      assert.deepEqual(
        failed,
        report.failing.map((f) => [f.pair.label, f.ratio.toFixed(2)]),
      );
      return true;
    });
  });

  it('taking the proposed colours makes the flagged theme pass the build', async () => {
    let values = applyField(catalogue, westBetuwe, 'primary', '#ff8080').values;
    for (let round = 0; round < 40; round++) {
      const { failing } = contrastReport(catalogue, values);
      if (!failing.length) break;
      const f = failing[0]!;
      assert.ok(f.suggestion, `a proposal for ${f.pair.label}`);
      values = { ...values, [f.pair.fg]: f.suggestion.colour };
    }
    assert.deepEqual(contrastReport(catalogue, values).failing, []);
    const [built] = await buildExport('studio-voorstel', values);
    assert.equal(built!.contrast.length, pairs.length);
  });
});

describe('nearestPassingColour', () => {
  const hex = fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
    .map((rgb) => `#${rgb.map((n) => n.toString(16).padStart(2, '0')).join('')}`);

  it('returns a colour that passes the check as the check rounds it, or says there is none', () => {
    fc.assert(
      fc.property(hex, hex, fc.constantFrom(3, 4.5), (fg, bg, min) => {
        const found = nearestPassingColour(fg, bg, min);
        const best = Math.max(contrastRatio('#000000', bg), contrastRatio('#ffffff', bg));
        if (!found) return assert.ok(roundRatio(best) < min + 0.05, `${fg} on ${bg}: black or white would pass`);
        assert.match(found.colour, /^#[0-9a-f]{6}$/);
        assert.ok(roundRatio(contrastRatio(found.colour, bg)) >= min, `${found.colour} on ${bg}`);
        assert.equal(found.ratio, roundRatio(contrastRatio(found.colour, bg)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a passing colour, and moves a failing one only as far as needed', () => {
    assert.deepEqual(nearestPassingColour('#222222', '#ffffff', 4.5), { colour: '#222222', ratio: 15.9 });
    const found = nearestPassingColour('#ff8080', '#ffffff', 4.5)!;
    assert.ok(found.ratio >= 4.5 && found.ratio < 4.7, `just enough: ${found.ratio}`);
    // Same hue family: still a red.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(found.colour.slice(i, i + 2), 16));
    assert.ok(r! > g! && r! > b!, found.colour);
    // Light text on a dark background goes lighter.
    const light = nearestPassingColour('#555555', '#1a1a1a', 4.5)!;
    assert.ok(parseInt(light.colour.slice(1, 3), 16) > 0x55, light.colour);
  });

  it('composites a translucent background over the backdrop, as the check does', () => {
    const found = nearestPassingColour('#999999', 'rgba(0, 0, 0, 0.05)', 4.5, '#ffffff')!;
    assert.ok(roundRatio(contrastRatio(found.colour, 'rgba(0, 0, 0, 0.05)', '#ffffff')) >= 4.5);
  });
});

describe('pasted theme CSS', () => {
  it('maps NL DS and --dichtbij-* names to tokens, resolves var(), and checks every value', () => {
    const css = `
      /* --dichtbij-text-color: #000000; (a comment is not a declaration) */
      .mijn-theme {
        --basis-color-action-1-inverse-bg-default: #0b5394;
        --nl-button-primary-background-color: var(--basis-color-action-1-inverse-bg-default);
        --nl-button-primary-color: var(--niet-bestaand, #ffffff);
        --utrecht-textbox-border-color: #5a5a5a !important;
        --dichtbij-link-color: url(https://evil.example/x.png);
        --dichtbij-border-radius: 6px;
        --dichtbij-text-font-family: 'Fira Sans', sans-serif;
        --dichtbij-focus-outline-color: expression(alert(1));
        --dichtbij-bestaat-niet: red;
        --iets-anders: 1px;
      }`;
    const out = parseThemeCss(catalogue, css);
    assert.equal(out.values['--dichtbij-button-primary-background-color'], '#0b5394');
    assert.equal(out.values['--dichtbij-button-primary-color'], '#ffffff');
    assert.equal(out.values['--dichtbij-input-border-color'], '#5a5a5a');
    assert.equal(out.values['--dichtbij-border-radius'], '6px');
    assert.equal(out.values['--dichtbij-text-font-family'], "'Fira Sans', sans-serif");
    assert.equal(out.values['--dichtbij-text-color'], undefined, 'comments are skipped');
    assert.deepEqual(out.rejected.map((r) => [r.name, r.reason]).sort(), [
      ['--dichtbij-bestaat-niet', 'unknown-token'],
      ['--dichtbij-focus-outline-color', 'unsafe'],
      ['--dichtbij-link-color', 'unsafe'],
    ]);
    assert.ok(out.ignored.includes('--iets-anders'));
  });

  it('a --dichtbij-* name wins over an NL DS name for the same token; a value with CSS syntax is refused', () => {
    const out = parseThemeCss(
      catalogue,
      '--dichtbij-button-primary-color: #111111; --nl-button-primary-color: #eeeeee; --dichtbij-text-color: red; } body { color: red',
    );
    assert.equal(out.values['--dichtbij-button-primary-color'], '#111111');
    assert.equal(out.values['--dichtbij-text-color'], 'red');
    const bad = parseThemeCss(catalogue, '--dichtbij-text-color: #fff</style><script>x</script>;');
    assert.equal(bad.values['--dichtbij-text-color'], undefined);
  });

  it('uses the given supports() (CSS.supports in the page) for each value', () => {
    const seen: [string, string][] = [];
    const out = parseThemeCss(
      catalogue,
      '--dichtbij-text-color: notacolour; --dichtbij-border-radius: 4px;',
      (p, v) => {
        seen.push([p, v]);
        return v === '4px';
      },
    );
    assert.deepEqual(seen, [
      ['color', 'notacolour'],
      ['border-radius', '4px'],
    ]);
    assert.deepEqual(Object.keys(out.values), ['--dichtbij-border-radius']);
  });
});

describe('studio fields and names', () => {
  it('a main colour sets its tokens and derives darker hover/active shades', () => {
    const { values, rejected } = applyField(catalogue, westBetuwe, 'primary', '#00539b');
    assert.equal(rejected, undefined);
    const t = resolveTokens(catalogue, values);
    for (const token of STUDIO_FIELDS.find((f) => f.id === 'primary')!.tokens) assert.equal(t[token], '#00539b');
    const lum = (c: string) => contrastRatio(c, '#000000');
    assert.ok(lum(t['--dichtbij-button-primary-hover-background-color']!) < lum('#00539b'));
    assert.ok(
      lum(t['--dichtbij-button-primary-active-background-color']!) <
        lum(t['--dichtbij-button-primary-hover-background-color']!),
    );
  });

  it('refuses invalid field values without changing anything', () => {
    for (const [field, value] of [
      ['primary', 'blauwig'],
      ['radius', '4px; color: red'],
      ['focus-style', 'none'],
      ['font', 'Arial; } * { display: none'],
    ] as const) {
      const out = applyField(catalogue, westBetuwe, field, value);
      assert.ok(out.rejected, `${field}: ${value}`);
      assert.equal(out.values, westBetuwe);
    }
  });

  it('makes a theme file name from a gemeente name', () => {
    assert.equal(themeNameFrom('Gemeente Súdwest-Fryslân'), 'sudwest-fryslan');
    assert.equal(themeNameFrom('  Olst-Wijhe  '), 'olst-wijhe');
    assert.equal(themeNameFrom('123'), '');
  });
});
