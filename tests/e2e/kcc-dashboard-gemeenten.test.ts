// End to end in Chromium: the service-norm dashboard of a gateway for two gemeenten. Staff of
// both choose a gemeente by keyboard, see its own norms, download its CSV; the queue names each
// request's gemeente; a gemeente they may not see is the console's 404 page. Every state passes axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { demoConfig } from '@dichtbij/sdk';
import { hashPassword, silentLogger, startGateway, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { callbackBody, newKey, NO_LIMITS, PGLITE_IMAGE_CACHE } from '../support/gateway-harness.ts';
import { axe } from '../support/axe-page.ts';

const PASSWORD = 'e2e-kcc-wachtwoord';

let gateway: RunningGateway;
let browser: Browser;

before(async () => {
  gateway = await startGateway({
    port: 4801,
    logger: silentLogger,
    pgliteImageCache: PGLITE_IMAGE_CACHE,
    jobs: false,
    limits: NO_LIMITS,
    config: {
      gemeenten: {
        druten: { ...demoConfig, name: 'Gemeente Druten' },
        wijchen: { ...demoConfig, name: 'Gemeente Wijchen', norms: { callback: { within: 'same-day' } } },
      },
    },
    kcc: { passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }) },
  });
  for (const gemeente of ['druten', 'wijchen', 'wijchen']) {
    const res = await fetch(`${gateway.baseUrl}/v1/callback-requests?gemeente=${gemeente}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: JSON.stringify(callbackBody()),
    });
    assert.equal(res.status, 201);
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

describe('KCC dashboard per gemeente in Chromium', () => {
  test('choose a gemeente by keyboard, its norms and CSV; the queue names gemeenten; 404; axe', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on(
      'console',
      (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load') && problems.push(m.text())),
    );
    try {
      await page.goto(`${gateway.baseUrl}/kcc/login`);
      await page.fill('#password', PASSWORD);
      await page.press('#password', 'Enter');
      await page.waitForURL(/\/kcc\/callbacks$/);
      const gemeenten = await page.locator('article.card dd.gemeente').allInnerTexts();
      assert.deepEqual(gemeenten.sort(), ['Gemeente Druten', 'Gemeente Wijchen', 'Gemeente Wijchen']);
      assert.deepEqual(await axe(page), [], 'queue with gemeenten');

      await page.goto(`${gateway.baseUrl}/kcc/dashboard`);
      assert.equal(await page.locator('h1').innerText(), 'Servicenormen: Gemeente Druten');
      assert.match(await page.locator('.facts').first().innerText(), /Uiterlijk de volgende werkdag/);
      assert.deepEqual(await axe(page), [], 'dashboard Druten');

      // By keyboard: focus the Wijchen link in the choice and follow it.
      const wijchen = page.getByRole('navigation', { name: 'Servicenormen per gemeente' }).getByRole('link', {
        name: 'Gemeente Wijchen',
      });
      await wijchen.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/gemeente=wijchen/);
      assert.equal(await page.locator('h1').innerText(), 'Servicenormen: Gemeente Wijchen');
      assert.match(await page.locator('.facts').first().innerText(), /Dezelfde werkdag/);
      const current = page.locator('nav[aria-label="Servicenormen per gemeente"] a[aria-current="true"]');
      assert.equal(await current.innerText(), 'Gemeente Wijchen');
      assert.deepEqual(await axe(page), [], 'dashboard Wijchen');

      // The weeks form keeps the gemeente.
      await page.selectOption('#weeks', '4');
      await page.getByRole('button', { name: 'Toon' }).press('Enter');
      await page.waitForURL(/weeks=4/);
      assert.match(page.url(), /gemeente=wijchen/);
      assert.equal(await page.locator('h1').innerText(), 'Servicenormen: Gemeente Wijchen');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a[href^="/kcc/dashboard/terugbellen-per-week.csv"]').click(),
      ]);
      assert.equal(download.suggestedFilename(), 'wijchen-terugbellen-per-week.csv');
      const csv = readFileSync((await download.path())!, 'utf8');
      assert.match(csv.split('\r\n').at(-2)!, /^week \d+ \d{4},2,/, 'Wijchen’s two requests this week');

      const missing = await page.goto(`${gateway.baseUrl}/kcc/dashboard?gemeente=nijmegen`);
      assert.equal(missing?.status(), 404);
      assert.equal(await page.locator('h1').innerText(), 'Niet gevonden');
      assert.deepEqual(await axe(page), [], '404 page');
      assert.deepEqual(
        problems.filter((p) => !p.includes('404')),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
