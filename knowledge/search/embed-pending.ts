import type { Database } from '../db/database.js';
import type { VectorCapability } from '../db/vector.js';
import type { Embedder } from '../embedders/embedder.js';
import { embeddingText } from './search-docs.js';

export interface EmbedProgress {
  done: number;
  total: number;
}

export interface EmbedResult {
  embedded: number;
  embedder: string;
}

const BATCH = 64;

/**
 * Computes vectors only for rows whose text changed or that another embedder made, in batches,
 * each batch committed on its own so a long run keeps what it did. Builds the HNSW index for the
 * embedder's dimensions afterwards: building once is much faster than updating it row by row.
 */
export async function embedPending(
  db: Database,
  vector: VectorCapability,
  embedder: Embedder,
  onProgress?: (p: EmbedProgress) => void,
): Promise<EmbedResult> {
  if (vector !== 'available') return { embedded: 0, embedder: embedder.id };
  const pendingWhere = 'embedder IS DISTINCT FROM $1 OR embedded_hash IS DISTINCT FROM content_hash OR embedding IS NULL';
  const [{ n: total } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_index WHERE ${pendingWhere}`, [embedder.id]);
  if (total === 0) {
    await ensureVectorIndex(db, embedder);
    return { embedded: 0, embedder: embedder.id };
  }
  await dropVectorIndexes(db, embedder.dimensions, total > 1000);
  let done = 0;
  onProgress?.({ done, total });
  for (;;) {
    const rows = await db.query<{ kind: string; id: string; title: string; keywords: string; body: string; content_hash: string }>(
      `SELECT kind, id, title, keywords, body, content_hash FROM search_index WHERE ${pendingWhere} ORDER BY kind, id LIMIT ${BATCH}`,
      [embedder.id],
    );
    if (rows.length === 0) break;
    const vectors = await embedder.embed(rows.map(embeddingText));
    await db.query(
      `UPDATE search_index s SET embedding = v.embedding::vector, embedder = $1, embedded_hash = v.content_hash
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS v(kind, id, embedding, content_hash)
        WHERE s.kind = v.kind AND s.id = v.id`,
      [embedder.id, rows.map((r) => r.kind), rows.map((r) => r.id), vectors.map((v) => `[${v.join(',')}]`), rows.map((r) => r.content_hash)],
    );
    done += rows.length;
    onProgress?.({ done: Math.min(done, total), total });
  }
  // Fresh statistics, or the planner misjudges the vector filter and scans every row.
  await db.exec('ANALYZE search_index');
  await db.query(`INSERT INTO store_meta (key, value) VALUES ('embedder', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [embedder.id]);
  await ensureVectorIndex(db, embedder);
  return { embedded: done, embedder: embedder.id };
}

const indexName = (dims: number) => `search_index_embedding_${dims}_idx`;

async function ensureVectorIndex(db: Database, embedder: Embedder): Promise<void> {
  // Vectors of other dimensions would make the cast fail while the index is built.
  await db.query(`UPDATE search_index SET embedding = NULL WHERE embedding IS NOT NULL AND vector_dims(embedding) <> $1`, [embedder.dimensions]);
  await db.exec(`CREATE INDEX IF NOT EXISTS ${indexName(embedder.dimensions)} ON search_index USING hnsw ((embedding::vector(${embedder.dimensions})) vector_cosine_ops)`);
}

async function dropVectorIndexes(db: Database, dims: number, includingOwn: boolean): Promise<void> {
  const rows = await db.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_index' AND indexname LIKE 'search_index_embedding_%'`);
  for (const { name } of rows) if (name !== indexName(dims)) await db.exec(`DROP INDEX IF EXISTS ${name}`);
  // When many rows change, rebuilding the graph once is cheaper than updating it row by row.
  if (includingOwn) await db.exec(`DROP INDEX IF EXISTS ${indexName(dims)}`);
}
