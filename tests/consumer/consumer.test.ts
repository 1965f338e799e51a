/**
 * Dichtbij as its users get it: the packed tarballs (what `npm publish` ships), installed with
 * npm into apps outside the workspace.
 * - Stock create-vite apps (vanilla-ts, react-ts with React 19, vue-ts with Vue 3), their configs
 *   unchanged: `npm run build` type-checks with 0 errors and builds; a property of the wrong type
 *   fails the type check; in Chromium the element shows, takes the property the framework sets
 *   and delivers `dichtbij-submitted` to the app.
 * - A plain HTML page on one origin, with a strict CSP, loading dist/cdn/dichtbij.js from a second
 *   origin (under the public CDN path, with SRI) and a second copy from the gateway on a third
 *   origin; a feedback goes end to end into the gateway's store. Without the script, the
 *   fallback text inside the element stays.
 * - The SDK imported in plain Node, and the gateway's bin run with plain Node.
 * Needs the built packages (pnpm -r build) and the npm registry for the templates' own deps.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pack } from '../../scripts/pack.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';
import { CREATE_VITE, cleanEnv, run, serveStatic } from './support.ts';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'dichtbij-consumer-'));
const apps = join(root, 'tests/consumer/apps');
let tarballs: Record<string, string>;
let browser: Browser;

before(async () => {
  tarballs = pack(join(work, 'packs'));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});
after(async () => {
  await browser?.close();
  if (!process.env.KEEP_CONSUMER_APPS) rmSync(work, { recursive: true, force: true });
});

const tgz = (...names: string[]) => names.map((n) => tarballs[`@dichtbij/${n}`]!);
const ok = (r: { code: number | null; output: string }, what: string) =>
  assert.equal(r.code, 0, `${what} failed:\n${r.output.slice(-4000)}`);

/** Collects what a page says went wrong: uncaught errors, console errors, CSP violations. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** The feedback element as a resident uses it: it shows the question, "Ja" ("Yes" on an English page) sends it. */
async function answerYes(page: Page, problems: string[]): Promise<void> {
  const yes = page.locator('dichtbij-feedback').getByRole('button', { name: /^(Ja|Yes)$/ });
  try {
    await yes.waitFor({ state: 'visible', timeout: 15_000 });
  } catch (error) {
    const shown = await page.evaluate(() => {
      const el = document.querySelector('dichtbij-feedback');
      return `defined: ${!!customElements.get('dichtbij-feedback')}, shadow: ${el?.shadowRoot?.innerHTML.slice(0, 400) ?? '(none)'}`;
    });
    throw new Error(`the feedback question did not show (${shown}); the page said:\n${problems.join('\n')}`, {
      cause: error,
    });
  }
  await yes.click();
}

const TEMPLATES = [
  { template: 'vanilla-ts', check: ['npx', 'tsc'], wrong: 'src/wrong.ts', wrongError: /headingLevel|TS2322/ },
  { template: 'react-ts', check: ['npx', 'tsc', '-b'], wrong: 'src/wrong.tsx', wrongError: /client|TS2322/ },
  { template: 'vue-ts', check: ['npx', 'vue-tsc', '-b'], wrong: 'src/Wrong.vue', wrongError: /client|TS2322/ },
] as const;

describe('stock create-vite apps with the packed tarballs', { concurrency: 1 }, () => {
  for (const { template, check, wrong, wrongError } of TEMPLATES) {
    test(template, { timeout: 600_000 }, async () => {
      const dir = join(work, template);
      ok(
        await run('npm', ['create', '-y', CREATE_VITE, template, '--', '--template', template, '--no-interactive'], {
          cwd: work,
        }),
        `npm create vite (${template})`,
      );
      ok(
        await run('npm', ['install', '--no-audit', '--no-fund', ...tgz('sdk', 'themes', 'components')], { cwd: dir }),
        `npm install (${template})`,
      );
      // The app's code, next to the template's own config files (which stay as they are).
      cpSync(join(apps, template), dir, {
        recursive: true,
        filter: (f) => !f.includes('wrong') && !f.includes('Wrong'),
      });

      ok(await run('npm', ['run', 'build'], { cwd: dir }), `npm run build (${template}: type check + vite build)`);

      // A property of the wrong type fails the type check.
      cpSync(join(apps, template, wrong), join(dir, wrong));
      const bad = await run(check[0], check.slice(1), { cwd: dir });
      rmSync(join(dir, wrong));
      assert.notEqual(bad.code, 0, `${check.join(' ')} accepted a wrong property type`);
      assert.match(bad.output, wrongError);

      const site = await serveStatic(join(dir, 'dist'));
      const page = await browser.newPage();
      const problems = watch(page);
      try {
        await page.goto(site.origin);
        await answerYes(page, problems);
        const sent = page.locator('#sent').filter({ hasText: /^sent / });
        const status = page.locator('dichtbij-feedback [role="status"]');
        try {
          await sent.waitFor({ timeout: 15_000 });
        } catch (error) {
          const says = await status.innerText();
          throw new Error(`no dichtbij-submitted reached the app; the element says "${says}"`, { cause: error });
        }
        assert.match(await sent.innerText(), /^sent \S+ \(sent\)$/);
        assert.ok((await status.innerText()).trim().length > 0, 'the element tells the resident it was sent');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
        await site.close();
      }
    });
  }
});

describe('plain Node and a CMS page on another origin', { concurrency: 1 }, () => {
  let server: string;
  before(async () => {
    server = join(work, 'server');
    cpSync(join(apps, '..', 'server-package.json'), join(server, 'package.json'));
    ok(
      await run('npm', ['install', '--no-audit', '--no-fund', ...tgz('sdk', 'themes', 'components', 'gateway')], {
        cwd: server,
      }),
      'npm install (server)',
    );
  });

  test('the SDK runs in plain Node', { timeout: 60_000 }, async () => {
    const script = `
      import { openingHours, createClient, gatewayAdapter, demoConfig } from '@dichtbij/sdk';
      const hours = openingHours(demoConfig.openingHours);
      const client = createClient({ adapter: gatewayAdapter({ baseUrl: 'http://127.0.0.1:9' }), locale: 'nl' });
      console.log(JSON.stringify({
        open: hours.isOpen(new Date('2026-12-01T10:00:00+01:00')),
        christmas: hours.isOpen(new Date('2026-12-25T10:00:00+01:00')),
        methods: Object.keys(client).sort(),
      }));`;
    const r = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: server });
    ok(r, 'node -e import @dichtbij/sdk');
    const out = JSON.parse(r.output.trim().split('\n').pop()!);
    assert.equal(out.open, true);
    assert.equal(out.christmas, false);
    for (const m of ['callbacks', 'cases', 'chat', 'config', 'feedback', 'openingHours'])
      assert.ok(out.methods.includes(m));
  });

  test('a subpath that does not exist fails at resolution, naming the exports', { timeout: 60_000 }, async () => {
    const r = await run(process.execPath, ['--input-type=module', '-e', `import '@dichtbij/components/nope';`], {
      cwd: server,
    });
    assert.notEqual(r.code, 0);
    assert.match(r.output, /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
  });

  test('CDN bundle on a second origin, gateway on a third: a feedback end to end', { timeout: 180_000 }, async () => {
    const cdnDir = join(server, 'node_modules/@dichtbij/components/dist/cdn');
    const version = JSON.parse(readFileSync(join(server, 'node_modules/@dichtbij/components/package.json'), 'utf8'))
      .version as string;
    const sri = JSON.parse(readFileSync(join(cdnDir, 'sri.json'), 'utf8')) as Record<string, string>;
    const cdnPath = `/npm/@dichtbij/components@${version}/dist/cdn/`;
    const cdn = await serveStatic(cdnDir, {
      prefix: cdnPath,
      headers: { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
    });
    const pageDir = join(work, 'cms-page');
    const dataDir = join(work, 'gateway-data');
    cpSync(join(apps, 'cms-page'), pageDir, { recursive: true });

    // The page's origin must be known to the gateway's CORS list before it starts.
    const site = await serveStatic(pageDir, {});
    const gateway = await startGateway(server, { CORS_ORIGINS: site.origin, DICHTBIJ_DATA_DIR: dataDir });
    const csp = [
      "default-src 'none'",
      `script-src ${cdn.origin} ${gateway.origin} 'self'`,
      `style-src ${cdn.origin}`,
      `connect-src ${gateway.origin}`,
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    site.server.removeAllListeners('request');
    const pageHeaders = { 'Content-Security-Policy': csp };
    const fill = (name: string) =>
      readFileSync(join(pageDir, name), 'utf8')
        .replaceAll('{{CDN}}', cdn.origin + cdnPath)
        .replaceAll('{{SRI}}', sri['dichtbij.js']!)
        .replaceAll('{{GATEWAY}}', gateway.origin);
    site.server.on('request', (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/' || path === '/broken.html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...pageHeaders });
        res.end(fill(path === '/' ? 'index.html' : 'broken.html'));
      } else if (path === '/page.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(readFileSync(join(pageDir, 'page.js')));
      } else res.writeHead(404).end();
    });

    const page = await browser.newPage();
    const problems = watch(page);
    try {
      // Without the script: the fallback text inside the element is what the resident sees.
      await page.goto(`${site.origin}/broken.html`);
      await page.locator('#fallback').filter({ hasText: 'Bel 14 0488' }).waitFor({ state: 'visible' });

      problems.length = 0;
      await page.goto(site.origin);
      await answerYes(page, problems);
      await page
        .locator('#sent')
        .filter({ hasText: /^sent .+ \(sent\)$/ })
        .waitFor({ timeout: 20_000 });
      // Upgraded: the fallback is hidden, the theme of the config applies.
      assert.equal(await page.locator('#fallback').isVisible(), false);
      // The second copy (feedback.js from the gateway) did not throw and the element works.
      assert.equal(await page.evaluate(() => document.body.dataset.copies), 'ok');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await gateway.stop();
      await site.close();
      await cdn.close();
    }

    // What the gateway stored, read back with the package's own Store.
    const r = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { Store } from '@dichtbij/gateway';
         const store = await Store.open({ dataDir: ${JSON.stringify(dataDir)} });
         const rows = await store.recentFeedback(10);
         console.log(JSON.stringify(rows.map((f) => ({ useful: f.useful, page: f.pageUrl }))));
         await store.close();`,
      ],
      { cwd: server },
    );
    ok(r, 'read the store');
    const rows = JSON.parse(r.output.trim().split('\n').pop()!) as { useful: boolean }[];
    assert.equal(rows.length, 1, 'exactly one feedback stored');
    assert.equal(rows[0]!.useful, true);
  });
});

/** The gateway from its tarball, run by its bin with plain Node; resolves when it listens. */
async function startGateway(
  server: string,
  env: Record<string, string>,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(join(server, 'node_modules/.bin/dichtbij-gateway'), [], {
    cwd: server,
    env: cleanEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${log}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = log.match(/"gateway\.started","url":"([^"]+)"/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}):\n${log}`)));
  });
  return {
    origin,
    stop: () =>
      new Promise<void>((r) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          r();
        });
        child.kill('SIGTERM');
      }),
  };
}
