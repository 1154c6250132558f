import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile, startChatter } from '../support/chatter.js';
import { runCli, sampleDataDir } from '../support/cli.js';
import { writeGeneratedCorsi } from '../support/generated-corsi.js';
import { serve, type Served } from '../support/serve.js';
import { webVisitor } from '../support/web-visitor.js';

/**
 * `orienta ingest` while `orienta serve` holds the embedded store: the ingest goes through the
 * server's socket, the server answers people all along. 5,000 courses cross the size past which
 * the ingest failed ('portal "" does not exist', from about 1,000) and keep the test near a
 * minute; `npm run bench:socket-ingest` loads 20,000 and prints the figures against a quiet server.
 */
const ROWS = 5000;
const IDLE_MS = 1000;
const TEXTS = ['corsi di stampa 3d a viadana', 'e online?', 'C001', 'come faccio la DID?', 'corsi di robotica per ragazzi', 'grazie'];

/** Fails instead of waiting for ever: what these tests guard against is a wait that never ends. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('orienta serve while other commands use its store through the socket', () => {
  let dir: string;
  let server: Served;
  const base = () => `http://127.0.0.1:${server.port}`;
  const socketClient = () => new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });

  beforeAll(async () => {
    dir = await sampleDataDir();
    server = await serve({ ORIENTA_NOW: '2026-11-25T10:00:00+01:00', WEB_RATE_PER_MINUTE: '10000', STORE_SOCKET_IDLE_TIMEOUT_MS: String(IDLE_MS) }, ['--data-dir', dir]);
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`ingests ${ROWS.toLocaleString('en')} new courses with their vectors and indexes while every chat turn is answered`, async () => {
    const csv = writeGeneratedCorsi(dir, ROWS);
    const chatter = startChatter(base(), TEXTS);
    await chatter.replies(1);
    const ingest = await runCli(['ingest', csv, '--data-dir', dir]);
    const { latencies, failures } = await chatter.stop();
    console.log(
      `chat during a socket ingest of ${ROWS} courses: ${latencies.length} turns, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`,
    );
    expect(ingest.code, `${ingest.stdout}${ingest.stderr}`).toBe(0);
    expect(ingest.stdout).toMatch(new RegExp(`csv:lto-corsi\\s+${ROWS}\\s+${ROWS}\\s+0\\s+0\\s+0\\s+0\\s+loaded`));
    expect(failures).toEqual([]);
    expect(latencies.length).toBeGreaterThan(1);

    const client = socketClient();
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT count(*)::int AS courses, count(s.id)::int AS rows, count(v.id)::int AS vectors FROM courses c LEFT JOIN search_index s ON s.kind = 'course' AND s.id = c.id LEFT JOIN search_vectors v ON v.kind = 'course' AND v.id = c.id WHERE c.id LIKE 'G%'",
      );
      expect(rows).toEqual([{ courses: ROWS, rows: ROWS, vectors: ROWS }]);
      const indexes = await client.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('search_index', 'search_vectors') ORDER BY 1");
      expect(indexes.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['search_index_tsv_idx', 'search_index_name_terms_idx', 'search_index_comuni_idx', 'search_vectors_embedding_256_idx']),
      );
    } finally {
      await client.end();
    }
  }, 300_000);

  it('answers chat turns while a socket client holds a transaction open and does nothing, and tells that client why it was cut off', async () => {
    const stuck = socketClient();
    const told = new Promise<Error & { code?: string }>((resolve) => stuck.on('error', resolve));
    await stuck.connect();
    await stuck.query('BEGIN');
    await stuck.query("SELECT id FROM courses WHERE id = 'C001' FOR UPDATE");
    // It now sleeps. The turn waits for the store, but not beyond the idle timeout.
    const reply = await within(webVisitor(base).send({ text: 'corsi di stampa 3d a viadana' }), 60_000, 'the chat turn');
    expect(reply.intent).toBe('find_course');
    expect(reply.citations.map((c) => c.id)).toContain('C008');
    const error = await within(told, 60_000, 'the error to the stuck client');
    expect(error.code).toBe('25P03');
    expect(error.message).toMatch(/idle-in-transaction timeout/);
    await stuck.end().catch(() => {});
    expect(server.child.exitCode).toBeNull();
  }, 180_000);
});
