// @dichtbij/themes: Style Dictionary build output, the JS module, the WCAG contrast check
// (a deliberately bad theme must fail), and agreement with the components' token registry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildThemes } from '../../packages/themes/src/build.mjs';
import { ContrastError, checkThemeContrast, contrastRatio } from '../../packages/themes/src/contrast.mjs';
import { MIN_RATIO, pairs } from '../../packages/themes/src/pairs.mjs';
import { chain, safeDefaults, tokens } from '../../packages/components/src/shared/tokens.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const themesDir = join(root, 'packages/themes');
const badTheme = join(root, 'tests/fixtures/themes/bad-contrast.tokens.json');
const SHIPPED = ['voorbeeld', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'west-betuwe'];

interface ThemesModule {
  themes: readonly string[];
  isTheme(name: unknown): boolean;
  themeClass(name: string): string;
  themeTokens(name: string): Record<string, string>;
}

let out: string;
let mod: ThemesModule;
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'dichtbij-themes-'));
  out = join(work, 'dist');
  await buildThemes({ outDir: out });
  mod = (await import(pathToFileURL(join(out, 'index.js')).href)) as ThemesModule;
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('themes build output', () => {
  it('writes <name>.css with the theme class, <name>.root.css with :root, and all.css', async () => {
    const files = await readdir(out);
    for (const name of SHIPPED) {
      assert.ok(files.includes(`${name}.css`) && files.includes(`${name}.root.css`), `files for ${name}`);
      const css = await readFile(join(out, `${name}.css`), 'utf8');
      assert.match(css, new RegExp(`\\.dichtbij-theme--${name} \\{`));
      assert.match(css, /--dichtbij-button-primary-background-color: #[0-9a-f]{6};/);
      assert.match(css, /--dichtbij-focus-outline-color: /);
      assert.match(css, /--dichtbij-status-tracker-step-current-background-color: /);
      const rootCss = await readFile(join(out, `${name}.root.css`), 'utf8');
      assert.match(rootCss, /^:root \{$/m);
      assert.doesNotMatch(rootCss, /dichtbij-theme--/);
    }
    const all = await readFile(join(out, 'all.css'), 'utf8');
    for (const name of SHIPPED) assert.match(all, new RegExp(`\\.dichtbij-theme--${name} \\{`));
    // Only Dichtbij tokens are emitted: NL DS source tokens are resolved, not copied.
    assert.doesNotMatch(all, /^\s*--(basis|nl|utrecht)-/m);
  });

  it('says in each gemeente theme that its values are illustrative, and credits NL DS in voorbeeld', async () => {
    for (const name of SHIPPED.filter((n) => n !== 'voorbeeld')) {
      const source = JSON.parse(await readFile(join(themesDir, 'tokens', `${name}.tokens.json`), 'utf8'));
      assert.match(source.$description, /ILLUSTRATIVE/);
      assert.match(await readFile(join(out, `${name}.css`), 'utf8'), /ILLUSTRATIVE/);
    }
    assert.match(await readFile(join(out, 'voorbeeld.css'), 'utf8'), /EUPL-1\.2/);
  });

  it('takes the voorbeeld values from the NL DS npm package', async () => {
    const require = createRequire(join(themesDir, 'package.json'));
    const pkg = dirname(require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/package.json'));
    const nl = JSON.parse(await readFile(join(pkg, 'dist/variables.json'), 'utf8')) as Record<string, string>;
    const t = mod.themeTokens('voorbeeld');
    assert.equal(t['--dichtbij-button-primary-background-color'], nl.nlButtonPrimaryBackgroundColor);
    assert.equal(t['--dichtbij-button-primary-color'], nl.nlButtonPrimaryColor);
    assert.equal(t['--dichtbij-text-color'], nl.basisColorDefaultColorDocument);
    assert.equal(t['--dichtbij-focus-outline-color'], nl.basisFocusOutlineColor);
    assert.equal(t['--dichtbij-input-border-color'], nl.utrechtTextboxBorderColor);
    assert.equal(t['--dichtbij-text-font-family'], nl.basisTextFontFamilyDefault);
  });
});

describe('themes JS module', () => {
  it('lists the themes and gives class names and flat token maps', () => {
    assert.deepEqual([...mod.themes], SHIPPED);
    assert.equal(mod.themeClass('west-betuwe'), 'dichtbij-theme--west-betuwe');
    const t = mod.themeTokens('olst-wijhe');
    assert.match(t['--dichtbij-button-primary-background-color']!, /^#[0-9a-f]{6}$/);
    // References between Dichtbij tokens are resolved in the JS map.
    assert.equal(t['--dichtbij-chat-launcher-background-color'], t['--dichtbij-button-primary-background-color']);
    for (const name of Object.keys(t)) assert.match(name, /^--dichtbij-[a-z0-9]+(-[a-z0-9]+)*$/);
    t['--dichtbij-text-color'] = 'red';
    assert.notEqual(mod.themeTokens('olst-wijhe')['--dichtbij-text-color'], 'red', 'returns a copy');
    assert.equal(mod.isTheme('voorbeeld'), true);
    assert.equal(mod.isTheme('toString'), false);
  });

  it('throws a clear error for an unknown theme name', () => {
    const expected = `Unknown theme "amsterdam"; known: ${SHIPPED.join(', ')}`;
    assert.throws(() => mod.themeTokens('amsterdam'), { message: expected });
    assert.throws(() => mod.themeClass('amsterdam'), { message: expected });
    assert.throws(() => mod.themeTokens('__proto__'), /Unknown theme "__proto__"/);
  });
});

describe('theme contrast check', () => {
  it('passes every pair for every shipped theme', async () => {
    const built = await buildThemes({ write: false });
    assert.deepEqual(
      built.map((t) => t.name),
      SHIPPED,
    );
    for (const theme of built) {
      assert.equal(theme.contrast.length, pairs.length, `${theme.name} checked every pair`);
      for (const r of theme.contrast) assert.ok(r.ratio >= r.min, `${theme.name}: ${r.pair.label} ${r.ratio}`);
    }
  });

  it('fails a deliberately bad theme, naming the theme, the pair and the ratio, and writes nothing', async () => {
    const outDir = join(work, 'bad-out');
    await assert.rejects(buildThemes({ files: [badTheme], outDir }), (e: unknown) => {
      assert.ok(e instanceof ContrastError);
      // white on #ff8080: (1 + 0.05) / (0.3826 + 0.05) = 2.427 -> 2.42
      assert.match(e.message, /theme "bad-contrast": contrast of "primary button text" is 2\.42:1, needs 4\.5:1/);
      assert.match(e.message, /theme "bad-contrast": contrast of "focus ring on background" is 1\.\d\d:1, needs 3:1/);
      assert.ok(e.problems.every((p) => p.theme === 'bad-contrast'));
      return true;
    });
    assert.equal(existsSync(outDir), false);
  });

  it('makes the CLI build exit non-zero with the same message', () => {
    const r = spawnSync(process.execPath, ['build.mjs', '--check', badTheme], { cwd: themesDir, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /theme "bad-contrast": contrast of "primary button text" is 2\.42:1, needs 4\.5:1 \(text\)/);
  });

  it('reports a missing token and an unknown NL DS reference clearly', async () => {
    const partial = join(work, 'half-done.tokens.json');
    await writeFile(partial, JSON.stringify({ dichtbij: { text: { color: { $type: 'color', $value: '#000' } } } }));
    await assert.rejects(buildThemes({ files: [partial], write: false }), (e: Error) => {
      assert.match(e.message, /theme "half-done": missing token/);
      assert.match(
        e.message,
        /--dichtbij-button-primary-background-color \(used by [^)]*--dichtbij-chat-launcher-background-color/,
      );
      return true;
    });
    // Tokens that nothing refers to are caught by the contrast pairs.
    const noLink = JSON.parse(await readFile(join(themesDir, 'tokens/olst-wijhe.tokens.json'), 'utf8'));
    delete noLink.dichtbij.link;
    const linkless = join(work, 'linkless.tokens.json');
    await writeFile(linkless, JSON.stringify(noLink));
    await assert.rejects(buildThemes({ files: [linkless], write: false }), {
      message: /theme "linkless": pair "link on background" needs --dichtbij-link-color/,
    });
    const broken = join(work, 'typo.tokens.json');
    const typo = JSON.parse(await readFile(join(themesDir, 'tokens/voorbeeld.tokens.json'), 'utf8'));
    typo.dichtbij.text.color.$value = '{basis.color.nope}';
    await writeFile(broken, JSON.stringify(typo));
    await assert.rejects(buildThemes({ files: [broken], write: false }), {
      message: /theme "typo": reference \{basis\.color\.nope\} is not a token in @nl-design-system-unstable/,
    });
  });

  it('computes WCAG ratios, compositing translucent colours', () => {
    assert.equal(contrastRatio('#000', '#fff'), 21);
    assert.equal(contrastRatio('white', 'white'), 1);
    // 50% black over white composites (in sRGB, as browsers do) to grey 0.5: (1.05) / (0.214 + 0.05) = 3.97
    assert.equal(Math.floor(contrastRatio('rgba(0, 0, 0, 0.5)', '#fff') * 100) / 100, 3.97);
    assert.throws(() => contrastRatio('not-a-colour', '#fff'), /cannot parse colour not-a-colour/);
  });
});

describe('components token registry and themes agree', () => {
  it('every token the components read is defined by every theme', () => {
    for (const name of SHIPPED) {
      const t = mod.themeTokens(name);
      const missing = Object.values(tokens)
        .map((d) => d.name)
        .filter((n) => !(n in t));
      assert.deepEqual(missing, [], `${name} misses tokens`);
    }
  });

  it('every contrast pair names registry tokens, and the safe defaults pass every pair', () => {
    const names = new Set(Object.values(tokens).map((d) => d.name));
    for (const p of pairs)
      assert.ok(names.has(p.fg as `--dichtbij-${string}`) && names.has(p.bg as `--dichtbij-${string}`), p.label);
    const { problems, results } = checkThemeContrast('safe defaults', safeDefaults());
    assert.deepEqual(problems, []);
    assert.equal(results.length, pairs.length);
    assert.ok(results.every((r) => r.ratio >= MIN_RATIO[r.pair.kind]));
  });

  it('builds one var() chain per token: Dichtbij token, NL DS tokens, safe default', () => {
    assert.equal(
      chain('buttonPrimaryBackgroundColor'),
      'var(--dichtbij-button-primary-background-color, var(--nl-button-primary-background-color, ' +
        'var(--utrecht-button-primary-action-background-color, var(--basis-color-action-1-inverse-bg-default, #1a4d8f))))',
    );
    assert.match(
      chain('feedbackOptionSelectedColor', '--_dichtbij-x'),
      /^var\(--_dichtbij-x, var\(--dichtbij-feedback-option-selected-color, var\(--dichtbij-button-primary-color, var\(--nl-button-primary-color,/,
    );
  });
});
