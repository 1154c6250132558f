import type { Clock } from '../../domain/clock.js';
import type { Booking, BookingEvent, BookingRequest, BookingService, BookResult, CancelResult, Notifier, SlotAvailability } from '../../domain/ports.js';
import type { Database, Sql } from '../db/database.js';
import type { Slot } from '../../domain/model/index.js';
import { newBookingCode, normalizeBookingCode } from './booking-code.js';
import { DEFAULT_BOOKING_LIMITS, takesGroups, type BookingLimits } from './booking-limits.js';
import { checkRules, type SlotFacts } from './booking-rules.js';

export interface PgBookingServiceOptions {
  db: Database;
  clock: Clock;
  notifier: Notifier;
  /** How much one person may hold; the defaults apply to every store, whoever calls. */
  limits?: Partial<BookingLimits>;
  /** Told when a notification fails: the booking itself has already been committed. */
  onNotifyError?: (error: unknown, event: BookingEvent) => void;
}

interface BookingRow {
  code: string;
  slot_id: string;
  user_id: string;
  channel: string;
  name: string;
  contact: string | null;
  group_size: number;
  class_name: string | null;
  status: Booking['status'];
  position: number | null;
  created_at: Date | string;
}

// The live counter wins over the partner's figure kept in data.
const SLOT_JSON = `s.data || jsonb_build_object('taken', s.taken)`;
const BOOKING_COLUMNS = `b.code, b.slot_id, b.user_id, b.channel, b.name, b.contact, b.group_size, b.class_name, b.status, b.created_at,
  CASE WHEN b.status = 'waitlisted' THEN (SELECT count(*)::int FROM bookings w WHERE w.slot_id = b.slot_id AND w.status = 'waitlisted' AND w.seq <= b.seq) END AS position`;

/** Unique clashes (a code drawn twice, a retried request racing itself) and lock conflicts are retried whole. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const ATTEMPTS = 6;
/** First key of the advisory lock that queues one person's bookings (the second is their id's hash). */
const PERSON_LOCK = 0x4c544f;

/**
 * Bookings in PostgreSQL. Every change to a slot's seats runs in one transaction that first locks
 * that slot's row, so requests for one slot queue while other slots stay free; the schema
 * (0003_bookings.sql) refuses any overbooking on its own.
 */
export class PgBookingService implements BookingService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly notifier: Notifier;
  private readonly limits: BookingLimits;
  private readonly onNotifyError: (error: unknown, event: BookingEvent) => void;

  constructor(options: PgBookingServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.notifier = options.notifier;
    this.limits = { ...DEFAULT_BOOKING_LIMITS, ...options.limits };
    this.onNotifyError = options.onNotifyError ?? (() => {});
  }

  async book(request: BookingRequest): Promise<BookResult> {
    const result = await this.retrying((tx) => this.bookIn(tx, request));
    if (result.ok && !result.replayed) await this.tell({ type: result.booking.status === 'waitlisted' ? 'waitlisted' : 'booked', booking: result.booking, slot: result.slot });
    return result;
  }

  async cancel(code: string, byUserId?: string): Promise<CancelResult> {
    const normalized = normalizeBookingCode(code);
    if (!normalized) return { ok: false, reason: 'NOT_FOUND' };
    const result = await this.retrying((tx) => this.cancelIn(tx, normalized, byUserId));
    if (result.ok) {
      await this.tell({ type: 'cancelled', booking: result.booking, slot: result.slot });
      for (const promoted of result.promoted) await this.tell({ type: 'promoted', booking: promoted, slot: result.slot });
    }
    return result;
  }

  async get(code: string): Promise<(Booking & { slot: Slot }) | null> {
    const normalized = normalizeBookingCode(code);
    if (!normalized) return null;
    const rows = await this.db.query<BookingRow & { slot: Slot }>(
      `SELECT ${BOOKING_COLUMNS}, ${SLOT_JSON} AS slot FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.code = $1`,
      [normalized],
    );
    return rows[0] ? { ...toBooking(rows[0]), slot: rows[0].slot } : null;
  }

  async listForUser(userId: string): Promise<(Booking & { slot: Slot })[]> {
    const rows = await this.db.query<BookingRow & { slot: Slot }>(
      `SELECT ${BOOKING_COLUMNS}, ${SLOT_JSON} AS slot FROM bookings b JOIN slots s ON s.id = b.slot_id
        WHERE b.user_id = $1 ORDER BY s.start_at, b.seq`,
      [userId],
    );
    return rows.map((r) => ({ ...toBooking(r), slot: r.slot }));
  }

  async listForSlot(slotId: string): Promise<Booking[]> {
    const rows = await this.db.query<BookingRow>(
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.slot_id = $1
        ORDER BY CASE b.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, b.seq`,
      [slotId.trim()],
    );
    return rows.map(toBooking);
  }

  async slots(filter: { ref?: string; site?: string; after?: string }): Promise<SlotAvailability[]> {
    const rows = await this.db.query<{ slot: Slot; waitlist: number }>(
      `SELECT ${SLOT_JSON} AS slot,
              (SELECT count(*)::int FROM bookings b WHERE b.slot_id = s.id AND b.status = 'waitlisted') AS waitlist
         FROM slots s
        WHERE ($1::text IS NULL OR s.ref_id = $1) AND ($2::text IS NULL OR s.site_id = $2) AND ($3::timestamptz IS NULL OR s.end_at > $3)
        ORDER BY s.start_at, s.id`,
      [filter.ref ?? null, filter.site ?? null, filter.after ?? null],
    );
    return rows.map((r) => ({ ...r.slot, free: r.slot.capacity - r.slot.taken, waitlist: r.waitlist }));
  }

  /**
   * Forgets who booked, keeping the seats and the counts: the bookings stay (a class still comes),
   * but nothing in them points at the person any more. Returns how many were anonymised.
   * A place on a waitlist is given up: nobody could be told of the seat, which would stay empty.
   */
  async eraseUser(userId: string): Promise<number> {
    const rows = await this.db.query(
      `UPDATE bookings SET user_id = 'erased:' || code, name = 'erased', contact = NULL, class_name = NULL, idempotency_key = NULL,
              status = CASE status WHEN 'waitlisted' THEN 'cancelled' ELSE status END,
              erased_at = $2, updated_at = $2
        WHERE user_id = $1 RETURNING 1`,
      [userId, this.clock.now().toISOString()],
    );
    return rows.length;
  }

  private async bookIn(tx: Sql, request: BookingRequest): Promise<BookResult> {
    const facts = await lockSlot(tx, request.slotId.trim());
    if (!facts) return { ok: false, reason: 'SLOT_NOT_FOUND' };
    // A retried request is answered as the first time, even once the rules would refuse it now.
    if (request.idempotencyKey) {
      const [previous] = await tx.query<BookingRow & { slot: Slot }>(
        `SELECT ${BOOKING_COLUMNS}, ${SLOT_JSON} AS slot FROM bookings b JOIN slots s ON s.id = b.slot_id
          WHERE b.channel = $1 AND b.user_id = $2 AND b.idempotency_key = $3`,
        [request.channel, request.userId, request.idempotencyKey],
      );
      if (previous) return { ok: true, booking: toBooking(previous), slot: previous.slot, replayed: true };
    }
    const now = this.clock.now();
    const refusal = checkRules(facts, request, now, this.limits);
    if (refusal) return refusal;
    // One person's requests queue here, whatever slots they name, so two at once cannot both pass the count below.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PERSON_LOCK, request.userId]);
    const [existing] = await tx.query<{ code: string }>(
      "SELECT code FROM bookings WHERE slot_id = $1 AND user_id = $2 AND status <> 'cancelled'",
      [facts.slot.id, request.userId],
    );
    if (existing) return { ok: false, reason: 'ALREADY_BOOKED', slot: facts.slot, detail: { existing: existing.code } };
    const lab = takesGroups(facts.slot.kind);
    const limit = lab ? this.limits.labSessionsPerRef : this.limits.perRef;
    const [{ held }] = (await tx.query<{ held: number }>(
      `SELECT count(*)::int AS held FROM bookings b JOIN slots s ON s.id = b.slot_id
        WHERE b.user_id = $1 AND b.status <> 'cancelled' AND s.ref_id = $2 AND (s.kind = 'lab') = $3`,
      [request.userId, facts.slot.ref, lab],
    )) as [{ held: number }];
    if (held >= limit) return { ok: false, reason: 'LIMIT_REACHED', slot: facts.slot, detail: { limit } };

    const group = request.groupSize ?? 1;
    const free = facts.slot.capacity - facts.slot.taken;
    let slot = facts.slot;
    let status: Booking['status'] = 'confirmed';
    if (group <= free) {
      // Under the row lock this cannot miss; the condition is there for code that forgets the lock.
      const [taken] = await tx.query<{ slot: Slot }>(
        `UPDATE slots s SET booked = booked + $2 WHERE id = $1 AND taken + $2 <= capacity RETURNING ${SLOT_JSON} AS slot`,
        [slot.id, group],
      );
      if (!taken) return { ok: false, reason: 'FULL', slot, detail: { free: 0, capacity: slot.capacity } };
      slot = taken.slot;
    } else if (request.waitlist) {
      status = 'waitlisted';
    } else {
      return { ok: false, reason: 'FULL', slot, detail: { free, capacity: slot.capacity } };
    }
    const booking = await insertBooking(tx, request, group, status, now);
    return { ok: true, booking, slot, replayed: false };
  }

  private async cancelIn(tx: Sql, code: string, byUserId: string | undefined): Promise<CancelResult> {
    const [found] = await tx.query<{ slot_id: string }>('SELECT slot_id FROM bookings WHERE code = $1', [code]);
    if (!found) return { ok: false, reason: 'NOT_FOUND' };
    // Slot first, then booking: every writer takes the locks in this order, so none deadlock.
    await lockSlot(tx, found.slot_id);
    const [row] = await tx.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.code = $1 FOR UPDATE`, [code]);
    const booking = toBooking(row!);
    if (byUserId !== undefined && booking.userId !== byUserId) return { ok: false, reason: 'NOT_YOURS' };
    if (booking.status === 'cancelled') return { ok: false, reason: 'ALREADY_CANCELLED' };

    const now = this.clock.now().toISOString();
    await tx.query("UPDATE bookings SET status = 'cancelled', updated_at = $2 WHERE code = $1", [code, now]);
    if (booking.status === 'confirmed') await tx.query('UPDATE slots SET booked = booked - $2 WHERE id = $1', [booking.slotId, booking.groupSize]);

    // Strictly in arrival order: a class first in line is not overtaken by smaller requests behind it.
    const promoted: Booking[] = [];
    const waiting = await tx.query<BookingRow>(
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.slot_id = $1 AND b.status = 'waitlisted' ORDER BY b.seq FOR UPDATE`,
      [booking.slotId],
    );
    let [{ free }] = (await tx.query<{ free: number }>('SELECT capacity - taken AS free FROM slots WHERE id = $1', [booking.slotId])) as [{ free: number }];
    for (const next of waiting) {
      if (next.group_size > free) break;
      await tx.query("UPDATE bookings SET status = 'confirmed', updated_at = $2 WHERE code = $1", [next.code, now]);
      await tx.query('UPDATE slots SET booked = booked + $2 WHERE id = $1', [booking.slotId, next.group_size]);
      free -= next.group_size;
      const { waitlistPosition: _, ...rest } = toBooking(next);
      promoted.push({ ...rest, status: 'confirmed' });
    }
    const [after] = await tx.query<{ slot: Slot }>(`SELECT ${SLOT_JSON} AS slot FROM slots s WHERE s.id = $1`, [booking.slotId]);
    const { waitlistPosition: _, ...rest } = booking;
    return { ok: true, booking: { ...rest, status: 'cancelled' }, slot: after!.slot, promoted };
  }

  private async retrying<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(fn);
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error))) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  private async tell(event: BookingEvent): Promise<void> {
    try {
      await this.notifier.notify(event);
    } catch (error) {
      this.onNotifyError(error, event);
    }
  }
}

async function lockSlot(tx: Sql, slotId: string): Promise<SlotFacts | null> {
  const [row] = await tx.query<{ slot: Slot; course_start: string | null; deadline: string | null; min_age: number | null }>(
    `SELECT ${SLOT_JSON} AS slot, c.start_date AS course_start, coalesce(c.enrolment_deadline, i.application_deadline) AS deadline, c.min_age
       FROM slots s
       LEFT JOIN courses c ON s.kind = 'course' AND c.id = s.ref_id
       LEFT JOIN initiatives i ON s.kind = 'event' AND i.id = s.ref_id
      WHERE s.id = $1
      FOR UPDATE OF s`,
    [slotId],
  );
  if (!row) return null;
  return {
    slot: row.slot,
    ...(row.course_start ? { courseStart: row.course_start } : {}),
    ...(row.deadline ? { deadline: row.deadline } : {}),
    ...(row.min_age !== null ? { minAge: row.min_age } : {}),
  };
}

async function insertBooking(tx: Sql, request: BookingRequest, group: number, status: Booking['status'], now: Date): Promise<Booking> {
  // A code already drawn is drawn again; 31^4 codes make a second clash in a row very unlikely.
  for (let i = 0; i < 20; i++) {
    const rows = await tx.query<{ code: string }>(
      `INSERT INTO bookings (code, slot_id, user_id, channel, name, contact, group_size, class_name, status, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (code) DO NOTHING
       RETURNING code`,
      [newBookingCode(), request.slotId.trim(), request.userId, request.channel, request.name, request.contact ?? null, group, request.className ?? null, status, request.idempotencyKey ?? null, now.toISOString()],
    );
    // Read back in a statement of its own: a RETURNING subquery would not see the new row's place in line.
    if (rows[0]) return toBooking((await tx.query<BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.code = $1`, [rows[0].code]))[0]!);
  }
  throw new Error('no free booking code after 20 draws');
}

function toBooking(r: BookingRow): Booking {
  return {
    code: r.code,
    slotId: r.slot_id,
    userId: r.user_id,
    channel: r.channel,
    name: r.name,
    ...(r.contact !== null ? { contact: r.contact } : {}),
    groupSize: r.group_size,
    ...(r.class_name !== null ? { className: r.class_name } : {}),
    status: r.status,
    ...(r.position !== null ? { waitlistPosition: r.position } : {}),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function sqlState(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}
