// Chat-API benchmark: requests per second, p50/p95/p99 latency and errors of POST /api/chat with 50
// concurrent conversations on the embedded store, from a second process, against GET /healthz
// under the same load in the same run; the server's RSS. Run: npm run bench:chat
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../test/support/serve.js';
import { prepare } from './search.js';
import type { BenchResult, Figure } from './figures.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;

function rssOf(pid: number): number {
  const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb * 1024;
}

export async function chatLoadBenchmark(): Promise<BenchResult> {
  const dir = await prepare('sample');
  // The bench is the only client: the per-IP limit is lifted so it measures the server, not the limiter.
  const server = await serve({ WEB_RATE_PER_MINUTE: '10000' }, ['--data-dir', dir]);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid!))), 200);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    // Asynchronous, so this process keeps sampling the server's memory while the load runs.
    const load = async (path: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'chat-load-worker.ts'), base, path, String(CONNECTIONS), String(DURATION_MS)], { encoding: 'utf8' });
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    };
    const baseline = await load('/healthz');
    const chat = await load('/api/chat');
    const line = (label: string, m: Record<string, number>) =>
      `${label.padEnd(26)} ${m.rps!.toFixed(0).padStart(5)} req/s   p50 ${ms(m.p50!).padStart(7)}   p95 ${ms(m.p95!).padStart(7)}   p99 ${ms(m.p99!).padStart(7)} ms   errors ${m.errors}/${m.requests}`;
    const figures: Figure[] = [
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations req/s`, value: chat.rps!, unit: 'req/s', baseline: { label: 'GET /healthz', value: baseline.rps! } },
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations p99`, value: chat.p99!, unit: 'ms', baseline: { label: 'GET /healthz', value: baseline.p99! } },
      { benchmark: 'chat API', measure: 'errors', value: chat.errors!, unit: `of ${chat.requests}`, target: '0' },
      { benchmark: 'chat API', measure: 'server peak RSS', value: mb(peak), unit: 'MB' },
    ];
    const lines = [
      `${CONNECTIONS} concurrent conversations for ${DURATION_MS / 1000} s each, load from a second process`,
      line('GET /healthz (baseline)', baseline),
      line('POST /api/chat', chat),
      `ratio to baseline: req/s ${(chat.rps! / baseline.rps!).toFixed(2)}, p99 ${(chat.p99! / baseline.p99!).toFixed(2)}`,
      `server peak RSS ${mb(peak)} MB`,
    ];
    return { lines, figures };
  } finally {
    clearInterval(sampler);
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await chatLoadBenchmark()).lines) console.log(line);
}
