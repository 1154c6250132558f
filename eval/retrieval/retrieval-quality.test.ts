import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import type { PgRetriever } from '../../knowledge/search/pg-retriever.js';
import { openSampleStore } from '../../test/support/sample-store.js';
import { loadQueries, measureRetrieval, type RetrievalScore } from './measure.js';

// The numbers printed by `npm run eval:retrieval`, guarded.
describe('retrieval quality on the sample catalogue', () => {
  let db: PgliteDatabase;
  let retriever: PgRetriever;
  const cases = loadQueries();
  const scores: Record<string, RetrievalScore> = {};

  beforeAll(async () => {
    ({ db, retriever } = await openSampleStore());
    scores.hybrid = await measureRetrieval(retriever, cases);
    for (const s of ['fts', 'trigram', 'vector'] as const) scores[s] = await measureRetrieval(retriever, cases, [s]);
  });
  afterAll(() => db?.close());

  it('has at least 60 Italian and English queries', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(15);
  });

  it('reaches hit@3 >= 0.9 and MRR >= 0.8 with hybrid ranking', () => {
    expect(scores.hybrid!.hitAt3, JSON.stringify(scores.hybrid!.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(scores.hybrid!.mrr).toBeGreaterThanOrEqual(0.8);
  });

  it('beats every single signal', () => {
    for (const s of ['fts', 'trigram', 'vector']) {
      expect(scores.hybrid!.mrr, `hybrid vs ${s}`).toBeGreaterThan(scores[s]!.mrr);
      expect(scores.hybrid!.hitAt3, `hybrid vs ${s}`).toBeGreaterThanOrEqual(scores[s]!.hitAt3);
    }
  });
});
