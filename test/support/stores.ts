import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, Sql } from '../../knowledge/db/database.js';
import { PgDatabase } from '../../knowledge/db/pg-database.js';
import { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { PgliteSocketServer } from '../../knowledge/db/pglite-socket.js';
import { SOCKET_NAME } from '../../knowledge/db/connect.js';

export interface OpenedTestStore {
  db: Database;
  cleanup(): Promise<void>;
}

/** A store of the contract, which also says how many of its transactions wait for another. */
export interface VariantStore extends OpenedTestStore {
  /**
   * Transactions (or their statements) now waiting for another transaction to end: on PGlite,
   * owners queued at its session gate; on the server, sessions waiting for a lock.
   */
  waiting(): Promise<number>;
}

export interface StoreVariant {
  name: string;
  /** Why this variant cannot run here; in CI (CI=true) a missing prerequisite is a failure instead. */
  unavailable?: string;
  open(): Promise<VariantStore>;
}

export const inCi = process.env.CI === 'true';

/** A fresh, empty database on the real server that other processes can reach by its URL; dropped by cleanup. */
export async function freshPostgres(url: string): Promise<OpenedTestStore & { url: string }> {
  const name = `orienta_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await PgDatabase.open({ connectionString: target.toString() });
  return {
    url: target.toString(),
    db,
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The store as `db`, with `after` run after each statement of its transactions, inside them: a
 * test's way to act between two statements of code it does not otherwise reach (another writer
 * storing a row, a pause until a second connection waits).
 */
export function afterEachStatement(db: Database, after: (text: string, tx: Sql) => Promise<void>): Database {
  return {
    description: db.description,
    engine: db.engine,
    query: (text, params, options) => db.query(text, params, options),
    exec: (text) => db.exec(text),
    close: () => db.close(),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
            await after(text, tx);
          },
          query: async <T>(text: string, params?: readonly unknown[], options?: object) => {
            const rows = await tx.query<T>(text, params, options);
            await after(text, tx);
            return rows;
          },
        }),
      ),
  };
}

export function storeVariants(): StoreVariant[] {
  const url = process.env.TEST_DATABASE_URL;
  return [
    {
      name: 'PGlite in-process',
      open: async () => {
        const db = await PgliteDatabase.open();
        return { db, waiting: async () => db.gate.waiting, cleanup: () => db.close() };
      },
    },
    {
      name: 'pg driver to PGlite on a Unix socket',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'orienta-sock-'));
        const pglite = await PgliteDatabase.open();
        const server = new PgliteSocketServer(pglite, join(dir, SOCKET_NAME));
        await server.start();
        const db = await PgDatabase.open({ socketDir: dir, max: 4 });
        return {
          db,
          waiting: async () => pglite.gate.waiting,
          cleanup: async () => {
            await db.close();
            await server.stop();
            await pglite.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
    {
      name: 'pg driver to the PostgreSQL server (TEST_DATABASE_URL)',
      ...(url ? {} : { unavailable: 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)' }),
      open: async () => {
        const store = await freshPostgres(url!);
        const waiting = async () =>
          (await store.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))[0]!.n;
        return { ...store, waiting };
      },
    },
  ];
}
