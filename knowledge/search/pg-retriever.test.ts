import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../db/pglite-database.js';
import type { SearchHit } from '../../domain/ports.js';
import { openSampleStore } from '../../test/support/sample-store.js';
import type { PgRetriever } from './pg-retriever.js';

// How well each hit matches the words asked, over the sample catalogue: the engine judges
// "nothing found" by these signals, so they must say what the words really matched.

let db: PgliteDatabase;
let retriever: PgRetriever;
beforeAll(async () => {
  ({ db, retriever } = await openSampleStore());
});
afterAll(() => db?.close());

const search = async (text: string) => (await retriever.search({ text, limit: 10 })).hits;
const hit = (hits: SearchHit[], id: string) => hits.find((h) => h.id === id);

describe('how many of the words asked a record holds', () => {
  it('counts the words a match is judged by, and where they are found', async () => {
    const hits = await search('corsi di stampa 3d a viadana');
    // "corsi" names the kind and Viadana is a filter: "stampa" and "3d" are the words.
    expect(hit(hits, 'C008')?.signals).toMatchObject({ words: 2, known: 2, matched: 2, key: 2 });
    expect(hit(hits, 'SV01')?.signals).toMatchObject({ words: 2, matched: 0, key: 0 });
  });

  it('does not count a word that only says what is wanted ("diventare")', async () => {
    const hits = await search('corso per diventare infermiere');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.signals).toMatchObject({ words: 1, known: 0, matched: 0 });
  });

  it('tells a title word from one only in a long description', async () => {
    const hits = await search('come mi preparo a un colloquio di lavoro?');
    expect(hit(hits, 'C032')?.signals).toMatchObject({ matched: 2, key: 2 });
    expect(hit(hits, 'SV01')?.signals).toMatchObject({ matched: 1 });
  });

  it('counts a word through its synonyms', async () => {
    const hits = await search('corso per il muletto');
    expect(hit(hits, 'C014')?.signals).toMatchObject({ words: 1, matched: 1, key: 1 });
  });

  it('counts a long word with two letters swapped ("saldatrua")', async () => {
    const hits = await search('corso di saldatrua');
    expect(hit(hits, 'C012')?.signals).toMatchObject({ words: 1, known: 1, matched: 1, key: 1 });
  });

  it('marks what has already ended', async () => {
    const hits = await search('corso di cucina');
    expect(hit(hits, 'C030')?.signals?.ended).toBe(1);
    expect(hit(hits, 'S08')?.signals?.ended).toBeUndefined();
  });
});

describe('the name of a kind with filters only', () => {
  it('"sedi vicino a Ostiglia" lists the sites around it, nearest first', async () => {
    const hits = await search('sedi vicino a Ostiglia');
    expect(hits.every((h) => h.kind === 'site')).toBe(true);
    expect(hits.slice(0, 2).map((h) => h.id).sort()).toEqual(['S05', 'S15']);
  });

  it('"eventi a dicembre" lists the initiatives of December', async () => {
    const hits = await search('eventi a dicembre');
    expect(hits.every((h) => h.kind === 'initiative')).toBe(true);
    expect(hits.map((h) => h.id)).toContain('IN03');
  });
});

describe('the plan of a search', () => {
  it('looks query words up through the trigram index, not by comparing every term', async () => {
    // Migration 0006 tells the planner what % costs; without it a small catalogue's terms are all scanned.
    const plan = (await db.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT q.w, t.term FROM unnest(ARRAY['saldatura', 'viadana']) AS q(w) CROSS JOIN LATERAL (SELECT term FROM search_terms WHERE term % q.w OFFSET 0) t",
    )).map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('search_terms_trgm_idx');
  });
});
