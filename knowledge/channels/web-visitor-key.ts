import { randomBytes } from 'node:crypto';
import type { Sql } from '../db/database.js';

const META_KEY = 'web_visitor_key';

/**
 * The key web visitor tokens are hashed with into user ids. WEB_VISITOR_SECRET when configured;
 * otherwise one the store makes once and keeps in store_meta, so it lives with the data it keys
 * (in the data dir for the embedded store) and every replica on one PostgreSQL server shares it: a
 * key per process would split a visitor into strangers at the first request another replica takes.
 */
export async function webVisitorKey(db: Sql, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  // Two replicas starting at once: one insert wins, both read the winner.
  await db.query('INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [META_KEY, randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [META_KEY]);
  return Buffer.from(row!.value, 'base64url');
}
