import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BookingRequest } from '../../domain/ports.js';
import { ingestPaths } from '../../ingest/pipeline.js';
import { addTestSlots, bookingSnapshot, countersConsistent, MovableClock, RecordingNotifier, TEST_SLOTS } from '../../test/support/booking-fixtures.js';
import { prepareSampleStore, REFERENCE_NOW } from '../../test/support/sample-store.js';
import { inCi, storeVariants, type OpenedTestStore } from '../../test/support/stores.js';
import { PgBookingService } from './pg-booking-service.js';

const CODE = /^LTO-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;
let users = 0;
const person = (over: Partial<BookingRequest> = {}): BookingRequest => {
  const n = ++users;
  return { slotId: TEST_SLOTS.lab.id, userId: `tg:${n}`, channel: 'telegram', name: `Persona ${n}`, contact: `p${n}@example.org`, ...over };
};

for (const variant of storeVariants()) {
  const skip = variant.unavailable !== undefined && !inCi;
  if (skip) console.warn(`skipping booking contract on "${variant.name}": ${variant.unavailable}`);

  describe.skipIf(skip)(`booking contract: ${variant.name}`, () => {
    let store: OpenedTestStore;
    let service: PgBookingService;
    let notifier: RecordingNotifier;
    const clock = new MovableClock();

    beforeAll(async () => {
      if (variant.unavailable) throw new Error(`CI needs this store: ${variant.unavailable}`);
      store = await variant.open();
      await prepareSampleStore(store.db);
      await addTestSlots(store.db);
    }, 60_000);
    afterAll(async () => {
      await store?.cleanup();
    });
    beforeEach(() => {
      clock.at = REFERENCE_NOW;
      notifier = new RecordingNotifier();
      service = new PgBookingService({ db: store.db, clock, notifier });
    });
    const slot = async (id: string) => (await service.slots({})).find((s) => s.id === id)!;
    const unchangedBy = async (fn: () => Promise<unknown>) => {
      const before = await bookingSnapshot(store.db);
      await fn();
      expect(await bookingSnapshot(store.db)).toEqual(before);
    };

    it('books a seat with a short unambiguous code, and every view shows it', async () => {
      const before = await slot(TEST_SLOTS.lab.id);
      const result = await service.book(person({ userId: 'tg:anna', name: 'Anna', groupSize: 1 }));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.booking).toMatchObject({ slotId: 'TB-LAB', userId: 'tg:anna', name: 'Anna', status: 'confirmed', groupSize: 1, channel: 'telegram' });
      expect(result.booking.code).toMatch(CODE);
      expect(result.replayed).toBe(false);
      expect(result.slot.taken).toBe(before.taken + 1);
      const after = await slot(TEST_SLOTS.lab.id);
      expect(after.free).toBe(before.free - 1);
      expect((await service.get(result.booking.code.toLowerCase().replace('-', ' ')))?.code).toBe(result.booking.code);
      expect((await service.listForUser('tg:anna')).map((b) => [b.code, b.slot.id])).toEqual([[result.booking.code, 'TB-LAB']]);
      expect((await service.listForSlot('TB-LAB')).map((b) => b.code)).toContain(result.booking.code);
      expect(notifier.types()).toEqual([`booked ${result.booking.code}`]);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('books a class for a lab session, and suggests sessions for one larger than the lab', async () => {
      const ok = await service.book(person({ groupSize: 12, className: '4B' }));
      expect(ok.ok && ok.booking).toMatchObject({ groupSize: 12, className: '4B', status: 'confirmed' });
      await unchangedBy(async () => {
        expect(await service.book(person({ groupSize: 24 }))).toMatchObject({ ok: false, reason: 'GROUP_TOO_LARGE', detail: { capacity: 16, sessionsNeeded: 2 } });
        expect(await service.book(person({ groupSize: 30 }))).toMatchObject({ ok: false, reason: 'GROUP_TOO_LARGE', detail: { capacity: 16, sessionsNeeded: 2 } });
        // Fits the lab, not what is left of it.
        expect(await service.book(person({ groupSize: 10 }))).toMatchObject({ ok: false, reason: 'FULL', detail: { free: 16 - 12 - 1 } });
      });
    });

    it('books one person on a course, an appointment or an event: a head count there is refused, whoever asks', async () => {
      await unchangedBy(async () => {
        // The job fair (588 places free) and the rest: one visitor must not take them in a request or two.
        for (const slotId of ['SL082', TEST_SLOTS.race.id, TEST_SLOTS.courseLate.id, TEST_SLOTS.small.id, TEST_SLOTS.allDay.id]) {
          for (const groupSize of [2, 7, 294]) {
            expect(await service.book(person({ slotId, groupSize, age: 16, waitlist: true })), `${slotId} × ${groupSize}`).toMatchObject({ ok: false, reason: 'GROUP_NOT_ALLOWED' });
          }
        }
      });
      const fair = await slot('SL082');
      const one = await service.book(person({ slotId: 'SL082', groupSize: 1 }));
      expect(one.ok && one.booking.groupSize).toBe(1);
      expect((await slot('SL082')).taken).toBe(fair.taken + 1);
    });

    it('takes a class of at most the configured size on a lab session', async () => {
      const strict = new PgBookingService({ db: store.db, clock, notifier, limits: { maxGroup: 10 } });
      await unchangedBy(async () => {
        expect(await strict.book(person({ groupSize: 12, className: '3C' }))).toMatchObject({ ok: false, reason: 'GROUP_OVER_LIMIT', detail: { limit: 10 } });
        // The default: a class of 30 at most, whatever the lab holds.
        expect(await service.book(person({ groupSize: 31 }))).toMatchObject({ ok: false, reason: 'GROUP_OVER_LIMIT', detail: { limit: 30 } });
        expect(await service.book(person({ groupSize: 500 }))).toMatchObject({ ok: false, reason: 'GROUP_OVER_LIMIT', detail: { limit: 30 } });
      });
      const ok = await strict.book(person({ slotId: 'SL066', groupSize: 10, className: '3C' }));
      expect(ok).toMatchObject({ ok: true, booking: { groupSize: 10 } });
      await service.cancel(ok.ok ? ok.booking.code : '');
    });

    it('holds one person to a few bookings of one course, service or lab site, waitlist places included', async () => {
      const who = 'tg:collector';
      const appointments = [TEST_SLOTS.crash.id, TEST_SLOTS.allDay.id, TEST_SLOTS.small.id];
      const first = await service.book(person({ userId: who, slotId: appointments[0] }));
      const second = await service.book(person({ userId: who, slotId: appointments[1], waitlist: true }));
      expect(first.ok && second.ok).toBe(true);
      await unchangedBy(async () => {
        expect(await service.book(person({ userId: who, slotId: appointments[2], waitlist: true }))).toMatchObject({ ok: false, reason: 'LIMIT_REACHED', detail: { limit: 2 } });
      });
      // Another service is another count; a cancelled booking no longer counts.
      expect(await service.book(person({ userId: who, slotId: 'SL082' }))).toMatchObject({ ok: true });
      await service.cancel(first.ok ? first.booking.code : '', who);
      expect(await service.book(person({ userId: who, slotId: appointments[2] }))).toMatchObject({ ok: true });

      // A teacher's lab sessions at one site have a limit of their own.
      const teacher = new PgBookingService({ db: store.db, clock, notifier, limits: { labSessionsPerRef: 2 } });
      const t = 'teams:teacher-many-classes';
      expect(await teacher.book(person({ userId: t, slotId: 'SL066', groupSize: 12, className: '4A' }))).toMatchObject({ ok: true });
      expect(await teacher.book(person({ userId: t, slotId: 'SL068', groupSize: 12, className: '4B' }))).toMatchObject({ ok: true });
      await unchangedBy(async () => {
        expect(await teacher.book(person({ userId: t, slotId: TEST_SLOTS.lab.id, groupSize: 2, className: '4C' }))).toMatchObject({ ok: false, reason: 'LIMIT_REACHED', detail: { limit: 2 } });
      });
      for (const b of [...(await service.listForUser(t)), ...(await service.listForUser(who))]) if (b.status !== 'cancelled') await service.cancel(b.code);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('two requests of one person at once cannot both pass the limit', async () => {
      const one = new PgBookingService({ db: store.db, clock, notifier, limits: { perRef: 1 } });
      const who = 'web:two-tabs';
      const results = await Promise.all([TEST_SLOTS.crash.id, TEST_SLOTS.allDay.id, TEST_SLOTS.small.id].map((slotId) => one.book(person({ userId: who, slotId }))));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['LIMIT_REACHED', 'LIMIT_REACHED']);
      for (const b of await service.listForUser(who)) if (b.status !== 'cancelled') await service.cancel(b.code);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('refuses a group of 0, a negative or a fractional one', async () => {
      await unchangedBy(async () => {
        for (const groupSize of [0, -3, 1.5, Number.NaN]) {
          expect(await service.book(person({ groupSize }))).toMatchObject({ ok: false, reason: 'GROUP_INVALID' });
        }
      });
    });

    it('cancelling frees the seats; a second cancellation, an unknown code and someone else\'s code change nothing', async () => {
      const booked = await service.book(person({ userId: 'tg:bruno', slotId: TEST_SLOTS.courseLate.id, age: 15 }));
      expect(booked.ok).toBe(true);
      if (!booked.ok) return;
      const code = booked.booking.code;
      const takenWhileBooked = (await slot(TEST_SLOTS.courseLate.id)).taken;

      await unchangedBy(async () => {
        expect(await service.cancel(code, 'tg:someone-else')).toEqual({ ok: false, reason: 'NOT_YOURS' });
        expect(await service.cancel('LTO-2222')).toEqual({ ok: false, reason: 'NOT_FOUND' });
        expect(await service.cancel('not a code')).toEqual({ ok: false, reason: 'NOT_FOUND' });
        expect(await service.cancel('LTO-0O1I')).toEqual({ ok: false, reason: 'NOT_FOUND' });
      });

      const cancelled = await service.cancel(code, 'tg:bruno');
      expect(cancelled).toMatchObject({ ok: true, booking: { code, status: 'cancelled' }, promoted: [] });
      expect((await slot(TEST_SLOTS.courseLate.id)).taken).toBe(takenWhileBooked - 1);
      expect((await service.get(code))?.status).toBe('cancelled');

      await unchangedBy(async () => {
        expect(await service.cancel(code, 'tg:bruno')).toEqual({ ok: false, reason: 'ALREADY_CANCELLED' });
        expect(await service.cancel(code)).toEqual({ ok: false, reason: 'ALREADY_CANCELLED' });
      });
      // Cancelled, the person may book the slot again.
      expect((await service.book(person({ userId: 'tg:bruno', slotId: TEST_SLOTS.courseLate.id, age: 15 }))).ok).toBe(true);
      expect(notifier.types()[1]).toBe(`cancelled ${code}`);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('refuses a second active booking of the same person on one slot', async () => {
      const first = await service.book(person({ userId: 'tg:carla' }));
      expect(first.ok).toBe(true);
      await unchangedBy(async () => {
        expect(await service.book(person({ userId: 'tg:carla' }))).toMatchObject({ ok: false, reason: 'ALREADY_BOOKED', detail: { existing: first.ok ? first.booking.code : '' } });
      });
    });

    it('books once however often a request with the same key is retried', async () => {
      const request = person({ userId: 'tg:dario', slotId: TEST_SLOTS.allDay.id, idempotencyKey: 'msg-4711' });
      const before = (await slot(TEST_SLOTS.allDay.id)).taken;
      const first = await service.book(request);
      const again = await service.book(request);
      const concurrent = await Promise.all([service.book(request), service.book(request), service.book(request)]);
      expect(first.ok && again.ok).toBe(true);
      if (!first.ok || !again.ok) return;
      expect(again).toMatchObject({ replayed: true, booking: { code: first.booking.code } });
      for (const c of concurrent) expect(c).toMatchObject({ ok: true, replayed: true, booking: { code: first.booking.code } });
      expect((await slot(TEST_SLOTS.allDay.id)).taken).toBe(before + 1);
      expect(notifier.events).toHaveLength(1);
      // The same message id from another chat is another request.
      expect(await service.book({ ...request, userId: 'tg:elena' })).toMatchObject({ ok: true, replayed: false });
      // A replay is answered as the first time, even after the slot has gone by.
      clock.at = new Date('2026-11-27T10:00:00+01:00');
      expect(await service.book(request)).toMatchObject({ ok: true, replayed: true, booking: { code: first.booking.code } });
    });

    it('puts people on the waitlist when asked, and promotes them in order when seats come back', async () => {
      const id = TEST_SLOTS.labSmall.id; // 3 places, 1 taken by the partner
      const a = await service.book(person({ slotId: id, userId: 'tg:w-a' }));
      const b = await service.book(person({ slotId: id, userId: 'tg:w-b' }));
      expect(a.ok && b.ok).toBe(true);
      await unchangedBy(async () => {
        expect(await service.book(person({ slotId: id, userId: 'tg:w-c' }))).toMatchObject({ ok: false, reason: 'FULL', detail: { free: 0 } });
      });
      const c = await service.book(person({ slotId: id, userId: 'tg:w-c', channel: 'web', waitlist: true }));
      const d = await service.book(person({ slotId: id, userId: 'tg:w-d', groupSize: 2, waitlist: true }));
      const e = await service.book(person({ slotId: id, userId: 'tg:w-e', waitlist: true }));
      if (!a.ok || !b.ok || !c.ok || !d.ok || !e.ok) throw new Error('expected bookings');
      expect([c, d, e].map((r) => [r.booking.status, r.booking.waitlistPosition])).toEqual([['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3]]);
      expect((await slot(id))).toMatchObject({ taken: 3, free: 0, waitlist: 3 });

      // One seat back: the first in line gets it; the class of two behind waits, and nobody overtakes it.
      const first = await service.cancel(a.booking.code, 'tg:w-a');
      expect(first.ok && first.promoted.map((p) => [p.code, p.status, p.channel])).toEqual([[c.booking.code, 'confirmed', 'web']]);
      expect(notifier.events.filter((ev) => ev.type === 'promoted').map((ev) => [ev.booking.code, ev.booking.userId])).toEqual([[c.booking.code, 'tg:w-c']]);
      const second = await service.cancel(b.booking.code);
      expect(second.ok && second.promoted).toEqual([]);
      expect((await service.get(e.booking.code))).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
      // A waitlisted person leaving moves the others up, without touching seats.
      const third = await service.cancel(c.booking.code, 'tg:w-c');
      expect(third.ok && third.promoted.map((p) => p.code)).toEqual([d.booking.code]);
      expect((await slot(id))).toMatchObject({ taken: 3, free: 0, waitlist: 1 });
      expect((await service.get(e.booking.code))).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await service.listForSlot(id)).map((x) => x.status)).toEqual(['confirmed', 'waitlisted', 'cancelled', 'cancelled', 'cancelled']);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('refuses past slots, started courses, passed deadlines and people under the minimum age', async () => {
      await unchangedBy(async () => {
        expect(await service.book(person({ slotId: 'NOPE' }))).toEqual({ ok: false, reason: 'SLOT_NOT_FOUND' });
        expect(await service.book(person({ slotId: TEST_SLOTS.past.id }))).toMatchObject({ ok: false, reason: 'SLOT_PAST', slot: { id: 'TB-PAST' } });
        const late = TEST_SLOTS.courseLate.id;
        expect(await service.book(person({ slotId: late }))).toMatchObject({ ok: false, reason: 'AGE_REQUIRED', detail: { minAge: 14 } });
        expect(await service.book(person({ slotId: late, age: 13 }))).toMatchObject({ ok: false, reason: 'TOO_YOUNG', detail: { minAge: 14 } });
        clock.at = new Date('2026-12-21T09:00:00+01:00');
        expect(await service.book(person({ slotId: late, age: 16 }))).toMatchObject({ ok: false, reason: 'DEADLINE_PASSED', detail: { deadline: '2026-12-20' } });
        clock.at = new Date('2027-01-13T09:00:00+01:00');
        expect(await service.book(person({ slotId: late, age: 16 }))).toMatchObject({ ok: false, reason: 'COURSE_STARTED' });
        // A whole-day slot is open all its day, and closed the day after.
        clock.at = new Date('2026-11-26T08:00:00+01:00');
        expect(await service.book(person({ slotId: TEST_SLOTS.allDay.id }))).toMatchObject({ ok: false, reason: 'SLOT_PAST' });
      });
      // The last day of enrolment is still a day to enrol.
      clock.at = new Date('2026-12-20T23:30:00+01:00');
      expect(await service.book(person({ slotId: TEST_SLOTS.courseLate.id, age: 14 }))).toMatchObject({ ok: true });
      clock.at = new Date('2026-11-25T23:00:00+01:00');
      expect(await service.book(person({ slotId: TEST_SLOTS.allDay.id }))).toMatchObject({ ok: true });
    });

    it('lists availability by ref and site', async () => {
      const labs = await service.slots({ ref: 'S02' });
      expect(labs.length).toBeGreaterThan(0);
      expect(labs.every((s) => s.ref === 'S02' && s.free === s.capacity - s.taken)).toBe(true);
      const after = await service.slots({ site: 'S02', after: '2026-12-01T00:00:00Z' });
      expect(after.every((s) => s.site === 'S02' && Date.parse(s.end) > Date.parse('2026-12-01T00:00:00Z'))).toBe(true);
      expect(after.map((s) => s.id)).not.toContain('TB-PAST');
    });

    it('erasing a person keeps the seats but nothing that points at them', async () => {
      const r = await service.book(person({ userId: 'tg:erase-me', slotId: TEST_SLOTS.courseLate.id, age: 15, name: 'Franca Rossi', contact: '333 1234567', className: '2A', idempotencyKey: 'k1' }));
      expect(r.ok).toBe(true);
      const taken = (await slot(TEST_SLOTS.courseLate.id)).taken;
      expect(await service.eraseUser('tg:erase-me')).toBe(1);
      expect(await service.listForUser('tg:erase-me')).toEqual([]);
      const kept = await service.get(r.ok ? r.booking.code : '');
      expect(kept).toMatchObject({ status: 'confirmed', groupSize: 1, name: 'erased' });
      expect(kept?.contact).toBeUndefined();
      expect(kept?.className).toBeUndefined();
      expect(JSON.stringify(await store.db.query("SELECT * FROM bookings WHERE user_id LIKE 'erased:%'"))).not.toMatch(/Franca|1234567|erase-me|k1/);
      expect((await slot(TEST_SLOTS.courseLate.id)).taken).toBe(taken);
    });

    it('the database refuses an overbooking and a booking without its seats, whatever the code does', async () => {
      const race = TEST_SLOTS.race.id;
      await expect(store.db.query('UPDATE slots SET booked = booked + 11 WHERE id = $1', [race])).rejects.toThrow(/TB-RACE: 11 seat\(s\) asked, 10 free: overbooking refused/);
      await expect(store.db.query('UPDATE slots SET taken = capacity + 1 WHERE id = $1', [race])).rejects.toThrow(/slots_taken_within_capacity/);
      // A writer setting `taken` directly does not move it: it is derived from the partner's figure and the bookings.
      await store.db.query('UPDATE slots SET taken = capacity WHERE id = $1', [race]);
      expect((await slot(race)).taken).toBe(0);
      await expect(
        store.db.transaction((tx) =>
          tx.query("INSERT INTO bookings (code, slot_id, user_id, channel, name, group_size, status, created_at) VALUES ('LTO-ZZZZ', $1, 'x', 'cli', 'x', 11, 'confirmed', now())", [race]),
        ),
      ).rejects.toThrow(/confirmed bookings hold/);
      await expect(
        store.db.transaction(async (tx) => {
          await tx.query('UPDATE slots SET booked = booked + 11 WHERE id = $1', [race]);
          await tx.query("INSERT INTO bookings (code, slot_id, user_id, channel, name, group_size, status, created_at) VALUES ('LTO-ZZZY', $1, 'x', 'cli', 'x', 11, 'confirmed', now())", [race]);
        }),
      ).rejects.toThrow(/overbooking refused/);
      expect(await store.db.query('SELECT 1 FROM bookings WHERE slot_id = $1', [race])).toEqual([]);
      expect(await countersConsistent(store.db)).toEqual([]);
    });

    it('re-ingesting a slot keeps the seats booked through Orienta; prune cannot drop a slot with bookings', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'orienta-bk-'));
      const file = join(dir, 'calendar.yaml');
      const write = (slots: { id: string; taken: number; capacity: number }[]) =>
        writeFileSync(file, `format: orienta/v1\nslots:\n${slots.map((s) => `  - { id: ${s.id}, kind: lab, ref: S02, site: S02, start: "2026-12-04T09:00:00+01:00", end: "2026-12-04T10:00:00+01:00", capacity: ${s.capacity}, taken: ${s.taken} }\n`).join('')}`);
      try {
        write([{ id: 'TB-ING', taken: 2, capacity: 10 }, { id: 'TB-ING2', taken: 0, capacity: 5 }]);
        expect((await ingestPaths(store.db, [file]))[0]).toMatchObject({ status: 'loaded', created: 2 });
        const booked = await service.book(person({ slotId: 'TB-ING', groupSize: 3 }));
        expect(booked.ok).toBe(true);
        expect((await slot('TB-ING')).taken).toBe(5);

        // The partner sold two more seats: theirs and ours add up.
        write([{ id: 'TB-ING', taken: 4, capacity: 10 }, { id: 'TB-ING2', taken: 0, capacity: 5 }]);
        expect((await ingestPaths(store.db, [file]))[0]).toMatchObject({ status: 'loaded', updated: 1 });
        expect(await slot('TB-ING')).toMatchObject({ taken: 7, free: 3 });
        // The partner sold seats Orienta had already given: the slot shows full, our booking stays.
        write([{ id: 'TB-ING', taken: 9, capacity: 10 }, { id: 'TB-ING2', taken: 0, capacity: 5 }]);
        expect((await ingestPaths(store.db, [file]))[0]).toMatchObject({ status: 'loaded', updated: 1 });
        expect(await slot('TB-ING')).toMatchObject({ taken: 10, free: 0 });
        expect((await service.get(booked.ok ? booked.booking.code : ''))?.status).toBe('confirmed');
        expect(await countersConsistent(store.db)).toEqual([]);
        // A capacity below what Orienta booked cannot be applied: the file is refused whole, and says why.
        write([{ id: 'TB-ING', taken: 0, capacity: 2 }, { id: 'TB-ING2', taken: 0, capacity: 5 }]);
        const lowered = (await ingestPaths(store.db, [file]))[0]!;
        expect(lowered.status).toBe('failed');
        expect(lowered.error).toMatch(/TB-ING: capacity 2 is below the 3 seats booked through Orienta/);
        expect(await slot('TB-ING')).toMatchObject({ taken: 10, capacity: 10 });

        // Gone from the calendar while booked: prune refuses, and says why.
        write([{ id: 'TB-ING2', taken: 0, capacity: 5 }]);
        const pruned = (await ingestPaths(store.db, [file], { prune: true }))[0]!;
        expect(pruned.status).toBe('failed');
        expect(pruned.error).toMatch(/TB-ING has 1 active booking/);
        expect(await slot('TB-ING')).toBeDefined();
        // Once cancelled, the slot may go, its history with it.
        await service.cancel(booked.ok ? booked.booking.code : '');
        expect((await ingestPaths(store.db, [file], { prune: true }))[0]).toMatchObject({ status: 'loaded', pruned: 1 });
        expect(await slot('TB-ING')).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
