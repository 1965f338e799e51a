// Visual regression (suite step 'visual'): screenshots of the key states of each element in the built Storybook,
// in all five themes, and for one theme also with forced colours, right-to-left and at 320 px, compared with
// the baselines committed in tests/visual/baselines/ (tolerance: see compare.mjs). A difference fails and
// writes the baseline, this run's screenshot and the diff image to .tmp/visual/. One extra test proves the
// comparison bites: the same state with a one-pixel border injected in one theme must differ.
//
//   node tests/storybook/visual.mjs            compare (the suite)
//   node tests/storybook/visual.mjs --update   write the baselines on purpose (`pnpm run visual:update`)
// Writes .tmp/visual-summary.json ({ passed, failed, skipped, failures }) for scripts/test-all.mjs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { themes } from '@dichtbij/themes';
import { comparePng } from './compare.mjs';
import { openStory, root, start, switchStory } from './harness.mjs';

const { values } = parseArgs({ options: { update: { type: 'boolean' }, only: { type: 'string' } } });
const baselines = join(root, 'tests/visual/baselines');
const outDir = join(root, '.tmp/visual');

/** The key states: feedback's question, the callback form with an error, a found case, the launcher, the panel. */
export const STATES = [
  'elementen-feedback--vraag',
  'elementen-bel-mij-terug--fouten',
  'elementen-status-van-uw-aanvraag--gevonden',
  'elementen-chat--online',
  'elementen-chat--welkom',
];
const ONE = 'west-betuwe';
const DESKTOP = { width: 1024, height: 768 };
/** Every theme at 1024 px; for one theme also forced colours, right-to-left and 320 px. */
export const CONFIGS = [
  ...themes.map((theme) => ({ name: theme, globals: { theme }, viewport: DESKTOP })),
  { name: `${ONE}-forced-colors`, globals: { theme: ONE }, viewport: DESKTOP, forcedColors: 'active' },
  { name: `${ONE}-rtl`, globals: { theme: ONE, dir: 'rtl' }, viewport: DESKTOP },
  { name: `${ONE}-320`, globals: { theme: ONE }, viewport: { width: 320, height: 640 } },
];

// No caret, no animation, no scrollbars: what is left is the design.
const STILL = `*, *::before, *::after { caret-color: transparent !important; transition: none !important;
  animation: none !important; scroll-behavior: auto !important; } ::-webkit-scrollbar { display: none; }`;

const short = (id) => id.replace(/^elementen-/, '');
const results = { passed: 0, failed: 0, skipped: 0, failures: [] };
function record(name, problem) {
  if (!problem) {
    results.passed++;
    console.log(`  ✔ ${name}`);
  } else {
    results.failed++;
    results.failures.push(`visual: ${name}: ${problem}`);
    console.log(`  ✘ ${name}: ${problem}`);
  }
}

/**
 * The state once it has settled: a story may still be loading (the stories' in-memory backend answers after a
 * few hundred milliseconds), so screenshots are taken until two in a row are the same (at most 5 s).
 */
async function shoot(page) {
  await page.addStyleTag({ content: STILL });
  await page.evaluate(() => document.fonts.ready);
  // Nothing still loading (aria-busy anywhere, shadow roots included), then a picture that holds still.
  await page.waitForFunction(
    () => {
      const busy = (root) =>
        [...root.querySelectorAll('*')].some(
          (el) => el.getAttribute('aria-busy') === 'true' || (el.shadowRoot !== null && busy(el.shadowRoot)),
        );
      return !busy(document);
    },
    null,
    { timeout: 5000, polling: 50 },
  );
  // In forced colours Chromium forces the caret's colour too, so `caret-color: transparent` does not hide it and a
  // focused text field blinks between screenshots: that one field keeps its own colours (forced-color-adjust) so
  // the caret can be hidden.
  await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (el && el.matches('textarea, input') && matchMedia('(forced-colors: active)').matches) {
      el.style.setProperty('forced-color-adjust', 'none');
      el.style.setProperty('caret-color', 'transparent', 'important');
    }
  });
  const take = () => page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
  const until = Date.now() + 5000;
  let last = await take();
  for (;;) {
    await page.waitForTimeout(250);
    const next = await take();
    if (next.equals(last) || Date.now() > until) return next;
    last = next;
  }
}

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
mkdirSync(baselines, { recursive: true });
const sb = await start();
const written = new Set();

for (const config of CONFIGS) {
  if (values.only && !config.name.includes(values.only)) continue;
  const context = await sb.browser.newContext({
    viewport: config.viewport,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    forcedColors: config.forcedColors ?? 'none',
  });
  const page = await context.newPage();
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  let loaded = false;
  for (const id of STATES) {
    const name = `${short(id)}--${config.name}`;
    try {
      const { error } = loaded
        ? await switchStory(page, id)
        : await openStory(page, sb.url, id, { globals: config.globals });
      loaded = true;
      if (error) throw new Error(`the story failed: ${error}`);
      const png = await shoot(page);
      const file = join(baselines, `${name}.png`);
      written.add(`${name}.png`);
      if (values.update) {
        writeFileSync(file, png);
        record(name);
        continue;
      }
      if (!existsSync(file)) {
        writeFileSync(join(outDir, `${name}.actual.png`), png);
        record(name, 'no baseline (run `pnpm run visual:update` and commit tests/visual/baselines)');
        continue;
      }
      const result = comparePng(readFileSync(file), png);
      if (!result.same) {
        writeFileSync(join(outDir, `${name}.actual.png`), png);
        writeFileSync(join(outDir, `${name}.expected.png`), readFileSync(file));
        if (result.diff) writeFileSync(join(outDir, `${name}.diff.png`), result.diff);
      }
      record(name, result.same ? undefined : `${result.reason} (see .tmp/visual/${name}.diff.png)`);
    } catch (err) {
      loaded = false;
      record(name, String(err?.message ?? err).split('\n')[0]);
    }
  }
  // The comparison bites: a one-pixel border added in this theme only must be reported as a difference.
  if (!values.update && config.name === ONE) {
    const name = `a 1px border change in ${ONE} fails the comparison`;
    try {
      await openStory(page, sb.url, STATES[0], { globals: config.globals });
      const before = await shoot(page);
      const again = comparePng(before, await shoot(page));
      await page.addStyleTag({
        content: `.dichtbij-theme--${ONE} dichtbij-feedback::part(base) { border: 1px solid currentColor; }`,
      });
      const changed = comparePng(before, await shoot(page));
      record(
        name,
        !again.same
          ? `the same state twice differs (${again.reason})`
          : changed.same
            ? `not detected (${changed.diffPixels} pixels differ)`
            : undefined,
      );
    } catch (err) {
      record(name, String(err?.message ?? err).split('\n')[0]);
    }
  }
  await context.close();
}
await sb.close();

if (values.update && !values.only)
  for (const file of readdirSync(baselines))
    if (file.endsWith('.png') && !written.has(file)) rmSync(join(baselines, file));

writeFileSync(join(root, '.tmp/visual-summary.json'), JSON.stringify(results));
console.log(
  `visual: ${results.passed} passed, ${results.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`,
);
process.exit(results.failed ? 1 : 0);
