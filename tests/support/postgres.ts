// A throwaway PostgreSQL cluster for the store tests: initdb in a temp dir, started on
// 127.0.0.1 on a free port with its unix socket in that dir, stopped and removed afterwards,
// also when a test fails or the process is interrupted. Runs as the `postgres` OS user when
// we are root (PostgreSQL refuses to run as root). Needs Debian's postgresql package
// (/usr/lib/postgresql/*/bin/initdb); `pnpm test` installs it when missing.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../packages/gateway/src/store/db.ts';

export interface TestPostgres {
  url: string;
  /** A fresh, empty database on the cluster (each call another one). */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The bin directory of the newest installed PostgreSQL, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why the PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(): string | undefined {
  if (!postgresBin()) {
    return "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb not found); `pnpm test` installs Debian's postgresql package";
  }
  if (process.getuid?.() === 0 && !userId('postgres')) return 'running as root but there is no `postgres` OS user';
  return undefined;
}

function userId(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userId('postgres') : undefined;
  if (asRoot && !owner) throw new Error(postgresUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'dichtbij-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const command = owner ? 'runuser' : join(bin, tool);
    const full = owner ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return spawnSync(command, full, { encoding: 'utf8', cwd: dir, timeout: 60_000 });
  };
  const fail = (what: string, r: ReturnType<typeof run>) => {
    rmSync(dir, { recursive: true, force: true });
    return new Error(`${what} failed (${r.status}): ${r.stderr || r.stdout}`);
  };

  const init = run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
  if (init.status !== 0) throw fail('initdb', init);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  if (start.status !== 0) throw fail('pg_ctl start', start);

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  // Stop with the process, whatever ends it.
  const onExit = () => stopSync();
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    async createDatabase() {
      const name = `dichtbij_test_${++databases}`;
      const db = await openPostgres(url, { max: 1 });
      try {
        await db.exec(`CREATE DATABASE ${name}`);
      } finally {
        await db.close();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stopSync();
    },
  };
}
