import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded store holds names, contacts and conversations, and so do its WAL and its freed
 * pages after an erasure: only the account running Orienta may read or write any of it.
 */

/**
 * From now on, files and directories this process creates are its own only. PGlite's file system
 * creates with the process umask, so it has to be set before the store opens and kept while it runs.
 */
export function restrictNewFiles(): void {
  try {
    const previous = process.umask(0o077);
    process.umask(previous | 0o077);
  } catch {
    // A worker thread cannot change the umask; makePrivate still closes what exists.
  }
}

/**
 * Takes every permission of group and others off `path` and everything under it. PGlite writes
 * the files of a new store with an explicit mode of 0666, whatever the umask, and a store made by
 * an older version is world-readable: this runs on each opening.
 */
export function makePrivate(path: string): void {
  let mode: number;
  let directory: boolean;
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    mode = stat.mode;
    directory = stat.isDirectory();
  } catch (error) {
    // Gone between listing and looking (a temporary file PostgreSQL removed).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
  if (directory) for (const name of readdirSync(path)) makePrivate(join(path, name));
}
