import type { Clock } from '../../domain/clock.js';
import type { BookingEvent, Notifier } from '../../domain/ports.js';
import type { Database, Sql } from '../../knowledge/db/database.js';
import { Slot } from '../../domain/model/index.js';
import { applyInTransaction } from '../../ingest/apply.js';
import { REFERENCE_NOW } from './sample-store.js';

/** Slots the booking suites own, next to the sample catalogue (sites and courses of the sample). */
export const TEST_SLOTS = {
  /** A FabLab session for classes: 16 places. */
  lab: Slot.parse({ id: 'TB-LAB', kind: 'lab', ref: 'S02', site: 'S02', lab: 'FabLab', start: '2026-12-15T09:00:00+01:00', end: '2026-12-15T11:00:00+01:00', capacity: 16, taken: 0 }),
  /** Two places left of three, for the waitlist. */
  small: Slot.parse({ id: 'TB-SMALL', kind: 'appointment', ref: 'SV01', site: 'S02', start: '2026-12-02T09:00:00+01:00', end: '2026-12-02T09:30:00+01:00', capacity: 3, taken: 1 }),
  /** A small lab session: three places, one taken by the partner (the waitlist of classes). */
  labSmall: Slot.parse({ id: 'TB-LAB-SMALL', kind: 'lab', ref: 'S02', site: 'S02', lab: 'Aula 3D', start: '2026-12-16T09:00:00+01:00', end: '2026-12-16T11:00:00+01:00', capacity: 3, taken: 1 }),
  past: Slot.parse({ id: 'TB-PAST', kind: 'appointment', ref: 'SV01', site: 'S02', start: '2026-11-20T09:00:00+01:00', end: '2026-11-20T09:30:00+01:00', capacity: 5, taken: 0 }),
  /** A later entry into C001 (starts 2027-01-12, enrolment until 2026-12-20, from 14 years). */
  courseLate: Slot.parse({ id: 'TB-C001-LATE', kind: 'course', ref: 'C001', site: 'S02', start: '2027-01-26T14:30:00+01:00', end: '2027-02-16T18:30:00+01:00', capacity: 20, taken: 0 }),
  /** An open day listed by date only. */
  allDay: Slot.parse({ id: 'TB-DAY', kind: 'appointment', ref: 'SV01', site: 'S02', start: '2026-11-25T00:00:00+01:00', end: '2026-11-26T00:00:00+01:00', allDay: true, capacity: 30, taken: 0 }),
  /** The race: ten seats. */
  race: Slot.parse({ id: 'TB-RACE', kind: 'event', ref: 'S02', site: 'S02', start: '2026-12-20T09:00:00+01:00', end: '2026-12-20T12:00:00+01:00', capacity: 10, taken: 0 }),
  /** The race with a waitlist: 12 places, 2 taken by the partner. */
  raceWaitlist: Slot.parse({ id: 'TB-RACE-W', kind: 'event', ref: 'S02', site: 'S02', start: '2026-12-21T09:00:00+01:00', end: '2026-12-21T12:00:00+01:00', capacity: 12, taken: 2 }),
  /** For the crash: five seats. */
  crash: Slot.parse({ id: 'TB-CRASH', kind: 'appointment', ref: 'SV01', site: 'S02', start: '2026-12-22T09:00:00+01:00', end: '2026-12-22T12:00:00+01:00', capacity: 5, taken: 1 }),
};

export async function addTestSlots(db: Database): Promise<void> {
  await applyInTransaction(db, { slots: Object.values(TEST_SLOTS) }, 'booking-test');
}

export class RecordingNotifier implements Notifier {
  readonly events: BookingEvent[] = [];
  async notify(event: BookingEvent): Promise<void> {
    this.events.push(event);
  }
  types(): string[] {
    return this.events.map((e) => `${e.type} ${e.booking.code}`);
  }
}

export class MovableClock implements Clock {
  at = REFERENCE_NOW;
  now(): Date {
    return new Date(this.at.getTime());
  }
}

/** Everything a refusal must leave untouched. */
export async function bookingSnapshot(sql: Sql) {
  const [row] = await sql.query<{ bookings: unknown; slots: unknown }>(
    `SELECT (SELECT coalesce(jsonb_agg(b ORDER BY code), '[]') FROM (SELECT code, slot_id, user_id, status, group_size FROM bookings) b) AS bookings,
            (SELECT jsonb_agg(s ORDER BY id) FROM (SELECT id, taken, booked FROM slots) s) AS slots`,
  );
  return row!;
}

/** Counters and bookings agree, and no slot holds more than it has. */
export async function countersConsistent(sql: Sql): Promise<{ id: string; taken: number; booked: number; held: number; partner: number; capacity: number }[]> {
  return sql.query(
    `SELECT s.id, s.taken, s.booked, s.capacity, coalesce((s.data->>'taken')::int, 0) AS partner,
            (SELECT coalesce(sum(group_size), 0)::int FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed') AS held
       FROM slots s
      WHERE s.booked <> (SELECT coalesce(sum(group_size), 0) FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')
         OR s.taken > s.capacity
         OR s.taken <> LEAST(s.capacity, coalesce((s.data->>'taken')::int, 0) + s.booked)`,
  );
}

export { freshPostgres } from './stores.js';
