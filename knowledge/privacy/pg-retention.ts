import type { Database, Sql } from '../db/database.js';

export interface RetentionPolicy {
  /** Conversations and turns older than this (since their last message), handoffs and stale channel addresses go. */
  conversationDays: number;
  /** Bookings of slots that ended longer ago than this lose who made them; the seats and counts stay. */
  bookingDays: number;
  /** Platform delivery ids are only needed while a platform may retry. */
  deliveryDays: number;
}

export interface PurgeResult {
  turns: number;
  conversations: number;
  handoffs: number;
  addresses: number;
  deliveries: number;
  bookings: number;
}

const count = async (tx: Sql, statement: string, params: unknown[]): Promise<number> =>
  (await tx.query<{ n: number }>(`WITH d AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM d`, params))[0]!.n;

/**
 * Removes what has outlived its retention, in one transaction. Rows the store stamps itself
 * (turns, conversations, handoffs, deliveries) are aged by the database's clock; bookings by the
 * end of their slot against `now`, the clock answers are given with, so a fixed ORIENTA_NOW
 * never ages a whole store at once.
 */
export async function purgeExpired(db: Database, policy: RetentionPolicy, now: Date): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const conversationAge = [policy.conversationDays];
    // A long-lived conversation (one per Telegram chat) keeps going, but not its old turns.
    const turns = await count(tx, 'DELETE FROM turns WHERE at < now() - make_interval(days => $1::int)', conversationAge);
    const conversations = await count(tx, 'DELETE FROM conversations WHERE updated_at < now() - make_interval(days => $1::int)', conversationAge);
    const handoffs = await count(tx, 'DELETE FROM handoffs WHERE updated_at < now() - make_interval(days => $1::int)', conversationAge);
    // An address is how a waitlisted person is told of a seat: it stays while they hold a live booking.
    const addresses = await count(
      tx,
      `DELETE FROM channel_addresses a
        WHERE a.updated_at < now() - make_interval(days => $1::int)
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.user_id = a.user_id)
          AND NOT EXISTS (SELECT 1 FROM bookings b JOIN slots s ON s.id = b.slot_id
                           WHERE b.user_id = a.user_id AND b.status <> 'cancelled' AND s.end_at > $2)`,
      [policy.conversationDays, now.toISOString()],
    );
    const deliveries = await count(tx, 'DELETE FROM channel_deliveries WHERE at < now() - make_interval(days => $1::int)', [policy.deliveryDays]);
    // The same fields PgBookingService.eraseUser clears: the booking stays, nothing in it points at the person.
    const bookings = await count(
      tx,
      `UPDATE bookings b SET user_id = 'erased:' || b.code, name = 'erased', contact = NULL, class_name = NULL, idempotency_key = NULL,
              erased_at = $1, updated_at = $1
         FROM slots s
        WHERE s.id = b.slot_id AND b.erased_at IS NULL AND s.end_at < $1::timestamptz - make_interval(days => $2::int)`,
      [now.toISOString(), policy.bookingDays],
    );
    return { turns, conversations, handoffs, addresses, deliveries, bookings };
  });
}
