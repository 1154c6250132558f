import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSample } from '../../ingest/sample.js';
import { openSampleStore } from '../../test/support/sample-store.js';
import { deleteRecords, upsertRecords } from '../catalogue/catalogue-writer.js';
import type { Sql } from '../db/database.js';
import type { PgliteDatabase } from '../db/pglite-database.js';
import { chooseStrategy, SYNC_POLICY, syncSearchIndex, termByTerm, type SyncPolicy } from './index-sync.js';

// The two ways search_index follows the catalogue (a bulk rebuild, an incremental sync), each
// checked against a full recount: after it, the rows and the term counts are what building the
// index from nothing gives.

let db: PgliteDatabase;

beforeAll(async () => {
  ({ db } = await openSampleStore());
});
afterAll(async () => {
  await db?.close();
});

describe('chooseStrategy', () => {
  it('rebuilds when more rows are to be written than the policy allows one by one, else syncs the changed rows', () => {
    const policy = { ...SYNC_POLICY, rebuildAbove: 100 };
    expect(chooseStrategy({ fresh: 101, derived: 5000, stale: false }, policy)).toBe('rebuildAll');
    expect(chooseStrategy({ fresh: 100, derived: 5000, stale: false }, policy)).toBe('syncChanged');
    // Rows made by another version of search-docs.ts are all written again, new or not.
    expect(chooseStrategy({ fresh: 0, derived: 101, stale: true }, policy)).toBe('rebuildAll');
    expect(chooseStrategy({ fresh: 0, derived: 100, stale: true }, policy)).toBe('syncChanged');
  });

  it('counts the terms of a few touched rows one by one, of many all of them', () => {
    expect(termByTerm(3, 1000)).toBe(true);
    expect(termByTerm(30, 1000)).toBe(false);
    expect(termByTerm(SYNC_POLICY.recountAbove + 1, 1e9)).toBe(false);
  });
});

type State = { rows: unknown[]; terms: { term: string; df: number }[] };

async function stateOf(tx: Sql): Promise<State> {
  return {
    rows: await tx.query('SELECT kind, id, content_hash, title, names, name_terms, comune_codes, lats, lons, tsv::text AS tsv FROM search_index ORDER BY kind, id'),
    terms: await tx.query<{ term: string; df: number }>('SELECT term, df FROM search_terms ORDER BY term'),
  };
}

/** Every term counted from the rows themselves. */
const recountedTerms = (tx: Sql) => tx.query<{ term: string; df: number }>('SELECT term, count(*)::int AS df FROM search_index, unnest(name_terms) AS term GROUP BY term ORDER BY term');

/** What each statement of the sync was, to tell which strategy ran. */
function recording(tx: Sql, seen: string[]): Sql {
  return {
    query: (text, params, options) => (seen.push(text), tx.query(text, params, options)),
    exec: (text) => (seen.push(text), tx.exec(text)),
  };
}

/**
 * Changes to the catalogue that reach many kinds of row: a comune renamed (the rows of everything
 * there), a site moved, a course retitled, a course added, a school and a passage removed.
 */
async function changeCatalogue(tx: Sql): Promise<void> {
  const sample = readSample();
  const comune = sample.comuni![0]!;
  await upsertRecords(tx, 'comune', [{ ...comune, name: `${comune.name} Nuova` }], 'test');
  const site = sample.sites![0]!;
  const elsewhere = sample.comuni!.find((c) => c.code !== site.comune)!;
  await upsertRecords(tx, 'site', [{ ...site, comune: elsewhere.code }], 'test');
  const course = sample.courses![0]!;
  await upsertRecords(tx, 'course', [{ ...course, title: `${course.title} avanzato di saldatura subacquea` }, { ...course, id: 'CNEW1', title: 'Corso di ceramica raku' }], 'test');
  const [school] = await tx.query<{ id: string }>('SELECT id FROM schools ORDER BY id LIMIT 1');
  if (school) await deleteRecords(tx, 'school', [school.id]);
  const [doc] = await tx.query<{ id: string }>('SELECT id FROM document_chunks ORDER BY id LIMIT 1');
  await deleteRecords(tx, 'doc', [doc!.id]);
}

class RolledBack extends Error {}

const STRATEGIES: { name: string; policy: SyncPolicy; rebuild: boolean; termByTerm: boolean }[] = [
  { name: 'rebuildAll', policy: { ...SYNC_POLICY, rebuildAbove: 0 }, rebuild: true, termByTerm: false },
  { name: 'syncChanged, terms one by one', policy: { rebuildAbove: Infinity, recountAbove: Infinity, termCostInRows: 0 }, rebuild: false, termByTerm: true },
  { name: 'syncChanged, every term counted', policy: { rebuildAbove: Infinity, recountAbove: 0, termCostInRows: 0 }, rebuild: false, termByTerm: false },
];

describe.each(STRATEGIES)('syncSearchIndex, $name', ({ policy, rebuild, termByTerm: oneByOne }) => {
  it('leaves the index a full rebuild from nothing would make, and every term counted as the rows hold it', async () => {
    const outcome = await db
      .transaction(async (tx) => {
        await changeCatalogue(tx);
        const seen: string[] = [];
        const result = await syncSearchIndex(recording(tx, seen), {}, undefined, policy);
        const after = await stateOf(tx);
        // From nothing: no row, no term, every row derived and counted again.
        await tx.query('DELETE FROM search_index');
        await tx.query('DELETE FROM search_terms');
        await syncSearchIndex(tx);
        const scratch = await stateOf(tx);
        const recounted = await recountedTerms(tx);
        throw Object.assign(new RolledBack(), { outcome: { result, seen, after, scratch, recounted } });
      })
      .catch((e: unknown) => {
        if (e instanceof RolledBack) return (e as RolledBack & { outcome: { result: { written: number; removed: number }; seen: string[]; after: State; scratch: State; recounted: unknown[] } }).outcome;
        throw e;
      });
    const { result, seen, after, scratch, recounted } = outcome;
    expect(result.written, 'rows written').toBeGreaterThanOrEqual(3);
    expect(result.removed, 'rows removed').toBeGreaterThanOrEqual(1);
    expect(seen.some((s) => s.startsWith('DROP INDEX')), 'GIN indexes dropped and built again').toBe(rebuild);
    expect(seen.some((s) => s.includes('@> ARRAY[a.term]')), 'terms counted one by one').toBe(oneByOne);
    expect(after.rows).toEqual(scratch.rows);
    expect(after.terms).toEqual(scratch.terms);
    expect(after.terms).toEqual(recounted);
    // The catalogue and index are as they were: the change was rolled back.
    expect((await stateOf(db)).rows).not.toEqual(after.rows);
  });
});
