import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrientaError } from '../../domain/errors.js';
import { tryLockDataDir, type DataDirLock, type LockOwner } from './data-dir-lock.js';

let dir: string;
const held: DataDirLock[] = [];
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orienta-lock-'));
});

afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const lockFile = () => join(dir, 'orienta.lock');
const readLock = () => JSON.parse(readFileSync(lockFile(), 'utf8')) as LockOwner;

function take(command: string, at = dir): DataDirLock {
  const attempt = tryLockDataDir(at, command);
  if (!attempt.ok) throw new Error(`expected the lock, held by ${JSON.stringify(attempt.owner)}`);
  held.push(attempt.lock);
  return attempt.lock;
}

describe('tryLockDataDir', () => {
  it('takes a free data dir and writes this pid into orienta.lock', () => {
    const before = Date.now();
    const lock = take('serve');
    expect(lock.path).toBe(lockFile());
    const owner = readLock();
    expect(owner.pid).toBe(process.pid);
    expect(owner.command).toBe('serve');
    expect(owner.socketDir).toBeUndefined();
    expect(Date.parse(owner.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(owner.startedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    // No drafts left behind.
    expect(readdirSync(dir)).toEqual(['orienta.lock']);
  });

  it('creates a data dir that does not exist yet', () => {
    const nested = join(dir, 'a', 'b');
    const lock = take('ingest', nested);
    expect(lock.path).toBe(join(nested, 'orienta.lock'));
    expect(existsSync(lock.path)).toBe(true);
  });

  it('treats a lock holding its own pid as stale (pid reuse after a restart) and takes it over', () => {
    // A lock file left by an earlier process whose pid this process now has (pid 1 in a container).
    writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, command: 'serve', startedAt: '2020-01-01T00:00:00.000Z' }));
    take('ingest');
    expect(readLock()).toMatchObject({ pid: process.pid, command: 'ingest' });
    expect(readLock().startedAt).not.toBe('2020-01-01T00:00:00.000Z');
  });

  it('refuses a second lock in the same process while the first is held, and gives it once released', () => {
    // Two PGlites on one data dir corrupt it just as two processes would.
    const first = take('serve');
    const again = tryLockDataDir(dir, 'ingest');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.owner).toMatchObject({ pid: process.pid, command: 'serve' });
    first.release();
    held.splice(held.indexOf(first), 1);
    take('ingest');
    expect(readLock()).toMatchObject({ pid: process.pid, command: 'ingest' });
    expect(readdirSync(dir)).toEqual(['orienta.lock']);
  });

  it('refuses a lock held by another live process and reports its owner', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
    const owner: LockOwner = { pid: child.pid!, command: 'serve', startedAt: '2026-11-25T09:00:00.000Z', socketDir: '/tmp/somewhere' };
    writeFileSync(lockFile(), JSON.stringify(owner));

    const attempt = tryLockDataDir(dir, 'ingest');
    expect(attempt).toEqual({ ok: false, owner });
    // The other process's lock is untouched and nothing is left behind.
    expect(readLock()).toEqual(owner);
    expect(readdirSync(dir)).toEqual(['orienta.lock']);

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  it('takes over a lock whose process has died', () => {
    const dead = spawnSync('true');
    expect(dead.status).toBe(0);
    const deadPid = dead.pid;
    writeFileSync(lockFile(), JSON.stringify({ pid: deadPid, command: 'serve', startedAt: '2026-11-25T09:00:00.000Z' }));

    take('ingest');
    const owner = readLock();
    expect(owner.pid).toBe(process.pid);
    expect(owner.pid).not.toBe(deadPid);
    expect(owner.command).toBe('ingest');
    expect(readdirSync(dir)).toEqual(['orienta.lock']);
  });

  it('takes over a lock file that cannot be read', () => {
    writeFileSync(lockFile(), 'not json');
    take('ingest');
    expect(readLock()).toMatchObject({ pid: process.pid, command: 'ingest' });
  });

  it('persists update({ socketDir })', () => {
    const lock = take('serve');
    const startedAt = readLock().startedAt;
    lock.update({ socketDir: '/srv/orienta/data' });
    expect(readLock()).toEqual({ pid: process.pid, command: 'serve', startedAt, socketDir: '/srv/orienta/data' });
    expect(readdirSync(dir)).toEqual(['orienta.lock']);
  });

  it('removes the lock file on release, and release is idempotent', () => {
    const lock = take('serve');
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    expect(() => lock.release()).not.toThrow();
    // The dir can be locked again.
    take('ingest');
    expect(readLock().command).toBe('ingest');
  });

  it('does not remove a lock file that another process now owns', () => {
    const lock = take('serve');
    const other = { pid: process.pid + 100000, command: 'serve', startedAt: '2026-11-25T09:00:00.000Z' };
    writeFileSync(lockFile(), JSON.stringify(other));
    lock.release();
    expect(readLock()).toEqual(other);
  });

  it('throws DATA_DIR_UNREADABLE when the data dir is a regular file', () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    let error: unknown;
    try {
      tryLockDataDir(file, 'serve');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrientaError);
    expect((error as OrientaError).code).toBe('DATA_DIR_UNREADABLE');
    expect((error as OrientaError).message).toContain(file);
  });
});
