import pg from 'pg';
import { OrientaError } from '../../domain/errors.js';
import { sharedParsers, type Database, type Sql } from './database.js';
import { SESSION_OPTIONS } from './session-setup.js';

export interface PgOptions {
  connectionString?: string;
  /** A Unix socket directory (PGlite served by a running Orienta) instead of a URL. */
  socketDir?: string;
  max?: number;
  description?: string;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return sharedParsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format);
  },
};

/** Any PostgreSQL reached with the `pg` driver. */
export class PgDatabase implements Database {
  readonly engine = 'postgres' as const;

  private constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  static async open(options: PgOptions): Promise<PgDatabase> {
    const pool = new pg.Pool({
      ...(options.connectionString ? { connectionString: options.connectionString } : {}),
      ...(options.socketDir ? { host: options.socketDir, port: 5432, user: 'postgres', database: 'postgres' } : {}),
      max: options.max ?? 10,
      types: types as pg.CustomTypesConfig,
      connectionTimeoutMillis: 10_000,
      // Sent in the startup packet, so every pooled session has them before its first query.
      options: SESSION_OPTIONS,
    });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const description = options.description ?? describe(options);
    try {
      await pool.query('SELECT 1');
    } catch (cause) {
      await pool.end().catch(() => {});
      throw new OrientaError(
        'DB_UNAVAILABLE',
        `Cannot connect to PostgreSQL (${description}): ${(cause as Error)?.message ?? cause}. Check DATABASE_URL and that the server is running.`,
        { cause },
      );
    }
    return new PgDatabase(pool, description);
  }

  async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.pool.query(text, params as unknown[])).rows as T[];
  }

  async exec(text: string): Promise<void> {
    await this.pool.query(text);
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: a server that ends its session (a restart
    // says 57P01, a dropped socket says nothing) would emit an 'error' nobody hears and end the
    // process. The statement under way fails on its own; the client must not go back to the pool.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    // Statements posted without waiting (inFlight) are queued here, one after the other: pg's own
    // queue for a busy client is deprecated. The caller still prepares the next batch meanwhile.
    let last: Promise<unknown> = Promise.resolve();
    const serial = <R>(run: () => Promise<R>): Promise<R> => {
      const next = last.then(run, run);
      last = next.catch(() => {});
      return next;
    };
    try {
      await client.query('BEGIN');
      const tx: Sql = {
        query: <R>(text: string, params: readonly unknown[] = []) => serial(async () => (await client.query(text, params as unknown[])).rows as R[]),
        exec: (text: string) =>
          serial(async () => {
            await client.query(text);
          }),
      };
      const result = await fn(tx);
      await last;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await last;
      // A session that cannot even roll back is in no state to serve anyone else.
      if (!broken) await client.query('ROLLBACK').catch((failed: Error) => (broken = failed));
      throw error;
    } finally {
      client.off('error', onError);
      // With an error the pool destroys the client instead of handing it out again.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function describe(options: PgOptions): string {
  if (options.socketDir) return `postgres socket ${options.socketDir}`;
  try {
    const url = new URL(options.connectionString ?? '');
    return `postgres ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}
