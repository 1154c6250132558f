import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import type { VectorCapability } from '../knowledge/db/vector.js';
import { openSampleStore } from '../test/support/sample-store.js';
import { engineOver, talker } from '../test/support/sample-engine.js';
import { OrientaError } from '../domain/errors.js';
import type { Retriever, SearchRequest } from '../domain/ports.js';

// `serve` warms the engine before it listens: the first visitor must not pay for the store's
// first plans, and a store that cannot search yet must not stop the start.

let db: PgliteDatabase;
let vector: VectorCapability;
let retriever: Retriever;
beforeAll(async () => {
  ({ db, vector, retriever } = await openSampleStore());
});
afterAll(() => db?.close());

describe('Engine.warmUp', () => {
  it('runs one search through the retriever before any visitor', async () => {
    const seen: SearchRequest[] = [];
    const counting: Retriever = { search: (r) => (seen.push(r), retriever.search(r)) };
    await engineOver(db, vector, { retriever: counting });
    expect(seen).toHaveLength(1);
  });

  it('logs a failing search as a warning and still leaves a working engine', async () => {
    const warnings: unknown[] = [];
    let fail = true;
    const flaky: Retriever = {
      search: (r) => (fail ? Promise.reject(new OrientaError('DB_UNAVAILABLE', 'not yet')) : retriever.search(r)),
    };
    const engine = await engineOver(db, vector, {
      retriever: flaky,
      logger: { info() {}, error() {}, warn: (o: unknown, m?: string) => void warnings.push([o, m]) },
    });
    expect(warnings).toEqual([[{ err: expect.objectContaining({ code: 'DB_UNAVAILABLE' }) }, 'warm-up search failed']]);
    fail = false;
    const reply = await talker(engine).say('corsi di saldatura');
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});
