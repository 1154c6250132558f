import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './connect.js';

// The embedded store's files hold names, contacts and conversations (an erased name stays in the
// WAL for a while): no other account on the machine may read or change any of them.

const dirs: string[] = [];
let umask: number;
beforeEach(() => {
  // The usual default of a shell, as `npm start` would inherit it.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Everything under `root` that group or others may read, write or enter, with its mode. */
function open(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if ((stat.mode & 0o077) !== 0) found.push(`${(stat.mode & 0o777).toString(8)} ${path.slice(root.length) || '/'}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return found;
}

function count(root: string): { files: number; dirs: number } {
  const n = { files: 0, dirs: 0 };
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      n.dirs++;
      for (const name of readdirSync(path)) walk(join(path, name));
    } else n.files++;
  };
  walk(root);
  return n;
}

describe('the embedded store on disk', () => {
  it('is the account’s own: the data dir 0700, every file PGlite writes 0600, while it runs and after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orienta-modes-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    const store = await openStore({ dataDir: data, command: 'test', create: true, serve: true });
    try {
      await store.db.query('CREATE TABLE people (name text, phone text)');
      await store.db.query("INSERT INTO people VALUES ('Franca Rossi', '333 1234567')");
      await store.db.query("DELETE FROM people WHERE name = 'Franca Rossi'");
      await store.db.query('CHECKPOINT');
      expect(count(data).files).toBeGreaterThan(100);
      expect(open(data)).toEqual([]);
      expect(lstatSync(data).mode & 0o777).toBe(0o700);
      expect(lstatSync(join(data, 'pglite', 'PG_VERSION')).mode & 0o777).toBe(0o600);
    } finally {
      await store.close();
    }
    expect(open(data)).toEqual([]);
  });

  it('a store left world-readable (an older version, a copy) is closed up when it is opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orienta-modes-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    await (await openStore({ dataDir: data, command: 'test', create: true })).close();
    const loosen = (path: string) => {
      const stat = lstatSync(path);
      chmodSync(path, stat.isDirectory() ? 0o777 : 0o666);
      if (stat.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
    };
    loosen(data);
    expect(open(data).length).toBeGreaterThan(100);
    const store = await openStore({ dataDir: data, command: 'test' });
    try {
      await store.db.query('CREATE TABLE later (x text)');
      expect(open(data)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
