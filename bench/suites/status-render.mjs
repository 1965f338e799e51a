// <dichtbij-status-tracker>: how long it takes to show a case with 50 steps, in headless Chromium.
// Measured from the moment the backend's answer is there (the adapter resolves) until the 50 steps
// are in the DOM and laid out (a forced layout), median of many runs, each in a fresh element.
// Goal: under one frame (16.7 ms) on this machine; the 4× CPU slowdown row (a slower phone) is for
// information. This is a bench, never a timed test.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/support/chromium.mjs';

export const name = 'status-render';
export const order = 40;
export const title = 'Status tracker: render a case with 50 steps';
export const description =
  'Headless Chromium (/usr/bin/chromium). Each run mounts a fresh <dichtbij-status-tracker> whose adapter answers ' +
  'at once with a 50-step case; the time is from the answer to the 50 steps laid out (JS, style and layout). ' +
  'Median of the runs after a warm-up; the budget is one frame (16.7 ms) without CPU slowdown.';
export const columns = [
  { key: 'case', label: 'case' },
  { key: 'cpu', label: 'CPU' },
  { key: 'runs', label: 'runs' },
  { key: 'median', label: 'median (ms)' },
  { key: 'p90', label: 'p90 (ms)' },
  { key: 'min', label: 'min (ms)' },
  { key: 'mount', label: 'mount → shown, median (ms)' },
  { key: 'budget', label: 'budget (ms)' },
  { key: 'status', label: 'ok/over' },
];

const RUNS = 40;
const WARMUP = 8;
const BUDGET_MS = 16.7;
const root = new URL('../..', import.meta.url).pathname;

// The same flags as the browser tests (web-test-runner.config.mjs).
const chromiumArgs = CHROMIUM_ARGS;

/** The page script: the element, an adapter that answers at once, and a measuring function. */
const pageEntry = `
import '@dichtbij/components/status-tracker';
import { createClient, demoConfig, memoryAdapter, memoryStore } from '@dichtbij/sdk';

const steps = Array.from({ length: 50 }, (_, i) => ({
  title: 'Stap ' + (i + 1) + ': ' + ['Ontvangen', 'Beoordeling', 'Advies', 'Besluit'][i % 4],
  text: i % 2 ? 'Een medewerker bekijkt deze stap. Soms vragen we advies aan een andere afdeling.' : undefined,
  state: i < 30 ? 'done' : i === 30 ? 'current' : 'upcoming',
  completedAt: i < 30 ? '2026-02-' + String(1 + (i % 28)).padStart(2, '0') : null,
}));
const status = {
  reference: 'Z-2026-0500',
  title: 'Bestemmingsplan: zienswijze',
  startedOn: '2026-01-05',
  plannedEnd: '2027-06-30',
  deadline: '2027-09-30',
  closed: false,
  extended: { days: 42, reason: 'We vragen advies.' },
  steps,
};

window.renderOnce = async () => {
  let answeredAt = 0;
  const memory = memoryAdapter({ cases: [{ status }] });
  const adapter = {
    ...memory,
    getConfig: async () => demoConfig,
    getCase: async () => {
      const copy = structuredClone(status);
      answeredAt = performance.now();
      return copy;
    },
  };
  const client = createClient({ adapter, outboxStore: memoryStore() });
  const el = document.createElement('dichtbij-status-tracker');
  el.client = client;
  el.clock = () => new Date('2026-11-02T09:00:00Z');
  el.setAttribute('reference', status.reference);
  const mountedAt = performance.now();
  document.body.append(el);
  // Wait for the update that renders the steps, then force style and layout.
  while (!el.shadowRoot?.querySelector('ol.steps')) await el.updateComplete;
  const list = el.shadowRoot.querySelector('ol.steps');
  if (list.children.length !== 50) throw new Error('expected 50 steps, got ' + list.children.length);
  list.getBoundingClientRect();
  void document.body.offsetHeight;
  const shownAt = performance.now();
  el.remove();
  client.dispose();
  return { render: shownAt - answeredAt, mount: shownAt - mountedAt };
};
`;

async function bundle() {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents: pageEntry, resolveDir: root, sourcefile: 'status-render-page.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const round = (n) => Math.round(n * 100) / 100;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(page, cpu) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const renders = [];
  const mounts = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const { render, mount } = await page.evaluate(() => window.renderOnce());
    if (i >= WARMUP) {
      renders.push(render);
      mounts.push(mount);
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  renders.sort((a, b) => a - b);
  mounts.sort((a, b) => a - b);
  return {
    median: round(quantile(renders, 0.5)),
    p90: round(quantile(renders, 0.9)),
    min: round(renders[0]),
    mount: round(quantile(mounts, 0.5)),
  };
}

export async function run() {
  const script = await bundle();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><html lang="nl"><head><title>bench</title></head><body></body></html>');
    await page.addScriptTag({ type: 'module', content: script });
    await page.waitForFunction(() => typeof window.renderOnce === 'function');
    const rows = [];
    for (const cpu of [1, 4]) {
      const m = await measure(page, cpu);
      rows.push({
        case: '50 steps',
        cpu: cpu === 1 ? '1×' : `${cpu}× slower`,
        runs: RUNS,
        ...m,
        budget: cpu === 1 ? BUDGET_MS : '',
        status: cpu === 1 ? (m.median <= BUDGET_MS ? 'ok' : 'over') : 'info',
      });
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return rows;
  } finally {
    await browser.close();
  }
}

// `node bench/suites/status-render.mjs` runs only this suite and prints its rows.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await run());
}
