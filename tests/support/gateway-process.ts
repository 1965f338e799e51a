// A gateway in its own Node process, started from the environment as an operator would, for the
// tests that have to kill it (kill -9). It listens on 127.0.0.1 and a free port; the URL comes
// from its `gateway.started` log line. The command is in one place: gatewayCommand().
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How the gateway is run (one place to change when the bin moves to dist/cli.js). */
export function gatewayCommand(): { command: string; args: string[]; cwd: string } {
  return { command: process.execPath, args: ['--import', 'tsx', 'packages/gateway/src/cli.ts'], cwd: ROOT };
}

export interface GatewayProcess {
  baseUrl: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown code runs. Resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM: a clean stop. Resolves when the process is gone. */
  stop(): Promise<void>;
}

const gone = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Starts the gateway with `env` (PORT=0 and HOST=127.0.0.1 unless given); rejects when it does not start within `timeoutMs`. */
export function startGatewayProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<GatewayProcess> {
  const { command, args, cwd } = gatewayCommand();
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited at start (${code ?? signal}): ${stderr}`));
    });
    // Keep reading stdout (one log line per request), or the child blocks on a full pipe.
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (started) return;
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let event: { event?: string; url?: string } = {};
        try {
          event = JSON.parse(line) as typeof event;
        } catch {
          continue;
        }
        if (event.event === 'gateway.started' && event.url) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          started = true;
          resolve({
            baseUrl: event.url,
            child,
            async kill9() {
              child.kill('SIGKILL');
              await gone(child);
            },
            async stop() {
              child.kill('SIGTERM');
              await gone(child);
            },
          });
          return;
        }
      }
    });
  });
}
