// Search benchmark: warm start to first search, latency p50/p95 on the sample and on 20,000
// records, RSS. Each data dir is prepared first, then measured in a fresh process (as a server
// would open it); every figure comes with the same process's plain full-scan baseline.
// Run: npm run bench:search
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { applyInTransaction } from '../ingest/apply.js';
import { readSample } from '../ingest/sample.js';
import { generateCatalogue } from './generate-catalogue.js';
import type { BenchResult, Figure } from './figures.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));

export async function prepare(records: number | 'sample'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-bench-'));
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  await migrate(db);
  const vector = await enableVector(db);
  await applyInTransaction(db, records === 'sample' ? readSample() : generateCatalogue(records, readSample()), 'bench');
  await embedPending(db, vector, new HashedNgramEmbedder());
  await db.close();
  return dir;
}

interface Measured {
  records: number;
  measured: number;
  warmStart: number;
  baselineFirst: number;
  p50: number;
  p95: number;
  baseP50: number;
  baseP95: number;
  rss: number;
  slowest: string[];
}

function measure(dir: string): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'search-worker.ts'), dir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
}

export async function searchBenchmark(): Promise<BenchResult> {
  const lines: string[] = [];
  const figures: Figure[] = [];
  for (const size of ['sample', 19_800] as const) {
    const dir = await prepare(size);
    try {
      const m = measure(dir);
      const label = size === 'sample' ? `sample (${m.records} records)` : `generated (${m.records} records)`;
      lines.push(`${label.padEnd(28)} warm start to first search ${ms(m.warmStart).padStart(8)} ms (baseline first query ${ms(m.baselineFirst)} ms)`);
      lines.push(`${''.padEnd(28)} ${m.measured} searches (the retrieval set, 3 rounds) after one warm-up pass of each query`);
      lines.push(`${''.padEnd(28)} search p50 ${ms(m.p50).padStart(7)} ms   baseline ${ms(m.baseP50).padStart(7)} ms   ratio ${(m.p50 / m.baseP50).toFixed(2)}`);
      lines.push(`${''.padEnd(28)} search p95 ${ms(m.p95).padStart(7)} ms   baseline ${ms(m.baseP95).padStart(7)} ms   ratio ${(m.p95 / m.baseP95).toFixed(2)}`);
      lines.push(`${''.padEnd(28)} RSS ${mb(m.rss)} MB; slowest queries: ${m.slowest.slice(0, 3).join(' | ')}`);
      const sample = size === 'sample';
      const which = sample ? 'sample' : `${m.records} records`;
      figures.push(
        { benchmark: 'search', measure: `${which} warm start`, value: m.warmStart, unit: 'ms', baseline: { label: 'first bare query', value: m.baselineFirst } },
        { benchmark: 'search', measure: `${which} p95`, value: m.p95, unit: 'ms', baseline: { label: 'full scan', value: m.baseP95 }, target: sample ? '≤ 15 ms' : '≤ 40 ms' },
        { benchmark: 'search', measure: `${which} RSS`, value: mb(m.rss), unit: 'MB' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { lines, figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await searchBenchmark()).lines) console.log(line);
}
