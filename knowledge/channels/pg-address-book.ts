import type { Lang } from '../../domain/message.js';
import type { Sql } from '../db/database.js';

export interface Address {
  channel: string;
  /** The channel's own way to reach the person (a chat id, a conversation reference). */
  address: unknown;
  /** The language of their latest conversation, so a message out of the blue is in theirs. */
  lang: Lang;
}

/** Where each person can be reached outside a turn: the channel they last wrote from. */
export class PgAddressBook {
  constructor(private readonly db: Sql) {}

  async remember(userId: string, channel: string, address: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO channel_addresses (user_id, channel, address) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (user_id) DO UPDATE SET channel = EXCLUDED.channel, address = EXCLUDED.address, updated_at = now()
        WHERE channel_addresses.address IS DISTINCT FROM EXCLUDED.address OR channel_addresses.channel <> EXCLUDED.channel`,
      [userId, channel, JSON.stringify(address)],
    );
  }

  async find(userId: string): Promise<Address | null> {
    const [row] = await this.db.query<{ channel: string; address: unknown; lang: Lang | null }>(
      `SELECT a.channel, a.address,
              (SELECT c.lang FROM conversations c WHERE c.user_id = a.user_id ORDER BY c.updated_at DESC LIMIT 1) AS lang
         FROM channel_addresses a WHERE a.user_id = $1`,
      [userId],
    );
    return row ? { channel: row.channel, address: row.address, lang: row.lang ?? 'it' } : null;
  }
}
