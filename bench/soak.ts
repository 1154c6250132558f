// Soak: CONVERSATIONS people at once for SOAK_MINUTES (10 by default), four in five on the web chat
// API and one in five on Telegram (the server long-polling a fake Bot API), each searching, booking
// step by step and cancelling, against one `orienta serve` on the embedded store. Prints errors (the target is 0), latency of the first minute against the last (drift), the
// server's RSS over time (bounded), and checks every slot against its bookings at the end.
// Run: npm run bench:soak   (SOAK_MINUTES=1 for a quick look)
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { countersConsistent } from '../test/support/booking-fixtures.js';
import { FAKE_TOKEN, FakeTelegram } from '../test/support/fake-telegram.js';
import { serve } from '../test/support/serve.js';
import type { BenchResult, Figure } from './figures.js';
import { prepare } from './search.js';
import { telegramVisitors, type TelegramSoak } from './soak-telegram.js';
import { mb, ms } from './stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CONVERSATIONS = Number(process.env.SOAK_CONVERSATIONS ?? 50);
const ON_TELEGRAM = Math.max(1, Math.round(CONVERSATIONS / 5));

const rssOf = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) * 1024;

export async function soakBenchmark(): Promise<BenchResult> {
  const dir = await prepare('sample');
  const telegram = await FakeTelegram.start();
  const server = await serve({ WEB_RATE_PER_MINUTE: '10000', ORIENTA_NOW: '2026-11-25T10:00:00+01:00', TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot }, ['--data-dir', dir]);
  // Before any load: what an idle server holds, to compare the end with.
  const atStart = rssOf(server.child.pid!);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssOf(server.child.pid!)), 1000);
  let web: Record<string, any>;
  let tg: TelegramSoak;
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const until = Date.now() + MINUTES * 60_000;
    const webLoad = promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'soak-web-worker.ts'), base, String(CONVERSATIONS - ON_TELEGRAM), String(MINUTES * 60_000)], { encoding: 'utf8', maxBuffer: 16 << 20 });
    [tg, web] = await Promise.all([telegramVisitors(telegram, ON_TELEGRAM, until), webLoad.then(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1)!))]);
  } finally {
    clearInterval(sampler);
    server.child.kill('SIGTERM');
    await server.exited;
    await telegram.close();
  }
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  let inconsistent: unknown[];
  let held: { status: string; n: number }[];
  try {
    inconsistent = await countersConsistent(db);
    held = await db.query('SELECT status, count(*)::int AS n FROM bookings GROUP BY status ORDER BY status');
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const minute = Math.max(1, Math.floor(samples.length / MINUTES));
  const firstMinutePeak = Math.max(...samples.slice(0, minute));
  const peak = Math.max(...samples);
  const last = samples.at(-1) ?? 0;
  const lines = [
    `${CONVERSATIONS - ON_TELEGRAM} conversations for ${MINUTES} min on the web chat API: ${web.turns} turns (${web.perSecond.toFixed(0)}/s), ${web.visits} visits, ${web.booked} booked, ${web.waitlisted} waitlisted, ${web.cancelled} cancelled`,
    `${ON_TELEGRAM} on Telegram at the same time: ${tg.turns} turns, ${tg.visits} visits, ${tg.booked} booked, turn p95 ${ms(tg.p95)} ms`,
    `turns ${web.turns + tg.turns} in all, errors ${web.errors + tg.errors}${[...web.failures, ...tg.failures].length ? `: ${[...web.failures, ...tg.failures].join(' | ')}` : ''}`,
    `web turn p50 ${ms(web.p50)} ms  p95 ${ms(web.p95)} ms  p99 ${ms(web.p99)} ms; p95 of the first minute ${ms(web.firstP95)} ms, of the last ${ms(web.lastP95)} ms (ratio ${(web.lastP95 / web.firstP95).toFixed(2)})`,
    `server RSS: at the start ${mb(atStart)} MB (idle), first-minute peak ${mb(firstMinutePeak)} MB, overall peak ${mb(peak)} MB, at the end ${mb(last)} MB (peak to first-minute peak ${(peak / firstMinutePeak).toFixed(2)}, end to start ${(last / atStart).toFixed(2)})`,
    `bookings at the end: ${held.map((h) => `${h.n} ${h.status}`).join(', ') || 'none'}; slots inconsistent with their bookings: ${inconsistent.length}`,
  ];
  const figures: Figure[] = [
    { benchmark: 'soak', measure: `${MINUTES} min errors`, value: web.errors + tg.errors, unit: `of ${web.turns + tg.turns}`, target: '0' },
    { benchmark: 'soak', measure: 'last-minute turn p95', value: web.lastP95, unit: 'ms', baseline: { label: 'first minute', value: web.firstP95 } },
    { benchmark: 'soak', measure: 'server peak RSS', value: mb(peak), unit: 'MB', baseline: { label: 'first-minute peak', value: mb(firstMinutePeak) }, target: '≤ 1,024 MB' },
    { benchmark: 'soak', measure: 'inconsistent slots', value: inconsistent.length, unit: '', target: '0' },
  ];
  return { lines, figures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of (await soakBenchmark()).lines) console.log(line);
}
