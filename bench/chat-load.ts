// Chat-API benchmark: requests per second, p50/p95/p99 latency and errors of POST /api/chat with 50
// concurrent conversations on the embedded store, from a second process, against GET /healthz
// under the same load in the same run; the same load with message ids, as the widget sends them
// (each through the delivery ledger), against it without; the server's RSS. Run: npm run bench:chat
//
// Two loads. The closed loop (each conversation sends again the moment it has its reply) measures
// capacity: how many requests a second the server completes. Its latency is not a second figure:
// with 50 conversations always waiting, mean latency = 50 / throughput (Little's law) whatever the
// server does. Latency is measured at a fixed offered rate, RATE requests a second spread over the
// same 50 conversations (autocannon's --overallRate), counted from each message's scheduled time.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../test/support/serve.js';
import { CHAT_SCRIPT } from './chat-script.js';
import { prepare } from './search.js';
import type { BenchResult, Figure } from './figures.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
/** The offered rate of the latency run: the throughput target. */
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 150);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;

function rssOf(pid: number): number {
  const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  return kb * 1024;
}

/** One conversation through the script, so the figures are of a server that has run each turn before. */
export async function warm(base: string): Promise<void> {
  let conversationId: string | undefined;
  let cookie = '';
  for (const text of CHAT_SCRIPT) {
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ text, ...(conversationId ? { conversationId } : {}) }) });
    if (!res.ok) throw new Error(`warm-up turn "${text}" failed: HTTP ${res.status} ${await res.text()}`);
    conversationId = ((await res.json()) as { conversationId: string }).conversationId;
    cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  }
}

export type LoadFigures = { requests: number; rps: number; p50: number; p95: number; p99: number; errors: number };

/**
 * `connections` conversations (or plain GETs of `path`) from a process of its own for `durationMs`;
 * asynchronous, so the caller keeps measuring while it runs. A `rate` paces them (see the worker).
 */
export async function runLoad(base: string, path: string, connections: number, durationMs: number, rate?: number, withIds = false): Promise<LoadFigures> {
  const args = [base, path, String(connections), String(durationMs), ...(rate ? [String(rate)] : [])];
  const env = { ...process.env, BENCH_MESSAGE_IDS: withIds ? '1' : '0' };
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'chat-load-worker.ts'), ...args], { encoding: 'utf8', env });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadFigures;
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
    const load = (path: string, rate?: number, withIds = false) => runLoad(base, path, CONNECTIONS, DURATION_MS, rate, withIds);
    // One conversation through the script first, as the other benchmarks warm each query once: the
    // figures are of a server that has run each turn before, not of its first seconds.
    await warm(base);
    const baseline = await load('/healthz');
    const chat = await load('/api/chat');
    const chatWithIds = await load('/api/chat', undefined, true);
    const paced = await load('/api/chat', RATE);
    const pacedBaseline = await load('/healthz', RATE);
    const line = (label: string, m: LoadFigures) =>
      `${label.padEnd(26)} ${m.rps!.toFixed(0).padStart(5)} req/s   p50 ${ms(m.p50!).padStart(7)}   p95 ${ms(m.p95!).padStart(7)}   p99 ${ms(m.p99!).padStart(7)} ms   errors ${m.errors}/${m.requests}`;
    const errors = chat.errors! + chatWithIds.errors! + paced.errors!;
    const requests = chat.requests! + chatWithIds.requests! + paced.requests!;
    const figures: Figure[] = [
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations, closed loop: req/s`, value: chat.rps!, unit: 'req/s', baseline: { label: 'GET /healthz', value: baseline.rps! }, target: '≥ 150' },
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations, closed loop, message ids: req/s`, value: chatWithIds.rps!, unit: 'req/s', baseline: { label: 'without ids', value: chat.rps! } },
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations at ${RATE} req/s: p50`, value: paced.p50!, unit: 'ms', baseline: { label: 'GET /healthz', value: pacedBaseline.p50! } },
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations at ${RATE} req/s: p95`, value: paced.p95!, unit: 'ms', baseline: { label: 'GET /healthz', value: pacedBaseline.p95! } },
      { benchmark: 'chat API', measure: `${CONNECTIONS} conversations at ${RATE} req/s: p99`, value: paced.p99!, unit: 'ms', baseline: { label: 'GET /healthz', value: pacedBaseline.p99! }, target: '≤ 100 ms' },
      { benchmark: 'chat API', measure: 'errors', value: errors, unit: `of ${requests}`, target: '0' },
      { benchmark: 'chat API', measure: 'server peak RSS', value: mb(peak), unit: 'MB' },
    ];
    const lines = [
      `${CONNECTIONS} concurrent conversations for ${DURATION_MS / 1000} s each, load from a second process, after one warm-up conversation`,
      'closed loop (each conversation sends again as soon as it has its reply): capacity',
      line('  GET /healthz (baseline)', baseline),
      line('  POST /api/chat', chat),
      `  ratio to baseline: req/s ${(chat.rps! / baseline.rps!).toFixed(2)}; mean latency is ${CONNECTIONS} / throughput here, so it is not a latency figure`,
      line('  POST /api/chat, message ids', chatWithIds),
      `  as the widget sends them, each through the delivery ledger: req/s ${(chatWithIds.rps! / chat.rps!).toFixed(2)} of the same load without ids`,
      `offered ${RATE} req/s over the same ${CONNECTIONS} conversations, latency from each scheduled send: latency`,
      line('  GET /healthz (baseline)', pacedBaseline),
      line('  POST /api/chat', paced),
      `  ratio to baseline: p99 ${(paced.p99! / pacedBaseline.p99!).toFixed(2)}`,
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
