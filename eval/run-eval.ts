import type { Config } from '../app/config.js';
import type { EngineLogger } from '../bot/flows/turn.js';
import { OrientaError } from '../domain/errors.js';
import { REFERENCE_NOW } from './case-schema.js';
import { loadCases, type EvalCase } from './cases.js';
import { generateCoverage, type CoverageSummary } from './coverage/generate.js';
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
  /** Also ask the questions generated from the loaded catalogue (eval/coverage). */
  coverage?: boolean;
  /** Called once the cases are read, before the store is prepared. */
  onStart?: (cases: number) => void;
  /** Called once the coverage questions are made from the store, with what was made. */
  onGenerated?: (summary: CoverageSummary, ms: number) => void;
  /** Called with every case known, right before the first runs. */
  onRun?: (total: number) => void;
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
    let all: EvalCase[] = cases;
    let coverage: EvalResult['coverage'];
    if (o.coverage) {
      const started = performance.now();
      const generated = await generateCoverage(env.catalogue, { now });
      const ms = Math.round(performance.now() - started);
      const taken = new Set(cases.map((c) => c.id));
      const clash = generated.cases.find((c) => taken.has(c.id));
      if (clash) throw new OrientaError('INPUT_INVALID', `case id "${clash.id}" is used by a case file and by the coverage questions; rename the case (ids starting "cov." are the generated ones)`);
      all = [...cases, ...generated.cases];
      coverage = { ...generated.summary, generateMs: ms };
      o.onGenerated?.(generated.summary, ms);
    }
    o.onRun?.(all.length);
    const ran = performance.now();
    const results = await runCases(env, all, { now: new Date(now), ...(o.judge ? { judge: o.judge } : {}), onCase: (done, total, r) => o.onCase?.(done, total, r.id, r.passed) });
    const runMs = Math.round(performance.now() - ran);
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
      runMs,
      metrics,
      ...(coverage ? { coverage } : {}),
      ...(comparison ? { comparison } : {}),
      cases: results,
    };
  } finally {
    await env.close();
  }
}
