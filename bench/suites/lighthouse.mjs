// Lighthouse 12.8 (performance only, default mobile emulation with simulated throttling) on the
// demo page with and without <dichtbij-chat-launcher>, to show what the launcher adds before
// anyone interacts: Total Blocking Time and Cumulative Layout Shift (goal: ≤ 20 ms more TBT,
// 0 CLS). The demo gateway runs as a child process; a small proxy on loopback serves its demo
// page with two bundles built with esbuild (code splitting, as a CDN would): the widgets without
// the chat, and the same plus the chat launcher facade (its panel is a separate chunk loaded on
// click). Medians of a few runs, alternating; bounded to a few minutes. Also reports the facade's
// first-load and the panel's on-open size in gzip bytes.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync, existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CHROMIUM_ARGS } from '../../tests/support/chromium.mjs';

export const name = 'lighthouse';
export const order = 60;
export const title = 'Lighthouse: the demo page with and without the chat launcher';
export const description =
  'Lighthouse 12.8, performance category, default mobile emulation and simulated throttling, headless Chromium ' +
  '(/usr/bin/chromium). The demo page of the gateway with the widgets bundle (esbuild, code splitting, minified) ' +
  'without and with <dichtbij-chat-launcher>; median of the runs. Goal: the launcher adds at most 20 ms Total ' +
  'Blocking Time and no layout shift. Sizes: gzip level 9 of the facade before any interaction and of what a ' +
  'click loads (the panel chunk and its static imports).';
export const columns = [
  { key: 'page', label: 'page / measure' },
  { key: 'runs', label: 'runs' },
  { key: 'tbt', label: 'TBT (ms)' },
  { key: 'cls', label: 'CLS' },
  { key: 'fcp', label: 'FCP (ms)' },
  { key: 'lcp', label: 'LCP (ms)' },
  { key: 'scriptBytes', label: 'script bytes transferred', format: 'bytes' },
  { key: 'gzip', label: 'gzip bytes', format: 'bytes' },
  { key: 'goal', label: 'goal' },
  { key: 'status', label: 'ok/over' },
];

const RUNS = 5;
const TIME_LIMIT_MS = 5 * 60_000;
const TBT_GOAL_MS = 20;
const root = new URL('../..', import.meta.url).pathname;
const outDir = join(root, 'bench/out/lighthouse');

// The same flags as the browser tests (web-test-runner.config.mjs), plus headless.
const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS];

const WIDGETS = [
  "import './packages/components/src/config/define.ts';",
  "import './packages/components/src/feedback/define.ts';",
  "import './packages/components/src/bel-me/define.ts';",
  "import './packages/components/src/status-tracker/define.ts';",
].filter((line) => existsSync(join(root, /'\.\/(.+)'/.exec(line)[1])));
const WITH_CHAT = [...WIDGETS, "import './packages/components/src/chat-launcher/define.ts';"].join('\n');
/**
 * without: the widgets bundle without the chat, and no launcher on the page;
 * shipped:  the bundle with the chat launcher, but no launcher on the page (what shipping the module costs);
 * with:     the bundle with the chat launcher and <dichtbij-chat-launcher> on the page.
 */
const VARIANTS = { without: WIDGETS.join('\n'), shipped: WITH_CHAT, with: WITH_CHAT };
const LABELS = {
  without: 'demo page, bundle without the chat',
  shipped: 'demo page, bundle with the chat, no launcher on the page',
  with: 'demo page with the launcher',
};

function startGateway() {
  const dir = mkdtempSync(join(tmpdir(), 'dichtbij-lighthouse-'));
  const logFile = join(dir, 'gateway.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli.ts'], {
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
    const deadline = Date.now() + 30_000;
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

/** Builds both bundles; returns for each the output dir and the gzip sizes of first load and on-open. */
async function buildVariants() {
  await rm(outDir, { recursive: true, force: true });
  const built = {};
  for (const [variant, contents] of Object.entries(VARIANTS)) {
    const dir = join(outDir, variant);
    await mkdir(dir, { recursive: true });
    const result = await build({
      stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: `${variant}.ts` },
      outdir: dir,
      entryNames: 'dichtbij',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      conditions: ['browser', 'production'],
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'none',
      tsconfig: join(root, 'tsconfig.json'),
      metafile: true,
      logLevel: 'silent',
    });
    built[variant] = { dir, metafile: result.metafile };
  }
  return built;
}

/** gzip bytes of the launcher alone: its entry + static imports, and what a click loads. */
async function launcherSizes() {
  const dir = join(outDir, 'facade');
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: { entry: join(root, 'packages/components/src/chat-launcher/define.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const closure = (file, into = new Set()) => {
    if (into.has(file)) return into;
    into.add(file);
    for (const imp of outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') closure(imp.path, into);
    return into;
  };
  const gz = (files) =>
    [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(root, f)), { level: 9 }).length, 0);
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith('chat-launcher/define.ts'));
  const initial = closure(entry);
  const controller = outputs[entry].imports.find((i) => i.kind === 'dynamic-import' && /controller/.test(i.path));
  const onOpen = controller ? [...closure(controller.path)].filter((f) => !initial.has(f)) : [];
  return { facade: gz(initial), panel: gz(onOpen) };
}

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves /with/… and /without/…: the demo page (rewritten), the bundles, the rest proxied to the gateway. */
async function startProxy(gatewayUrl, built) {
  const server = createServer(async (req, res) => {
    try {
      const match = /^\/(with|without|shipped)(\/.*)$/.exec(req.url ?? '');
      if (!match) {
        // API, themes, CSS: straight to the gateway.
        const upstream = await fetch(`${gatewayUrl}${req.url}`, {
          method: req.method,
          headers: {
            'content-type': req.headers['content-type'] ?? '',
            ...(req.headers['last-event-id'] ? { 'last-event-id': String(req.headers['last-event-id']) } : {}),
          },
          body:
            req.method === 'GET' || req.method === 'HEAD'
              ? undefined
              : await new Promise((r) => {
                  const chunks = [];
                  req.on('data', (c) => chunks.push(c)).on('end', () => r(Buffer.concat(chunks)));
                }),
        });
        const headers = Object.fromEntries(
          [...upstream.headers].filter(
            ([k]) => !['content-encoding', 'content-length', 'transfer-encoding'].includes(k),
          ),
        );
        res.writeHead(upstream.status, headers);
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      const [, variant, path] = match;
      if (path.startsWith('/demo')) {
        const upstream = await fetch(`${gatewayUrl}${path}`);
        let page = await upstream.text();
        const self = `http://${req.headers.host}`;
        page = page.replaceAll(gatewayUrl, self).replace('src="/dichtbij.js"', `src="/${variant}/dichtbij.js"`);
        if (variant !== 'with') page = page.replace(/<dichtbij-chat-launcher[^>]*><\/dichtbij-chat-launcher>/, '');
        res.writeHead(upstream.status, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': upstream.headers.get('content-security-policy') ?? '',
          'cache-control': 'no-store',
        });
        res.end(page);
        return;
      }
      const file = join(built[variant].dir, path.replace(/^\//, ''));
      if (!file.startsWith(built[variant].dir) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(await readFile(file));
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
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
    const built = await buildVariants();
    const sizes = await launcherSizes();
    proxy = await startProxy(gateway.url, built);
    chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags, logLevel: 'silent' });
    const results = { without: [], shipped: [], with: [] };
    const order = Object.keys(results);
    for (let run = 0; run < RUNS; run++) {
      for (const variant of run % 2 ? [...order].reverse() : order) {
        const result = await lighthouse(`${proxy.url}/${variant}/demo/`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        const audits = result.lhr.audits;
        const scripts = audits['resource-summary']?.details?.items?.find((i) => i.resourceType === 'script');
        results[variant].push({
          tbt: audits['total-blocking-time'].numericValue,
          cls: audits['cumulative-layout-shift'].numericValue,
          fcp: audits['first-contentful-paint'].numericValue,
          lcp: audits['largest-contentful-paint'].numericValue,
          scriptBytes: scripts?.transferSize ?? 0,
          error: result.lhr.runtimeError?.message,
        });
      }
    }
    return { results, sizes };
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
    const { results, sizes } = await Promise.race([measure(), limit]);
    const rows = [];
    const summary = {};
    for (const variant of ['without', 'shipped', 'with']) {
      const runs = results[variant];
      const errors = runs.map((r) => r.error).filter(Boolean);
      summary[variant] = {
        tbt: Math.round(median(runs.map((r) => r.tbt))),
        cls: Math.round(median(runs.map((r) => r.cls)) * 1000) / 1000,
        fcp: Math.round(median(runs.map((r) => r.fcp))),
        lcp: Math.round(median(runs.map((r) => r.lcp))),
        scriptBytes: Math.round(median(runs.map((r) => r.scriptBytes))),
      };
      rows.push({
        page: LABELS[variant],
        runs: runs.length,
        ...summary[variant],
        status: errors.length ? 'error' : 'info',
        ...(errors.length ? { note: errors.join('; ') } : {}),
      });
    }
    const added = (from, to, page) => {
      const tbt = summary[to].tbt - summary[from].tbt;
      const cls = Math.round((summary[to].cls - summary[from].cls) * 1000) / 1000;
      rows.push({
        page,
        tbt,
        cls,
        scriptBytes: summary[to].scriptBytes - summary[from].scriptBytes,
        goal: `≤ ${TBT_GOAL_MS} ms TBT, 0 CLS`,
        status: tbt <= TBT_GOAL_MS && cls <= 0 ? 'ok' : 'over',
      });
    };
    added('without', 'with', 'added by the launcher (module and element)');
    added('shipped', 'with', 'added by the element on the page (same bundle)');
    rows.push({
      page: 'facade before interaction (gzip)',
      gzip: sizes.facade,
      goal: '≤ 3 kB',
      status: sizes.facade <= 3000 ? 'ok' : 'over',
    });
    rows.push({
      page: 'panel loaded on click (gzip)',
      gzip: sizes.panel,
      goal: '≤ 25 kB',
      status: sizes.panel <= 25_000 ? 'ok' : 'over',
    });
    return rows;
  } finally {
    clearTimeout(timer);
  }
}
