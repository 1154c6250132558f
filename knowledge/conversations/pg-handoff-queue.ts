import type { Handoff, HandoffRequest } from '../../bot/ports.js';
import type { Sql } from '../db/database.js';

/** Handoffs kept in the store, where staff tools (and the Slack notifier) pick them up. */
export class PgHandoffQueue implements Handoff {
  constructor(private readonly db: Sql) {}

  async request(r: HandoffRequest): Promise<{ id: string }> {
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO handoffs (conversation_id, user_id, channel, reason, contact, summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [r.conversationId, r.userId, r.channel, r.reason, r.contact ?? null, r.summary],
    );
    return { id: String(row!.id) };
  }
}
