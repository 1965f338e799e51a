// Lighthouse 12.8 (performance only, default mobile emulation; simulated throttling, then applied
// throttling for information) on the
// demo page of the built gateway (packages/gateway/dist/cli.js, as scripts/demo.mjs runs it, which
// serves the built dist/cdn files), with and without the Dichtbij script: what the four widgets
// and their config add before anyone interacts. Total Blocking Time, Cumulative Layout Shift,
// Largest Contentful Paint and bytes transferred; goals from issue #15: at most 20 ms more TBT,
// 100 ms more LCP, no layout shift. A small proxy on loopback serves the gateway's demo page as it
// is ("with") or without its <script src="/dichtbij.js"> ("without"; the elements stay undefined,
// empty), everything else straight from the gateway. Alternating, medians of the runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS } from '../../tests/support/chromium.mjs';

export const name = 'lighthouse';
export const order = 60;
export const title = 'Lighthouse: the demo page with and without the widgets';
export const description =
  'Lighthouse 12.8, performance category, default mobile emulation, headless Chromium ' +
  '(/usr/bin/chromium). The demo page of the built gateway (packages/gateway/dist/cli.js, serving the built dist/cdn) ' +
  'with its four widgets and <dichtbij-config> (dichtbij.js), and the same page without the Dichtbij script; ' +
  'the files compressed as the gateway serves them (brotli), the page itself uncompressed in both; ' +
  'alternating, median of the runs (9 unless LIGHTHOUSE_RUNS says otherwise); "LCP per run": the range, and how many runs ' +
  'with the widgets are within the goal of the median without. Goals (issue #15): the widgets add at most 20 ms Total Blocking Time and 100 ms ' +
  "Largest Contentful Paint, and no layout shift; judged on Lighthouse's default, simulated throttling (Lantern). The same pages with " +
  "applied throttling (throttlingMethod devtools: Chrome slows the network and CPU itself, so the widgets' bytes share the line with " +
  "the page's fonts) follow for information (LIGHTHOUSE_THROTTLING=simulate leaves them out).";
export const columns = [
  { key: 'page', label: 'page / measure' },
  { key: 'runs', label: 'runs' },
  { key: 'tbt', label: 'TBT (ms)' },
  { key: 'cls', label: 'CLS' },
  { key: 'fcp', label: 'FCP (ms)' },
  { key: 'lcp', label: 'LCP (ms)' },
  { key: 'lcpRuns', label: 'LCP per run' },
  { key: 'scriptBytes', label: 'script bytes transferred', format: 'bytes' },
  { key: 'totalBytes', label: 'all bytes transferred', format: 'bytes' },
  { key: 'scriptRequests', label: 'script requests' },
  { key: 'goal', label: 'goal' },
  { key: 'status', label: 'ok/over' },
];

// Nine: Lantern's LCP of the page with the widgets is bimodal (it counts a script as needed for the
// paint when the script happened to finish before the paint in the unthrottled load it observed),
// so five runs' medians swing by a few hundred ms from one bench run to the next.
const RUNS = Number(process.env.LIGHTHOUSE_RUNS) || 9;
// Lighthouse's default, simulated throttling (Lantern: the measure and the one the goals
// are judged on), and applied throttling (devtools: Chrome really slows the network and CPU; the
// widgets' bytes then share the line with the page's fonts), shown for information.
// LIGHTHOUSE_THROTTLING=simulate runs only the first.
const METHODS = process.env.LIGHTHOUSE_THROTTLING === 'simulate' ? ['simulate'] : ['simulate', 'devtools'];
const METHOD_LABELS = { simulate: 'simulated throttling', devtools: 'applied throttling' };
const TIME_LIMIT_MS = 15 * 60_000;
const TBT_GOAL_MS = 20;
const LCP_GOAL_MS = 100;
const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'packages/gateway/dist/cli.js');

// The same flags as the browser tests (web-test-runner.config.mjs), plus headless.
const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS];
const LABELS = {
  without: 'demo page without the Dichtbij script',
  with: 'demo page with the four widgets (dichtbij.js)',
};

function startGateway() {
  const dir = mkdtempSync(join(tmpdir(), 'dichtbij-lighthouse-'));
  const logFile = join(dir, 'gateway.log');
  const fd = openSync(logFile, 'w');
  if (!existsSync(cli)) throw new Error('packages/gateway/dist is not built: run pnpm -r build');
  const child = spawn(process.execPath, [cli], {
    cwd: root,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      DICHTBIJ_DATA_DIR: '',
      DEMO: '1',
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
    },
  });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000; // PGlite starts slowly on a busy machine
    const poll = setInterval(() => {
      const text = readFileSync(logFile, 'utf8');
      const line = text.split('\n').find((l) => l.includes('"gateway.started"'));
      if (line) {
        clearInterval(poll);
        resolve({
          url: JSON.parse(line).url,
          async stop() {
            child.kill('SIGTERM');
            await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
            rmSync(dir, { recursive: true, force: true });
          },
        });
      } else if (child.exitCode !== null || Date.now() > deadline) {
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`the gateway did not start: ${text.slice(-500)}`));
      }
    }, 50);
  });
}

/**
 * Serves /with/… and /without/…: the gateway's demo page (rewritten), the rest passed through to
 * the gateway byte for byte, with its compression (brotli or gzip, as a CDN or the gateway serves
 * the files to a browser), so the transfer Lighthouse sees is the one a resident's browser has.
 */
async function startProxy(gatewayUrl) {
  const upstreamUrl = new URL(gatewayUrl);
  const forward = (req, path, headers) =>
    new Promise((resolve, reject) => {
      const out = request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path, headers },
        resolve,
      );
      out.on('error', reject);
      req.pipe(out);
    });
  const server = createServer(async (req, res) => {
    try {
      const match = /^\/(with|without)(\/demo\/.*)$/.exec(req.url ?? '');
      const path = match ? match[2] : (req.url ?? '/');
      const headers = { ...req.headers, host: upstreamUrl.host };
      if (!match) {
        const upstream = await forward(req, path, headers);
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
        return;
      }
      // The page itself: rewritten, so asked for uncompressed (the same for both variants).
      const upstream = await forward(req, path, { ...headers, 'accept-encoding': 'identity' });
      const chunks = [];
      for await (const chunk of upstream) chunks.push(chunk);
      const self = `http://${req.headers.host}`;
      let page = Buffer.concat(chunks).toString('utf8').replaceAll(gatewayUrl, self);
      if (match[1] === 'without') {
        const before = page.length;
        page = page.replace(/<script type="module" src="\/dichtbij\.js"><\/script>/, '');
        if (page.length === before) throw new Error('the demo page has no <script src="/dichtbij.js"> to leave out');
      }
      const pageHeaders = Object.fromEntries(
        Object.entries(upstream.headers).filter(
          ([k]) => !['content-encoding', 'content-length', 'transfer-encoding', 'etag'].includes(k),
        ),
      );
      res.writeHead(upstream.statusCode ?? 502, { ...pageHeaders, 'cache-control': 'no-store' });
      res.end(page);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b); // a failed run has no value
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function measure() {
  const lighthouse = (await import('lighthouse')).default;
  const requireFromLighthouse = createRequire(
    createRequire(join(root, 'package.json')).resolve('lighthouse/package.json'),
  );
  const chromeLauncher = await import(pathToFileURL(requireFromLighthouse.resolve('chrome-launcher')).href);

  const gateway = await startGateway();
  let proxy;
  let chrome;
  try {
    proxy = await startProxy(gateway.url);
    chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags, logLevel: 'silent' });
    const results = Object.fromEntries(METHODS.map((m) => [m, { without: [], with: [] }]));
    const order = ['without', 'with'];
    for (const method of METHODS)
      for (let run = 0; run < RUNS; run++) {
        for (const variant of run % 2 ? [...order].reverse() : order) {
          const result = await lighthouse(`${proxy.url}/${variant}/demo/`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            throttlingMethod: method,
          });
          const audits = result.lhr.audits;
          const items = audits['resource-summary']?.details?.items ?? [];
          const scripts = items.find((i) => i.resourceType === 'script');
          const total = items.find((i) => i.resourceType === 'total');
          results[method][variant].push({
            tbt: audits['total-blocking-time'].numericValue,
            cls: audits['cumulative-layout-shift'].numericValue,
            fcp: audits['first-contentful-paint'].numericValue,
            lcp: audits['largest-contentful-paint'].numericValue,
            scriptBytes: scripts?.transferSize ?? 0,
            scriptRequests: scripts?.requestCount ?? 0,
            totalBytes: total?.transferSize ?? 0,
            error: result.lhr.runtimeError?.message,
          });
        }
      }
    return { results };
  } finally {
    await chrome?.kill();
    await proxy?.close();
    await gateway.stop();
  }
}

export async function run() {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Lighthouse did not finish within ${TIME_LIMIT_MS / 60_000} minutes`)),
      TIME_LIMIT_MS,
    );
  });
  try {
    const { results: all } = await Promise.race([measure(), limit]);
    const rows = [];
    for (const method of METHODS) rows.push(...summarise(method, all[method]));
    return rows;
  } finally {
    clearTimeout(timer);
  }
}

/** The rows of one throttling method: each page's medians, and what the widgets add. */
function summarise(method, results) {
  const rows = [];
  const summary = {};
  const how = METHOD_LABELS[method];
  for (const variant of ['without', 'with']) {
    const runs = results[variant];
    const errors = runs.map((r) => r.error).filter(Boolean);
    const med = (key) => median(runs.map((r) => r[key]));
    summary[variant] = {
      tbt: Math.round(med('tbt')),
      cls: Math.round(med('cls') * 1000) / 1000,
      fcp: Math.round(med('fcp')),
      lcp: Math.round(med('lcp')),
      scriptBytes: Math.round(med('scriptBytes')),
      totalBytes: Math.round(med('totalBytes')),
      scriptRequests: Math.round(med('scriptRequests')),
    };
    const lcps = runs.map((r) => r.lcp).filter(Number.isFinite);
    rows.push({
      page: `${LABELS[variant]}, ${how}`,
      runs: runs.length,
      ...summary[variant],
      lcpRuns: `${Math.round(Math.min(...lcps))}–${Math.round(Math.max(...lcps))} ms`,
      status: errors.length ? 'error' : 'info',
      ...(errors.length ? { note: errors.join('; ') } : {}),
    });
  }
  const tbt = summary.with.tbt - summary.without.tbt;
  const lcp = summary.with.lcp - summary.without.lcp;
  const cls = Math.round((summary.with.cls - summary.without.cls) * 1000) / 1000;
  const within = results.with.filter((r) => r.lcp - summary.without.lcp <= LCP_GOAL_MS).length;
  const judged = method === 'simulate';
  rows.push({
    page: `added by the widgets (medians), ${how}`,
    tbt,
    cls,
    fcp: summary.with.fcp - summary.without.fcp,
    lcp,
    lcpRuns: `${within} of ${results.with.length} runs ≤ ${LCP_GOAL_MS} ms more`,
    scriptBytes: summary.with.scriptBytes - summary.without.scriptBytes,
    totalBytes: summary.with.totalBytes - summary.without.totalBytes,
    scriptRequests: summary.with.scriptRequests - summary.without.scriptRequests,
    goal: judged ? `≤ ${TBT_GOAL_MS} ms TBT, ≤ ${LCP_GOAL_MS} ms LCP, 0 CLS` : 'info (same goals, not judged)',
    status: !judged ? 'info' : tbt <= TBT_GOAL_MS && lcp <= LCP_GOAL_MS && summary.with.cls <= 0 ? 'ok' : 'over',
  });
  return rows;
}
