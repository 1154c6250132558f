// Ingest benchmark: records per second for the partner export and for a generated 20,000-row
// CSV, each against a plain bulk insert of the same rows in the same run; peak RSS.
// Run: npm run bench:ingest
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { ingestPaths } from '../ingest/pipeline.js';
import type { BenchResult, Figure } from './figures.js';
import { mb } from './stats.js';

const SHARED = fileURLToPath(new URL('../../shared/data/', import.meta.url));
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
setInterval(sample, 50).unref();

async function freshStore() {
  const db = await PgliteDatabase.open();
  await migrate(db);
  const vector = await enableVector(db);
  // Comuni and sites are the context the measured files refer to; not part of the figure.
  await ingestPaths(db, [join(SHARED, 'istat/comuni_mantova_coordinate.json'), join(SHARED, 'lto-export/sedi.csv')]);
  return { db, vector };
}

/** The full pipeline: read, validate, check references, upsert, search index, embeddings. */
async function timeIngest(paths: string[]) {
  const { db, vector } = await freshStore();
  const t = performance.now();
  const results = await ingestPaths(db, paths);
  await embedPending(db, vector, new HashedNgramEmbedder());
  const seconds = (performance.now() - t) / 1000;
  sample();
  const records = results.reduce((n, r) => n + r.created + r.updated + r.unchanged, 0);
  const rejected = results.reduce((n, r) => n + r.rejected, 0);
  await db.close();
  return { records, rejected, seconds };
}

/** The baseline: the same courses as rows, inserted in bulk with no parsing, checks or index. */
async function timeBulkInsert(rows: Record<string, unknown>[]) {
  const { db } = await freshStore();
  const t = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await tx.query(
        `INSERT INTO courses (id, title, provider, site_id, topic, level, audience, mode, hours, start_date, end_date, cost, seats, data, source, content_hash)
         SELECT id, title, provider, site_id, topic, level, audience, mode, hours, start_date, end_date, cost, seats, to_jsonb(r), 'bulk', id
           FROM jsonb_to_recordset($1::jsonb) AS r(id text, title text, provider text, site_id text, topic text, level text, audience text[], mode text,
                hours numeric, start_date date, end_date date, cost numeric, seats int)`,
        [JSON.stringify(rows.slice(i, i + 500))],
      );
    }
  });
  const seconds = (performance.now() - t) / 1000;
  sample();
  await db.close();
  return { records: rows.length, seconds };
}

function bulkRows(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `G${i}`, title: `Corso ${i}`, provider: 'Ente', site_id: 'S01', topic: 'Coding', level: 'beginner', audience: ['students'], mode: 'presence',
    hours: 20, start_date: '2027-01-13', end_date: '2027-02-17', cost: 0, seats: 15,
  }));
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

export async function ingestBenchmark(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Figure[] = [];
  const row = (label: string, r: { records: number; seconds: number }, base: { records: number; seconds: number }) => {
    const rate = r.records / r.seconds;
    const baseRate = base.records / base.seconds;
    figures.push({ benchmark: 'ingest', measure: label, value: rate, unit: 'rec/s', baseline: { label: 'bulk insert', value: baseRate }, target: r.records >= 20_000 ? '≥ 2,000 rec/s' : undefined });
    return `${label.padEnd(34)} ${String(r.records).padStart(6)} records ${r.seconds.toFixed(2).padStart(6)} s ${Math.round(rate).toString().padStart(6)} rec/s   bulk insert ${Math.round(baseRate).toString().padStart(6)} rec/s   ratio ${(rate / baseRate).toFixed(2)}`;
  };
  const lto = join(SHARED, 'lto-export');
  const partner = await timeIngest([join(lto, 'corsi.csv'), join(lto, 'servizi.csv'), join(lto, 'iniziative.csv'), join(lto, 'calendario.csv')]);
  lines.push(row('partner export (4 files)', partner, await timeBulkInsert(bulkRows(partner.records))));
  const dir = mkdtempSync(join(tmpdir(), 'orienta-bench-ingest-'));
  try {
    const generated = await timeIngest([generatedCsv(dir, 20_000)]);
    lines.push(row('generated corsi.csv (20,000 rows)', generated, await timeBulkInsert(bulkRows(20_000))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(`peak RSS ${mb(peak)} MB`);
  figures.push({ benchmark: 'ingest', measure: 'peak RSS', value: mb(peak), unit: 'MB', target: '≤ 800 MB' });
  return { lines, figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await ingestBenchmark()).lines) console.log(line);
}
