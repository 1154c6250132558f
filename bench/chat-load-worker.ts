// The load of the chat-API benchmark, from a process of its own: CONNECTIONS conversations, each
// talking in turns for DURATION_MS.
// Usage: tsx bench/chat-load-worker.ts <base-url> <path> <connections> <ms> [<requests per second>]
// Without a rate each conversation sends its next message as soon as it has the reply (a closed
// loop: the server's capacity, and latency = conversations / throughput by Little's law). With a
// rate, the conversations together send that many messages a second on a fixed schedule (each one
// every connections/rate s, as autocannon's --overallRate does); a conversation still waits for
// its reply before the next message, and latency counts from the scheduled send, so a slow reply
// also delays what was due after it (no coordinated omission).
import { CHAT_SCRIPT as SCRIPT } from './chat-script.js';
import { percentile } from './stats.js';

const [base, path, connections, duration] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4]), Number(process.argv[5])];
const rate = process.argv[6] ? Number(process.argv[6]) : undefined;
/** As the widget sends them: each message with an id of its own, so each goes through the delivery ledger. */
const withIds = process.env.BENCH_MESSAGE_IDS === '1';
const latencies: number[] = [];
let errors = 0;
const started = performance.now();
const until = started + duration;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function conversation(n: number) {
  let conversationId: string | undefined;
  let cookie = '';
  const every = rate ? (connections / rate) * 1000 : 0;
  for (let i = 0; ; i++) {
    // The moment this message is due: spread over the conversations so the load is even.
    const due = rate ? started + (n * 1000) / rate + i * every : performance.now();
    if (due >= until) return;
    if (due > performance.now()) await sleep(due - performance.now());
    try {
      const res =
        path === '/healthz'
          ? await fetch(`${base}/healthz`)
          : await fetch(`${base}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
              body: JSON.stringify({ text: SCRIPT[(i + n) % SCRIPT.length], ...(conversationId ? { conversationId } : {}), ...(withIds ? { messageId: `b${n}-${i}` } : {}) }),
            });
      const body = (await res.json()) as { conversationId?: string };
      if (!res.ok) errors++;
      conversationId = body.conversationId ?? conversationId;
      cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - due);
  }
}

await Promise.all(Array.from({ length: connections }, (_, n) => conversation(n)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors }));
