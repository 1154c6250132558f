import type { Metrics } from './metrics.js';
import type { Baseline, CaseResult } from './result.js';

/** This run against an earlier one: what broke first, then what was fixed, added, dropped. */
export interface Comparison {
  baseline: { file: string; startedAt?: string; cases: number; passRate: number | null };
  passRate: { before: number | null; after: number | null; delta: number | null };
  /** Passed in the baseline, fail now: each blocks a release. */
  regressions: { id: string; failures: string[] }[];
  fixed: string[];
  added: { id: string; passed: boolean }[];
  removed: string[];
  /** Figures that moved (worse = lower for rates and scores, higher for violations and latency). */
  metrics: { name: string; before: number | null; after: number | null; worse: boolean }[];
  /** A case regressed or the pass rate went down. */
  regressed: boolean;
}

const EPSILON = 1e-9;

/** Named figures of a run, in the order a reader wants them; lower-is-better ones are marked. */
function figures(m: Partial<Metrics> | undefined): { name: string; value: number | null; lowerIsBetter?: boolean }[] {
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  return [
    { name: 'pass rate', value: n(m?.passRate) },
    { name: 'intent accuracy', value: n(m?.intent?.accuracy) },
    { name: 'retrieval hit@k', value: n(m?.retrieval?.hitAtK) },
    { name: 'retrieval MRR', value: n(m?.retrieval?.mrr) },
    { name: 'retrieval nDCG@k', value: n(m?.retrieval?.ndcgAtK) },
    { name: 'citation precision', value: n(m?.citations?.precision) },
    { name: 'citation recall', value: n(m?.citations?.recall) },
    { name: 'grounding violations', value: n(m?.grounding?.violations), lowerIsBetter: true },
    { name: 'out-of-scope refusals', value: n(m?.refusal?.rate) },
    { name: 'booking flows', value: n(m?.booking?.rate) },
    { name: 'latency p95 (ms)', value: n(m?.latency?.p95Ms), lowerIsBetter: true },
  ];
}

export function compareWithBaseline(current: readonly CaseResult[], metrics: Metrics, baseline: Baseline, file: string): Comparison {
  const before = new Map(baseline.cases.map((c) => [c.id, c]));
  const now = new Map(current.map((c) => [c.id, c]));
  const regressions = current.filter((c) => !c.passed && before.get(c.id)?.passed === true).map((c) => ({ id: c.id, failures: c.failures }));
  const fixed = current.filter((c) => c.passed && before.get(c.id)?.passed === false).map((c) => c.id);
  const added = current.filter((c) => !before.has(c.id)).map((c) => ({ id: c.id, passed: c.passed }));
  const removed = baseline.cases.filter((c) => !now.has(c.id)).map((c) => c.id);
  const old = figures(baseline.metrics as Partial<Metrics>);
  const metricsDelta = figures(metrics).map((f, i) => {
    const b = old[i]!.value;
    const worse = b !== null && f.value !== null && (f.lowerIsBetter ? f.value > b + EPSILON : f.value < b - EPSILON);
    return { name: f.name, before: b, after: f.value, worse };
  });
  const passBefore = baseline.metrics.passRate;
  const passAfter = metrics.passRate;
  const delta = passBefore !== null && passAfter !== null ? Math.round((passAfter - passBefore) * 1000) / 1000 : null;
  return {
    baseline: { file, ...(baseline.startedAt ? { startedAt: baseline.startedAt } : {}), cases: baseline.cases.length, passRate: passBefore },
    passRate: { before: passBefore, after: passAfter, delta },
    regressions,
    fixed,
    added,
    removed,
    metrics: metricsDelta,
    regressed: regressions.length > 0 || (passBefore !== null && passAfter !== null && passAfter < passBefore - EPSILON),
  };
}
