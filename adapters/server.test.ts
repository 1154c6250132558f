import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../knowledge/db/migrate.js';
import { BIN, ROOT, runCli } from '../test/support/cli.js';
import { serve, type Served } from '../test/support/serve.js';
import { inCi } from '../test/support/stores.js';

const running: Served[] = [];
afterAll(() => {
  for (const s of running) s.child.kill('SIGKILL');
});

describe('orienta serve on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orienta-serve-'));
  let server: Served;

  it('loads the sample catalogue into an empty store and answers /healthz and /readyz', async () => {
    server = await serve({}, ['--data-dir', dataDir]);
    running.push(server);
    const health = await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', vector: 'available', store: { engine: 'pglite', via: 'embedded' } });
    const ready = await (await fetch(`http://127.0.0.1:${server.port}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', vector: 'available', schema: loadMigrations().at(-1)!.version });
    expect(Number(server.log().match(/"course":(\d+)/)?.[1])).toBeGreaterThanOrEqual(40);
    expect(server.log()).toContain('store ready (vector: available)');
    expect(server.log()).toContain('sample catalogue loaded');
  });

  it('sends security headers', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves the demo page with the widget, and the chat API answers', async () => {
    const page = await (await fetch(`http://127.0.0.1:${server.port}/`)).text();
    expect(page).toContain('<script src="/widget.js"');
    const reply = await (
      await fetch(`http://127.0.0.1:${server.port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'corso per il muletto' }) })
    ).json();
    expect(reply.citations.map((c: { id: string }) => c.id)).toContain('C014');
  });

  it('lets other commands search the same data dir through the running server', async () => {
    const [a, b] = await Promise.all([
      runCli(['search', 'muletto', '--json', '--data-dir', dataDir]),
      runCli(['search', 'saldatura', '--json', '--data-dir', dataDir]),
    ]);
    expect(a.stderr).toBe('');
    expect(JSON.parse(a.stdout)[0].id).toBe('C014');
    expect(JSON.parse(b.stdout).length).toBeGreaterThan(0);
  });

  it('stops a second server on the same data dir at once, without harm', async () => {
    const second = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, PORT: '0' } });
    let err = '';
    second.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => second.on('close', r));
    expect(code).toBe(3);
    expect(err).toMatch(/is already in use \(pid \d+, "orienta serve"/);
    const ready = await (await fetch(`http://127.0.0.1:${server.port}/readyz`)).json();
    expect(ready.status).toBe('ready');
  });

  it('shuts down on SIGTERM and releases the data dir', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dataDir, 'orienta.lock'))).toBe(false);
    expect(existsSync(join(dataDir, '.s.PGSQL.5432'))).toBe(false);
    // The store survives a restart, and the sample is not loaded twice.
    const again = await serve({}, ['--data-dir', dataDir]);
    running.push(again);
    expect(again.log()).not.toContain('sample catalogue loaded');
    const found = await runCli(['search', 'muletto', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(found.stdout)[0].id).toBe('C014');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

const url = process.env.TEST_DATABASE_URL;
if (!url && !inCi) console.warn('skipping "orienta serve on PostgreSQL": TEST_DATABASE_URL is not set');

describe.skipIf(!url && !inCi)('orienta serve on a PostgreSQL server without pgvector', () => {
  it('works on full text and trigrams and says vector: unavailable', async () => {
    if (!url) throw new Error('CI needs TEST_DATABASE_URL');
    const name = `orienta_serve_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    try {
      const hasVector = (await admin.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rowCount! > 0;
      const server = await serve({ DATABASE_URL: target.toString() });
      running.push(server);
      const health = await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json();
      expect(health.store.engine).toBe('postgres');
      const expected = hasVector ? 'available' : 'unavailable';
      expect(health.vector).toBe(expected);
      expect(server.log()).toContain(`store ready (vector: ${expected})`);
      const r = await runCli(['search', 'stampa 3d viadana', '--json'], { env: { DATABASE_URL: target.toString() } });
      expect(JSON.parse(r.stdout).slice(0, 3).map((h: { id: string }) => h.id)).toContain('C008');
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

it('npm start runs the same server', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.start).toBe('node bin/orienta.js serve');
  expect(pkg.bin.orienta).toBe('bin/orienta.js');
});
