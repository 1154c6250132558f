import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../domain/message.js';
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
    // The model holds its answer until the server has said it is shutting down: the turn is in
    // flight when the signal arrives, however slow the machine.
    let asked!: () => void;
    const modelAsked = new Promise<void>((r) => (asked = r));
    let answer!: () => void;
    const mayAnswer = new Promise<void>((r) => (answer = r));
    llm.fallback = async () => {
      asked();
      await mayAnswer;
      return reply.message('Ci sono corsi di stampa 3D a Viadana: guarda la scheda.');
    };
    const pending = fetch(`http://127.0.0.1:${server.port}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'corsi di stampa 3d a viadana' }) });
    await modelAsked;
    server.child.kill('SIGTERM');
    await server.logged(/shutting down/);
    answer();
    const res = await pending;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Reply;
    expect(body.intent).toBe('find_course');
    expect(body.messages.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
  }, 60_000);
});
