import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { OrientaError } from '../../domain/errors.js';
import { sharedParsers, type Database, type QueryOptions, type Sql } from './database.js';
import { collectGarbage } from './collect-garbage.js';
import { makePrivate, restrictNewFiles } from './private-files.js';
import { sendBytesAsBinary } from './pglite-binary-params.js';
import { PglitePreparedStatements } from './pglite-prepared.js';
import { SessionGate } from './session-gate.js';
import { SESSION_SETUP } from './session-setup.js';

export interface PgliteOptions {
  /** A directory to persist to; omitted means in memory. */
  dataDir?: string;
  /** A dump (`dumpDataDir`) to start from: much faster than migrating an empty store. */
  loadDataDir?: Blob | File;
}

/**
 * Lets the event loop read its sockets before a statement runs. Each statement is synchronous WASM
 * work on this thread, and one waiting for the previous one resumes as a promise continuation: a
 * queue of them (50 conversations' turns) would run back to back without the loop reading a single
 * request, /healthz included, until it drained. Taken where the statement already holds the store
 * (inside the gate and PGlite's own lock), so there is one such wait at a time, each followed by
 * a poll of the sockets; taken before the gate, the waits of all queued callers came due in one
 * turn of the loop and the queue drained as before.
 */
const turnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** PostgreSQL compiled to WASM, in this process: the embedded default store. */
export class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;
  readonly gate = new SessionGate();
  /** Exposed for tests: how many statements are kept. */
  readonly prepared: PglitePreparedStatements;

  private constructor(
    readonly pglite: PGlite,
    readonly description: string,
    private readonly dataDir?: string,
  ) {
    this.prepared = new PglitePreparedStatements(pglite);
  }

  static async open(options: PgliteOptions = {}): Promise<PgliteDatabase> {
    let pglite: PGlite;
    const fresh = !options.loadDataDir && !(options.dataDir && existsSync(join(options.dataDir, 'PG_VERSION')));
    try {
      if (options.dataDir) {
        restrictNewFiles();
        if (existsSync(options.dataDir)) makePrivate(options.dataDir);
      }
      pglite = await PGlite.create({
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        // pgvector must be registered every time a data dir is opened, not only when it is created.
        extensions: { vector, pg_trgm, unaccent },
        parsers: sharedParsers,
        // PGlite's default 128 MB of shared buffers is most of its resident memory; the catalogue
        // is small and the OS caches its files anyway.
        postgresqlconf: ['shared_buffers = 64MB'],
      });
      // A new store's files are written 0666, and the relcache files 0644 at each start, whatever the umask.
      if (options.dataDir) makePrivate(options.dataDir);
      sendBytesAsBinary(pglite);
      for (const statement of SESSION_SETUP) await pglite.exec(statement);
      // Creating a store runs initdb in a WASM instance of its own; dropped, it still holds about
      // 400 MB of resident memory until a full collection, which little else would trigger.
      if (fresh) await collectGarbage();
    } catch (cause) {
      throw new OrientaError(
        'DATA_DIR_UNREADABLE',
        `Cannot open the embedded store${options.dataDir ? ` in ${options.dataDir}` : ''}: ${(cause as Error)?.message ?? cause}. ` +
          'Check that the directory is readable and writable and was written by Orienta, or point --data-dir at another directory.',
        { cause },
      );
    }
    return new PgliteDatabase(pglite, `pglite ${options.dataDir ?? '(memory)'}`, options.dataDir);
  }

  query<T>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<T[]> {
    return this.gate.run(() =>
      this.pglite.runExclusive(async () => {
        await turnOfTheLoop();
        return this.prepared.run<T>(text, params, false, options.plan);
      }),
    );
  }

  exec(text: string): Promise<void> {
    return this.gate.run(async () => {
      await turnOfTheLoop();
      await this.pglite.exec(text);
    });
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      await turnOfTheLoop();
      return this.pglite.transaction((tx) => fn(this.wrapTransaction(tx)));
    });
  }

  dump(): Promise<File | Blob> {
    return this.gate.run(() => this.pglite.dumpDataDir('gzip'));
  }

  private wrapTransaction(tx: Transaction): Sql {
    return {
      query: <T>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) => {
        if (tx.closed) throw new Error('Transaction is closed');
        return this.pglite.runExclusive(async () => {
          await turnOfTheLoop();
          return this.prepared.run<T>(text, params, true, options.plan);
        });
      },
      exec: async (text: string) => {
        await turnOfTheLoop();
        await tx.exec(text);
      },
    };
  }

  async close(): Promise<void> {
    if (!this.pglite.closed) await this.gate.run(() => this.pglite.close());
    // What PostgreSQL rewrote with a mode of its own while it ran (the relcache files); the next opening tries again.
    if (this.dataDir) {
      try {
        makePrivate(this.dataDir);
      } catch {
        /* the store is closed either way */
      }
    }
  }
}
