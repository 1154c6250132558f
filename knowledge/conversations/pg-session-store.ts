import type { Conversation, ConversationState, SessionStore, StoredTurn } from '../../domain/ports.js';
import type { Lang, Reply } from '../../domain/message.js';
import { storedReply } from './stored-reply.js';
import type { Database } from '../db/database.js';

interface ConversationRow {
  id: string;
  user_id: string;
  channel: string;
  lang: 'it' | 'en';
  state: ConversationState;
  turns: number;
}

const toConversation = (r: ConversationRow): Conversation => ({ id: r.id, userId: r.user_id, channel: r.channel, lang: r.lang, state: r.state, turns: r.turns });

interface TurnRow {
  seq: number;
  at: Date | string;
  inbound: StoredTurn['inbound'];
  reply: Reply;
  intent: string;
}
const toTurn = (r: TurnRow): StoredTurn => ({ seq: r.seq, at: new Date(r.at).toISOString(), inbound: r.inbound, reply: r.reply, intent: r.intent });

/** Conversations in PostgreSQL: the state survives restarts and is shared by every server replica. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly db: Database) {}

  async load(id: string): Promise<Conversation | null> {
    const [row] = await this.db.query<ConversationRow>('SELECT id, user_id, channel, lang, state, turns FROM conversations WHERE id = $1', [id]);
    return row ? toConversation(row) : null;
  }

  begin(c: Omit<Conversation, 'turns' | 'state'>): Conversation {
    return { ...c, state: {}, turns: 0 };
  }

  async replyTo(conversationId: string, messageId: string): Promise<Reply | null> {
    const [row] = await this.db.query<{ reply: Reply; lang: Lang }>(
      'SELECT t.reply, c.lang FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE t.conversation_id = $1 AND t.message_id = $2',
      [conversationId, messageId],
    );
    return row ? storedReply(row.reply, row.lang) : null;
  }

  async saveTurn(c: Conversation, turn: Omit<StoredTurn, 'seq' | 'at'> & { messageId?: string }): Promise<void> {
    // One statement: the counter moves where the state is stored, so two turns racing on one
    // conversation still get distinct sequence numbers, and a turn costs one round trip.
    const [row] = await this.db.query<{ turns: number }>(
      `WITH c AS (
         INSERT INTO conversations (id, user_id, channel, lang, state, turns) VALUES ($1, $2, $3, $4, $5::jsonb, 1)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, lang = EXCLUDED.lang, turns = conversations.turns + 1, updated_at = now()
          WHERE conversations.user_id = EXCLUDED.user_id
         RETURNING turns)
       INSERT INTO turns (conversation_id, seq, message_id, inbound, reply, intent)
       SELECT $1, c.turns, $6, $7::jsonb, $8::jsonb, $9 FROM c
       ON CONFLICT (conversation_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
       RETURNING seq AS turns`,
      [c.id, c.userId, c.channel, c.lang, JSON.stringify(c.state), turn.messageId ?? null, JSON.stringify(turn.inbound), JSON.stringify(turn.reply), turn.intent],
    );
    if (row) c.turns = row.turns;
  }

  async setFeedback(conversationId: string, feedback: 'positive' | 'negative'): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE turns SET feedback = $2 WHERE conversation_id = $1
          AND seq = (SELECT max(seq) FROM turns WHERE conversation_id = $1 AND intent <> 'feedback') RETURNING seq`,
      [conversationId, feedback],
    );
    return rows.length > 0;
  }

  async history(conversationId: string): Promise<StoredTurn[]> {
    const rows = await this.db.query<TurnRow>('SELECT seq, at, inbound, reply, intent FROM turns WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
    return rows.map(toTurn);
  }

  async exportUser(userId: string) {
    const rows = await this.db.query<ConversationRow>('SELECT id, user_id, channel, lang, state, turns FROM conversations WHERE user_id = $1 ORDER BY created_at', [userId]);
    const conversations = await Promise.all(rows.map(async (r) => ({ ...toConversation(r), history: await this.history(r.id) })));
    const handoffs = await this.db.query('SELECT id, conversation_id, channel, reason, contact, summary, status, created_at FROM handoffs WHERE user_id = $1 ORDER BY id', [userId]);
    const addresses = await this.db.query('SELECT channel, address, updated_at FROM channel_addresses WHERE user_id = $1', [userId]);
    return { conversations, handoffs, addresses };
  }

  async eraseUser(userId: string): Promise<{ conversations: number; handoffs: number }> {
    return this.db.transaction(async (tx) => {
      const handoffs = await tx.query('DELETE FROM handoffs WHERE user_id = $1 RETURNING id', [userId]);
      const conversations = await tx.query('DELETE FROM conversations WHERE user_id = $1 RETURNING id', [userId]);
      await tx.query('DELETE FROM channel_addresses WHERE user_id = $1', [userId]);
      return { conversations: conversations.length, handoffs: handoffs.length };
    });
  }
}
