import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { REFERENCE_NOW } from './case-schema.js';
import { loadCases, SAMPLE_CASES } from './cases.js';
import { openEvalEnvironment, type EvalEnvironment } from './environment.js';
import { extraThreadsFor, runSharded } from './parallel.js';
import { runCases } from './runner.js';

describe('a long run shared across threads', { timeout: 240_000 }, () => {
  let env: EvalEnvironment;
  const config = loadConfig({});
  // Sites, bookings (seats taken and given back) and multi-turn conversations.
  const cases = loadCases([`${SAMPLE_CASES}/sites.yaml`, `${SAMPLE_CASES}/bookings.yaml`]).cases;
  beforeAll(async () => {
    env = await openEvalEnvironment({ config });
  }, 240_000);
  afterAll(() => env?.close());

  it('is worth a thread a spare core only when long', () => {
    expect(extraThreadsFor(295, 2)).toBe(0);
    expect(extraThreadsFor(3600, 2)).toBe(1);
    expect(extraThreadsFor(3600, 1)).toBe(0);
    expect(extraThreadsFor(5000, 16)).toBe(3);
  });

  it('gives the results one thread gives, in the cases order, each case run once', async () => {
    const alone = await runCases(env, cases, { now: new Date(REFERENCE_NOW) });
    // This thread waits for the other's first answer, so both surely take cases.
    let threadAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (threadAnswered = resolve));
    const askedHere = new Set<string>();
    const handle = env.engine.handle.bind(env.engine);
    env.engine.handle = async (m) => {
      askedHere.add(m.userId);
      await answered;
      return handle(m);
    };
    const seen: string[] = [];
    let shared;
    try {
      shared = await runSharded(env, cases, {
        now: new Date(REFERENCE_NOW),
        threads: 1,
        shard: { config, now: REFERENCE_NOW },
        onCase: (_d, _t, r) => {
          seen.push(r.id);
          if (!askedHere.has(r.user)) threadAnswered();
        },
      });
    } finally {
      env.engine.handle = handle;
    }
    const elsewhere = shared.filter((r) => !askedHere.has(r.user));
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBeLessThan(cases.length);
    expect(shared.map((r) => r.id)).toEqual(cases.map((c) => c.id));
    expect(seen.sort()).toEqual(cases.map((c) => c.id).sort());
    expect(shared.map((r) => [r.id, r.passed, r.failures])).toEqual(alone.map((r) => [r.id, r.passed, r.failures]));
    expect(shared.map((r) => r.turns.map((t) => t.reply?.citations.map((c) => c.id)))).toEqual(alone.map((r) => r.turns.map((t) => t.reply?.citations.map((c) => c.id))));
  });

  it('goes on alone when a thread cannot prepare its store', async () => {
    const few = cases.slice(0, 6);
    const shared = await runSharded(env, few, { now: new Date(REFERENCE_NOW), threads: 1, shard: { config, now: REFERENCE_NOW, ingest: ['/nonexistent/catalogue'] } });
    expect(shared.map((r) => r.id)).toEqual(few.map((c) => c.id));
    expect(shared.every((r) => r.turns.length > 0)).toBe(true);
  });
});
