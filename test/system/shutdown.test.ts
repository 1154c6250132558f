import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/message.js';
import { FakeOpenAi, reply } from '../support/fake-openai.js';
import { serve, type Served } from '../support/serve.js';

/** SIGTERM (a deploy, a scale-down) lets the turns already taken finish before the process ends. */
describe('orienta serve on SIGTERM', () => {
  let llm: FakeOpenAi;
  let server: Served;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orienta-shutdown-'));
    llm = await FakeOpenAi.start();
    server = await serve({ ORIENTA_NOW: '2026-11-25T10:00:00+01:00', LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake', LLM_TIMEOUT_MS: '8000' }, ['--data-dir', dir]);
  }, 120_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await llm?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a turn in flight, then exits 0', async () => {
    // A model that takes 1.5 s keeps the turn in flight while the signal arrives.
    llm.fallback = () => reply.message('Ci sono corsi di stampa 3D a Viadana: guarda la scheda.', { delayMs: 1500 });
    const pending = fetch(`http://127.0.0.1:${server.port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'corsi di stampa 3d a viadana' }) });
    for (let i = 0; i < 200 && llm.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(llm.requests.length).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Reply;
    expect(body.intent).toBe('find_course');
    expect(body.messages.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
    expect(server.log()).toMatch(/shutting down/);
  }, 60_000);
});
