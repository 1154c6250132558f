import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { webVisitorKey } from './web-visitor-key.js';

let db: PgliteDatabase;
beforeAll(async () => {
  db = await PgliteDatabase.open();
  await migrate(db);
});
afterAll(() => db?.close());

describe('the web visitor key', () => {
  it('is made once and kept by the store, so every replica and every restart hashes alike', async () => {
    const [a, b] = await Promise.all([webVisitorKey(db), webVisitorKey(db)]);
    expect(a.length).toBe(32);
    expect(b.equals(a)).toBe(true);
    expect((await webVisitorKey(db)).equals(a)).toBe(true);
  });

  it('is WEB_VISITOR_SECRET when configured', async () => {
    expect((await webVisitorKey(db, 'x'.repeat(40))).toString('utf8')).toBe('x'.repeat(40));
  });
});
