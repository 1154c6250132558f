import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../app/config.js';
import type { EvalCase } from './cases.js';
import { openEvalEnvironment } from './environment.js';
import { caseRunner } from './runner.js';

/**
 * A share of a long eval run, in a thread of its own: the same store prepared again (the sample or
 * the same --ingest paths), then cases run as the parent hands them over, one at a time.
 */
export interface ShardData {
  config: Config;
  ingest?: string[];
  now: string;
}

export type ToShard = { type: 'case'; index: number; case: EvalCase } | { type: 'end' };
export type FromShard = { type: 'ready' } | { type: 'result'; index: number; result: import('./result.js').CaseResult } | { type: 'failed'; message: string };

const port = parentPort!;
const data = workerData as ShardData;
try {
  const env = await openEvalEnvironment({ config: data.config, ...(data.ingest ? { ingest: data.ingest } : {}) });
  const run = await caseRunner(env, { now: new Date(data.now) });
  port.on('message', (m: ToShard) => {
    if (m.type === 'end') {
      void env.close().finally(() => process.exit(0));
      return;
    }
    run(m.case).then(
      (result) => port.postMessage({ type: 'result', index: m.index, result } satisfies FromShard),
      (error: unknown) => port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromShard),
    );
  });
  port.postMessage({ type: 'ready' } satisfies FromShard);
} catch (error) {
  port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromShard);
  process.exit(1);
}
