// Chat during an ingest through the running server's socket: p50/p99 of chat turns (POST
// /api/chat, CHATTERS conversations each sending again as soon as it has its reply) while
// `orienta ingest` loads ROWS new courses into the embedded store `orienta serve` holds, against
// the same conversations for BASELINE_S seconds without an ingest before and after it (the store
// then holds ROWS more courses, and each search costs more), in the same run. Then: the
// ingest's time and exit code, and what the store holds (courses, their vectors, the indexes).
// Run: npm run bench:socket-ingest   (BENCH_INGEST_ROWS=20000 BENCH_CHATTERS=4 BENCH_BASELINE_SECONDS=20)
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runCli } from '../test/support/cli.js';
import { percentile, startChatter, type ChatFigures } from '../test/support/chatter.js';
import { writeGeneratedCorsi } from '../test/support/generated-corsi.js';
import { serve } from '../test/support/serve.js';
import { CHAT_SCRIPT } from './chat-script.js';
import type { BenchResult, Figure } from './figures.js';
import { prepare } from './search.js';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 20_000);
const CHATTERS = Number(process.env.BENCH_CHATTERS ?? 4);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_SECONDS ?? 20) * 1000;

export async function socketIngestBenchmark(): Promise<BenchResult> {
  const dir = await prepare('sample');
  const server = await serve({ WEB_RATE_PER_MINUTE: '10000' }, ['--data-dir', dir]);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    // Every turn of the script once first: the figures are of a server that has run each before.
    const warm = startChatter(base, CHAT_SCRIPT, CHATTERS);
    await warm.replies(CHAT_SCRIPT.length);
    await warm.stop();

    const quietFor = async () => {
      const quiet = startChatter(base, CHAT_SCRIPT, CHATTERS);
      await new Promise((r) => setTimeout(r, BASELINE_MS));
      return quiet.stop();
    };
    const baseline = await quietFor();

    const csv = writeGeneratedCorsi(dir, ROWS);
    const busy = startChatter(base, CHAT_SCRIPT, CHATTERS);
    const started = performance.now();
    const ingest = await runCli(['ingest', csv, '--data-dir', dir]);
    const seconds = (performance.now() - started) / 1000;
    const during = await busy.stop();
    const stored = await whatIsStored(dir);
    // The store now holds ROWS more courses: searches cost more whatever runs beside them.
    const after = await quietFor();

    const p = (f: ChatFigures, q: number) => percentile(f.latencies, q);
    const line = (label: string, f: ChatFigures) =>
      `${label.padEnd(30)} ${String(f.latencies.length).padStart(6)} turns   p50 ${p(f, 50).toFixed(0).padStart(5)}   p99 ${p(f, 99).toFixed(0).padStart(5)}   max ${p(f, 100).toFixed(0).padStart(6)} ms   failed ${f.failures.length}`;
    const lines = [
      `${CHATTERS} conversation(s) chatting without pause; ${ROWS.toLocaleString('en')} new courses ingested through the socket of the running server (embedded store)`,
      line('  before, without an ingest', baseline),
      line('  during the ingest', during),
      line('  after, without an ingest', after),
      `  ratio during/before: p50 ${(p(during, 50) / p(baseline, 50)).toFixed(2)}, p99 ${(p(during, 99) / p(baseline, 99)).toFixed(2)}; ` +
        `during/after (the larger store): p50 ${(p(during, 50) / p(after, 50)).toFixed(2)}, p99 ${(p(during, 99) / p(after, 99)).toFixed(2)}`,
      `ingest: exit ${ingest.code} in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rec/s)${ingest.code === 0 ? '' : `\n${ingest.stdout}${ingest.stderr}`}`,
      `store after: ${stored.courses} generated courses, ${stored.vectors} with a vector; indexes: ${stored.indexes.join(', ')}`,
      ...during.failures.slice(0, 5).map((f) => `  failed turn: ${f}`),
    ];
    const figures: Figure[] = [
      { benchmark: 'socket ingest', measure: `chat p50 during a ${ROWS}-row ingest`, value: p(during, 50), unit: 'ms', baseline: { label: 'no ingest, store before', value: p(baseline, 50) } },
      { benchmark: 'socket ingest', measure: `chat p99 during a ${ROWS}-row ingest`, value: p(during, 99), unit: 'ms', baseline: { label: 'no ingest, store before', value: p(baseline, 99) }, target: '< 1000 ms' },
      { benchmark: 'socket ingest', measure: 'ingest through the socket', value: ROWS / seconds, unit: 'rec/s' },
      { benchmark: 'socket ingest', measure: 'failed chat turns', value: during.failures.length + baseline.failures.length + after.failures.length, unit: `of ${during.latencies.length + baseline.latencies.length + after.latencies.length}`, target: '0' },
    ];
    return { lines, figures };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Through the server's socket, as any other command would look. */
async function whatIsStored(dir: string) {
  const client = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const [row] = (
      await client.query<{ courses: number; vectors: number }>(
        "SELECT count(*)::int AS courses, count(v.id)::int AS vectors FROM courses c LEFT JOIN search_vectors v ON v.kind = 'course' AND v.id = c.id WHERE c.id LIKE 'G%'",
      )
    ).rows;
    const indexes = (await client.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('search_index', 'search_vectors') AND indexdef ~ 'gin|hnsw' ORDER BY 1")).rows;
    return { ...row!, indexes: indexes.map((i) => i.name) };
  } finally {
    await client.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await socketIngestBenchmark()).lines) console.log(line);
}
