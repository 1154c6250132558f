/**
 * A separate process firing booking attempts at one slot, for the concurrency and crash suites
 * (run with `node --import tsx`). Configured by environment:
 *   WORKER_DB      a connection string, or a socket directory (PGlite served by the test)
 *   WORKER_SLOT    the slot; WORKER_PREFIX  makes user ids distinct across processes
 *   WORKER_COUNT   attempts fired at once; WORKER_WAITLIST=1 asks to join the waitlist when full
 *   WORKER_BARRIER=1  say "ready" on stdout once connected, then fire when a line arrives on
 *                  stdin: the test starts every process together once all of them are ready
 *   WORKER_CRASH   "after-seat": the process kills itself once its seat is taken, before the
 *                  booking row is written (the database is wrapped here; production code has no hook)
 * Prints one JSON line last: { results: [...], errors: [...] }.
 */
import { fixedClock } from '../../domain/clock.js';
import type { Database, Sql } from '../../knowledge/db/database.js';
import { PgDatabase } from '../../knowledge/db/pg-database.js';
import { PgBookingService } from '../../knowledge/bookings/pg-booking-service.js';
import { RecordingNotifier } from './booking-fixtures.js';
import { REFERENCE_NOW } from './sample-store.js';

const env = process.env;
const target = env.WORKER_DB!;
const count = Number(env.WORKER_COUNT ?? 50);
const db = await PgDatabase.open(target.startsWith('/') ? { socketDir: target, max: 10 } : { connectionString: target, max: 10 });

function crashingAfterSeat(inner: Database): Database {
  const wrap = (tx: Sql): Sql => ({
    exec: (text) => tx.exec(text),
    query: async (text, params) => {
      if (/^\s*INSERT INTO bookings/.test(text)) process.kill(process.pid, 'SIGKILL');
      return tx.query(text, params);
    },
  });
  return {
    description: inner.description,
    engine: inner.engine,
    query: (text, params) => inner.query(text, params),
    exec: (text) => inner.exec(text),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  };
}

const service = new PgBookingService({
  db: env.WORKER_CRASH === 'after-seat' ? crashingAfterSeat(db) : db,
  clock: fixedClock(REFERENCE_NOW),
  notifier: new RecordingNotifier(),
});

if (env.WORKER_BARRIER === '1') {
  // Connected before saying so, so the attempts race each other and not the connection set-up.
  await Promise.all(Array.from({ length: 10 }, () => db.query('SELECT 1')));
  process.stdout.write('ready\n');
  await new Promise<void>((go) => process.stdin.once('data', () => go()));
  process.stdin.pause();
}

const errors: string[] = [];
const results = await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    try {
      const r = await service.book({
        slotId: env.WORKER_SLOT!,
        userId: `${env.WORKER_PREFIX ?? 'w'}-${i}`,
        channel: 'telegram',
        name: `Worker ${env.WORKER_PREFIX} ${i}`,
        waitlist: env.WORKER_WAITLIST === '1',
      });
      return r.ok ? { ok: true, code: r.booking.code, status: r.booking.status } : { ok: false, reason: r.reason };
    } catch (error) {
      errors.push(String((error as Error)?.message ?? error));
      return { ok: false, reason: 'THROWN' };
    }
  }),
);
await db.close();
process.stdout.write(`${JSON.stringify({ results, errors })}\n`);
