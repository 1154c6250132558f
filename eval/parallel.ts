import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EvalCase } from './cases.js';
import type { EvalEnvironment } from './environment.js';
import type { CaseResult } from './result.js';
import { caseRunner, type RunOptions } from './runner.js';
import type { FromShard, ShardData, ToShard } from './shard-worker.js';

/** A run of this many cases gets one more thread, up to one a spare core (and no more than three). */
const CASES_PER_THREAD = 300;

/**
 * How many threads besides this one a run of so many cases is worth: preparing a store costs
 * seconds, and the engine answers one question at a time on a store, so a long run (the thousands
 * of --coverage questions) is split across stores, short ones are not.
 */
export function extraThreadsFor(cases: number, cores = availableParallelism()): number {
  return Math.max(0, Math.min(cores - 1, 3, Math.floor(cases / CASES_PER_THREAD)));
}

/**
 * Runs the cases on this environment and on `threads` more, each a worker thread that prepares the
 * same store (the sample, or the same --ingest paths). Cases are handed out one at a time to
 * whichever is free, so a thread still preparing its store takes none and the run never waits for
 * it; the results come back in the cases' order. A thread that fails gives its case back and the
 * run goes on without it.
 */
export async function runSharded(env: EvalEnvironment, cases: readonly EvalCase[], options: RunOptions & { threads: number; shard: ShardData }): Promise<CaseResult[]> {
  const results: (CaseResult | undefined)[] = new Array(cases.length);
  const givenBack: number[] = [];
  let next = 0;
  let done = 0;
  const take = () => (givenBack.length ? givenBack.shift() : next < cases.length ? next++ : undefined);
  const finish = (index: number, result: CaseResult) => {
    results[index] = result;
    done++;
    options.onCase?.(done, cases.length, result);
  };

  const workers: Worker[] = [];
  const threads = Array.from(
    { length: options.threads },
    () =>
      new Promise<void>((resolve) => {
        let current: number | undefined;
        const giveBack = () => {
          if (current !== undefined) givenBack.push(current);
          current = undefined;
        };
        const worker = new Worker(new URL('./shard-thread.mjs', import.meta.url), { workerData: options.shard });
        workers.push(worker);
        const handOut = () => {
          current = take();
          worker.postMessage((current === undefined ? { type: 'end' } : { type: 'case', index: current, case: cases[current]! }) satisfies ToShard);
        };
        worker.on('message', (m: FromShard) => {
          if (m.type === 'ready') handOut();
          else if (m.type === 'result') {
            current = undefined;
            finish(m.index, m.result);
            handOut();
          } else {
            giveBack();
            void worker.terminate();
          }
        });
        worker.on('error', giveBack);
        worker.on('exit', () => {
          giveBack();
          resolve();
        });
      }),
  );

  try {
    const run = await caseRunner(env, options);
    const here = async () => {
      for (let i = take(); i !== undefined; i = take()) finish(i, await run(cases[i]!));
    };
    await here();
    await Promise.all(threads);
    // Cases a thread gave back after this one had run out of work.
    await here();
    return results as CaseResult[];
  } catch (error) {
    // A run that failed here stops everywhere: no thread goes on with cases nobody will read.
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
}
