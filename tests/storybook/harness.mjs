// Opens stories of the built Storybook (storybook-static, from the suite's 'storybook build' step) in Debian's
// Chromium: one static server on 127.0.0.1 (random port), one browser, a few pages. Used by the story tests
// (run.mjs) and the screenshots (visual.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';
import { serveStatic } from './static-server.mjs';

export const root = new URL('../../', import.meta.url).pathname;
export const staticDir = join(root, 'storybook-static');

/** The stories and docs pages of the built Storybook (index.json). */
export function storyIndex() {
  const file = join(staticDir, 'index.json');
  if (!existsSync(file))
    throw new Error('storybook-static/index.json is missing: run `pnpm run build-storybook` first');
  return Object.values(JSON.parse(readFileSync(file, 'utf8')).entries);
}

export async function start() {
  const server = await serveStatic(staticDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** `theme:west-betuwe;locale:en` for Storybook's `globals` URL parameter. */
export const globalsParam = (globals) =>
  Object.entries(globals)
    .map(([k, v]) => `${k}:${v}`)
    .join(';');

/**
 * Loads one story (or docs page) in `page` and waits until Storybook has finished it (rendered, play function
 * run, afterEach done). Returns { error } when Storybook showed its error display (render or play failed).
 */
export async function openStory(page, base, id, { globals = {}, viewMode = 'story', timeout = 20000 } = {}) {
  const query = new URLSearchParams({ id, viewMode });
  if (Object.keys(globals).length) query.set('globals', globalsParam(globals));
  await page.goto(`${base}/iframe.html?${query}`, { waitUntil: 'load' });
  if (viewMode === 'docs') {
    await page.waitForFunction(
      () => document.querySelector('.sbdocs-content table.docblock-argstable') !== null,
      null,
      {
        timeout,
      },
    );
    return { error: undefined };
  }
  await page.waitForFunction(
    () => {
      const phase = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.phase;
      return phase === 'finished' || phase === 'aborted' || document.body.classList.contains('sb-show-errordisplay');
    },
    null,
    { timeout, polling: 50 },
  );
  return { error: await errorShown(page) };
}

/**
 * Switches an already loaded preview to another story, as the Storybook manager does (no reload: a few hundred
 * milliseconds instead of seconds), and waits until Storybook has finished it. Returns { error } like openStory.
 */
export async function switchStory(page, id, { timeout = 20000 } = {}) {
  await page.evaluate(
    (storyId) => globalThis.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' }),
    id,
  );
  await page.waitForFunction(
    (storyId) => {
      const render = globalThis.__STORYBOOK_PREVIEW__?.currentRender;
      return render?.id === storyId && (render.phase === 'finished' || render.phase === 'aborted');
    },
    id,
    { timeout, polling: 50 },
  );
  return { error: await errorShown(page) };
}

const errorShown = (page) =>
  page.evaluate(() =>
    document.body.classList.contains('sb-show-errordisplay')
      ? `${document.querySelector('#error-message')?.textContent ?? ''} ${document.querySelector('#error-stack')?.textContent ?? ''}`
          .trim()
          .slice(0, 600)
      : undefined,
  );

/** The story's `parameters.dichtbijTest` (what a story allows or asks of the tests), read in the page. */
export const testParameters = (page) =>
  page.evaluate(() => {
    const p = globalThis.__STORYBOOK_PREVIEW__?.currentRender?.story?.parameters?.dichtbijTest ?? {};
    return {
      consoleErrors: (p.consoleErrors ?? []).map(String),
      visual: p.visual ?? null,
      skipEngines: p.skipEngines ?? [],
    };
  });

/** Runs `worker(item)` over `items` with at most `n` at a time. */
export async function pool(items, n, worker) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(n, queue.length) }, async () => {
      while (queue.length) await worker(queue.shift());
    }),
  );
}
