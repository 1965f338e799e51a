// Story tests (suite step 'story tests'): every story of the built Storybook in Chromium must render and finish
// its play function without an error, write no error to the console, and have no violation by axe-core (WCAG 2.0,
// 2.1 and 2.2 A/AA tags) nor by the IBM Equal Access engine (accessibility-checker-engine, policy WCAG_2_2).
// Every docs page must render tables whose rows are the manifest's (see stories/support/manifest-docs.ts).
// A story may list console errors it causes on purpose: parameters.dichtbijTest.consoleErrors (substrings).
//
//   node tests/storybook/run.mjs [--only <text in the story id>] [--globals theme:west-betuwe;locale:en]
// Writes .tmp/story-summary.json ({ passed, failed, skipped, failures }) for scripts/test-all.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { argTypesFor } from '../../stories/support/manifest-docs.ts';
import { openStory, pool, root, start, storyIndex, switchStory, testParameters } from './harness.mjs';

const { values } = parseArgs({
  options: { only: { type: 'string' }, globals: { type: 'string' }, out: { type: 'string' } },
});
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ACE = join(require.resolve('accessibility-checker-engine/package.json'), '..', 'ace.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const manifest = JSON.parse(readFileSync(join(root, 'packages/components/custom-elements.json'), 'utf8'));
const globals = Object.fromEntries(
  (values.globals ?? '')
    .split(';')
    .filter(Boolean)
    .map((pair) => pair.split(':')),
);

const entries = storyIndex().filter((e) => !values.only || e.id.includes(values.only));
const stories = entries.filter((e) => e.type === 'story');
const docs = entries.filter((e) => e.type === 'docs');
const results = { passed: 0, failed: 0, skipped: 0, failures: [] };
const started = Date.now();

const sb = await start();
// Forced colours chosen with --globals is emulated, as a reader's browser would have it; motion is always reduced.
const ctx = await sb.browser.newContext({
  viewport: { width: 1024, height: 768 },
  reducedMotion: 'reduce',
  forcedColors: globals.forcedColors === 'active' ? 'active' : 'none',
});

function record(name, problems) {
  if (problems.length === 0) {
    results.passed++;
    console.log(`  ✔ ${name}`);
  } else {
    results.failed++;
    results.failures.push(`story tests: ${name}: ${problems[0]}`);
    console.log(`  ✘ ${name}\n${problems.map((p) => `      ${p}`).join('\n')}`);
  }
}

// One page per worker: the first story loads the preview, the next ones are switched to as the manager does.
async function storyWorker(list) {
  const page = await ctx.newPage();
  let consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location()?.url ?? ''}`.trim());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  // The browser asks for a favicon the static Storybook does not have: not the story's doing.
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  let loaded = false;
  for (const entry of list) {
    const name = `${entry.title} › ${entry.name}`;
    const problems = [];
    consoleErrors = [];
    try {
      const { error } = loaded
        ? await switchStory(page, entry.id)
        : await openStory(page, sb.url, entry.id, { globals });
      if (!loaded) {
        await page.addScriptTag({ path: AXE });
        await page.addScriptTag({ path: ACE });
        loaded = true;
      }
      if (error) problems.push(`render or play failed: ${error}`);
      const params = await testParameters(page);
      // Let late work (timers, lazy chunks) settle before judging the page.
      await page.waitForTimeout(100);
      for (const msg of consoleErrors)
        if (!params.consoleErrors.some((allowed) => msg.includes(allowed))) problems.push(`console error: ${msg}`);
      if (!params.skipEngines.includes('axe')) {
        const violations = await page.evaluate(async (tags) => {
          const r = await globalThis.axe.run(document.querySelector('#storybook-root'), {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          });
          return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(' ') ?? ''}`);
        }, WCAG_TAGS);
        for (const v of violations) problems.push(`axe: ${v}`);
      }
      if (!params.skipEngines.includes('ace')) {
        const violations = await page.evaluate(async () => {
          const checker = new globalThis.ace.Checker();
          const report = await checker.check(document.querySelector('#storybook-root'), ['WCAG_2_2']);
          return report.results
            .filter((r) => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
            .map((r) => `${r.ruleId}: ${r.message} at ${r.path?.dom ?? ''}`);
        });
        for (const v of violations) problems.push(`equal access: ${v}`);
      }
    } catch (err) {
      problems.push(`did not finish: ${String(err?.message ?? err).split('\n')[0]}`);
      // Start the next story from a fresh load.
      loaded = false;
    }
    record(name, problems);
  }
  await page.close();
}

const CATEGORY_NAMES = {
  attributes: 'attributes',
  properties: 'properties',
  methods: 'methods',
  events: 'events',
  slots: 'slots',
  'css shadow parts': 'css shadow parts',
  'css custom properties': 'css custom properties',
};

async function checkDocs(entry) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  const name = `${entry.title} › docs page`;
  const problems = [];
  try {
    await openStory(page, sb.url, entry.id, { viewMode: 'docs', globals });
    const tag = await page.evaluate(
      () => globalThis.__STORYBOOK_PREVIEW__?.currentRender?.csfFiles?.[0]?.meta?.component ?? '',
    );
    // The rows of the page's tables, by category: what a reader sees.
    const shown = await page.evaluate(() => {
      const out = {};
      let category = '';
      for (const tr of document.querySelectorAll('.sbdocs-content table.docblock-argstable tbody tr')) {
        if (tr.querySelector('td[colspan]')) {
          category = (tr.querySelector('td span')?.textContent ?? '').trim().toLowerCase();
          continue;
        }
        const rowName = tr.querySelector('td span')?.textContent?.trim() ?? '';
        (out[category] ??= []).push(rowName);
      }
      return out;
    });
    const expected = {};
    for (const row of Object.values(argTypesFor(manifest, tag))) (expected[row.table.category] ??= []).push(row.name);
    if (!tag) problems.push('the docs page names no component');
    for (const category of Object.keys(CATEGORY_NAMES)) {
      const want = (expected[category] ?? []).sort().join(', ');
      const got = (shown[category] ?? []).sort().join(', ');
      if (want !== got) problems.push(`${category}: the page shows [${got}], the manifest has [${want}]`);
    }
    for (const e of errors) problems.push(e);
  } catch (err) {
    problems.push(`did not finish: ${String(err?.message ?? err).split('\n')[0]}`);
  } finally {
    await page.close();
  }
  record(name, problems);
}

console.log(
  `story tests: ${stories.length} stories, ${docs.length} docs pages${values.globals ? ` (${values.globals})` : ''}`,
);
const halves = [stories.filter((_, i) => i % 2 === 0), stories.filter((_, i) => i % 2 === 1)];
await Promise.all(halves.filter((h) => h.length).map(storyWorker));
await pool(docs, 2, checkDocs);
await ctx.close();
await sb.close();

const out = values.out ?? join(root, '.tmp/story-summary.json');
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, JSON.stringify(results));
console.log(
  `story tests: ${results.passed} passed, ${results.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`,
);
process.exit(results.failed ? 1 : 0);
