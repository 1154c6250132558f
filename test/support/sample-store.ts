import { fixedClock } from '../../domain/clock.js';
import type { Database } from '../../knowledge/db/database.js';
import { migrate } from '../../knowledge/db/migrate.js';
import { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { enableVector, type VectorCapability } from '../../knowledge/db/vector.js';
import { HashedNgramEmbedder } from '../../knowledge/embedders/hashed-ngram-embedder.js';
import { embedPending } from '../../knowledge/search/embed-pending.js';
import { PgRetriever } from '../../knowledge/search/pg-retriever.js';
import { applyInTransaction } from '../../ingest/apply.js';
import { readSample } from '../../ingest/sample.js';

/** The reference date of the sample catalogue and of the partner export. */
export const REFERENCE_NOW = new Date('2026-11-25T10:00:00+01:00');

/** Migrates a store, loads the sample catalogue and embeds it: the state `npm start` reaches. */
export async function prepareSampleStore(db: Database): Promise<{ vector: VectorCapability }> {
  await migrate(db);
  const vector = await enableVector(db);
  await applyInTransaction(db, readSample(), 'sample');
  await embedPending(db, vector, new HashedNgramEmbedder());
  return { vector };
}

export async function sampleRetriever(db: Database, vector: VectorCapability, now = REFERENCE_NOW) {
  return new PgRetriever({ db, vector, embedder: new HashedNgramEmbedder(), clock: fixedClock(now) });
}

/** An in-memory PGlite with the sample loaded. */
export async function openSampleStore(): Promise<{ db: PgliteDatabase; retriever: PgRetriever; vector: VectorCapability }> {
  const db = await PgliteDatabase.open();
  const { vector } = await prepareSampleStore(db);
  return { db, vector, retriever: await sampleRetriever(db, vector) };
}
