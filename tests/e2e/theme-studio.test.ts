// End to end in Chromium: the demo site's theme studio (/demo/thema-studio) under its strict CSP, and the
// demo pages' self-hosted fonts. Typing a colour restyles the four elements and updates the contrast verdict
// (one polite announcement per change); the downloaded token file builds with @dichtbij/themes; axe passes.
// The fonts a theme names come from the gateway's own origin and are applied.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, localhostOrigins, silentLogger, type RunningGateway } from '@dichtbij/gateway';
import { buildThemes } from '../../packages/themes/src/build.mjs';
import { ContrastError } from '../../packages/themes/src/contrast.mjs';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let gateway: RunningGateway;
let browser: Browser;
let work: string;

before(async () => {
  gateway = await startGateway({ demo: true, logger: silentLogger, corsOrigins: localhostOrigins });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  work = await mkdtemp(join(tmpdir(), 'dichtbij-studio-e2e-'));
});
after(async () => {
  await browser?.close();
  await gateway?.close();
  await rm(work, { recursive: true, force: true });
});

async function openPage() {
  const context = await browser.newContext({ acceptDownloads: true, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: { url: string; type: string }[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  return { page, problems, requests, close: () => context.close() };
}

async function axe(page: Page, exclude: string[] = []) {
  await page.evaluate(axeSource); // evaluated by the driver, not an inline script: the CSP stays strict
  const result = (await page.evaluate(
    `axe.run({ exclude: ${JSON.stringify(exclude.map((s) => [s]))} }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })`,
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const live = (page: Page) => page.locator('.studio-live');
const primaryCode = (page: Page) => page.getByRole('group', { name: /^Hoofdkleur/ }).getByLabel('Kleurcode');
const verdict = (page: Page, pair: string) =>
  page.locator(`tr[data-pair="${pair}"] td[data-pass]`).getAttribute('data-pass');
/** The chat launcher's button background (it follows the main colour), as the browser computes it once settled. */
async function launcherBackground(page: Page, expected: string) {
  const button = page.locator('dichtbij-chat-launcher').getByRole('button').first();
  let seen = '';
  for (let i = 0; i < 40; i++) {
    seen = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
    if (seen === expected) break;
    await page.waitForTimeout(50);
  }
  return seen;
}

describe('theme studio on the demo site', () => {
  test('typing a colour restyles the elements and updates the verdict, announced once; axe passes', async () => {
    const { page, problems, close } = await openPage();
    try {
      const res = await page.goto(`${gateway.baseUrl}/demo/thema-studio?theme=west-betuwe`);
      assert.equal(res?.status(), 200);
      assert.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      await page.getByRole('heading', { level: 1, name: 'Thema-studio' }).waitFor();
      await page.locator('dichtbij-chat-launcher').getByRole('button').first().waitFor();
      await page.locator('dichtbij-feedback').getByRole('button', { name: 'Ja', exact: true }).waitFor();
      assert.match((await live(page).textContent()) ?? '', /Alle 42 kleurcombinaties hebben genoeg contrast/);
      assert.equal(await live(page).getAttribute('aria-live'), 'polite');
      assert.deepEqual(await axe(page), [], 'the studio, theme passes');

      // Count what the live region says from here on.
      await page.evaluate(`(() => {
        window.__said = [];
        const el = document.querySelector('.studio-live');
        new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
      })()`);

      // A passing main colour, typed key by key: restyled, still passing, one announcement at most.
      const field = primaryCode(page);
      await field.focus();
      await field.press('Control+a');
      await page.keyboard.type('#00539b', { delay: 30 });
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('dichtbij-chat-launcher')!)
            .getPropertyValue('--dichtbij-chat-launcher-background-color')
            .trim() === '#00539b',
      );
      assert.equal(await launcherBackground(page, 'rgb(0, 83, 155)'), 'rgb(0, 83, 155)');
      assert.equal(await verdict(page, 'primary button text'), 'true');
      assert.deepEqual(await axe(page), [], 'restyled, passing');

      // A failing one: the verdict names the pair and the ratio, and proposes a colour.
      await field.press('Control+a');
      await page.keyboard.type('#ff8080', { delay: 30 });
      await page.waitForFunction(() =>
        document.querySelector('.studio-live')?.textContent?.includes('te weinig contrast'),
      );
      assert.equal(await launcherBackground(page, 'rgb(255, 128, 128)'), 'rgb(255, 128, 128)');
      assert.equal(await verdict(page, 'primary button text'), 'false');
      const row = page.locator('tr[data-pair="primary button text"]');
      assert.match(
        (await row.textContent()) ?? '',
        /tekst op de hoofdknop.*2,42:1.*4,50:1.*Te weinig.*Voorstel: #[0-9a-f]{6}/s,
      );
      assert.match(
        (await live(page).textContent()) ?? '',
        /van de 42 kleurcombinaties hebben te weinig contrast\. Bijvoorbeeld: .+, \d,\d\d:1, nodig is \d,\d\d:1\./,
      );
      await page.waitForTimeout(900);
      const said = (await page.evaluate('window.__said')) as string[];
      assert.equal(
        new Set(said).size,
        1,
        `one announcement for the failing colour (the passing one said nothing new): ${said.join(' | ')}`,
      );
      // The preview shows the low contrast on purpose; everything else still passes axe.
      assert.deepEqual(await axe(page, ['[data-studio-preview]']), [], 'studio with a failing theme');

      // The proposal, with the keyboard: the pair passes.
      await row.getByRole('button', { name: /^Gebruik #/ }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          document.querySelector<HTMLElement>('tr[data-pair="primary button text"] td[data-pass]')?.dataset.pass ===
          'true',
      );
      assert.ok(await page.evaluate(`document.activeElement?.tagName === 'H2'`), 'focus on the contrast heading');

      // An invalid value is refused, said next to the field, and changes nothing.
      await field.fill('blauwachtig');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal(await launcherBackground(page, 'rgb(255, 128, 128)'), 'rgb(255, 128, 128)');
      assert.deepEqual(
        problems.filter((p) => /Content Security Policy|pageerror/.test(p)),
        [],
      );
    } finally {
      await close();
    }
  });

  test('pasted NL DS CSS is applied value by value; the downloaded tokens build, or fail as flagged', async () => {
    const { page, close } = await openPage();
    try {
      await page.goto(`${gateway.baseUrl}/demo/thema-studio?theme=olst-wijhe`);
      await page.getByRole('heading', { level: 1, name: 'Thema-studio' }).waitFor();
      await page
        .getByLabel('Uw thema-CSS (custom properties)')
        .fill(
          '.mijn-thema { --basis-color-action-1-inverse-bg-default: #6a1b9a; --nl-button-primary-background-color: var(--basis-color-action-1-inverse-bg-default); --dichtbij-link-color: url(https://example.com/x); }',
        );
      await page.getByRole('button', { name: 'CSS overnemen' }).click();
      assert.match(
        (await page.locator('.studio-paste-result').textContent()) ?? '',
        /geweigerd.*--dichtbij-link-color: niet toegestaan/s,
      );
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('[data-studio-preview]')!)
            .getPropertyValue('--dichtbij-button-primary-background-color')
            .trim() === '#6a1b9a',
      );
      await page.getByLabel('Naam van de gemeente').fill('Gemeente Paars');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download tokens (JSON)' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'paars.tokens.json');
      const file = join(work, 'paars.tokens.json');
      await download.saveAs(file);
      const tokens = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(tokens.dichtbij.button.primary['background-color'].$value, '#6a1b9a');
      const [built] = await buildThemes({ files: [file], write: false });
      assert.equal(built!.tokens['--dichtbij-button-primary-background-color'], '#6a1b9a');

      const [cssDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSS' }).click(),
      ]);
      assert.equal(cssDownload.suggestedFilename(), 'paars.css');
      await cssDownload.saveAs(join(work, 'paars.css'));
      assert.match(
        await readFile(join(work, 'paars.css'), 'utf8'),
        /\.dichtbij-theme--paars \{[^}]*--dichtbij-button-primary-background-color: #6a1b9a;/,
      );

      // A flagged theme: the same download fails the build's check.
      const field = primaryCode(page);
      await field.fill('#ffd54f');
      await page.waitForFunction(() => document.getElementById('thema-studio')?.dataset.failing !== '0');
      const [bad] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download tokens (JSON)' }).click(),
      ]);
      const badFile = join(work, 'geel', 'paars.tokens.json');
      await bad.saveAs(badFile);
      await assert.rejects(buildThemes({ files: [badFile], write: false }), ContrastError);
    } finally {
      await close();
    }
  });
});

describe('demo fonts', () => {
  test('the theme’s font comes from the gateway’s own origin and is applied', async () => {
    const { page, requests, close } = await openPage();
    try {
      await page.goto(`${gateway.baseUrl}/demo/?theme=olst-wijhe`);
      await page.evaluate('document.fonts.ready');
      await page.waitForFunction(() =>
        [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Fira Sans' && f.status === 'loaded'),
      );
      const fonts = requests.filter((r) => r.type === 'font');
      assert.ok(fonts.length > 0, 'a font was requested');
      for (const f of fonts) assert.ok(f.url.startsWith(`${gateway.baseUrl}/demo/fonts/files/`), f.url);
      assert.ok(
        requests.every((r) => r.url.startsWith(gateway.baseUrl) || r.url.startsWith('data:')),
        'no third-party request',
      );
      const applied = (await page.evaluate(
        `(() => { const face = [...document.fonts].find((f) => f.family.replace(/["']/g, '') === 'Fira Sans' && f.weight === '400');
          return { display: face?.display, family: getComputedStyle(document.body).fontFamily, check: document.fonts.check('16px "Fira Sans"') }; })()`,
      )) as { display: string; family: string; check: boolean };
      assert.equal(applied.display, 'optional', 'never swapped in later: no layout shift');
      assert.match(applied.family, /^"?Fira Sans"?,/);
      assert.equal(applied.check, true);
      const css = await (await fetch(`${gateway.baseUrl}/demo/fonts/olst-wijhe.css`)).text();
      assert.match(css, /font-display: optional/);
      assert.doesNotMatch(css, /font-display: swap/);
      const pageHtml = await (await fetch(`${gateway.baseUrl}/demo/?theme=olst-wijhe`)).text();
      assert.match(
        pageHtml,
        /<link rel="preload" href="\/demo\/fonts\/files\/fira-sans-latin-400-normal\.woff2" as="font" type="font\/woff2" crossorigin/,
      );
      assert.doesNotMatch(css, /url\((?!\/demo\/fonts\/files\/)/);
      assert.equal((await fetch(`${gateway.baseUrl}/demo/fonts/files/..%2Fpackage.json`)).status, 404);
      assert.equal((await fetch(`${gateway.baseUrl}/demo/fonts/amsterdam.css`)).status, 404);
    } finally {
      await close();
    }
  });
});
