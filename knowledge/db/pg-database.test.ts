import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCi } from '../../test/support/stores.js';
import { PgDatabase } from './pg-database.js';

/**
 * The server may end a session at any moment: a restart (`pg_ctl stop -m fast`) or an operator's
 * pg_terminate_backend ends it with 57P01, a network cut ends it silently. A session lost in the
 * middle of a transaction fails that transaction only; it neither ends the process (an 'error'
 * event nobody listens to) nor goes back to the pool.
 */
const url = process.env.TEST_DATABASE_URL;
if (!url && !inCi) console.warn('skipping the PgDatabase session-loss tests: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');

describe.skipIf(!url && !inCi)('PgDatabase when the server ends a session', () => {
  let db: PgDatabase;

  beforeAll(async () => {
    if (!url) throw new Error('TEST_DATABASE_URL is required in CI for the PgDatabase session-loss tests');
    db = await PgDatabase.open({ connectionString: url, max: 3 });
  });

  afterAll(async () => {
    await db?.close();
  });

  it('fails the transaction whose session was terminated, and serves the next ones on live sessions', async () => {
    // Seen here as well as by the runner, so this test itself fails on it.
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    let lost = 0;
    const failed = await db
      .transaction(async (tx) => {
        const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        lost = me!.pid;
        // Another session ends this one, as the server does to every session when it stops.
        await db.query('SELECT pg_terminate_backend($1, 10000)', [lost]);
        await tx.query('SELECT 1');
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    process.off('uncaughtException', record);
    expect(uncaught).toEqual([]);
    expect(failed).toBeInstanceOf(Error);
    expect(lost).toBeGreaterThan(0);

    // Every session the pool holds now is alive, and none is the terminated one: three transactions
    // hold the pool's three sessions at once, none ending before all have their session.
    let arrived = 0;
    let allIn!: () => void;
    const together = new Promise<void>((r) => (allIn = r));
    const pids = await Promise.all(
      Array.from({ length: 3 }, () =>
        db.transaction(async (tx) => {
          const [me] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          if (++arrived === 3) allIn();
          await together;
          return me!.pid;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(3);
    expect(pids).not.toContain(lost);
    const [gone] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [lost]);
    expect(gone!.n).toBe(0);
  });
});
