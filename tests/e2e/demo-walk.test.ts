// A keyboard-only walk and a 400 %-zoom walk through the demo page, as a resident would make
// them (WCAG 2.2: 2.1.1 keyboard, 2.4.3 focus order, 2.4.11 focus not obscured, 1.4.10 reflow).
// The built gateway serves the demo and the built CDN bundle; Chromium drives it by keyboard.
// After every key press: focus is on a control (never <body>), and that control is not entirely
// hidden (by the chat launcher, the panel or the edge of the viewport). Every control of the four
// widgets is reached, and the chat is used from opening to ending without a mouse.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, hashPassword, localhostOrigins, silentLogger, type RunningGateway } from '@dichtbij/gateway';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';

let gateway: RunningGateway;
let browser: Browser;

before(async () => {
  gateway = await startGateway({
    demo: true,
    logger: silentLogger,
    corsOrigins: localhostOrigins,
    kcc: { passwordHash: await hashPassword('walk-wachtwoord', { N: 1024, r: 8, p: 1 }) },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await gateway?.close();
});

// Installed in the page by the driver (not an inline script: the demo's CSP stays strict).
// window.__walk.focused() describes the focused control, seen through every shadow root.
const PROBE = `
window.__walk = (() => {
  const deepActive = () => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  const deepFromPoint = (x, y) => {
    let e = document.elementFromPoint(x, y);
    while (e && e.shadowRoot) {
      const inner = e.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === e) break;
      e = inner;
    }
    return e;
  };
  const within = (outer, node) => {
    for (let n = node; n; n = n.parentNode || n.host) if (n === outer) return true;
    return false;
  };
  const hostsOf = (el) => {
    const hosts = [];
    for (let n = el; n; n = n.parentNode || n.host) if (n.host) hosts.unshift(n.host.localName);
    return hosts;
  };
  const nameOf = (el) =>
    (el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || el.getAttribute('name') || el.id || '')
      .replace(/\\s+/g, ' ').trim().slice(0, 60);
  return {
    focused() {
      const el = deepActive();
      if (!el || el === document.body || el === document.documentElement) return { body: true };
      // A native control that is drawn by its label (a styled radio or checkbox) is judged by
      // what the user sees: the label.
      let target = el;
      const r0 = el.getBoundingClientRect();
      if ((r0.width < 4 || r0.height < 4) && el.labels && el.labels[0]) target = el.labels[0];
      const r = target.getBoundingClientRect();
      const vw = innerWidth, vh = innerHeight;
      const left = Math.max(r.left, 0), right = Math.min(r.right, vw);
      const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
      let visible = false;
      if (right - left >= 1 && bottom - top >= 1) {
        const xs = [left + 1, (left + right) / 2, right - 1];
        const ys = [top + 1, (top + bottom) / 2, bottom - 1];
        for (const x of xs) for (const y of ys) {
          const hit = deepFromPoint(x, y);
          if (hit && (within(target, hit) || within(el, hit) || within(hit, el))) visible = true;
        }
      }
      return {
        body: false,
        where: hostsOf(el).join(' > ') || 'page',
        tag: el.localName,
        name: nameOf(el),
        visible,
        rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)],
      };
    },
    scrollable() {
      const d = document.scrollingElement;
      return { width: d.scrollWidth, viewport: innerWidth };
    },
  };
})();
`;

interface Focused {
  body: boolean;
  where?: string;
  tag?: string;
  name?: string;
  visible?: boolean;
  rect?: number[];
}

async function open(width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${gateway.baseUrl}/demo/`);
  await page.locator('dichtbij-feedback').getByRole('button', { name: 'Ja', exact: true }).waitFor();
  await page.locator('dichtbij-chat-launcher').getByRole('button').waitFor();
  return { page, errors, close: () => context.close() };
}

const focused = (page: Page) => page.evaluate('window.__walk.focused()') as Promise<Focused>;
const label = (f: Focused) => `${f.where} ${f.tag} "${f.name}" at ${f.rect?.join(',')}`;

/** Tab through the whole page once; every stop is checked. Returns the stops. */
async function tabAround(page: Page, max = 150): Promise<Focused[]> {
  const stops: Focused[] = [];
  await page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.body) {
      // Focus left the document after its last control: the walk is complete.
      if (stops.length > 0) break;
      continue;
    }
    const first = stops[0];
    if (first && label(first) === label(f) && stops.length > 3) break;
    assert.ok(f.visible, `focused control entirely hidden: ${label(f)}`);
    stops.push(f);
  }
  return stops;
}

/** Tab (forward) until the focused control matches; fails after `max` presses. */
async function tabTo(page: Page, where: RegExp, name: RegExp, max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f.body) assert.ok(f.visible, `focused control entirely hidden: ${label(f)}`);
    if (!f.body && where.test(f.where ?? '') && name.test(f.name ?? '')) return f;
  }
  assert.fail(`never reached ${where} ${name} by Tab`);
}

async function assertFocusOnControl(page: Page, after: string) {
  const f = await focused(page);
  assert.ok(!f.body, `focus fell to <body> after ${after}`);
  assert.ok(f.visible, `after ${after}, the focused control is entirely hidden: ${label(f)}`);
  return f;
}

for (const [width, height] of [
  [1280, 800],
  [320, 640],
] as const) {
  describe(`keyboard-only walk through the demo at ${width}×${height}`, () => {
    test('every widget control is reached by Tab, none entirely hidden, no sideways scrolling', async () => {
      const { page, errors, close } = await open(width, height);
      try {
        const stops = await tabAround(page);
        const seen = (where: RegExp, name: RegExp) =>
          stops.some((s) => where.test(s.where ?? '') && name.test(s.name ?? ''));
        assert.ok(seen(/^page$/, /Naar de inhoud/), 'skip link');
        assert.ok(seen(/dichtbij-feedback/, /^Ja$/), 'feedback: Ja');
        assert.ok(seen(/dichtbij-feedback/, /^Nee$/), 'feedback: Nee');
        assert.ok(stops.filter((s) => /dichtbij-status-tracker/.test(s.where ?? '')).length >= 3, 'status lookup form');
        assert.ok(seen(/dichtbij-bel-me/, /Bel mij terug/), 'bel-me button');
        assert.ok(seen(/dichtbij-chat-launcher/, /Chat/), 'chat launcher');
        const scroll = (await page.evaluate('window.__walk.scrollable()')) as { width: number; viewport: number };
        assert.ok(scroll.width <= scroll.viewport, `page scrolls sideways: ${scroll.width} > ${scroll.viewport}`);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });

    test('feedback, bel-me and the status lookup are used by keyboard; focus stays on a control', async () => {
      const { page, errors, close } = await open(width, height);
      try {
        await tabTo(page, /dichtbij-feedback/, /^Ja$/);
        await page.keyboard.press('Enter');
        await page.locator('dichtbij-feedback').getByText('Bedankt').first().waitFor();
        await assertFocusOnControl(page, 'feedback "Ja"');

        await page.evaluate('window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()');
        await tabTo(page, /dichtbij-status-tracker/, /zaaknummer|kenmerk/i);
        await page.keyboard.type('Z-2026-0142');
        await page.keyboard.press('Tab');
        await page.keyboard.type('4191 AB');
        await page.keyboard.press('Enter');
        await page.locator('dichtbij-status-tracker').locator('[aria-current="step"]').first().waitFor();
        await assertFocusOnControl(page, 'the status lookup');

        await page.evaluate('window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()');
        await tabTo(page, /dichtbij-bel-me/, /Bel mij terug/);
        await page.keyboard.press('Enter');
        const belMe = page.locator('dichtbij-bel-me');
        await belMe.locator('#phone').waitFor();
        await assertFocusOnControl(page, 'opening bel-me');
        await belMe.locator('#phone').focus();
        await page.keyboard.type('06 12345678');
        await tabTo(page, /dichtbij-bel-me/, /Versturen|Verstuur|Bel mij/i, 20);
        await page.keyboard.press('Enter');
        await belMe.locator('[part="confirmation"]').waitFor();
        await assertFocusOnControl(page, 'sending bel-me');
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });

    test('the chat by keyboard: open, ask, ask for a person, end, close; focus returns to the launcher', async () => {
      const { page, errors, close } = await open(width, height);
      try {
        await tabTo(page, /dichtbij-chat-launcher/, /Chat/);
        await page.keyboard.press('Enter');
        const panel = page.locator('dichtbij-chat-panel');
        await panel.waitFor();
        const input = panel.locator('textarea, input[type="text"]').first();
        await input.waitFor();
        const inPanel = await assertFocusOnControl(page, 'opening the chat');
        assert.match(inPanel.where ?? '', /dichtbij-chat-panel/, 'focus moves into the panel');
        await input.focus();
        await page.keyboard.type('Hoe lang duurt een paspoort?');
        await page.keyboard.press('Enter');
        await panel.getByText('Hoe lang duurt een paspoort?').first().waitFor();
        await assertFocusOnControl(page, 'sending a chat message');

        // Every stop while tabbing around inside the open panel is visible; at 320 px the panel is
        // modal, so Tab never leaves it.
        const inside: Focused[] = [];
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press('Tab');
          const f = await focused(page);
          // Beside a non-modal panel, Tab goes on through the page and, after its last control,
          // out of the document (to the browser's own controls): that is the browser, not a drop.
          if (f.body && width > 480) continue;
          inside.push(await assertFocusOnControl(page, `Tab ${i + 1} in the open chat`));
        }
        if (width <= 480) {
          const outside = inside.filter((f) => !/dichtbij-chat-panel/.test(f.where ?? ''));
          assert.deepEqual(outside.map(label), [], 'Tab leaves the full-screen chat panel');
        }

        await tabTo(page, /dichtbij-chat-panel/, /medewerker/i, 30);
        await page.keyboard.press('Enter');
        await panel
          .getByText(/medewerker/i)
          .nth(1)
          .waitFor();
        await assertFocusOnControl(page, 'asking for a staff member');

        await tabTo(page, /dichtbij-chat-panel/, /beëindigen/i, 30);
        await page.keyboard.press('Enter');
        await panel
          .getByText(/beëindigd/i)
          .first()
          .waitFor();
        await assertFocusOnControl(page, 'ending the chat');

        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'hidden' });
        const back = await assertFocusOnControl(page, 'closing the chat with Escape');
        assert.match(back.where ?? '', /dichtbij-chat-launcher/, 'focus returns to the launcher');
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });
  });
}

describe('400 % zoom (320×256): the open chat panel reflows, every control reachable', () => {
  test('each control of the panel scrolls into view and is not hidden', async () => {
    const { page, errors, close } = await open(320, 256);
    try {
      await page.locator('dichtbij-chat-launcher').getByRole('button').focus();
      await page.keyboard.press('Enter');
      const panel = page.locator('dichtbij-chat-panel');
      await panel.locator('textarea, input[type="text"]').first().waitFor();
      await page.keyboard.type('Hoe lang duurt een paspoort?');
      await page.keyboard.press('Enter');
      await panel.getByText('Hoe lang duurt een paspoort?').first().waitFor();
      const stops: Focused[] = [];
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const f = await assertFocusOnControl(page, `Tab ${i + 1} at 320×256`);
        if (stops.some((s) => label(s) === label(f))) break;
        stops.push(f);
      }
      const names = stops.filter((s) => /dichtbij-chat-panel/.test(s.where ?? '')).map((s) => s.name ?? '');
      for (const expected of [/sluiten/i, /Versturen|Verstuur/i, /beëindigen/i]) {
        assert.ok(
          names.some((n) => expected.test(n)),
          `${expected} reachable at 320×256 (reached: ${names.join(' | ')})`,
        );
      }
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
