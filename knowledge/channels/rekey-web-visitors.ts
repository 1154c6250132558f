import type { Database } from '../db/database.js';

const MARK = 'web_user_ids';
/** What the web chat used as a user id before it was hashed: `web:` and the cookie value itself. */
const LEGACY = /^web:([A-Za-z0-9_-]{22,64})$/;
const TABLES = ['conversations', 'handoffs', 'bookings', 'channel_addresses'] as const;

/**
 * Once per store: web visitors stored under their raw cookie value get the keyed hash the chat API
 * now derives from the same cookie, so a returning visitor keeps their conversations and bookings
 * and no credential stays in the store. A mark in store_meta makes it run once, whichever replica
 * starts first (the others wait on its insert, then find the mark). The number of visitors moved.
 */
export async function rekeyLegacyWebVisitors(db: Database, userIdOf: (token: string) => string): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query("INSERT INTO store_meta (key, value) VALUES ($1, 'hmac-sha256') ON CONFLICT (key) DO NOTHING RETURNING key", [MARK]);
    if (claimed.length === 0) return 0;
    const rows = await tx.query<{ user_id: string }>(TABLES.map((t) => `SELECT user_id FROM ${t} WHERE user_id LIKE 'web:%'`).join(' UNION '));
    const old = rows.map((r) => r.user_id).filter((id) => LEGACY.test(id));
    if (old.length === 0) return 0;
    const fresh = old.map((id) => userIdOf(id.match(LEGACY)![1]!));
    await tx.query('CREATE TEMP TABLE web_rekey (old text PRIMARY KEY, new text NOT NULL) ON COMMIT DROP');
    await tx.query('INSERT INTO web_rekey (old, new) SELECT * FROM unnest($1::text[], $2::text[])', [old, fresh]);
    for (const table of TABLES) await tx.query(`UPDATE ${table} t SET user_id = m.new FROM web_rekey m WHERE t.user_id = m.old`);
    return old.length;
  });
}
