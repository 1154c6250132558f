import type { Database } from './database.js';

export type VectorCapability = 'available' | 'unavailable';

/**
 * pgvector is a capability, not a requirement: where the server has the extension, vectors are
 * kept in `search_vectors`; elsewhere search runs on full text and trigrams alone. Vectors live
 * apart from `search_index` so writing one never rewrites a wide, heavily indexed row.
 * Checked at every start, so installing pgvector later turns it on without a new migration.
 */
export async function enableVector(db: Database): Promise<VectorCapability> {
  const installed = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
  if (installed.length === 0) {
    const available = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
    if (available.length === 0) return 'unavailable';
    try {
      await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
    } catch {
      // Listed but not installable by this role: same as absent.
      return 'unavailable';
    }
  }
  await db.exec(`CREATE TABLE IF NOT EXISTS search_vectors (
      kind text NOT NULL,
      id text NOT NULL,
      embedder text NOT NULL,
      embedding vector NOT NULL,
      PRIMARY KEY (kind, id),
      FOREIGN KEY (kind, id) REFERENCES search_index (kind, id) ON DELETE CASCADE
    )`);
  return 'available';
}
