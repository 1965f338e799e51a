// End to end, in real Chromium against a real gateway: a resident on the demo page (under its
// strict CSP) asks the chatbot, asks for a person and is queued; a KCC agent in a second
// browser context, logged in at /kcc, sees the chat arrive in the queue with the bot transcript
// and the page, takes it and replies; both see each other's messages in real time; the agent
// ends the chat. No CSP violations or page errors on either side; axe passes on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { demoConfig } from '@dichtbij/sdk';
import { startGateway, hashPassword, localhostOrigins, silentLogger, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS } from '../support/chromium.mjs';
import { axe } from '../support/axe-page.ts';

const PASSWORD = 'e2e-chat-wachtwoord';
const chromiumArgs = CHROMIUM_ARGS;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ALL_WEEK = [['00:00', '24:00']] as [string, string][];

let gateway: RunningGateway;
let browser: Browser;
/** dichtbij.js with the chat launcher in it (the demo's own bundle may not define it yet). */
let bundle: string;

before(async () => {
  gateway = await startGateway({
    demo: true,
    logger: silentLogger,
    corsOrigins: localhostOrigins,
    kcc: { passwordHash: await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }) },
    // Live chat around the clock, so the test does not depend on the time it runs.
    config: {
      ...demoConfig,
      chat: {
        enabled: true,
        liveHours: {
          weekly: {
            mon: ALL_WEEK,
            tue: ALL_WEEK,
            wed: ALL_WEEK,
            thu: ALL_WEEK,
            fri: ALL_WEEK,
            sat: ALL_WEEK,
            sun: ALL_WEEK,
          },
        },
      },
    },
  });
  const result = await build({
    stdin: {
      contents:
        "import './packages/components/src/dichtbij.ts'; import './packages/components/src/chat-launcher/define.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    conditions: ['browser', 'production'],
    tsconfig: `${ROOT}/tsconfig.json`,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

/** A browser context whose console errors (CSP violations show up there) and page errors are recorded. */
async function openContext() {
  const context: BrowserContext = await browser.newContext();
  await context.route('**/dichtbij.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: bundle }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

const cspProblems = (problems: string[]) => problems.filter((p) => /Content Security Policy|pageerror/.test(p));

describe('chat hand-off: resident ↔ KCC agent', () => {
  test('the resident is queued after the bot; the agent takes the chat and they talk in real time', async () => {
    const agent = await openContext();
    const resident = await openContext();
    try {
      // The agent logs in and opens the live-chat console: now present.
      const a = agent.page;
      await a.goto(`${gateway.baseUrl}/kcc/login`);
      await a.fill('#password', PASSWORD);
      await a.press('#password', 'Enter');
      await a.waitForURL(/\/kcc\/callbacks$/);
      await a.goto(`${gateway.baseUrl}/kcc/chat`);
      await a.fill('#agent-name', 'Anna');
      await a.press('#agent-name', 'Enter');
      await a.waitForSelector('#lists');
      assert.match(await a.locator('main').innerText(), /U bent online als Anna/);
      assert.deepEqual(await axe(a), [], 'console overview');

      // The resident's page: the launcher says staff are online (from the gateway, before any click).
      const r = resident.page;
      await r.goto(`${gateway.baseUrl}/demo/`);
      const launcher = r.locator('dichtbij-chat-launcher');
      const launcherButton = launcher.locator('button[part="button"]');
      await launcher
        .locator('button[part="button"]', { hasText: 'medewerkers nu online' })
        .waitFor({ timeout: 10_000 });
      assert.equal((await launcherButton.textContent())?.trim(), 'Chat met de gemeente — medewerkers nu online');
      await launcherButton.click();
      const panel = launcher.locator('dichtbij-chat-panel');
      const input = panel.locator('textarea');
      await input.waitFor();
      await panel.locator('.msg--bot').first().waitFor();
      assert.equal(
        await r.evaluate(`document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.id`),
        'input',
      );
      await input.fill('Hoe verleng ik mijn rijbewijs?');
      await input.press('Enter');
      await panel.locator('.msg--bot', { hasText: 'rijbewijs aan bij de gemeente' }).waitFor();
      await panel.getByRole('button', { name: 'Praat met een medewerker' }).first().click();
      await panel.locator('.status', { hasText: 'U bent nummer 1 in de wachtrij' }).waitFor();
      assert.deepEqual(await axe(r), [], 'resident page, chat queued');

      // The queue on the agent's screen updates by itself (SSE) with the resident's question.
      const card = a.locator('#lists .card', { hasText: 'Hoe verleng ik mijn rijbewijs?' });
      await card.waitFor({ timeout: 10_000 });
      assert.match(await a.locator('#lists h2').first().innerText(), /Wachtrij \(1\)/);
      await card.getByRole('button', { name: 'Aannemen' }).click();
      await a.waitForURL(/\/kcc\/chat\/[0-9a-f-]{36}$/);
      const transcript = await a.locator('#transcript').innerText();
      assert.match(transcript, /Hoe verleng ik mijn rijbewijs\?/);
      assert.match(transcript, /U vraagt een rijbewijs aan/);
      assert.equal(await a.locator('dd a[href$="/demo/"]').count(), 1, 'the page the resident was on');
      assert.deepEqual(await axe(a), [], 'agent chat view');

      // The resident hears that Anna takes over.
      await panel.locator('.msg--system', { hasText: 'Anna neemt het gesprek over.' }).waitFor();
      await panel.locator('.status', { hasText: 'U chat met Anna.' }).waitFor();

      // Agent → resident, in real time.
      await a.fill('#reply-text', 'Goedemiddag, ik ben Anna. Wat is de vervaldatum van uw rijbewijs?');
      await a.press('#reply-text', 'Enter');
      await panel.locator('.msg--agent', { hasText: 'Wat is de vervaldatum' }).waitFor();
      const spoken = await r.evaluate(
        `document.querySelector('dichtbij-chat-launcher').shadowRoot.querySelector('dichtbij-chat-panel').shadowRoot.querySelector('[aria-live="polite"]').textContent`,
      );
      assert.equal(
        String(spoken).trim(),
        'Anna (medewerker): Goedemiddag, ik ben Anna. Wat is de vervaldatum van uw rijbewijs?',
      );

      // Resident → agent, in real time (the agent's transcript grows without a reload).
      await input.fill('Volgende maand, 12 december.');
      await input.press('Enter');
      await a.locator('#transcript li', { hasText: 'Volgende maand, 12 december.' }).waitFor();
      assert.equal(await a.locator('#transcript li', { hasText: 'Volgende maand, 12 december.' }).count(), 1);
      assert.equal(await panel.locator('.msg--resident', { hasText: 'Volgende maand, 12 december.' }).count(), 1);

      // The agent ends the chat; the resident is told and the stored chat is gone.
      await a.getByRole('button', { name: 'Gesprek beëindigen' }).click();
      await panel.locator('.notices', { hasText: 'De medewerker heeft het gesprek beëindigd.' }).waitFor();
      assert.equal(await r.evaluate(`sessionStorage.getItem('dichtbij-chat')`), null);
      assert.deepEqual(await axe(r), [], 'resident page, chat ended');

      assert.deepEqual(cspProblems(resident.problems), []);
      assert.deepEqual(cspProblems(agent.problems), []);
    } finally {
      await resident.close();
      await agent.close();
    }
  });
});
