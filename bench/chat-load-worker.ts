// The load of the chat-API benchmark, from a process of its own: CONNECTIONS conversations, each
// talking in turns for DURATION_MS. Usage: tsx bench/chat-load-worker.ts <base-url> <path> <connections> <ms>
import { percentile } from './stats.js';

const [base, path, connections, duration] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4]), Number(process.argv[5])];
const SCRIPT = ['corsi di stampa 3d a viadana', 'e online?', 'C001', 'quando inizia?', 'come faccio la DID?', 'orari del centro per l impiego di Suzzara', 'welding course', 'grazie'];
const latencies: number[] = [];
let errors = 0;
const until = Date.now() + duration;

async function conversation(n: number) {
  let conversationId: string | undefined;
  let cookie = '';
  for (let i = 0; Date.now() < until; i++) {
    const t = performance.now();
    try {
      const res =
        path === '/healthz'
          ? await fetch(`${base}/healthz`)
          : await fetch(`${base}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
              body: JSON.stringify({ text: SCRIPT[(i + n) % SCRIPT.length], ...(conversationId ? { conversationId } : {}) }),
            });
      const body = (await res.json()) as { conversationId?: string };
      if (!res.ok) errors++;
      conversationId = body.conversationId ?? conversationId;
      cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, (_, n) => conversation(n)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors }));
