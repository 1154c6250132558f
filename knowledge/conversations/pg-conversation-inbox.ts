import type { ReplyIntent } from '../../domain/intent.js';
import type { Lang, OutboundMessage, Reply } from '../../domain/message.js';
import type { UserMessenger } from '../../domain/ports.js';
import type { Sql } from '../db/database.js';

/** The intent of a turn nobody asked for: a staff member's words, a waitlist promotion. */
export const DELIVERED_INTENT: ReplyIntent = 'delivered';

/**
 * For people on a channel without push (the web chat): what is meant for them is added to their
 * latest conversation as a turn of its own, so it is there when the page fetches the history.
 * It touches neither the dialogue state nor a turn in progress: one statement moves the counter
 * and writes the turn.
 */
export class PgConversationInbox implements UserMessenger {
  constructor(private readonly db: Sql) {}

  async send(userId: string, messages: (lang: Lang) => OutboundMessage[]): Promise<boolean> {
    const [latest] = await this.db.query<{ id: string; lang: Lang }>('SELECT id, lang FROM conversations WHERE user_id = $1 ORDER BY updated_at DESC LIMIT 1', [userId]);
    if (!latest) return false;
    const reply: Reply = { conversationId: latest.id, intent: DELIVERED_INTENT, lang: latest.lang, messages: messages(latest.lang), citations: [] };
    const rows = await this.db.query(
      `WITH c AS (UPDATE conversations SET turns = turns + 1, updated_at = now() WHERE id = $1 AND user_id = $2 RETURNING turns)
       INSERT INTO turns (conversation_id, seq, inbound, reply, intent) SELECT $1, c.turns, '{}'::jsonb, $3::jsonb, $4 FROM c RETURNING seq`,
      [latest.id, userId, JSON.stringify(reply), DELIVERED_INTENT],
    );
    return rows.length === 1;
  }
}
