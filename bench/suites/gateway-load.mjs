// @dichtbij/gateway under load on loopback: POST /v1/feedback (a unique Idempotency-Key per
// request, so every request is a real insert) and GET /v1/config, with autocannon, against the
// gateway started by its CLI in a child process with the embedded store (PGlite, data directory).
// Bounded: at most 30 s in all. Goal: ≥ 1 000 req/s and p99 ≤ 50 ms for feedback.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'gateway-load';
export const order = 60;
export const title = 'Gateway: load on loopback (autocannon)';
export const description =
  'The gateway CLI in a child process (embedded PGlite store in a data directory, restarted once after its first start; request logging on, rate limits raised), ' +
  'autocannon in this process on 127.0.0.1. Feedback: every request has a new Idempotency-Key (a real insert with ' +
  'its key, one SQL statement). Peak RSS is the gateway process’s VmHWM. Goal for feedback: ≥ 1 000 req/s and p99 ≤ 50 ms.';
export const columns = [
  { key: 'scenario', label: 'scenario' },
  { key: 'connections', label: 'connections' },
  { key: 'seconds', label: 's' },
  { key: 'requests', label: 'requests' },
  { key: 'rps', label: 'req/s' },
  { key: 'p50', label: 'p50 (ms)' },
  { key: 'p99', label: 'p99 (ms)' },
  { key: 'max', label: 'max (ms)' },
  { key: 'errors', label: 'errors / non-2xx' },
  { key: 'rssMB', label: 'peak RSS (MB)' },
  { key: 'goal', label: 'goal' },
  { key: 'status', label: 'ok/over' },
];

const root = new URL('../..', import.meta.url).pathname;
const requireFromGateway = createRequire(join(root, 'packages/gateway/package.json'));
const autocannon = requireFromGateway('autocannon');

const FEEDBACK = JSON.stringify({
  variant: 'page',
  useful: true,
  reasons: ['unclear'],
  comment: 'De kosten staan er niet bij.',
  channel: 'website',
  page: { url: 'https://www.gemeente.nl/paspoort', title: 'Paspoort aanvragen' },
  locale: 'nl',
});

function startGateway(dir) {
  const logFile = join(dir, `gateway-${Date.now()}.log`);
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli.ts'], {
    cwd: root,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_POSTS_PER_MINUTE: '100000000',
      DATABASE_URL: '',
      // The embedded store as a gemeente runs it: PGlite with a data directory.
      DICHTBIJ_DATA_DIR: join(dir, 'db'),
      DEMO: '',
    },
  });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const poll = setInterval(() => {
      const text = readFileSync(logFile, 'utf8');
      const line = text.split('\n').find((l) => l.includes('"gateway.started"'));
      if (line) {
        clearInterval(poll);
        resolve({
          url: JSON.parse(line).url,
          startupMs: Math.round(performance.now() - started),
          pid: child.pid,
          async stop() {
            child.kill('SIGTERM');
            await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
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

/** Peak resident set size of a process (Linux /proc), in MB. */
function peakRss(pid) {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return undefined;
  }
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function row(scenario, result, pid, goal) {
  const rps = Math.round(result.requests.average);
  const p99 = result.latency.p99;
  const errors = result.errors + result.timeouts + result.non2xx;
  const ok = !goal || (rps >= goal.rps && p99 <= goal.p99 && errors === 0);
  return {
    scenario,
    connections: result.connections,
    seconds: result.duration,
    requests: result.requests.total,
    rps,
    p50: result.latency.p50,
    p99,
    max: result.latency.max,
    errors,
    rssMB: peakRss(pid),
    goal: goal ? `≥ ${goal.rps} req/s, p99 ≤ ${goal.p99} ms` : '',
    status: goal ? (ok ? 'ok' : 'over') : '',
  };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'dichtbij-bench-'));
  // First start: initdb + migrations in a new data directory. Then a restart, as in production
  // (a new process: the memory initdb used is not part of the figures).
  let gateway;
  try {
    const first = await startGateway(dir);
    await first.stop();
    gateway = await startGateway(dir);
    gateway.firstStartMs = first.startupMs;
    const rows = [];
    const feedback = {
      url: gateway.url,
      connections: 10,
      pipelining: 1,
      requests: [
        {
          method: 'POST',
          path: '/v1/feedback',
          headers: { 'content-type': 'application/json' },
          body: FEEDBACK,
          setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
        },
      ],
    };
    // Warm-up (JIT, PGlite caches), not reported.
    await load({ ...feedback, duration: 2 });
    rows.push(row('POST /v1/feedback', await load({ ...feedback, duration: 10 }), gateway.pid, { rps: 1000, p99: 50 }));
    rows.push(
      row(
        'GET /v1/config',
        await load({ url: `${gateway.url}/v1/config`, connections: 10, duration: 5 }),
        gateway.pid,
        undefined,
      ),
    );
    rows.push({
      scenario: 'start: CLI → listening, new data directory (initdb + migrations)',
      seconds: gateway.firstStartMs / 1000,
    });
    rows.push({ scenario: 'start: CLI → listening, existing data directory', seconds: gateway.startupMs / 1000 });
    return rows;
  } finally {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
