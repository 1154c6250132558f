import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OrientaError } from '../../domain/errors.js';
import type { Database } from './database.js';
import { tryLockDataDir } from './data-dir-lock.js';
import { restrictNewFiles } from './private-files.js';
import { migrate, type MigrationResult } from './migrate.js';
import { PgDatabase } from './pg-database.js';
import { PgliteDatabase } from './pglite-database.js';
import { PgliteSocketServer } from './pglite-socket.js';
import type { SessionLimits } from './socket-session.js';
import { enableVector, type VectorCapability } from './vector.js';

export interface StoreTarget {
  databaseUrl?: string;
  dataDir: string;
  /** The command taking the store, written in the lock for whoever finds it busy. */
  command: string;
  /** The server owns the data dir and shares it on a socket; other commands may go through it. */
  serve?: boolean;
  /** May create an embedded store where there is none (serve, ingest); other commands refuse. */
  create?: boolean;
  /** Limits of the socket's clients, when this process serves the embedded store. */
  socket?: SessionLimits;
}

export interface OpenedStore {
  db: Database;
  vector: VectorCapability;
  migrations: MigrationResult;
  /** How this process reached the store: it owns the embedded one, or goes through a running server. */
  via: 'postgres' | 'embedded' | 'running-server';
  close(): Promise<void>;
}

export const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * Opens the store a command should use: PostgreSQL when DATABASE_URL is set; otherwise the
 * embedded store in the data dir, owned by this process, or reached through the `orienta serve`
 * that owns it, so staff never stop the assistant to use the CLI.
 */
export async function openStore(target: StoreTarget): Promise<OpenedStore> {
  if (target.databaseUrl) {
    return finish(await PgDatabase.open({ connectionString: target.databaseUrl }), 'postgres', async () => {});
  }
  const dataDir = resolve(target.dataDir);
  if (!target.create && !existsSync(join(dataDir, 'pglite', 'PG_VERSION'))) {
    throw new OrientaError(
      'NOT_FOUND',
      `There is no Orienta store in ${dataDir}. Start the assistant once (npm start) to create it with the sample catalogue, ` +
        'load data with "orienta ingest", or point --data-dir at an existing store.',
    );
  }
  // Before anything is written there: the lock, the socket and PGlite's files are the account's own.
  restrictNewFiles();
  const attempt = tryLockDataDir(dataDir, target.command);
  if (!attempt.ok) {
    const { owner } = attempt;
    const since = `pid ${owner.pid}, "orienta ${owner.command}" since ${owner.startedAt}`;
    if (target.serve || !owner.socketDir || !existsSync(join(owner.socketDir, SOCKET_NAME))) {
      throw new OrientaError(
        'DATA_DIR_LOCKED',
        target.serve
          ? `The data directory ${dataDir} is already in use (${since}). Stop that process first, or start this one with another --data-dir.`
          : `The data directory ${dataDir} is busy (${since}). Try again when it has finished, or use another --data-dir.`,
        { details: { owner } },
      );
    }
    const db = await PgDatabase.open({ socketDir: owner.socketDir, max: 4, description: `orienta serve (pid ${owner.pid}) on ${dataDir}` });
    return finish(db, 'running-server', async () => {});
  }
  const { lock } = attempt;
  let db: PgliteDatabase | undefined;
  let socket: PgliteSocketServer | undefined;
  try {
    db = await PgliteDatabase.open({ dataDir: join(dataDir, 'pglite') });
    const opened = await finish(db, 'embedded', async () => {
      await socket?.stop();
      await db?.close();
      lock.release();
    });
    if (target.serve) {
      socket = new PgliteSocketServer(db, join(dataDir, SOCKET_NAME), target.socket);
      await socket.start();
      lock.update({ socketDir: dataDir });
    }
    return opened;
  } catch (error) {
    await socket?.stop().catch(() => {});
    await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
}

async function finish(db: Database, via: OpenedStore['via'], cleanup: () => Promise<void>): Promise<OpenedStore> {
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (via !== 'embedded') await db.close();
    } finally {
      await cleanup();
    }
  };
  try {
    const migrations = await migrate(db);
    const vector = await enableVector(db);
    return { db, vector, migrations, via, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

