// Liveness under load: GET /healthz polled as an orchestrator polls it, first with the server idle
// (the baseline of the same run), then while 50 conversations talk to POST /api/chat on the
// embedded store from a second process: closed loop (as fast as the server answers) and paced at
// the chat API's target rate. Prints /healthz p50/p99/max and the ratio to the idle baseline, and
// what the chat load got meanwhile. Target: /healthz p99 ≤ 20 ms under load.
// Run: npm run bench:health   (BENCH_SECONDS: seconds per phase, 20; BENCH_CHAT_RATE: 150)
//
// The probe runs in this process as a kubelet's does: one request at a time on a kept-alive
// connection, due every PROBE_EVERY_MS; a probe's latency is its request's, from send to the whole
// answer (what a probe timeout applies to), and a probe that comes due while one is still out is
// counted as delayed rather than queued behind it. The chat load runs in a process of its own and
// the server in a third. The server's own event-loop delay over each phase comes from its /metrics
// (prom-client's, reset at every read), to tell a slow /healthz from a busy loop.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../test/support/serve.js';
import { runLoad, warm, type LoadFigures } from './chat-load.js';
import type { BenchResult, Figure } from './figures.js';
import { prepare } from './search.js';
import { ms, percentile } from './stats.js';

const CONVERSATIONS = 50;
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 150);
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 20) * 1000;
const PROBE_EVERY_MS = 10;
/** The load is left this long to reach its pace before the probe starts, and outlives the probe by as much. */
const SETTLE_MS = 1500;

type Probed = { probes: number; p50: number; p99: number; max: number; failures: number; skipped: number; loopP99: number; loopMax: number };

/** The server's event-loop delay since the last read, in ms (prom-client resets its histogram at every scrape). */
async function loopDelay(base: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const seconds = (name: string) => Number(text.match(new RegExp(`^${name} (\\S+)`, 'm'))?.[1] ?? NaN);
  return { p99: seconds('nodejs_eventloop_lag_p99_seconds') * 1000, max: seconds('nodejs_eventloop_lag_max_seconds') * 1000 };
}

async function probe(base: string, durationMs: number): Promise<Probed> {
  const latencies: number[] = [];
  let failures = 0;
  let skipped = 0;
  await loopDelay(base);
  const started = performance.now();
  for (let due = started; due < started + durationMs; due += PROBE_EVERY_MS) {
    const now = performance.now();
    if (due > now) await new Promise((r) => setTimeout(r, due - now));
    else if (now - due >= PROBE_EVERY_MS) {
      skipped++;
      continue;
    }
    const sent = performance.now();
    try {
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    } catch {
      failures++;
    }
    latencies.push(performance.now() - sent);
  }
  const loop = await loopDelay(base);
  latencies.sort((a, b) => a - b);
  return { probes: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)!, failures, skipped, loopP99: loop.p99, loopMax: loop.max };
}

/** The probe inside the load's window: after it has reached its pace, before it winds down. */
async function probeUnder(base: string, rate?: number): Promise<{ health: Probed; chat: LoadFigures }> {
  const chat = runLoad(base, '/api/chat', CONVERSATIONS, PHASE_MS + 2 * SETTLE_MS, rate);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const health = await probe(base, PHASE_MS);
  return { health, chat: await chat };
}

export async function healthBenchmark(): Promise<BenchResult> {
  const dir = await prepare('sample');
  // The bench is the only client: the per-IP limit is lifted so it measures the server, not the limiter.
  const server = await serve({ WEB_RATE_PER_MINUTE: '10000' }, ['--data-dir', dir]);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    await warm(base);
    const idle = await probe(base, PHASE_MS);
    const closed = await probeUnder(base);
    const paced = await probeUnder(base, RATE);
    const health = (label: string, p: Probed) =>
      `${label.padEnd(36)} p50 ${ms(p.p50).padStart(7)}   p99 ${ms(p.p99).padStart(7)}   max ${ms(p.max).padStart(8)} ms   ${p.probes} probes (${p.skipped} due while one was out), ${p.failures} not 200; server loop delay p99 ${ms(p.loopP99)}, max ${ms(p.loopMax)} ms`;
    const chat = (c: LoadFigures) => `${''.padEnd(4)}meanwhile POST /api/chat: ${c.rps.toFixed(0)} req/s, p50 ${ms(c.p50)}, p99 ${ms(c.p99)} ms, errors ${c.errors}/${c.requests}`;
    const ratio = (p: Probed) => `${''.padEnd(4)}ratio to idle: p50 ${(p.p50 / idle.p50).toFixed(1)}, p99 ${(p.p99 / idle.p99).toFixed(1)}`;
    const lines = [
      `GET /healthz due every ${PROBE_EVERY_MS} ms for ${PHASE_MS / 1000} s per phase, one at a time; embedded store; chat load from a second process`,
      health('  idle (baseline)', idle),
      health(`  ${CONVERSATIONS} conversations, closed loop`, closed.health),
      ratio(closed.health),
      chat(closed.chat),
      health(`  ${CONVERSATIONS} conversations at ${RATE} req/s`, paced.health),
      ratio(paced.health),
      chat(paced.chat),
    ];
    const figures: Figure[] = [
      { benchmark: 'liveness', measure: `/healthz p99, ${CONVERSATIONS} conversations closed loop`, value: closed.health.p99, unit: 'ms', baseline: { label: 'idle', value: idle.p99 }, target: '≤ 20 ms' },
      { benchmark: 'liveness', measure: `/healthz p99, ${CONVERSATIONS} conversations at ${RATE} req/s`, value: paced.health.p99, unit: 'ms', baseline: { label: 'idle', value: idle.p99 }, target: '≤ 20 ms' },
      { benchmark: 'liveness', measure: `/healthz p50, ${CONVERSATIONS} conversations closed loop`, value: closed.health.p50, unit: 'ms', baseline: { label: 'idle', value: idle.p50 } },
    ];
    return { lines, figures };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await healthBenchmark()).lines) console.log(line);
}
