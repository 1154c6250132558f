// The web half of the soak, from a process of its own: CONVERSATIONS visitors of the chat API, each
// visiting again and again until the time is up. Usage: tsx bench/soak-web-worker.ts <base-url> <conversations> <ms>
import type { Reply } from '../domain/message.js';
import { visit, type SoakReply } from './soak-script.js';
import { percentile } from './stats.js';

const [base, conversations, duration] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const until = Date.now() + duration;
const latencies: number[] = [];
/** [ms since start, latency]: the first and the last minute are compared, to see drift. */
const timeline: [number, number][] = [];
const t0 = performance.now();
const failures: string[] = [];
let errors = 0;
const totals = { visits: 0, booked: 0, waitlisted: 0, cancelled: 0 };

function flatten(reply: Reply): SoakReply {
  const text: string[] = [];
  const actions: string[] = [];
  for (const m of reply.messages) {
    if (m.type === 'text') text.push(m.text);
    else if (m.type === 'choices') {
      text.push(m.text, ...m.choices.map((c) => c.label));
      actions.push(...m.choices.map((c) => c.action));
    } else if (m.type === 'card') {
      text.push(m.title, ...(m.text ? [m.text] : []));
      actions.push(...m.actions.flatMap((a) => (a.action ? [a.action] : [])));
    }
  }
  return { intent: reply.intent, text: text.join('\n'), actions };
}

async function visitor(n: number) {
  for (let i = 0; Date.now() < until; i++) {
    let conversationId: string | undefined;
    let cookie = '';
    const send = async (body: { text?: string; action?: string }): Promise<SoakReply> => {
      const t = performance.now();
      try {
        const res = await fetch(`${base}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          body: JSON.stringify({ ...body, ...(conversationId ? { conversationId } : {}) }),
        });
        cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
        const reply = (await res.json()) as Reply;
        if (!res.ok || reply.intent === 'error') {
          errors++;
          if (failures.length < 5) failures.push(`${res.status} ${JSON.stringify(body)} → ${JSON.stringify(reply).slice(0, 200)}`);
        }
        conversationId = reply.conversationId ?? conversationId;
        return flatten(reply);
      } catch (error) {
        errors++;
        if (failures.length < 5) failures.push(`${JSON.stringify(body)} → ${(error as Error).message}`);
        return { intent: 'error', text: '', actions: [] };
      } finally {
        latencies.push(performance.now() - t);
        timeline.push([t - t0, performance.now() - t]);
      }
    };
    const r = await visit(send, n, i);
    totals.visits++;
    if (r.booked) totals.booked++;
    if (r.waitlisted) totals.waitlisted++;
    if (r.cancelled) totals.cancelled++;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: conversations }, (_, n) => visitor(n)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const window = Math.min(60_000, (seconds * 1000) / 3);
const p95Of = (xs: [number, number][]) => percentile(xs.map(([, l]) => l).sort((a, b) => a - b), 95);
const firstP95 = p95Of(timeline.filter(([at]) => at < window));
const lastP95 = p95Of(timeline.filter(([at]) => at >= seconds * 1000 - window));
console.log(JSON.stringify({ firstP95, lastP95, window, turns: latencies.length, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors, failures, ...totals }));
