import type { Database } from '../db/database.js';
import type { VectorCapability } from '../db/vector.js';
import { ParamBuffers } from '../db/param-buffers.js';
import { vectorArraySize, vectorTypeOid, writeVectorArray } from '../db/vector-binary.js';
import type { Embedder } from '../embedders/embedder.js';
import { inFlight, LOAD_DEPTH } from '../db/in-flight.js';
import { embeddingText } from './search-docs.js';

export interface EmbedProgress {
  done: number;
  total: number;
}

export interface EmbedResult {
  embedded: number;
  embedder: string;
}

const BATCH = 256;
/** With the index kept each vector also goes into the graph: smaller statements, so others wait less for each. */
const KEPT_INDEX_BATCH = 128;
/** Distinct texts whose vectors are kept during a run (a few MB), so memory stays bounded. */
const MEMO_LIMIT = 5_000;

/**
 * Computes vectors only for search rows that have none (new, changed — index-sync.ts drops a
 * changed row's vector — or made by another embedder), in batches, each committed on its own so
 * a long run keeps what it did. The HNSW index is built after a large run: building once is much
 * faster than updating the graph row by row.
 */
export interface EmbedOptions {
  /**
   * The store answers people meanwhile and runs one statement at a time for everyone (the embedded
   * store reached through a running server): the vector index is kept and grows with each batch,
   * never dropped and built again after (seconds in a single statement, with nobody answered).
   */
  keepIndex?: boolean;
}

export async function embedPending(
  db: Database,
  vector: VectorCapability,
  embedder: Embedder,
  onProgress?: (p: EmbedProgress) => void,
  options: EmbedOptions = {},
): Promise<EmbedResult> {
  if (vector !== 'available') return { embedded: 0, embedder: embedder.id };
  // Vectors of another model (or another size) cannot be compared with this one's: start over.
  const other = await db.query('DELETE FROM search_vectors WHERE embedder <> $1 RETURNING 1', [embedder.id]);
  // One anti-join for the whole run: repeating it per batch would rescan the index each time.
  // Rows sharing their texts (editions of one course, one description at several sites) come as
  // one group: each text crosses over once, not once per row. A group's rows are put in order
  // here: ordered aggregates made PostgreSQL sort the long texts with every key, twice as slow.
  const groups = await db.query<{ title: string; keywords: string; body: string; kinds: string[]; ids: string[] }>(
    `SELECT s.title, s.keywords, s.body, array_agg(s.kind) AS kinds, array_agg(s.id) AS ids
     FROM search_index s WHERE NOT EXISTS (SELECT 1 FROM search_vectors v WHERE v.kind = s.kind AND v.id = s.id)
     GROUP BY s.title, s.keywords, s.body ORDER BY min(s.kind), min(s.id)`,
  );
  const byKey = (a: { kind: string; id: string }, b: { kind: string; id: string }) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const rows = groups.flatMap((g) => {
    const text = embeddingText(g);
    return g.kinds.map((kind, i) => ({ kind, id: g.ids[i]!, text })).sort(byKey);
  });
  const total = rows.length;
  const rebuild = total > 1000 && !options.keepIndex;
  if (rebuild || other.length > 0) await dropVectorIndexes(db, rebuild ? null : embedder.dimensions);
  // Kept: made now if missing, so each batch goes into it.
  if (options.keepIndex && total > 0) await db.exec(createIndex(embedder.dimensions));
  const oid = total > 0 ? await vectorTypeOid(db) : 0;
  let done = 0;
  if (total > 0) onProgress?.({ done, total });
  // Texts repeat (editions of one course, one description at several sites): each distinct text is
  // embedded once per run. An embedder is a function of the text, so the vectors are the same.
  const known = new Map<string, number[]>();
  const vectorsOf = async (batch: typeof rows) => {
    const texts = batch.map((r) => r.text);
    const missing = [...new Set(texts.filter((t) => !known.has(t)))];
    if (missing.length > 0) {
      if (known.size + missing.length > MEMO_LIMIT) {
        // Start over, but not for the texts of this batch already known (rows of one text can straddle batches).
        const still = texts.flatMap((t) => (known.has(t) ? [[t, known.get(t)!] as const] : []));
        known.clear();
        for (const [t, v] of still) known.set(t, v);
      }
      const fresh = await embedder.embed(missing);
      missing.forEach((t, j) => known.set(t, fresh[j]!));
    }
    return texts.map((t) => known.get(t)!);
  };
  const size = options.keepIndex ? KEPT_INDEX_BATCH : BATCH;
  const batches = Array.from({ length: Math.ceil(total / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  // The embedder is asked one batch at a time, in order, and never again once it has failed; a
  // batch's vectors are written while the next batch is embedded (see inFlight).
  let embedding: Promise<unknown> = Promise.resolve();
  const buffers = new ParamBuffers();
  await inFlight(batches, LOAD_DEPTH, (batch) => {
    const vectors = embedding.then(() => vectorsOf(batch));
    embedding = vectors;
    return vectors.then((v) =>
      buffers.with(vectorArraySize(v), (out) => writeVectorArray(v, oid, out), async (bytes) => {
        const params = [embedder.id, batch.map((r) => r.kind), batch.map((r) => r.id), bytes];
        // These rows had no vector when the run began, so a plain INSERT (cheaper than an upsert)
        // almost always does; if another process embedded some meanwhile, the batch is merged instead.
        // Each statement commits on its own, so the failed one left nothing behind.
        await db.query(INSERT, params).catch((error: { code?: string }) => {
          if (error?.code !== '23505') throw error;
          return db.query(`${INSERT} ON CONFLICT (kind, id) DO UPDATE SET embedder = EXCLUDED.embedder, embedding = EXCLUDED.embedding`, params);
        });
        done += batch.length;
        onProgress?.({ done, total });
      }),
    );
  });
  await db.query(`INSERT INTO store_meta (key, value) VALUES ('embedder', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [embedder.id]);
  // m 8 and ef_construction 32 instead of pgvector's 16 and 64 build the graph in about half the
  // time; search keeps its quality (eval:retrieval) since vectors only rank candidates alongside
  // full text and names. A store whose index exists keeps it as it was built.
  await db.exec(createIndex(embedder.dimensions));
  // PGlite has no autovacuum: fresh statistics keep the planner on the index.
  // A 3,000-row sample (statistics target 10) past 5,000 rows, as for search_index in index-sync.ts.
  if (done > 5000) await db.exec('SET default_statistics_target = 10; ANALYZE search_vectors; RESET default_statistics_target');
  else if (done > 100) await db.exec('ANALYZE search_vectors');
  return { embedded: done, embedder: embedder.id };
}

const INSERT = `INSERT INTO search_vectors (kind, id, embedder, embedding)
  SELECT kind, id, $1, embedding FROM unnest($2::text[], $3::text[], $4::vector[]) AS v(kind, id, embedding)`;

const indexName = (dims: number) => `search_vectors_embedding_${dims}_idx`;
const createIndex = (dims: number) =>
  `CREATE INDEX IF NOT EXISTS ${indexName(dims)} ON search_vectors USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WITH (m = 8, ef_construction = 32)`;

/** Drops the HNSW indexes, all of them (`keep` null) or those of other dimensions. */
async function dropVectorIndexes(db: Database, keep: number | null): Promise<void> {
  const rows = await db.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_vectors' AND indexname LIKE 'search_vectors_embedding_%'`);
  for (const { name } of rows) if (keep === null || name !== indexName(keep)) await db.exec(`DROP INDEX IF EXISTS ${name}`);
}
