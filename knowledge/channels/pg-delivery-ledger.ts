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

  /** Platforms retry for minutes, not days: older entries only take room. */
  async purgeBefore(date: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM channel_deliveries WHERE at < $1 RETURNING 1', [date.toISOString()]);
    return rows.length;
  }
}
