import { rmSync } from 'node:fs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { createLogger } from '../app/logger.js';
import { startOrienta, type Orienta } from '../app/orienta.js';
import { loadMigrations } from '../knowledge/db/migrate.js';
import { sampleDataDir } from '../test/support/cli.js';
import { freshPostgres, inCi } from '../test/support/stores.js';
import { createHttpApp } from '../app/http-app.js';
import { listen } from './server.js';

// The server as operators see it: /metrics after real turns and a booking through the web chat,
// /healthz and /readyz as the orchestrator polls them, and a log that names conversations but no person.

const NOW = '2026-11-25T10:00:00+01:00';
const TOKEN = 'metrics-token-for-the-test-0123';
const SCHEMA = loadMigrations().at(-1)!.version;

let dir: string;
let orienta: Orienta;
let app: Hono;
const log: string[] = [];

beforeAll(async () => {
  dir = await sampleDataDir();
  const config = loadConfig({ ORIENTA_DATA_DIR: dir, ORIENTA_NOW: NOW, METRICS_TOKEN: TOKEN });
  const logger = createLogger('info', { destination: { write: (line: string) => void log.push(line) } });
  orienta = await startOrienta(config, logger, { command: 'serve', serve: true });
  app = createHttpApp(orienta);
});
afterAll(async () => {
  await orienta?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser on the widget: the visitor cookie and the conversation id carried from turn to turn. */
function visitor() {
  let cookie = '';
  let conversationId: string | undefined;
  return {
    get conversationId() {
      return conversationId;
    },
    async say(text: string, messageId?: string): Promise<{ intent: string; messages: { type: string; text?: string }[] }> {
      const res = await app.request('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ text, ...(conversationId ? { conversationId } : {}), ...(messageId ? { messageId } : {}) }),
      });
      cookie ||= (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const reply = await res.json();
      expect(res.status, JSON.stringify(reply)).toBe(200);
      conversationId = reply.conversationId;
      return reply;
    },
  };
}

const metrics = async () => {
  const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one series, 0 when it has not appeared yet. */
const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);

describe('GET /metrics', () => {
  let conversationId: string | undefined;

  it('counts turns by channel and intent, times them, and counts the booking and the handoff', async () => {
    const before = await metrics();
    const v = visitor();
    expect((await v.say('corsi di stampa 3d a Viadana')).intent).toBe('find_course');
    const asked = await v.say('voglio iscrivermi a C001');
    if (JSON.stringify(asked).includes('Scegli una data')) await v.say('1');
    await v.say('Luca Moretti');
    await v.say('16');
    const booked = await v.say('sì');
    expect(JSON.stringify(booked)).toMatch(/LTO-[A-Z0-9]{4}/);
    expect((await v.say('voglio parlare con una persona, 333 4445556')).intent).toBe('handoff');
    conversationId = v.conversationId;

    const after = await metrics();
    const grew = (series: string) => value(after, series) - value(before, series);
    expect(grew('orienta_turns_total{channel="web",intent="find_course"}')).toBe(1);
    expect(grew('orienta_turn_duration_seconds_count{channel="web",intent="find_course"}')).toBe(1);
    expect(value(after, 'orienta_turn_duration_seconds_bucket{le="+Inf",channel="web",intent="find_course"}')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'orienta_turn_duration_seconds_sum{channel="web",intent="find_course"}')).toBeGreaterThan(0);
    expect(grew('orienta_bookings_total{event="booked",channel="web"}')).toBe(1);
    expect(grew('orienta_handoffs_total{event="requested",channel="web"}')).toBe(1);
    expect(after).toContain('# TYPE orienta_turn_duration_seconds histogram');
    expect(after).toContain('process_resident_memory_bytes');
  });

  it('counts errors by code, and the failed turn by its intent', async () => {
    const before = await metrics();
    // A real failure of the store under a turn: the table the turn is written to is missing.
    await orienta.store.db.exec('ALTER TABLE turns RENAME TO turns_away');
    try {
      expect((await visitor().say('corsi di saldatura')).intent).toBe('error');
    } finally {
      await orienta.store.db.exec('ALTER TABLE turns_away RENAME TO turns');
    }
    const after = await metrics();
    expect(value(after, 'orienta_errors_total{code="42P01"}') - value(before, 'orienta_errors_total{code="42P01"}')).toBe(1);
    expect(value(after, 'orienta_turns_total{channel="web",intent="error"}') - value(before, 'orienta_turns_total{channel="web",intent="error"}')).toBe(1);
  });

  it('counts a web message sent twice as one turn, and the copy as a repeat, like the platforms’ retries', async () => {
    const before = await metrics();
    const v = visitor();
    await v.say('ciao');
    await v.say('corsi di coding', 'w-metrics-twice');
    await v.say('corsi di coding', 'w-metrics-twice');
    const after = await metrics();
    const grew = (series: string) => value(after, series) - value(before, series);
    expect(grew('orienta_turns_total{channel="web",intent="find_course"}')).toBe(1);
    expect(grew('orienta_deliveries_repeated_total{channel="web"}')).toBe(1);
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    expect((await app.request('/metrics')).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('logs each turn with its conversation id, and nothing the person wrote or is called', async () => {
    const lines = log.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const turns = lines.filter((l) => l.msg === 'turn');
    expect(turns.length).toBeGreaterThanOrEqual(6);
    expect(turns.filter((l) => l.conversationId === conversationId).map((l) => l.intent)).toContain('handoff');
    expect(turns[0]).toMatchObject({ app: 'orienta', channel: 'web', intent: 'find_course', ms: expect.any(Number) });
    expect(lines.some((l) => l.msg === 'turn failed' && typeof l.conversationId === 'string')).toBe(true);
    const all = log.join('');
    for (const personal of ['Luca', 'Moretti', '4445556', 'stampa 3d', 'saldatura', 'parlare con una persona']) expect(all).not.toContain(personal);
  });
});

describe('GET /healthz', () => {
  it('says the process is up, with what it found at start', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      store: { engine: 'pglite', via: 'embedded', description: orienta.store.db.description },
      vector: 'available',
      embedder: orienta.embedder.id,
    });
  });

  it('answers while the store is held by a transaction that waits for that very answer', async () => {
    // PGlite has one session: were /healthz to ask the store anything, it would wait for this
    // transaction, which waits for /healthz. The transaction gives up after a while only so that
    // such a failure does not hold the store for the tests after this one.
    let giveUp: NodeJS.Timeout | undefined;
    const health = await orienta.store.db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      return Promise.race([app.request('/healthz'), new Promise<'stuck'>((r) => (giveUp = setTimeout(() => r('stuck'), 10_000)))]);
    });
    clearTimeout(giveUp);
    expect(health, '/healthz waited for the store').not.toBe('stuck');
    expect((health as Response).status).toBe(200);
  });

  it('is read and answered over HTTP between the statements of a long queue on the embedded store', async () => {
    // PGlite runs each statement as synchronous WASM work on this thread; were the queued statements
    // to follow one another as promise continuations only, no socket would be read, /healthz's
    // included, until the last one is done. Ordering, not time: the answer comes before the queue drains.
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const QUEUED = 300;
      let done = 0;
      const queue = Array.from({ length: QUEUED }, () => orienta.store.db.query('SELECT count(*) FROM search_index').then(() => done++));
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      const doneWhenAnswered = done;
      await res.arrayBuffer();
      await Promise.all(queue);
      expect(res.status).toBe(200);
      expect(doneWhenAnswered, 'statements done when /healthz was answered').toBeLessThan(QUEUED);
    } finally {
      await server.close();
    }
  });
});

describe('GET /readyz', () => {
  it('is ready when the store answers, every migration is applied and the vector capability is known', async () => {
    const res = await app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', schema: SCHEMA, vector: 'available' });
  });

  it('is not ready on a store whose schema is behind, and says why', async () => {
    const [last] = await orienta.store.db.query<{ version: number; name: string }>('DELETE FROM schema_migrations WHERE version = $1 RETURNING version, name', [SCHEMA]);
    try {
      const res = await app.request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not ready', reason: expect.stringMatching(`^schema ${SCHEMA - 1} of ${SCHEMA}: migrations not applied`), schema: SCHEMA - 1, expected: SCHEMA });
    } finally {
      await orienta.store.db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [last!.version, last!.name]);
    }
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('is not ready once the store is closed, while /healthz says the process is still alive', async () => {
    await orienta.close();
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', reason: 'store unreachable', vector: 'available' });
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});

const pgUrl = process.env.TEST_DATABASE_URL;
const skipPg = !pgUrl && !inCi;
if (skipPg) console.warn('skipping /readyz on the PostgreSQL server: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');

describe.skipIf(skipPg)('GET /readyz and /healthz on the PostgreSQL server', () => {
  it('is ready without pgvector, saying so, and not ready once the server is out of reach, while /healthz stays 200', async () => {
    if (!pgUrl) throw new Error('CI needs TEST_DATABASE_URL');
    const fresh = await freshPostgres(pgUrl);
    const served = await startOrienta(loadConfig({ DATABASE_URL: fresh.url, ORIENTA_NOW: NOW }), createLogger('silent'), { command: 'test' });
    try {
      const http = createHttpApp(served);
      const res = await http.request('/readyz');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', schema: SCHEMA, vector: served.store.vector });
      await served.close();
      expect((await http.request('/readyz')).status).toBe(503);
      expect((await http.request('/healthz')).status).toBe(200);
    } finally {
      await served.close();
      await fresh.cleanup();
    }
  });
});
