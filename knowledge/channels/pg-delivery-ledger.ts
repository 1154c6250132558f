import type { Lang, Reply } from '../../domain/message.js';
import { storedReply } from '../conversations/stored-reply.js';
import type { Sql } from '../db/database.js';
import { cut, storable } from '../../text/storable.js';

/** Platform deliveries already taken, so a webhook delivered twice is answered once. */
export class PgDeliveryLedger {
  constructor(private readonly db: Sql) {}

  /** True for the first claim of a delivery; every later one (a retry, a copy racing it) gets false. */
  async claim(channel: string, deliveryId: string): Promise<boolean> {
    const rows = await this.db.query('INSERT INTO channel_deliveries (channel, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [channel, storable(cut(deliveryId, 200))]);
    return rows.length === 1;
  }

  /**
   * The reply a person's message got, for a copy of it that must be answered the same (the web
   * chat's answer is the response to its request). The ledger keeps no copy: the reply is the one
   * stored with the turn, so it goes when the person's data is erased or the conversation expires.
   */
  async replyOf(userId: string, messageId: string): Promise<Reply | null> {
    const [row] = await this.db.query<{ reply: Reply; lang: Lang }>(
      `SELECT t.reply, c.lang FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.message_id = $2
        WHERE c.user_id = $1 ORDER BY t.at DESC LIMIT 1`,
      [userId, messageId],
    );
    return row ? storedReply(row.reply, row.lang) : null;
  }

  /** Platforms retry for minutes, not days: older entries only take room. */
  async purgeBefore(date: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM channel_deliveries WHERE at < $1 RETURNING 1', [date.toISOString()]);
    return rows.length;
  }
}
