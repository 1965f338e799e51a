#!/usr/bin/env node
/**
 * Runs the gateway from the environment:   node --import tsx packages/gateway/src/cli.ts
 * Makes a KCC password hash:               node --import tsx packages/gateway/src/cli.ts hash-password
 *   (reads the password from stdin, prints KCC_PASSWORD_HASH=…)
 */
import { optionsFromEnv } from './env.ts';
import { hashPassword } from './kcc/password.ts';
import { errorFields, jsonLogger } from './runtime.ts';
import { startGateway } from './server.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main() {
  const [command] = process.argv.slice(2);
  if (command === 'hash-password') {
    if (process.stdin.isTTY) process.stderr.write('Type the KCC password, then Enter and Ctrl-D:\n');
    const password = await readStdin();
    process.stdout.write(`KCC_PASSWORD_HASH=${await hashPassword(password)}\n`);
    return;
  }
  if (command && command !== 'start') {
    process.stderr.write('Usage: cli.ts [start | hash-password]\n');
    process.exit(2);
  }
  const logger = jsonLogger();
  const running = await startGateway(await optionsFromEnv(process.env, logger));
  logger.info('gateway.started', { url: running.baseUrl, store: running.store.db.engine });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('gateway.stopping', { signal });
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // Start-up errors are configuration problems: say which (they never hold request data).
  process.stderr.write(`dichtbij-gateway: ${message}\n`);
  jsonLogger().error('gateway.start_failed', errorFields(error));
  process.exit(1);
});
