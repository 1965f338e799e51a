// End to end: the demo gateway (demo seed, in-memory store) and headless Chromium. The demo page
// loads under its strict CSP; a feedback and a callback request go from the page through the
// real gateway into the store and show up in /kcc after logging in; the console passes axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { startGateway, hashPassword, localhostOrigins, silentLogger, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { axe } from '../support/axe-page.ts';

const PASSWORD = 'e2e-kcc-wachtwoord';
const chromiumArgs = CHROMIUM_ARGS;

let gateway: RunningGateway;
let browser: Browser;

before(async () => {
  gateway = await startGateway({
    demo: true,
    logger: silentLogger,
    corsOrigins: localhostOrigins,
    kcc: { passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }) },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

/** A page that records console errors (CSP violations show up there) and failed requests. */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

describe('demo site → gateway → store → KCC console', () => {
  let reference = '';

  test('the demo page loads with the widgets bundle under a strict CSP', async () => {
    const { page, problems, close } = await openPage();
    try {
      const res = await page.goto(`${gateway.baseUrl}/demo/?theme=west-betuwe`);
      assert.equal(res?.status(), 200);
      assert.match(res?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      assert.equal(await page.title(), 'Paspoort aanvragen — Gemeente West Betuwe');
      assert.equal(await page.getAttribute('html', 'class'), 'dichtbij-theme--west-betuwe');
      // The elements' code loads at the resident's first activity on the page (or intent on an element).
      assert.equal(
        await page.evaluate(`!!customElements.get('dichtbij-config')`),
        false,
        'no code on a page load alone',
      );
      await page.mouse.move(5, 5);
      assert.equal(await page.evaluate(`customElements.whenDefined('dichtbij-config').then(() => true)`), true);
      // The theme's tokens are applied to the page.
      const brand = (await page.evaluate(
        `getComputedStyle(document.documentElement).getPropertyValue('--dichtbij-button-primary-background-color').trim()`,
      )) as string;
      assert.ok(brand.length > 0, 'theme CSS loaded');
      await page.locator('dichtbij-feedback').getByRole('button', { name: 'Ja', exact: true }).waitFor();
      assert.deepEqual(await axe(page), [], 'demo page');
      // Switching theme is a link away.
      await page.click('nav.themes a[href*="theme=olst-wijhe"]');
      assert.equal(await page.getAttribute('html', 'class'), 'dichtbij-theme--olst-wijhe');
      assert.deepEqual(
        problems.filter((p) => /Content Security Policy|pageerror/.test(p)),
        [],
      );
    } finally {
      await close();
    }
  });

  test('a feedback and a callback request made with the widgets on the page reach the store', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(`${gateway.baseUrl}/demo/`);
      // <dichtbij-feedback>: "Nee", a reason, a comment, send. (Playwright's locators pierce shadow roots.)
      const feedback = page.locator('dichtbij-feedback');
      await feedback.getByRole('button', { name: 'Nee', exact: true }).click();
      await feedback.locator('input[type="checkbox"]').nth(1).check();
      await feedback.locator('#comment').fill('Staat de prijs voor kinderen erbij? <script>x</script>');
      await feedback.getByRole('button', { name: 'Verstuur' }).click();
      await feedback.getByText('Bedankt voor uw reactie').waitFor();

      // <dichtbij-bel-me topic="paspoort-id">: open, phone number, question, send.
      const belMe = page.locator('dichtbij-bel-me');
      await belMe.getByRole('button', { name: 'Bel mij terug' }).click();
      await belMe.locator('#phone').fill('06 12345678');
      await belMe.locator('#question').fill('Kan ik mijn paspoort sneller krijgen?');
      await belMe.locator('[part="submit"]').click();
      const confirmation = belMe.locator('[part="confirmation"]');
      await confirmation.waitFor();

      const [stored] = await gateway.store.recentFeedback(1);
      assert.equal(stored!.comment, 'Staat de prijs voor kinderen erbij? <script>x</script>');
      assert.equal(stored!.useful, false);
      assert.equal(stored!.pageUrl, `${gateway.baseUrl}/demo/`);
      const [callback] = await gateway.store.recentCallbacks(1);
      reference = callback!.reference;
      assert.match(reference, /^TB-/);
      assert.match(await confirmation.innerText(), new RegExp(reference));
      assert.equal(callback!.phone, '+31612345678');
      assert.equal(callback!.topic, 'paspoort-id');
      assert.equal(callback!.question, 'Kan ik mijn paspoort sneller krijgen?');
      assert.deepEqual(
        problems.filter((p) => /Content Security Policy|pageerror/.test(p)),
        [],
      );
    } finally {
      await close();
    }
  });

  test('both show up in /kcc after login; the queue works by keyboard; every console page passes axe', async () => {
    assert.ok(reference, 'needs the previous test');
    const { page, problems, close } = await openPage();
    try {
      await page.goto(`${gateway.baseUrl}/kcc`);
      assert.match(page.url(), /\/kcc\/login$/);
      assert.deepEqual(await axe(page), [], 'login page');
      await page.fill('#password', 'niet goed');
      await page.press('#password', 'Enter');
      await page.waitForSelector('#login-error');
      assert.deepEqual(await axe(page), [], 'login page with an error');
      await page.fill('#password', PASSWORD);
      await page.press('#password', 'Enter');
      await page.waitForURL(/\/kcc\/callbacks$/);

      const card = page.locator('article.card', { hasText: reference });
      await card.waitFor();
      const text = await card.innerText();
      assert.match(text, /Paspoort of ID-kaart/);
      assert.match(text, /Kan ik mijn paspoort sneller krijgen\?/);
      assert.match(text, /06 12345678/);
      assert.match(text, /Zo snel mogelijk/);
      assert.deepEqual(await axe(page), [], 'callback queue');

      // Mark it called, by keyboard.
      await card.getByRole('button', { name: new RegExp(`^Gebeld — ${reference}`) }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/done=called/);
      assert.match(await page.locator('[role="status"]').innerText(), /Gebeld/);
      assert.equal((await gateway.store.recentCallbacks(1))[0]!.status, 'called');

      await page.click('a[href="/kcc/feedback"]');
      await page.waitForURL(/\/kcc\/feedback$/);
      const dashboard = await page.locator('main').innerText();
      assert.match(dashboard, /Staat de prijs voor kinderen erbij\? <script>x<\/script>/, 'free text shown as text');
      assert.equal(await page.locator('main script').count(), 0);
      assert.equal(await page.locator('svg[role="img"]').count(), 1);
      assert.deepEqual(await axe(page), [], 'feedback dashboard');

      await page.click('a[href="/kcc/chat"]');
      assert.deepEqual(await axe(page), [], 'live chat slot');

      assert.deepEqual(
        problems.filter((p) => /Content Security Policy|pageerror/.test(p)),
        [],
      );
    } finally {
      await close();
    }
  });
});
