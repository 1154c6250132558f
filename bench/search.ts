// Search benchmark: warm start to first search, latency on the sample and on 20,000 records, RSS.
// Each figure is printed with the ratio against a plain full-scan query run in the same process.
// Run: npm run bench:search
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../bot/clock.js';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import type { Database } from '../knowledge/db/database.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { PgRetriever } from '../knowledge/search/pg-retriever.js';
import { applyInTransaction } from '../ingest/apply.js';
import { readSample } from '../ingest/sample.js';
import { loadQueries } from '../eval/retrieval/measure.js';
import { prepareSampleStore, REFERENCE_NOW } from '../test/support/sample-store.js';
import { words } from '../text/normalize.js';
import { generateCatalogue } from './generate-catalogue.js';
import { mb, ms, percentile, timeEach } from './stats.js';

const queries = loadQueries().map((c) => c.q);
const ROUNDS = 3;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** The baseline: what a naive implementation does, a full scan matching any query word anywhere. */
async function fullScan(db: Database, q: string) {
  const patterns = words(q).filter((w) => w.length > 2).map((w) => `%${w}%`);
  return db.query(
    `SELECT kind, id, title FROM search_index WHERE orienta_fold(title || ' ' || keywords || ' ' || body) ILIKE ANY($1::text[]) LIMIT 10`,
    [patterns.length ? patterns : ['%']],
  );
}

async function latency(db: Database, retriever: PgRetriever, label: string) {
  const list = Array.from({ length: ROUNDS }, () => queries).flat();
  await retriever.search({ text: 'riscaldamento', limit: 10 }); // warm caches
  const hybrid = await timeEach(list, (q) => retriever.search({ text: q, limit: 10 }));
  sampleRss();
  const base = await timeEach(list, (q) => fullScan(db, q));
  sampleRss();
  const row = (name: string, p: number) => `${label.padEnd(22)} ${name.padEnd(4)} ${ms(percentile(hybrid, p)).padStart(8)} ms   baseline ${ms(percentile(base, p)).padStart(8)} ms   ratio ${(percentile(hybrid, p) / percentile(base, p)).toFixed(2)}`;
  console.log(row('p50', 50));
  console.log(row('p95', 95));
}

const clock = fixedClock(REFERENCE_NOW);
const embedder = new HashedNgramEmbedder();

// 1. Warm start: a data dir that already holds the sample, opened as a command would.
const dir = mkdtempSync(join(tmpdir(), 'orienta-bench-'));
{
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  await prepareSampleStore(db);
  await db.close();
}
{
  const t0 = performance.now();
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  await migrate(db);
  const vector = await enableVector(db);
  const retriever = new PgRetriever({ db, vector, embedder, clock });
  await retriever.search({ text: 'corsi di stampa 3d a viadana', limit: 10 });
  const warm = performance.now() - t0;
  const t1 = performance.now();
  await fullScan(db, 'corsi di stampa 3d a viadana');
  const base = performance.now() - t1;
  console.log(`warm start to first search   ${ms(warm)} ms   (first full-scan query on the open store: ${ms(base)} ms)`);
  sampleRss();
  await latency(db, retriever, 'sample catalogue');
  await db.close();
}
rmSync(dir, { recursive: true, force: true });

// 2. 20,000 generated records.
{
  const db = await PgliteDatabase.open();
  await migrate(db);
  const vector = await enableVector(db);
  const t0 = performance.now();
  await applyInTransaction(db, generateCatalogue(19_800, readSample()), 'generated');
  const loaded = performance.now() - t0;
  const t1 = performance.now();
  await embedPending(db, vector, embedder);
  const embedded = performance.now() - t1;
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
  console.log(`generated catalogue: ${n} searchable records (load ${Math.round(loaded)} ms, embed + index ${Math.round(embedded)} ms)`);
  sampleRss();
  await latency(db, new PgRetriever({ db, vector, embedder, clock }), `${n} records`);
  await db.close();
}
console.log(`peak RSS ${mb(peakRss)} MB`);
