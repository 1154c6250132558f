import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrientaError } from '../../domain/errors.js';

/** What the lock file says about its owner; other commands read it to find the server's socket. */
export interface LockOwner {
  pid: number;
  command: string;
  startedAt: string;
  /** Directory of the PGlite socket when the owner serves the store to other commands. */
  socketDir?: string;
}

export interface DataDirLock {
  readonly path: string;
  update(change: Partial<LockOwner>): void;
  release(): void;
}

export type LockAttempt = { ok: true; lock: DataDirLock } | { ok: false; owner: LockOwner };

/**
 * PGlite does not lock its data dir, and two processes writing one would corrupt it. The lock is
 * a file created atomically (a hard link fails if it exists) holding the owner's pid; a lock whose process is gone is stale.
 */
/** Locks this process holds: a lock file with our own pid is ours only if it is in here (else a
 *  container restarted with the same pid left it behind, and it is stale). */
const held = new Set<string>();

export function tryLockDataDir(dataDir: string, command: string): LockAttempt {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // The store, its socket and the lock are the account's own, in a directory nobody else may enter.
    chmodSync(dataDir, 0o700);
  } catch (cause) {
    throw new OrientaError('DATA_DIR_UNREADABLE', `Cannot create the data directory ${dataDir}: ${(cause as Error).message}. Choose a writable directory with --data-dir.`, { cause });
  }
  const path = join(dataDir, 'orienta.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    const owner: LockOwner = { pid: process.pid, command, startedAt: new Date().toISOString() };
    // Written aside then hard-linked into place: the lock file appears atomically and complete.
    const draft = `${path}.${process.pid}.new`;
    try {
      writeFileSync(draft, JSON.stringify(owner), { mode: 0o600 });
      linkSync(draft, path);
    } catch (error) {
      rmSync(draft, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new OrientaError('DATA_DIR_UNREADABLE', `Cannot write the lock file ${path}: ${(error as Error).message}. Check the permissions of the data directory.`, { cause: error });
      }
      const current = readOwner(path);
      if (current && current.pid === process.pid && held.has(path)) return { ok: false, owner: current };
      if (current && current.pid !== process.pid && isAlive(current.pid)) return { ok: false, owner: current };
      // Stale: its process died. Moved aside atomically, so of two processes cleaning up only one removes it.
      try {
        const aside = `${path}.stale-${process.pid}`;
        renameSync(path, aside);
        rmSync(aside, { force: true });
      } catch {
        /* someone else cleaned it first */
      }
      continue;
    }
    rmSync(draft, { force: true });
    held.add(path);
    let state = owner;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      held.delete(path);
      const now = readOwner(path);
      if (now?.pid === process.pid) rmSync(path, { force: true });
      process.off('exit', release);
    };
    process.on('exit', release);
    return {
      ok: true,
      lock: {
        path,
        update(change) {
          state = { ...state, ...change };
          const tmp = `${path}.${process.pid}.tmp`;
          writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
          renameSync(tmp, path);
        },
        release,
      },
    };
  }
  throw new OrientaError('DATA_DIR_LOCKED', `Could not take the lock ${path}: another process keeps changing it. Try again.`);
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
