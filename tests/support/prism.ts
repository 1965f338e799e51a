/**
 * Prism (@stoplight/prism-cli 5.14, a devDependency of @dichtbij/gateway) for contract tests:
 * a mock server or a validation proxy for one OpenAPI document, on 127.0.0.1 and a free port.
 *
 *   const prism = await startPrism({ spec: specPath('zaken-api-1.5.1.openapi.yaml'), mode: 'proxy', upstream });
 *   after(() => prism.stop());
 *
 * - mock mode: Prism answers from the spec and rejects a request that does not match it (422,
 *   400 or 401 with a problem body) whether or not `errors` is set; a connector then throws and
 *   the test fails. Keep `errors` off here: with `--errors` Prism also turns violations of its
 *   *own generated* responses into 500s, and its generator does not satisfy these specs
 *   (patterns such as `nummeraanduidingId ^[0-9]{16}$`, `oneOf` actor shapes).
 * - proxy mode: Prism forwards to `upstream` and validates requests and responses on the way.
 *   With `errors: true` (`--errors`) an invalid request is refused (422) and never forwarded, and
 *   an upstream answer that breaks the spec becomes a 500. Without it Prism only logs both.
 *
 * Either way every violation Prism logs is collected: assert `requestViolations()` is empty
 * after `flush()` (so every log line about earlier requests is in).
 *
 * Startup takes seconds (the Zaken spec is 15k lines): start one per spec per test file and reuse
 * it. The process is killed on `stop()`, and on exit or a signal of the test process, so none is
 * left behind when a test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repo = new URL('../../', import.meta.url);
const PRISM_BIN = fileURLToPath(new URL('packages/gateway/node_modules/.bin/prism', repo));

/** An official OpenAPI document kept in the repository (tests/fixtures/specs, see SOURCES.md there). */
export function specPath(name: string): string {
  return fileURLToPath(new URL(`tests/fixtures/specs/${name}`, repo));
}

export interface Violation {
  side: 'request' | 'response';
  message: string;
}

export interface PrismOptions {
  spec: string;
  mode?: 'mock' | 'proxy';
  /** proxy mode: where requests go after validation. */
  upstream?: string;
  /** `--errors` (see above). Default false. */
  errors?: boolean;
  /** Startup limit in ms (default 90 000). */
  startTimeout?: number;
}

export interface PrismServer {
  /** e.g. http://127.0.0.1:41234 (Prism serves the spec's paths at the root). */
  url: string;
  /** Validation errors Prism logged so far (request and response side). */
  violations(): Violation[];
  requestViolations(): Violation[];
  responseViolations(): Violation[];
  /** Waits until Prism has logged everything about requests sent before this call. */
  flush(): Promise<void>;
  /** Forget the violations logged so far. */
  reset(): void;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;
function killAll() {
  // SIGTERM: the guard's trap stops Prism (a SIGKILL would kill only the guard).
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Prism's log lines, e.g. "[VALIDATOR] ✖  error     Violation: request.header Request header must have …"
// (proxy) or "[VALIDATOR] ✖  error     Request body must have required property 'onderwerp'" (mock).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const mode = options.mode ?? 'mock';
  if (mode === 'proxy' && !options.upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
  hookExit();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, mode, await freePort());
    } catch (error) {
      lastError = error as Error;
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError;
}

async function startOnce(options: PrismOptions, mode: 'mock' | 'proxy', port: number): Promise<PrismServer> {
  const args = [
    mode,
    options.spec,
    ...(mode === 'proxy' ? [options.upstream!] : []),
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
  ];
  if (options.errors) args.push('--errors');
  // A small sh guard runs Prism: it stops Prism on SIGTERM and also when this process dies
  // without a chance to clean up (SIGKILL): then its stdin pipe closes and `read` returns.
  const guard =
    'trap \'kill "$p" 2>/dev/null; wait "$p"; exit 0\' TERM INT HUP; "$@" & p=$!; read _; kill "$p" 2>/dev/null; wait "$p"';
  const child = spawn('sh', ['-c', guard, 'prism-guard', PRISM_BIN, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const violations: Violation[] = [];
  const waiters: { token: string; resolve: () => void }[] = [];
  let log = '';
  let buffer = '';
  let ready: () => void;
  let failed: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });

  const onLine = (raw: string) => {
    const line = raw.replace(ANSI, '');
    if (log.length < 20_000) log += `${line}\n`;
    if (line.includes('Prism is listening on')) ready();
    if (/EADDRINUSE/.test(line)) failed(new Error(`prism: EADDRINUSE on ${port}`));
    const v = /\[VALIDATOR\]\s+\S+\s+error\s+(.*)$/.exec(line);
    if (v) {
      const message = v[1]!.trim();
      const side = /^Violation: response/.test(message) ? 'response' : 'request';
      violations.push({ side, message: message.replace(/^Violation: /, '') });
    }
    // With --errors Prism logs only the outcome: "get /x ✖ error Request terminated with error:
    // …#UNPROCESSABLE_ENTITY" (request refused) or "…#VIOLATIONS" (proxy: the answer broke the spec).
    const t = /\[HTTP SERVER\]\s+(\S+ \S+).*Request terminated with error:\s+(.*)$/.exec(line);
    if (t && !line.includes('__dichtbij_flush')) {
      violations.push({
        side: /#VIOLATIONS/.test(t[2]!) ? 'response' : 'request',
        message: `${t[1]}: ${t[2]!.trim()}`,
      });
    }
    for (const w of [...waiters]) {
      if (line.includes(w.token)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const reader = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  };
  child.stdout!.on('data', reader);
  child.stderr!.on('data', reader);
  child.once('exit', (code, signal) =>
    failed(new Error(`prism exited early (${code ?? signal}):\n${log.slice(-3000)}`)),
  );
  child.once('error', (error) => failed(error));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.stdin?.end();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const timeout = options.startTimeout ?? 90_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      started,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`prism did not start within ${timeout} ms:\n${log.slice(-3000)}`)),
          timeout,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const url = `http://127.0.0.1:${port}`;
  let sync = 0;
  return {
    url,
    violations: () => [...violations],
    requestViolations: () => violations.filter((v) => v.side === 'request'),
    responseViolations: () => violations.filter((v) => v.side === 'response'),
    reset: () => {
      violations.length = 0;
    },
    async flush() {
      // A request to a path no spec has: Prism logs its path after everything before it.
      const token = `__dichtbij_flush_${process.pid}_${++sync}`;
      const seen = new Promise<void>((resolve) => waiters.push({ token, resolve }));
      await fetch(`${url}/${token}`)
        .then((r) => r.body?.cancel())
        .catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([seen, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
    },
    stop,
  };
}
