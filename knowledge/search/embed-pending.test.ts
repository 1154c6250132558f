import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../bot/clock.js';
import type { PgliteDatabase } from '../db/pglite-database.js';
import { HashedNgramEmbedder } from '../embedders/hashed-ngram-embedder.js';
import { openSampleStore, REFERENCE_NOW } from '../../test/support/sample-store.js';
import { embedPending } from './embed-pending.js';
import { PgRetriever } from './pg-retriever.js';

describe('embedPending', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    ({ db } = await openSampleStore());
  });
  afterAll(() => db?.close());

  it('does nothing when every record already has a vector of this embedder', async () => {
    expect((await embedPending(db, 'available', new HashedNgramEmbedder())).embedded).toBe(0);
  });

  it('re-embeds everything when the embedder changes, and search uses the new vectors', async () => {
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
    const other = new HashedNgramEmbedder(128);
    const result = await embedPending(db, 'available', other);
    expect(result).toEqual({ embedded: n, embedder: 'hashed-ngrams-v1-128' });
    const rows = await db.query<{ embedder: string; dims: number }>('SELECT DISTINCT embedder, vector_dims(embedding) AS dims FROM search_vectors');
    expect(rows).toEqual([{ embedder: 'hashed-ngrams-v1-128', dims: 128 }]);
    expect(await db.query("SELECT value FROM store_meta WHERE key = 'embedder'")).toEqual([{ value: 'hashed-ngrams-v1-128' }]);

    const retriever = new PgRetriever({ db, vector: 'available', embedder: other, clock: fixedClock(REFERENCE_NOW) });
    const { hits } = await retriever.search({ text: 'muletto', limit: 3, signals: ['vector'] });
    expect(hits[0]?.id).toBe('C014');
    // A process still configured with the old embedder must not compare its 256-dimension query with
    // these (the cast would fail): it searches without the vector signal until re-embedded.
    const stale = new PgRetriever({ db, vector: 'available', embedder: new HashedNgramEmbedder(), clock: fixedClock(REFERENCE_NOW) });
    const fallback = await stale.search({ text: 'muletto', limit: 3 });
    expect(fallback.hits[0]?.id).toBe('C014');
    for (const h of fallback.hits) expect(h.why.join(' ')).not.toContain('vector');
  });
});
