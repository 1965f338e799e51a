// The demo (`pnpm start` → scripts/demo.sh → here): the gateway with DEMO=1 and the embedded
// store in .data/ (demo cases seeded, demo site at /demo/, KCC console at /kcc), and Storybook
// on 127.0.0.1:6006. Prints the URLs; Ctrl-C stops both.
//   PORT=8080 (gateway), KCC_PASSWORD (default "dichtbij-demo"), NO_STORYBOOK=1 to skip Storybook,
//   GEMEENTE_CONFIG (default: Druten and Wijchen in one gateway, packages/gateway/src/demo/druten-wijchen.json).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('.data', { recursive: true });

const PORT = process.env.PORT || '8080';
const HOST = '127.0.0.1';
const STORYBOOK_PORT = 6006;
const PASSWORD = process.env.KCC_PASSWORD || 'dichtbij-demo';
const base = `http://${HOST}:${PORT}`;
const storybookUrl = `http://${HOST}:${STORYBOOK_PORT}`;
const children = new Set();
let stopping = false;

function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  const signal = (child, sig) => {
    try {
      // Storybook runs under pnpm in its own process group: signal the group (SIGINT, like Ctrl-C).
      process.kill(child.detached ? -child.pid : child.pid, sig);
    } catch {
      // already gone
    }
  };
  for (const child of children) signal(child, child.detached ? 'SIGINT' : 'SIGTERM');
  setTimeout(() => {
    for (const child of children) signal(child, 'SIGKILL');
    process.exit(code);
  }, 5000).unref();
  Promise.all([...children].map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function startGateway() {
  const gatewayLog = createWriteStream('.data/gateway.log', { flags: 'a' });
  // The built gateway (plain Node), serving the built CDN bundle: what a gemeente runs.
  const child = spawn(process.execPath, ['packages/gateway/dist/cli.js'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DEMO: '1',
      PORT,
      HOST,
      DICHTBIJ_DATA_DIR: process.env.DATABASE_URL ? '' : '.data/gateway-db',
      KCC_PASSWORD: process.env.KCC_PASSWORD_HASH ? '' : PASSWORD,
      // One gateway for a werkorganisatie: Druten and Wijchen, each with its own configuration.
      GEMEENTE_CONFIG: process.env.GEMEENTE_CONFIG || 'packages/gateway/dist/demo/druten-wijchen.json',
      CORS_ORIGINS: process.env.CORS_ORIGINS || `${storybookUrl},http://localhost:${STORYBOOK_PORT}`,
    },
  });
  children.add(child);
  child.stderr.pipe(process.stderr);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      gatewayLog.write(line + '\n');
      if (line.includes('"gateway.started"')) resolve(child);
    });
    child.once('exit', (code) => {
      children.delete(child);
      if (!stopping) {
        console.error(`\n✗ the gateway stopped (exit ${code}); see .data/gateway.log`);
        reject(new Error('gateway stopped'));
        stopAll(1);
      }
    });
  });
}

function startStorybook() {
  const log = createWriteStream('.data/storybook.log', { flags: 'a' });
  const child = spawn('pnpm', ['run', '--silent', 'storybook', '--host', HOST, '--ci'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  });
  children.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.once('exit', (code) => {
    children.delete(child);
    // pnpm is gone; make sure Storybook under it is too.
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // the group is gone
    }
    if (!stopping)
      console.error(`\n! Storybook stopped (exit ${code}); see .data/storybook.log. The gateway keeps running.`);
  });
  return child;
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

console.log('› starting the gateway (demo mode, embedded store in .data/)…');
await startGateway();
const storybook = process.env.NO_STORYBOOK ? undefined : startStorybook();

// The default demo config has two gemeenten (pages per gemeente); another config: pages per theme.
const choices = process.env.GEMEENTE_CONFIG
  ? ['west-betuwe', 'druten-wijchen', 'duiven-westervoort', 'olst-wijhe', 'voorbeeld'].map((t) => [t, `theme=${t}`])
  : ['druten', 'wijchen'].map((g) => [g, `gemeente=${g}`]);
console.log(`
Dichtbij demo
  Demo site (gemeente pages)   ${base}/demo/
${choices.map(([name, query]) => `      ${name.padEnd(24)} ${base}/demo/?${query}`).join('\n')}
  Mijn zaken (DEMO login)      ${base}/demo/mijn-zaken
  KCC console                  ${base}/kcc   password: ${process.env.KCC_PASSWORD_HASH ? '(your KCC_PASSWORD_HASH)' : PASSWORD}
  API (OpenAPI 3.1)            ${base}/v1/openapi.json
  Storybook                    ${storybook ? `${storybookUrl}  (starting…)` : 'skipped (NO_STORYBOOK=1)'}
  Logs                         .data/gateway.log, .data/storybook.log
Stop with Ctrl-C.`);

if (storybook) {
  if (await waitFor(storybookUrl, 180_000)) console.log(`\n✓ Storybook is ready: ${storybookUrl}`);
  else if (!stopping) console.log('\n! Storybook did not answer within 3 minutes; see .data/storybook.log');
}
