import type { Config } from '../app/config.js';
import type { EngineLogger } from '../bot/flows/turn.js';
import { REFERENCE_NOW } from './case-schema.js';
import { loadCases } from './cases.js';
import { compareWithBaseline } from './compare.js';
import { openEvalEnvironment } from './environment.js';
import { gate } from './gate.js';
import type { Judge } from './judge.js';
import { computeMetrics } from './metrics.js';
import { readBaseline, RESULT_FORMAT, type EvalResult } from './result.js';
import { runCases } from './runner.js';

export interface EvalOptions {
  config: Config;
  /** Case files or directories. */
  paths: readonly string[];
  /** Load exactly these instead of the sample catalogue. */
  ingest?: readonly string[];
  /** The clock of cases that set none. */
  now?: string;
  minPass?: number;
  baseline?: string;
  judge?: Judge;
  logger?: EngineLogger;
  /** Called once the cases are read, before the store is prepared. */
  onStart?: (cases: number) => void;
  onCase?: (done: number, total: number, id: string, passed: boolean) => void;
}

/**
 * A whole run: read and check the cases (and the baseline) before any work, prepare the store,
 * run, measure, compare. Bad input throws before the store is opened.
 */
export async function runEval(o: EvalOptions): Promise<EvalResult> {
  const { cases, files } = loadCases(o.paths);
  const baseline = o.baseline ? readBaseline(o.baseline) : undefined;
  o.onStart?.(cases.length);
  const startedAt = new Date().toISOString();
  const env = await openEvalEnvironment({ config: o.config, ...(o.ingest ? { ingest: o.ingest } : {}), ...(o.logger ? { logger: o.logger } : {}) });
  try {
    const now = o.now ?? REFERENCE_NOW;
    const results = await runCases(env, cases, { now: new Date(now), ...(o.judge ? { judge: o.judge } : {}), onCase: (done, total, r) => o.onCase?.(done, total, r.id, r.passed) });
    const metrics = computeMetrics(results);
    const comparison = baseline ? compareWithBaseline(results, metrics, baseline, o.baseline!) : undefined;
    return {
      format: RESULT_FORMAT,
      startedAt,
      finishedAt: new Date().toISOString(),
      store: env.store.kind === 'sample' ? { kind: 'sample' } : { kind: 'ingest', paths: env.store.paths, rejected: env.store.sources.reduce((n, s) => n + s.rejected, 0) },
      now,
      files,
      gate: gate(metrics, o.minPass ?? null, comparison),
      metrics,
      ...(comparison ? { comparison } : {}),
      cases: results,
    };
  } finally {
    await env.close();
  }
}
