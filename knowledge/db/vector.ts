import type { Database } from './database.js';

export type VectorCapability = 'available' | 'unavailable';

/**
 * pgvector is a capability, not a requirement: where the server has the extension the search
 * index gets an embedding column, elsewhere search runs on full text and trigrams alone.
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
  await db.exec('ALTER TABLE search_index ADD COLUMN IF NOT EXISTS embedding vector');
  return 'available';
}
