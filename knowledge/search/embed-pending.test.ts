import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { migrate } from '../db/migrate.js';
import { PgliteDatabase } from '../db/pglite-database.js';
import { enableVector } from '../db/vector.js';
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

/** An empty in-memory store with pgvector, and the search rows `select` makes (columns as in its INSERT). */
async function storeWithRows(select: string): Promise<PgliteDatabase> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  expect(await enableVector(db)).toBe('available');
  await db.exec(`INSERT INTO search_index (kind, id, title, keywords, body, names, tsv, content_hash) ${select}`);
  return db;
}

describe('embedPending over several batches', () => {
  it('asks the embedder once per distinct text, in order; after a failure it asks no more and keeps the batches written', async () => {
    // 700 search rows, two per text: 350 distinct texts over three batches of 256 rows.
    const db = await storeWithRows(
      "SELECT 'doc', 'D' || lpad(i::text, 4, '0'), 'Passaggio ' || (i / 2), '', 'Testo del passaggio ' || (i / 2), '', to_tsvector('simple', 'x'), 'h' FROM generate_series(0, 699) AS i",
    );
    try {
      const real = new HashedNgramEmbedder(16);
      const calls: string[][] = [];
      const failing = { id: real.id, dimensions: real.dimensions, embed: async (texts: string[]) => {
        calls.push(texts);
        if (calls.length === 2) throw new Error('the model is down');
        return real.embed(texts);
      } };
      await expect(embedPending(db, 'available', failing)).rejects.toThrow('the model is down');
      expect(calls.map((c) => c.length)).toEqual([128, 128]);
      const count = async () => ((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_vectors')) as [{ n: number }])[0].n;
      expect(await count()).toBe(256);

      const progress: number[] = [];
      calls.length = 0;
      const ok = { id: real.id, dimensions: real.dimensions, embed: (texts: string[]) => (calls.push(texts), real.embed(texts)) };
      const result = await embedPending(db, 'available', ok, (p) => progress.push(p.done));
      expect(result.embedded).toBe(444);
      expect(calls.flat()).toHaveLength(222);
      expect(new Set(calls.flat()).size).toBe(222);
      expect(progress).toEqual([0, 256, 444]);
      expect(await count()).toBe(700);
      // Rows sharing a text share its vector.
      const pairs = await db.query<{ same: boolean }>(
        "SELECT a.embedding = b.embedding AS same FROM search_vectors a JOIN search_vectors b ON b.id = 'D' || lpad((substr(a.id, 2)::int + 1)::text, 4, '0') WHERE substr(a.id, 2)::int % 2 = 0",
      );
      expect(pairs).toHaveLength(350);
      expect(pairs.every((p) => p.same)).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe('embedPending past its memo of texts', () => {
  it('keeps the vectors a batch still needs when the memo is full (rows of one text across two batches)', async () => {
    // 5,200 texts, three rows each: past the 5,000 texts kept, and a text's rows straddle batches of 256.
    const db = await storeWithRows(
      "SELECT 'doc', 'D' || lpad(i::text, 5, '0'), 'Passaggio ' || (i / 3), '', '', '', to_tsvector('simple', 'x'), 'h' FROM generate_series(0, 15599) AS i",
    );
    try {
      const result = await embedPending(db, 'available', new HashedNgramEmbedder(8));
      expect(result.embedded).toBe(15600);
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(DISTINCT embedding::text)::int AS n FROM search_vectors')) as [{ n: number }];
      expect(n).toBeGreaterThan(1);
    } finally {
      await db.close();
    }
  }, 60_000);
});

describe('embedPending beside another process', () => {
  it('merges the vectors another process wrote meanwhile instead of failing', async () => {
    const db = await storeWithRows(
      "SELECT 'doc', 'D' || lpad(i::text, 3, '0'), 'Passaggio ' || i, '', '', '', to_tsvector('simple', 'x'), 'h' FROM generate_series(0, 299) AS i",
    );
    try {
      const real = new HashedNgramEmbedder(8);
      let calls = 0;
      // While the first batch is being embedded, "another process" stores a vector for one of its rows.
      const racing = { id: real.id, dimensions: real.dimensions, embed: async (texts: string[]) => {
        if (++calls === 1) await db.query(`INSERT INTO search_vectors (kind, id, embedder, embedding) VALUES ('doc', 'D000', $1, '[1,0,0,0,0,0,0,0]')`, [real.id]);
        return real.embed(texts);
      } };
      expect((await embedPending(db, 'available', racing)).embedded).toBe(300);
      const rows = await db.query<{ n: number; ours: boolean }>(
        "SELECT count(*)::int AS n, bool_and(embedding::text <> '[1,0,0,0,0,0,0,0]') AS ours FROM search_vectors",
      );
      // Every row has one vector, this run's (the merged row was overwritten with the same model's vector).
      expect(rows).toEqual([{ n: 300, ours: true }]);
    } finally {
      await db.close();
    }
  });
});

describe('embedPending on a store shared with a running server', () => {
  it('keeps the vector index and adds to it batch by batch, never dropping it for a large run', async () => {
    const db = await storeWithRows(
      "SELECT 'doc', 'D' || lpad(i::text, 4, '0'), 'Passaggio ' || i, '', '', '', to_tsvector('simple', 'x'), 'h' FROM generate_series(0, 99) AS i",
    );
    try {
      const embedder = new HashedNgramEmbedder(8);
      await embedPending(db, 'available', embedder);
      await db.exec(
        "INSERT INTO search_index (kind, id, title, keywords, body, names, tsv, content_hash) SELECT 'doc', 'E' || lpad(i::text, 4, '0'), 'Altro ' || i, '', '', '', to_tsvector('simple', 'x'), 'h' FROM generate_series(0, 1199) AS i",
      );
      const statements: string[] = [];
      const watched = { ...db, engine: db.engine, description: db.description, transaction: db.transaction.bind(db), close: db.close.bind(db),
        query: <T>(text: string, params?: readonly unknown[]) => (statements.push(text), db.query<T>(text, params)),
        exec: (text: string) => (statements.push(text), db.exec(text)) };
      expect((await embedPending(watched, 'available', embedder, undefined, { keepIndex: true })).embedded).toBe(1200);
      expect(statements.filter((s) => s.includes('DROP INDEX'))).toEqual([]);
      expect(await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'search_vectors' AND indexname LIKE 'search_vectors_embedding_%'")).toEqual([
        { indexname: 'search_vectors_embedding_8_idx' },
      ]);
      expect(await db.query('SELECT count(*)::int AS n FROM search_vectors')).toEqual([{ n: 1300 }]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
