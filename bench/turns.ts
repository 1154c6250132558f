// Engine benchmark: turns per second and p50/p95 turn latency in-process without an LLM on the
// sample catalogue, each against the bare search query of the same turn measured in the same run;
// RSS. The data dir is prepared first, then measured in a fresh process. Run: npm run bench:turns
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSampleStore } from '../test/support/sample-store.js';
import { freshPostgres } from '../test/support/stores.js';
import { prepare } from './search.js';
import type { BenchResult, Figure } from './figures.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));

function measure(label: string, target: string, figures: Figure[]): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'turns-worker.ts'), target], { encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
  const where = label.startsWith('embedded') ? 'embedded' : 'PostgreSQL server';
  figures.push(
    { benchmark: 'turns', measure: `${where} turns/s`, value: m.perSecond!, unit: 'turns/s' },
    { benchmark: 'turns', measure: `${where} p95`, value: m.p95!, unit: 'ms', baseline: { label: 'bare search', value: m.s95! } },
    { benchmark: 'turns', measure: `${where} RSS`, value: mb(m.rss!), unit: 'MB' },
  );
  return [
    `${label}: ${m.n} turns (${m.questions} questions x ${m.rounds}, a new conversation each, it/en, plain and rich channels)`,
    `  turns per second ${m.perSecond!.toFixed(0).padStart(6)}`,
    `  turn p50 ${ms(m.p50!).padStart(7)} ms   bare search ${ms(m.s50!).padStart(7)} ms   ratio ${(m.p50! / m.s50!).toFixed(2)}`,
    `  turn p95 ${ms(m.p95!).padStart(7)} ms   bare search ${ms(m.s95!).padStart(7)} ms   ratio ${(m.p95! / m.s95!).toFixed(2)}`,
    `  RSS ${mb(m.rss!)} MB`,
  ];
}

/** A fresh database on the server with the sample loaded, dropped afterwards. */
async function onServer(url: string, figures: Figure[]): Promise<string[]> {
  const fresh = await freshPostgres(url);
  try {
    await prepareSampleStore(fresh.db);
    return measure(`PostgreSQL server (${new URL(fresh.url).host})`, fresh.url, figures);
  } finally {
    await fresh.cleanup();
  }
}

export async function turnsBenchmark(): Promise<BenchResult> {
  const dir = await prepare('sample');
  const lines: string[] = [];
  const figures: Figure[] = [];
  try {
    lines.push(...measure('embedded store (PGlite)', dir, figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  lines.push(...(url ? await onServer(url, figures) : ['PostgreSQL server: skipped (set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)']));
  return { lines, figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await turnsBenchmark()).lines) console.log(line);
}
