// The gateway as a server: startGateway over real sockets, the environment mapping, and the CLI
// (start, stop on SIGTERM, hash-password).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoConfig } from '@dichtbij/sdk';
import { optionsFromEnv, startGateway, verifyPassword, type RunningGateway } from '@dichtbij/gateway';
import { captureLogger, feedbackBody, newKey, PGLITE_IMAGE_CACHE } from '../support/gateway-harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

describe('startGateway', () => {
  let running: RunningGateway;

  test('listens on 127.0.0.1 on a free port and answers over HTTP', async () => {
    running = await startGateway({
      logger: captureLogger(),
      pgliteImageCache: PGLITE_IMAGE_CACHE,
      jobs: false,
      limits: { postsPerIp: { limit: 2, windowMs: 60_000 } },
    });
    cleanups.push(() => running.close());
    assert.match(running.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${running.baseUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await fetch(`${running.baseUrl}/`)).status, 200);
  });

  test('per-IP limits use the socket’s address (X-Forwarded-For is ignored without TRUST_PROXY)', async () => {
    const post = (ip: string) =>
      fetch(`${running.baseUrl}/v1/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey(), 'x-forwarded-for': ip },
        body: JSON.stringify(feedbackBody()),
      });
    assert.equal((await post('10.0.0.1')).status, 201);
    assert.equal((await post('10.0.0.2')).status, 201);
    const third = await post('10.0.0.3');
    assert.equal(third.status, 429, 'one client, whatever header it sends');
    assert.ok(Number(third.headers.get('retry-after')) > 0);
  });

  test('behind a proxy (trustProxy) the address the proxy appended to X-Forwarded-For is the client', async () => {
    const proxied = await startGateway({
      logger: captureLogger(),
      pgliteImageCache: PGLITE_IMAGE_CACHE,
      jobs: false,
      trustProxy: true,
      limits: { postsPerIp: { limit: 1, windowMs: 60_000 } },
    });
    cleanups.push(() => proxied.close());
    const post = (ip: string, forged = '10.9.9.9') =>
      fetch(`${proxied.baseUrl}/v1/feedback`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': newKey(),
          'x-forwarded-for': `${forged}, ${ip}`,
        },
        body: JSON.stringify(feedbackBody()),
      });
    assert.equal((await post('192.0.2.1')).status, 201);
    assert.equal((await post('192.0.2.2')).status, 201);
    assert.equal((await post('192.0.2.1', '10.8.8.8')).status, 429, 'a different forged entry changes nothing');
    assert.match((await fetch(`${proxied.baseUrl}/healthz`)).headers.get('strict-transport-security') ?? '', /max-age/);
  });

  test('close() stops the server', async () => {
    await running.close();
    await assert.rejects(fetch(`${running.baseUrl}/healthz`));
  });
});

describe('environment', () => {
  test('maps the variables to options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dichtbij-env-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const configFile = join(dir, 'gemeente.json');
    writeFileSync(configFile, JSON.stringify({ ...demoConfig, name: 'Gemeente Testdorp' }));
    const logger = captureLogger();
    const options = await optionsFromEnv(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DICHTBIJ_DATA_DIR: join(dir, 'db'),
        CORS_ORIGINS: 'https://www.testdorp.nl, http://localhost:*',
        KCC_PASSWORD: 'ontwikkel-wachtwoord',
        RETENTION_DAYS: '14',
        GEMEENTE_CONFIG: configFile,
        DEMO: '1',
        TRUST_PROXY: 'true',
        REFERENCE_PREFIX: 'kc',
        RATE_LIMIT_POSTS_PER_MINUTE: '50',
        RATE_LIMIT_CALLBACKS_PER_PHONE_PER_HOUR: '2',
      },
      logger,
    );
    assert.equal(options.port, 0);
    assert.equal(options.host, '0.0.0.0');
    assert.equal(options.dataDir, join(dir, 'db'));
    assert.deepEqual(options.corsOrigins, ['https://www.testdorp.nl', 'http://localhost:*']);
    assert.equal(await verifyPassword('ontwikkel-wachtwoord', options.kcc!.passwordHash!), true);
    assert.ok(logger.lines.some((l) => l.event === 'kcc.plain_password'));
    assert.ok(!logger.text().includes('ontwikkel-wachtwoord'));
    assert.equal(options.retentionDays, 14);
    assert.equal((options.config as { name?: string } | undefined)?.name, 'Gemeente Testdorp');
    assert.equal(options.demo, true);
    assert.equal(options.trustProxy, true);
    assert.equal(options.referencePrefix, 'KC');
    assert.deepEqual(options.limits, {
      postsPerIp: { limit: 50, windowMs: 60_000 },
      callbacksPerPhone: { limit: 2, windowMs: 3_600_000 },
    });
    assert.equal(options.databaseUrl, undefined);
    assert.equal(options.callbackSink, undefined, 'connectors are off by default');
    assert.equal(options.caseSource, undefined);
  });

  test('defaults, and clear errors for bad values', async () => {
    const logger = captureLogger();
    const defaults = await optionsFromEnv({}, logger);
    assert.equal(defaults.port, 8080);
    assert.equal(defaults.host, '127.0.0.1');
    assert.equal(defaults.demo, false);
    assert.ok(logger.lines.some((l) => l.event === 'store.in_memory'));
    await assert.rejects(optionsFromEnv({ RETENTION_DAYS: 'soon' }, logger), /RETENTION_DAYS/);
    await assert.rejects(optionsFromEnv({ PORT: '99999' }, logger), /PORT/);
    await assert.rejects(optionsFromEnv({ KCC_PASSWORD_HASH: 'hunter2' }, logger), /KCC_PASSWORD_HASH/);
    await assert.rejects(optionsFromEnv({ GEMEENTE_CONFIG: '/does/not/exist.json' }, logger), /GEMEENTE_CONFIG/);
    await assert.rejects(optionsFromEnv({ REFERENCE_PREFIX: 'ABC' }, logger), /REFERENCE_PREFIX/);
    const options = await optionsFromEnv(
      { DATABASE_URL: 'postgresql://x@127.0.0.1/db', DICHTBIJ_DATA_DIR: '/tmp/x' },
      logger,
    );
    assert.equal(options.databaseUrl, 'postgresql://x@127.0.0.1/db');
    assert.equal(options.dataDir, undefined, 'DATABASE_URL wins');
  });
});

describe('CLI', () => {
  test('starts from the environment, logs JSON lines, stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dichtbij-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DICHTBIJ_DATA_DIR: join(dir, 'db'), KCC_PASSWORD: '', KCC_PASSWORD_HASH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.on('line', (line) => {
        lines.push(line);
        if (line.includes('"gateway.started"')) resolve(JSON.parse(line).url);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(
      (await fetch(`${url}/v1/cases/Z-2026-0142?bsn=999993653`, { headers: { 'Dichtbij-Check': '4191 AB' } })).status,
      404,
    );
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exit, 0);
    const log = lines.map((l) => JSON.parse(l));
    const request = log.find((l) => l.event === 'request');
    assert.deepEqual(
      { method: request.method, route: request.route, status: request.status },
      { method: 'GET', route: '/v1/cases/:reference', status: 404 },
    );
    assert.ok(!lines.join('\n').includes('999993653') && !lines.join('\n').includes('Z-2026'));
  });

  test('a configuration error stops the start with a clear message', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', CORS_ORIGINS: '*' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /CORS_ORIGINS: "\*" is not allowed/);
  });

  test('hash-password prints a KCC_PASSWORD_HASH that verifies', async () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli.ts', 'hash-password'], {
      cwd: root,
      input: 'een-goed-wachtwoord\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const hash = /^KCC_PASSWORD_HASH=(.+)$/m.exec(r.stdout)![1]!;
    assert.equal(await verifyPassword('een-goed-wachtwoord', hash), true);
  });
});
