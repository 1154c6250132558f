import type { Lang, Reply } from '../../domain/message.js';
import type { StoredTurn } from '../../domain/ports.js';
import type { Sql } from '../db/database.js';

/**
 * What staff review reads back from the store: conversations with their turns, handoffs and
 * waitlisted bookings. It carries user and conversation ids so callers can tell people apart;
 * they must never print them (eval/staff redacts and counts).
 */
export interface ReviewTurn extends StoredTurn {
  feedback: 'positive' | 'negative' | null;
}

export interface ReviewConversation {
  id: string;
  userId: string;
  channel: string;
  lang: Lang;
  turns: ReviewTurn[];
}

export interface ReviewHandoff {
  conversationId: string | null;
  userId: string | null;
  channel: string;
  reason: string;
  at: string;
}

export interface WaitlistedBooking {
  userId: string;
  at: string;
  /** The slot's kind: course, appointment, lab or event. */
  slotKind: string;
  /** The course, service, initiative or site the slot belongs to. */
  ref: string;
  siteId: string;
}

interface Row {
  id: string;
  user_id: string;
  channel: string;
  lang: Lang;
  seq: number;
  at: Date | string;
  inbound: StoredTurn['inbound'];
  reply: Reply;
  intent: string;
  feedback: ReviewTurn['feedback'];
}

const iso = (at: Date | string) => new Date(at).toISOString();

/** Conversations (whole, every turn) picked by `picked`, a query of conversation ids using $1 = since or null. */
async function conversations(db: Sql, picked: string, since: Date | undefined): Promise<ReviewConversation[]> {
  const rows = await db.query<Row>(
    `WITH picked AS (${picked})
     SELECT c.id, c.user_id, c.channel, c.lang, t.seq, t.at, t.inbound, t.reply, t.intent, t.feedback
       FROM conversations c JOIN turns t ON t.conversation_id = c.id
      WHERE c.id IN (SELECT id FROM picked)
      ORDER BY c.created_at, c.id, t.seq`,
    [since?.toISOString() ?? null],
  );
  const out: ReviewConversation[] = [];
  for (const r of rows) {
    let c = out.at(-1);
    if (c?.id !== r.id) out.push((c = { id: r.id, userId: r.user_id, channel: r.channel, lang: r.lang, turns: [] }));
    c.turns.push({ seq: r.seq, at: iso(r.at), inbound: r.inbound, reply: r.reply, intent: r.intent, feedback: r.feedback });
  }
  return out;
}

const SINCE = '($1::timestamptz IS NULL OR %s >= $1::timestamptz)';
const since = (column: string) => SINCE.replace('%s', column);

/**
 * Conversations where someone said an answer was wrong, or asked for a person (a company leaving
 * its contact is no failure and is left out), at or after `from`.
 */
export function flaggedConversations(db: Sql, from?: Date): Promise<ReviewConversation[]> {
  return conversations(
    db,
    `SELECT conversation_id AS id FROM turns WHERE feedback = 'negative' AND ${since('at')}
     UNION SELECT conversation_id FROM handoffs WHERE conversation_id IS NOT NULL AND reason <> 'company' AND ${since('created_at')}`,
    from,
  );
}

/** Conversations with a turn or a handoff at or after `from` (every conversation without it). */
export function conversationsSince(db: Sql, from?: Date): Promise<ReviewConversation[]> {
  return conversations(
    db,
    `SELECT conversation_id AS id FROM turns WHERE ${since('at')}
     UNION SELECT conversation_id FROM handoffs WHERE conversation_id IS NOT NULL AND ${since('created_at')}`,
    from,
  );
}

export async function handoffsSince(db: Sql, from?: Date): Promise<ReviewHandoff[]> {
  const rows = await db.query<{ conversation_id: string | null; user_id: string | null; channel: string; reason: string; created_at: Date | string }>(
    `SELECT conversation_id, user_id, channel, reason, created_at FROM handoffs WHERE ${since('created_at')} ORDER BY id`,
    [from?.toISOString() ?? null],
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, userId: r.user_id, channel: r.channel, reason: r.reason, at: iso(r.created_at) }));
}

/** Bookings waiting for a seat: people who wanted a place that was full. */
export async function waitlistedSince(db: Sql, from?: Date): Promise<WaitlistedBooking[]> {
  const rows = await db.query<{ user_id: string; created_at: Date | string; kind: string; ref_id: string; site_id: string }>(
    `SELECT b.user_id, b.created_at, s.kind, s.ref_id, s.site_id
       FROM bookings b JOIN slots s ON s.id = b.slot_id
      WHERE b.status = 'waitlisted' AND ${since('b.created_at')}
      ORDER BY b.seq`,
    [from?.toISOString() ?? null],
  );
  return rows.map((r) => ({ userId: r.user_id, at: iso(r.created_at), slotKind: r.kind, ref: r.ref_id, siteId: r.site_id }));
}
