// Ingest benchmark: records per second for the partner export and for a generated 20,000-row
// CSV, each against a plain bulk insert of the same final rows in the same run (see
// timeBulkInsert: what the ingest wrote, precomputed, into the same tables and indexes); peak RSS.
// Each pair is measured ROUNDS times, ingest and bulk insert taking turns, and the medians are
// compared: on a shared machine one run of either can be 15% off.
// Run: npm run bench:ingest
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fromSql } from 'pgvector';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { encodeVectorArray, vectorTypeOid } from '../knowledge/db/vector-binary.js';
import { ingestPaths } from '../ingest/pipeline.js';
import type { BenchResult, Figure } from './figures.js';
import { mb } from './stats.js';

const SHARED = fileURLToPath(new URL('../../shared/data/', import.meta.url));
// Peak RSS: the kernel's high-water mark (VmHWM), reset before each measurement where Linux allows
// it. Sampling with a timer misses peaks: the embedded store blocks this thread while it works.
const HWM = '/proc/self/status';
const canReset = (() => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return /VmHWM/.test(readFileSync(HWM, 'utf8'));
  } catch {
    return false;
  }
})();
let peak = 0;
const resetPeak = () => {
  if (canReset) writeFileSync('/proc/self/clear_refs', '5');
};
const sample = () => {
  const hwm = canReset ? Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(HWM, 'utf8'))![1]) * 1024 : 0;
  peak = Math.max(peak, hwm, process.memoryUsage().rss);
};
// A closed PGlite store is freed only when the garbage collector gets to it; collected after each
// measurement, the peak RSS is that of the load measured, not of stores earlier measurements closed.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
async function closeStore(db: PgliteDatabase): Promise<void> {
  await db.close();
  collect();
}
if (!canReset) setInterval(sample, 50).unref();

/** A store in a data dir of its own, on disk as `orienta ingest` writes it (an in-memory store also keeps its files in the heap). */
async function freshStore(dir: string) {
  const db = await PgliteDatabase.open({ dataDir: join(dir, `store-${stores++}`) });
  await migrate(db);
  const vector = await enableVector(db);
  // Comuni and sites are the context the measured files refer to; not part of the figure.
  await ingestPaths(db, [join(SHARED, 'istat/comuni_mantova_coordinate.json'), join(SHARED, 'lto-export/sedi.csv')]);
  const context = await db.query<{ kind: string; id: string }>('SELECT kind, id FROM search_index');
  return { db, vector, context };
}

/** The catalogue tables, parents first (the order a bulk load must follow). */
const CATALOGUE = ['comuni', 'sites', 'courses', 'services', 'initiatives', 'schools', 'slots', 'document_chunks'];
const GIN_INDEXES = ['search_index_tsv_idx', 'search_index_name_terms_idx', 'search_index_comuni_idx'];

/**
 * The rows the ingest left in its store, read back in 500-row batches kept in files (in memory
 * they would add a few hundred MB to the peak RSS this benchmark also measures): the baseline's input.
 */
interface FinalRows {
  catalogue: { table: string; columns: string; batches: string[] }[];
  search: { columns: string; batches: string[]; rows: number };
  terms: string;
  vectors: { embedder: string; kinds: string[]; ids: string[]; bytes: Buffer }[];
  /** The CREATE INDEX statements of search_index's GIN indexes and of the HNSW index, as the ingest left them. */
  indexes: string[];
  records: number;
}

/** The full pipeline: read, validate, check references, upsert, search index, embeddings. */
async function timeIngest(paths: string[], dir: string): Promise<{ records: number; rejected: number; seconds: number; rows: FinalRows }> {
  const { db, vector, context } = await freshStore(dir);
  resetPeak();
  const t = performance.now();
  const results = await ingestPaths(db, paths);
  await embedPending(db, vector, new HashedNgramEmbedder());
  const seconds = (performance.now() - t) / 1000;
  sample();
  const records = results.reduce((n, r) => n + r.created + r.updated + r.unchanged, 0);
  const rejected = results.reduce((n, r) => n + r.rejected, 0);
  const rows = await finalRows(db, paths, context, records, dir);
  await closeStore(db);
  return { records, rejected, seconds, rows };
}

async function finalRows(db: PgliteDatabase, paths: string[], context: { kind: string; id: string }[], records: number, dir: string): Promise<FinalRows> {
  /** Writes the rows `select` returns, 500 at a time (keyset on `key`, the table's primary key), as JSON array files. */
  const batches = async (select: string, key: string, params: unknown[]) => {
    const out: string[] = [];
    let after: string[] = [];
    for (;;) {
      const where = after.length ? `WHERE (${key}) > (${after.map((_, i) => `$${params.length + i + 1}`).join(', ')})` : '';
      const page = await db.query<{ j: string; k: string[] }>(`SELECT j, k FROM (${select}) q ${where} ORDER BY ${key} LIMIT ${BATCH}`, [...params, ...after]);
      if (page.length === 0) return out;
      const path = join(dir, `rows-${files++}.json`);
      writeFileSync(path, `[${page.map((r) => r.j).join(',')}]`);
      out.push(path);
      after = page.at(-1)!.k;
    }
  };
  const columnsOf = async (table: string) =>
    (await db.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'updated_at' AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table])).map((r) => r.c).join(', ');
  const catalogue: FinalRows['catalogue'] = [];
  for (const table of CATALOGUE) {
    const key = table === 'comuni' ? 'code' : 'id';
    const list = await batches(`SELECT (to_jsonb(t) - 'updated_at')::text AS j, ARRAY[${key}] AS k, ${key} FROM ${table} t WHERE source = ANY($1::text[])`, key, [paths]);
    if (list.length > 0) catalogue.push({ table, columns: await columnsOf(table), batches: list });
  }
  const search = await batches(
    `SELECT to_jsonb(s)::text AS j, ARRAY[kind, id] AS k, kind, id FROM search_index s WHERE (kind, id) NOT IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    'kind, id',
    [context.map((c) => c.kind), context.map((c) => c.id)],
  );
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
  const [{ terms }] = (await db.query<{ terms: string }>(`SELECT coalesce(jsonb_agg(t), '[]')::text AS terms FROM search_terms t`)) as [{ terms: string }];
  const oid = await vectorTypeOid(db);
  const vectors: FinalRows['vectors'] = [];
  for (let page: { kind: string; id: string; embedder: string; e: string }[] = [], last = ['', '']; ; last = [page.at(-1)!.kind, page.at(-1)!.id]) {
    page = await db.query('SELECT kind, id, embedder, embedding::text AS e FROM search_vectors WHERE (kind, id) > ($1, $2) ORDER BY kind, id LIMIT 256', last);
    if (page.length === 0) break;
    vectors.push({ embedder: page[0]!.embedder, kinds: page.map((v) => v.kind), ids: page.map((v) => v.id), bytes: encodeVectorArray(page.map((v) => fromSql(v.e) as number[]), oid) });
  }
  const indexes = (
    await db.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE indexname = ANY($1::text[]) OR indexname LIKE 'search_vectors_embedding_%' ORDER BY tablename DESC, indexname`, [GIN_INDEXES])
  ).map((r) => r.def);
  return { catalogue, search: { columns: await columnsOf('search_index'), batches: search, rows: n - context.length }, terms, vectors, indexes, records };
}

const BATCH = 500;
let files = 0;
let stores = 0;

/**
 * The baseline: a plain bulk insert of the ingest's own final rows into the same tables, in a
 * store with the same context. The rows come precomputed (catalogue rows with their data and hash,
 * search_index rows with their tsvector, search_terms, search_vectors as binary vectors): no
 * parsing, validation, hashing, reference checks, stemming, embedding or ANALYZE. 500-row
 * INSERTs (each batch read from its file, a few ms in all) (vectors 256 per statement, committed each, as embed-pending.ts does), and, as the ingest
 * does, search_index's GIN indexes rebuilt after loads of more than 2,000 rows and the HNSW index
 * built after the vectors, with the ingest's own index definitions.
 */
async function timeBulkInsert(rows: FinalRows, dir: string) {
  const { db } = await freshStore(dir);
  resetPeak();
  const t = performance.now();
  const rebuild = rows.search.rows > 2000;
  const gin = rows.indexes.filter((d) => GIN_INDEXES.some((name) => d.includes(` ${name} `)));
  await db.transaction(async (tx) => {
    if (rebuild) for (const name of GIN_INDEXES) await tx.exec(`DROP INDEX ${name}`);
    for (const { table, columns, batches } of rows.catalogue) {
      for (const batch of batches) await tx.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [readFileSync(batch, 'utf8')]);
    }
    const { columns, batches } = rows.search;
    for (const batch of batches) await tx.query(`INSERT INTO search_index (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::search_index, $1::jsonb)`, [readFileSync(batch, 'utf8')]);
    if (rebuild) for (const def of gin) await tx.exec(def);
    await tx.query(
      'INSERT INTO search_terms (term, df) SELECT term, df FROM jsonb_populate_recordset(NULL::search_terms, $1::jsonb) ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df',
      [rows.terms],
    );
  });
  for (const v of rows.vectors) {
    await db.query('INSERT INTO search_vectors (kind, id, embedder, embedding) SELECT kind, id, $1, embedding FROM unnest($2::text[], $3::text[], $4::vector[]) AS v(kind, id, embedding)', [
      v.embedder,
      v.kinds,
      v.ids,
      v.bytes,
    ]);
  }
  for (const def of rows.indexes.filter((d) => !gin.includes(d))) await db.exec(def);
  const seconds = (performance.now() - t) / 1000;
  sample();
  await closeStore(db);
  return { records: rows.records, seconds };
}

/** A corsi.csv in the partner's own format (BOM, `;`, CRLF), 20,000 rows built from its real ones. */
function generatedCsv(dir: string, rows: number): string {
  const text = readFileSync(join(SHARED, 'lto-export/corsi.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = text.split('\r\n').filter(Boolean);
  const simple = lines.filter((l) => /^C\d{3};/.test(l) && !l.includes('"'));
  const out = [header];
  for (let i = 0; i < rows; i++) out.push(simple[i % simple.length]!.replace(/^C\d{3};/, `G${String(i).padStart(5, '0')};`));
  const path = join(dir, 'corsi-20000.csv');
  writeFileSync(path, `\uFEFF${out.join('\r\n')}\r\n`);
  return path;
}

const ROUNDS = 5;

/** The median ingest and the median bulk insert of ROUNDS turns each. */
async function rounds(paths: string[], dir: string): Promise<[Timed, Timed]> {
  const ingests: Timed[] = [];
  const bulks: Timed[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { records, seconds, rows } = await timeIngest(paths, dir);
    // Only the figures are kept: a round's rows (vectors in memory) would add to the next one's peak RSS.
    ingests.push({ records, seconds });
    bulks.push(await timeBulkInsert(rows, dir));
  }
  const median = (list: Timed[]) => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)]!;
  const spread = (list: Timed[]) => list.map((t) => t.seconds.toFixed(2)).join(' ');
  return [{ ...median(ingests), rounds: spread(ingests) }, { ...median(bulks), rounds: spread(bulks) }];
}

interface Timed {
  records: number;
  seconds: number;
  /** Every round's seconds, for the spread. */
  rounds?: string;
}

export async function ingestBenchmark(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Figure[] = [];
  const row = (label: string, r: Timed, base: Timed) => {
    const rate = r.records / r.seconds;
    const baseRate = base.records / base.seconds;
    figures.push({ benchmark: 'ingest', measure: label, value: rate, unit: 'rec/s', baseline: { label: 'bulk insert of the same rows', value: baseRate }, target: r.records >= 20_000 ? '≥ 2,000 rec/s' : undefined });
    return `${label.padEnd(34)} ${String(r.records).padStart(6)} records ${r.seconds.toFixed(2).padStart(6)} s ${Math.round(rate).toString().padStart(6)} rec/s   bulk insert ${Math.round(baseRate).toString().padStart(6)} rec/s   ratio ${(rate / baseRate).toFixed(2)}   (rounds: ingest ${r.rounds} s, bulk ${base.rounds} s)`;
  };
  const lto = join(SHARED, 'lto-export');
  const dir = mkdtempSync(join(tmpdir(), 'orienta-bench-ingest-'));
  try {
    const partner = [join(lto, 'corsi.csv'), join(lto, 'servizi.csv'), join(lto, 'iniziative.csv'), join(lto, 'calendario.csv')];
    lines.push(row('partner export (4 files)', ...(await rounds(partner, dir))));
    lines.push(row('generated corsi.csv (20,000 rows)', ...(await rounds([generatedCsv(dir, 20_000)], dir))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(`medians of ${ROUNDS} rounds, ingest and bulk insert taking turns`);
  lines.push('bulk insert: the same final rows (catalogue, search_index with its tsvector, search_terms, search_vectors) precomputed,');
  lines.push('             500-row INSERTs (vectors 256) into the same tables, GIN and HNSW indexes built after; no parsing, checks, hashing, embedding or ANALYZE');
  lines.push(`peak RSS ${mb(peak)} MB (${canReset ? 'kernel high-water mark during the measured loads' : 'sampled every 50 ms'})`);
  figures.push({ benchmark: 'ingest', measure: 'peak RSS', value: mb(peak), unit: 'MB', target: '≤ 800 MB' });
  return { lines, figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await ingestBenchmark()).lines) console.log(line);
}
