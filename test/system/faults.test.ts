import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { t } from '../../bot/answer/texts.js';
import { FakeOpenAi, reply } from '../support/fake-openai.js';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { serve, type Served } from '../support/serve.js';
import { inCi } from '../support/stores.js';
import { webVisitor } from '../support/web-visitor.js';

/**
 * The server outlives what it depends on: the database going away and coming back, a model that
 * is slow or broken. The database is a PostgreSQL server of this test's own, stopped and started
 * while `orienta serve` runs against it.
 */
const unavailable = privatePostgresUnavailable();
if (unavailable && !inCi) console.warn(`skipping the fault tests: ${unavailable}`);

describe.skipIf(!!unavailable && !inCi)('orienta serve when things fail', () => {
  let pg: PrivatePostgres;
  let llm: FakeOpenAi;
  let server: Served;
  const base = () => `http://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    if (unavailable) throw new Error(`the fault tests are required in CI: ${unavailable}`);
    pg = await startPrivatePostgres();
    llm = await FakeOpenAi.start();
    server = await serve({ DATABASE_URL: pg.url, ORIENTA_NOW: '2026-11-25T10:00:00+01:00', WEB_RATE_PER_MINUTE: '10000', LLM_BASE_URL: llm.baseURL, LLM_MODEL: 'fake', LLM_TIMEOUT_MS: '500' });
  }, 180_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await llm?.close();
    pg?.destroy();
  });

  it('answers from the templates when the model is slow, and when it fails', async () => {
    const visitor = webVisitor(base);
    // A model that never answers: the turn gives up on it after LLM_TIMEOUT_MS, whatever the machine's speed.
    llm.fallback = () => reply.hang();
    const slow = await visitor.send({ text: 'corsi di stampa 3d a viadana' });
    expect(slow.intent).toBe('find_course');
    expect(slow.citations.map((c) => c.id)).toContain('C008');

    llm.fallback = () => ({ kind: 'status', status: 500, message: 'model exploded' });
    const failing = await visitor.send({ text: 'corsi di robotica per ragazzi' });
    expect(failing.intent).toBe('find_course');
    expect(failing.citations.length).toBeGreaterThan(0);
    expect(llm.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('fails politely while the database is down and works again when it is back', async () => {
    llm.fallback = () => ({ kind: 'status', status: 500 });
    const visitor = webVisitor(base);
    expect((await visitor.send({ text: 'corsi di coding' })).citations.length).toBeGreaterThan(0);

    pg.stop();
    // As the widget sends it, with a message id: the delivery ledger is down too, and the apology still comes.
    const down = await visitor.send({ text: 'corsi di coding a mantova', messageId: 'w-while-down' });
    expect(down.intent).toBe('error');
    expect(down.messages).toEqual([{ type: 'text', text: t('it').failure }]);
    // Liveness: the process is fine, restarting it would not bring the database back. Readiness: it cannot serve turns.
    const health = await fetch(`${base()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', reason: 'store unreachable' });

    pg.start();
    // The server coming back is outside the test's reach: ask, as an orchestrator would, until it is ready.
    await vi.waitFor(async () => expect((await fetch(`${base()}/readyz`)).status).toBe(200), { timeout: 30_000, interval: 200 });
    const back = await visitor.send({ text: 'corsi di coding a mantova', messageId: 'w-back-0' });
    expect(back.intent).toBe('find_course');
    expect(server.child.exitCode).toBeNull();
  }, 60_000);
});
