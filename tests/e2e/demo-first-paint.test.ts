// The page first: on the demo page (built gateway, built CDN bundle, headless Chromium) the widgets
// fetch nothing of their own before the page's load event: no theme code when the page already
// wears the theme (its CSS from @dichtbij/themes), and the chat launcher's settled state (its
// availability) after the load event. So dichtbij.js does not compete with the page's fonts and
// styles, and no request hangs off it on the way to the page's first paint (issue #15: added LCP).
// And the other side: a page that does not wear the theme gets it from theme="…" (the code loads).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, localhostOrigins, silentLogger, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';

let gateway: RunningGateway;
let browser: Browser;

before(async () => {
  gateway = await startGateway({ demo: true, logger: silentLogger, corsOrigins: localhostOrigins });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

/** How long the page's fonts take to arrive (so its load event comes late, as on a slow line). */
const FONT_DELAY_MS = 1500;

/**
 * Opens the demo page with its fonts held back; records the path of every request and whether it
 * was made before the page's load event. `withoutTheme`: the page's theme CSS answers empty (a
 * page that does not wear the theme; the config's theme="…" is then what themes the widgets).
 */
async function openDemo({ withoutTheme = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const requests: { path: string; beforeLoad: boolean }[] = [];
  let loaded = false;
  page.on('load', () => (loaded = true));
  page.on('request', (r) => requests.push({ path: new URL(r.url()).pathname, beforeLoad: !loaded }));
  await page.route('**/demo/fonts/files/*.woff2', async (route) => {
    await new Promise((r) => setTimeout(r, FONT_DELAY_MS));
    await route.continue();
  });
  if (withoutTheme)
    await page.route('**/themes/west-betuwe.css', (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: '/* not worn */' }),
    );
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${gateway.baseUrl}/demo/?theme=west-betuwe`, { waitUntil: 'commit' });
  return { page, requests, problems, isLoaded: () => loaded, close: () => context.close() };
}

const chunks = (requests: { path: string; beforeLoad: boolean }[]) =>
  requests.filter((r) => r.path.startsWith('/dichtbij-chunks/'));
const launcherName = (page: Page) =>
  page.evaluate(() => {
    const button = document.querySelector('dichtbij-chat-launcher')?.shadowRoot?.querySelector('button');
    return button && getComputedStyle(document.querySelector('dichtbij-chat-launcher')!).visibility !== 'hidden'
      ? (button.getAttribute('aria-label') ?? button.textContent ?? '').replace(/\s+/g, ' ').trim()
      : '';
  });
const configTheme = (page: Page) =>
  page.evaluate(() =>
    getComputedStyle(document.querySelector('dichtbij-config')!).getPropertyValue('--dichtbij-theme').trim(),
  );

describe('demo page: the widgets fetch nothing of their own before the page has loaded', () => {
  test('before the load event only dichtbij.js; the theme the page wears is not fetched again; the chat settles after load', async () => {
    const { page, requests, problems, isLoaded, close } = await openDemo();
    try {
      // The first states are drawn while the fonts are still on their way.
      await page.waitForFunction(
        () => document.querySelector('dichtbij-feedback')?.shadowRoot?.querySelector('button'),
        undefined,
        { timeout: 10_000 },
      );
      assert.equal(isLoaded(), false, `the fonts are held back ${FONT_DELAY_MS} ms: the page has not loaded yet`);
      await page.waitForTimeout(400); // anything the entry would start by itself, started
      assert.equal(isLoaded(), false);
      assert.deepEqual(chunks(requests), [], 'no chunk before the load event');
      assert.ok(requests.some((r) => r.path === '/dichtbij.js'));

      await page.waitForEvent('load', { timeout: 10_000 }).catch(() => undefined);
      assert.ok(isLoaded());
      // After the load event the launcher settles: its availability is in its name, and it shows.
      await page.waitForFunction(
        () => {
          const el = document.querySelector('dichtbij-chat-launcher');
          const b = el?.shadowRoot?.querySelector('button');
          return !!el && !el.hasAttribute('data-pending') && /—/.test(b?.textContent ?? '');
        },
        undefined,
        { timeout: 5_000 },
      );
      assert.match(await launcherName(page), /Chat met de gemeente/);
      assert.ok(
        chunks(requests).some((r) => /^\/dichtbij-chunks\/idle-[\w-]+\.js$/.test(r.path) && !r.beforeLoad),
        'the settled state loads after the load event',
      );

      // The resident points at the feedback: it loads, the config first. The page wears
      // west-betuwe, so the config (the full element now) still fetches no theme code.
      await page.locator('dichtbij-feedback').hover();
      await page.waitForFunction(
        () => customElements.get('dichtbij-config') && customElements.get('dichtbij-feedback'),
      );
      await page.waitForTimeout(300);
      assert.deepEqual(
        chunks(requests).filter((r) => /\/(theme|dist)-[\w-]+\.js$/.test(r.path)),
        [],
        'no theme code: the page wears it',
      );
      assert.equal(await configTheme(page), 'west-betuwe');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('a page that does not wear the theme gets it from theme="…" on the config', async () => {
    const { page, requests, problems, close } = await openDemo({ withoutTheme: true });
    try {
      await page.waitForFunction(
        () =>
          getComputedStyle(document.querySelector('dichtbij-config')!).getPropertyValue('--dichtbij-theme').trim() ===
          'west-betuwe',
        undefined,
        { timeout: 10_000 },
      );
      assert.ok(
        chunks(requests).some((r) => /^\/dichtbij-chunks\/theme-[\w-]+\.js$/.test(r.path)),
        'the theme code loads',
      );
      // The page itself (outside the config) does not wear it; the widgets inside do.
      assert.equal(
        await page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--dichtbij-theme').trim(),
        ),
        '',
      );
      const brand = await page.evaluate(() =>
        getComputedStyle(document.querySelector('dichtbij-feedback')!)
          .getPropertyValue('--dichtbij-button-primary-background-color')
          .trim(),
      );
      assert.ok(brand.length > 0, 'the feedback inherits the theme from the config');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
