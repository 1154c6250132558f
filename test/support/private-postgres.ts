import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A PostgreSQL server of the test's own (the machine's real binaries, its own data dir and port),
 * so a test may stop and start it without disturbing the tests that share the machine's server.
 */
const BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) => existsSync(join(d, 'pg_ctl')));

/** Why a private server cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!BIN) return 'PostgreSQL server binaries (initdb, pg_ctl) are not installed';
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser to start PostgreSQL as the postgres user';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * 'immediate' kills the server as a crash would; 'fast' is an operator's restart (`pg_ctl stop -m fast`):
 * open transactions are rolled back and every session is ended with 57P01 before the server goes.
 */
export type StopMode = 'immediate' | 'fast';

export interface PrivatePostgres {
  url: string;
  stop(mode?: StopMode): void;
  start(): void;
  /** The same, without blocking this process: requests in flight meanwhile are answered as they come. */
  stopping(mode?: StopMode): Promise<void>;
  starting(): Promise<void>;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: the data dir belongs to the postgres user then.
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString().trim()) : undefined;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) : undefined;
  if (asRoot) chownSync(dir, uid!, gid!);
  const command = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['/usr/sbin/runuser', ['-u', 'postgres', '--', join(BIN!, bin), ...args]] : [join(BIN!, bin), args];
  const run = (bin: string, args: string[]) => void execFileSync(...command(bin, args), { stdio: 'pipe', timeout: 60_000 });
  const runAsync = async (bin: string, args: string[]) => void (await promisify(execFile)(...command(bin, args), { timeout: 60_000 }));
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const startArgs = ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'];
  const stopArgs = (mode: StopMode) => ['-D', data, '-m', mode, '-w', 'stop'];
  const start = () => run('pg_ctl', startArgs);
  const stop = (mode: StopMode = 'immediate') => run('pg_ctl', stopArgs(mode));
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    starting: () => runAsync('pg_ctl', startArgs),
    stopping: (mode: StopMode = 'immediate') => runAsync('pg_ctl', stopArgs(mode)),
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
