import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import type { Database } from '../db/database.js';
import { SOCKET_NAME } from '../db/connect.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { PgliteSocketServer } from '../db/pglite-socket.js';
import { addTestSlots, countersConsistent, freshPostgres, RecordingNotifier, TEST_SLOTS } from '../../test/support/booking-fixtures.js';
import { ROOT } from '../../test/support/cli.js';
import { prepareSampleStore, REFERENCE_NOW } from '../../test/support/sample-store.js';
import { inCi } from '../../test/support/stores.js';
import { PgBookingService } from './pg-booking-service.js';

const WORKER = join(ROOT, 'test', 'support', 'booking-worker.ts');
const PROCESSES = 4;
const PER_PROCESS = 50;

interface WorkerOutput {
  results: { ok: boolean; code?: string; status?: string; reason?: string }[];
  errors: string[];
}

interface Worker {
  /** Resolves when the worker is connected and waits for the start. */
  ready: Promise<void>;
  /** Fires its attempts. */
  go(): void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output?: WorkerOutput; stderr: string }>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let ready!: () => void;
  const readyP = new Promise<void>((r) => (ready = r));
  child.stdout.on('data', (d) => {
    stdout += d;
    if (/^ready$/m.test(stdout)) ready();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Awaited<Worker['done']>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve({ code, signal, stderr, ...(last.startsWith('{') ? { output: JSON.parse(last) as WorkerOutput } : {}) });
    });
  });
  // A worker that dies before it is ready must not leave the others waiting for it.
  const readyOrDead = Promise.race([readyP, done.then((r) => Promise.reject(new Error(`worker exited before it was ready: ${r.code} ${r.stderr}`)))]);
  readyOrDead.catch(() => {}); // only a caller that waits for it hears of it
  return { ready: readyOrDead, go: () => child.stdin.end('go\n'), done };
}

function runWorker(env: Record<string, string>) {
  const worker = startWorker(env);
  worker.go();
  return worker.done;
}

/** 4 processes × 50 simultaneous attempts at one slot; returns every attempt's outcome. */
async function race(target: string, slotId: string, waitlist: boolean) {
  const workers = Array.from({ length: PROCESSES }, (_, p) =>
    startWorker({ WORKER_DB: target, WORKER_SLOT: slotId, WORKER_PREFIX: `${slotId}-p${p}`, WORKER_COUNT: String(PER_PROCESS), WORKER_BARRIER: '1', WORKER_WAITLIST: waitlist ? '1' : '0' }),
  );
  // Every process connected and waiting: they start together.
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.go();
  const runs = await Promise.all(workers.map((w) => w.done));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  return { results: runs.flatMap((r) => r.output!.results), errors: runs.flatMap((r) => r.output!.errors) };
}

async function expectExactlySeats(db: Database, slotId: string, seats: number) {
  const confirmed = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status = 'confirmed'", [slotId]);
  expect(confirmed[0]!.n).toBe(seats);
  const [slot] = await db.query<{ taken: number; capacity: number; booked: number }>('SELECT taken, capacity, booked FROM slots WHERE id = $1', [slotId]);
  expect(slot).toMatchObject({ taken: slot!.capacity, booked: seats });
  expect(await countersConsistent(db)).toEqual([]);
}

function multiProcessSuite(name: string, open: () => Promise<{ db: Database; target: string; cleanup(): Promise<void> }>, unavailable?: string) {
  const skip = unavailable !== undefined && !inCi;
  if (skip) console.warn(`skipping booking concurrency on "${name}": ${unavailable}`);

  describe.skipIf(skip)(`booking concurrency, ${PROCESSES} processes: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      if (unavailable) throw new Error(`CI needs this store: ${unavailable}`);
      store = await open();
      await prepareSampleStore(store.db);
      await addTestSlots(store.db);
    }, 120_000);
    afterAll(async () => {
      await store?.cleanup();
    });

    it(`${PROCESSES * PER_PROCESS} simultaneous attempts at 10 seats make exactly 10 bookings; the others are told FULL`, async () => {
      const { results, errors } = await race(store.target, TEST_SLOTS.race.id, false);
      expect(errors).toEqual([]);
      expect(results).toHaveLength(PROCESSES * PER_PROCESS);
      const confirmed = results.filter((r) => r.ok);
      expect(confirmed).toHaveLength(10);
      expect(new Set(confirmed.map((r) => r.code)).size).toBe(10);
      expect(results.filter((r) => !r.ok).every((r) => r.reason === 'FULL')).toBe(true);
      await expectExactlySeats(store.db, TEST_SLOTS.race.id, 10);
    }, 120_000);

    it('with the waitlist asked for, the seats still go to exactly 10 and everyone else gets a distinct place in line', async () => {
      const id = TEST_SLOTS.raceWaitlist.id; // 12 places, 2 taken by the partner
      const { results, errors } = await race(store.target, id, true);
      expect(errors).toEqual([]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(10);
      expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(PROCESSES * PER_PROCESS - 10);
      await expectExactlySeats(store.db, id, 10);
      const positions = await new PgBookingService({ db: store.db, clock: fixedClock(REFERENCE_NOW), notifier: new RecordingNotifier() }).listForSlot(id);
      expect(positions.filter((b) => b.status === 'waitlisted').map((b) => b.waitlistPosition)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    }, 120_000);

    it('a process killed between taking the seat and writing the booking leaves no half booking', async () => {
      const id = TEST_SLOTS.crash.id;
      const before = await store.db.query('SELECT taken, booked FROM slots WHERE id = $1', [id]);
      const run = await runWorker({ WORKER_DB: store.target, WORKER_SLOT: id, WORKER_PREFIX: 'crash', WORKER_COUNT: '1', WORKER_CRASH: 'after-seat' });
      expect(run.signal).toBe('SIGKILL');
      expect(run.output).toBeUndefined();
      // The server notices the dropped connection and rolls its transaction back; wait for it to let go of the row.
      const service = new PgBookingService({ db: store.db, clock: fixedClock(REFERENCE_NOW), notifier: new RecordingNotifier() });
      const after = await service.book({ slotId: id, userId: 'after-crash', channel: 'cli', name: 'After' });
      expect(after.ok && after.slot.taken).toBe((before[0] as { taken: number }).taken + 1);
      expect(await store.db.query("SELECT user_id FROM bookings WHERE slot_id = $1 ORDER BY seq", [id])).toEqual([{ user_id: 'after-crash' }]);
      expect(await countersConsistent(store.db)).toEqual([]);
    }, 60_000);
  });
}

const url = process.env.TEST_DATABASE_URL;
multiProcessSuite(
  'the PostgreSQL server (TEST_DATABASE_URL)',
  async () => {
    const fresh = await freshPostgres(url!);
    return { db: fresh.db, target: fresh.url, cleanup: fresh.cleanup };
  },
  url ? undefined : 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)',
);

multiProcessSuite('PGlite served on a Unix socket', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-bk-sock-'));
  const pglite = await PgliteDatabase.open();
  const server = new PgliteSocketServer(pglite, join(dir, SOCKET_NAME));
  await server.start();
  return {
    db: pglite,
    target: dir,
    cleanup: async () => {
      await server.stop();
      await pglite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('booking concurrency, in process: PGlite', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await prepareSampleStore(db);
    await addTestSlots(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('200 simultaneous attempts at 10 seats make exactly 10 bookings, with no error', async () => {
    const service = new PgBookingService({ db, clock: fixedClock(REFERENCE_NOW), notifier: new RecordingNotifier() });
    const results = await Promise.all(
      Array.from({ length: PROCESSES * PER_PROCESS }, (_, i) => service.book({ slotId: TEST_SLOTS.race.id, userId: `in-${i}`, channel: 'web', name: `P ${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'FULL')).toBe(true);
    await expectExactlySeats(db, TEST_SLOTS.race.id, 10);
  });
});
