// End to end in Chromium: a KCC queue with more requests than fit on a page. The range and count
// are stated, "Volgende"/"Vorige" work by keyboard, the search form finds a request on a later
// page, an invalid address gets the console's 400 page; every state passes axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { hashPassword, silentLogger, startGateway, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { callbackBody, newKey, NO_LIMITS, PGLITE_IMAGE_CACHE } from '../support/gateway-harness.ts';
import { axe } from '../support/axe-page.ts';

const PASSWORD = 'e2e-kcc-wachtwoord';

let gateway: RunningGateway;
let browser: Browser;
const references: string[] = [];

before(async () => {
  gateway = await startGateway({
    logger: silentLogger,
    pgliteImageCache: PGLITE_IMAGE_CACHE,
    jobs: false,
    limits: NO_LIMITS,
    kcc: { passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }) },
  });
  for (let i = 0; i < 61; i++) {
    const res = await fetch(`${gateway.baseUrl}/v1/callback-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: JSON.stringify(callbackBody({ phone: `+3161234${String(i).padStart(4, '0')}` })),
    });
    assert.equal(res.status, 201);
    references.push(((await res.json()) as { reference: string }).reference);
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

describe('KCC queue in Chromium', () => {
  test('pages, search and the 400 page, by keyboard, accessible in every state', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    // Console errors other than failed loads (CSP violations show up here), and failed loads by URL.
    page.on(
      'console',
      (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load') && problems.push(m.text())),
    );
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && path !== '/favicon.ico' && !r.url().includes('done=constructor'))
        problems.push(`${r.status()} ${path}`);
    });
    try {
      await page.goto(`${gateway.baseUrl}/kcc/login`);
      await page.fill('#password', PASSWORD);
      await page.press('#password', 'Enter');
      await page.waitForURL(/\/kcc\/callbacks$/);

      const range = () => page.locator('#queue-range').innerText();
      assert.match(await range(), /Open: 1–50 van 61/);
      assert.equal(await page.locator('article.card').count(), 50);
      assert.deepEqual(await axe(page), [], 'first page');

      const next = page.getByRole('navigation', { name: "Pagina's van de lijst (boven)" }).getByRole('link', {
        name: 'Volgende pagina',
      });
      await next.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/page=2/);
      assert.match(await range(), /51–61 van 61/);
      assert.equal(await page.locator('article.card').count(), 11);
      assert.match(await page.locator('article.card').last().innerText(), new RegExp(references[60]!));
      assert.deepEqual(await axe(page), [], 'last page');

      // Search: a request on page 2 by its phone number, typed as a resident would say it.
      await page.getByLabel('Zoek op kenmerk, telefoonnummer of onderwerp').fill('06 1234 0055');
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=/);
      assert.match(await range(), /zoekresultaten voor “06 1234 0055”: 1–1 van 1/);
      assert.match(await page.locator('article.card').innerText(), new RegExp(references[55]!));
      assert.deepEqual(await axe(page), [], 'search result');

      const bad = await page.goto(`${gateway.baseUrl}/kcc/callbacks?done=constructor`);
      assert.equal(bad?.status(), 400);
      assert.match(await page.locator('main').innerText(), /Dit adres klopt niet/);
      assert.deepEqual(await axe(page), [], '400 page');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
