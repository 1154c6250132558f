import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyInTransaction } from '../../ingest/apply.js';
import { openSampleStore } from '../../test/support/sample-store.js';
import type { PgliteDatabase } from '../db/pglite-database.js';
import { syncSearchIndex } from '../search/index-sync.js';
import { CatalogueSnapshot } from './catalogue-snapshot.js';
import { deleteRecords } from './catalogue-writer.js';
import { PgCatalogueReader } from './pg-catalogue-reader.js';

// The catalogue's facts (comuni, names, size, embedder) as one object with one refresh rule:
// the same object until a check, at most every checkEveryMs, finds the version changed.

let db: PgliteDatabase;
let clock = 0;
const now = () => clock;

beforeAll(async () => {
  ({ db } = await openSampleStore());
});
afterAll(async () => {
  await db?.close();
});

describe('CatalogueSnapshot', () => {
  it('holds the comuni, the names of records, the number of search rows and the embedder, as the store has them', async () => {
    const facts = await new CatalogueSnapshot(db, { now }).current();
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
    expect(facts.records).toBe(n);
    expect(facts.embedder).toBe((await db.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'embedder'"))[0]!.value);
    expect(facts.comuni.map((c) => c.code).sort()).toEqual((await db.query<{ code: string }>('SELECT code FROM comuni ORDER BY code')).map((r) => r.code));
    expect(facts.comuneNames.length).toBe(facts.comuni.length);
    expect(await facts.vocabulary()).toEqual(await new PgCatalogueReader(db).vocabulary());
    // Read once per snapshot: asked again, the very same names.
    expect((await facts.vocabulary()).records).toBe((await facts.vocabulary()).records);
  });

  it('gives the same object until a check finds the catalogue changed, then another with the new facts', async () => {
    const snapshot = new CatalogueSnapshot(db, { now, checkEveryMs: 1000 });
    const first = await snapshot.current();
    const firstNames = (await first.vocabulary()).records;
    clock += 5000;
    expect(await snapshot.current(), 'nothing changed: the same object after a check').toBe(first);

    const school = { id: 'MNSNAP0001', name: 'SCUOLA DELLA FOTOGRAFIA', type: 'SCUOLA PRIMARIA', cadastralCode: 'E897', address: 'VIA DI PROVA 1', state: true };
    await applyInTransaction(db, { schools: [school] }, 'snapshot-test');
    try {
      clock += 10;
      expect(await snapshot.current(), 'within checkEveryMs the version is not asked').toBe(first);
      clock += 1000;
      const second = await snapshot.current();
      expect(second).not.toBe(first);
      expect(second.records).toBe(first.records + 1);
      expect((await second.vocabulary()).records.some((r) => r.id === 'MNSNAP0001')).toBe(true);
      expect((await first.vocabulary()).records, 'an earlier snapshot keeps the names it read').toBe(firstNames);
      expect(firstNames.some((r) => r.id === 'MNSNAP0001')).toBe(false);
    } finally {
      await db.transaction(async (tx) => {
        await deleteRecords(tx, 'school', ['MNSNAP0001']);
        await syncSearchIndex(tx, {}, ['school']);
      });
    }
  });

  it('notices another embedder of the stored vectors, and a change made in this process at once when invalidated', async () => {
    const snapshot = new CatalogueSnapshot(db, { now, checkEveryMs: 60_000 });
    const first = await snapshot.current();
    const [{ value }] = (await db.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'embedder'")) as [{ value: string }];
    await db.query("UPDATE store_meta SET value = 'another-embedder' WHERE key = 'embedder'");
    try {
      expect(await snapshot.current()).toBe(first);
      snapshot.invalidate();
      const second = await snapshot.current();
      expect(second).not.toBe(first);
      expect(second.embedder).toBe('another-embedder');
    } finally {
      await db.query("UPDATE store_meta SET value = $1 WHERE key = 'embedder'", [value]);
    }
  });

  it('reads the facts once for callers that ask together', async () => {
    const statements: string[] = [];
    const counting = { ...db, query: (text: string, params?: readonly unknown[]) => (statements.push(text), db.query(text, params)) } as typeof db;
    const snapshot = new CatalogueSnapshot(counting, { now });
    const all = await Promise.all([snapshot.current(), snapshot.current(), snapshot.current()]);
    expect(new Set(all).size).toBe(1);
    expect(statements.length, statements.join('\n')).toBe(2);
  });
});
