import { coverageMetrics, type CoverageMetrics } from './coverage/metrics.js';
import { refuses } from './reply-text.js';
import type { CaseResult, TurnResult } from './result.js';

/**
 * The figures of a run. Rates are 0..1 and null when nothing was there to measure (no case with
 * that expectation), so "not measured" never reads as "perfect" or "zero".
 */
export interface Metrics {
  cases: number;
  passed: number;
  failed: number;
  passRate: number | null;
  byTag: { tag: string; cases: number; passed: number; passRate: number }[];
  intent: { turns: number; correct: number; accuracy: number | null };
  /** On the turn's text, for turns expecting ids retrieved (or, failing that, cited); k is the turn's. */
  retrieval: { turns: number; hitAtK: number | null; mrr: number | null; ndcgAtK: number | null };
  /** Turns expecting cites or cites_any: how much of what was cited was expected, and the reverse. */
  citations: { turns: number; precision: number | null; recall: number | null };
  grounding: { turns: number; turnsWithViolations: number; violations: number };
  /** Cases tagged kind:out-of-scope refused at their last turn; false refusals are turns expecting a citation that refused. */
  refusal: { cases: number; refused: number; rate: number | null; falseRefusals: number; answerTurns: number };
  booking: { cases: number; succeeded: number; rate: number | null };
  latency: { turns: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null };
  judge?: { turns: number; errors: number; faithfulness: number | null; relevance: number | null };
  /** The generated coverage cases (--coverage), by kind, field and phrasing. */
  coverage?: CoverageMetrics;
}

const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Binary relevance, one ranked list: hit@k, reciprocal rank (to the list's end), nDCG@k. */
export function retrievalScore(ranked: readonly string[], relevant: readonly string[], k: number) {
  const position = ranked.findIndex((id) => relevant.includes(id));
  const rank = position < 0 ? null : position + 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.includes(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(new Set(relevant).size, k); i++) ideal += 1 / Math.log2(i + 2);
  return { rank, hit: rank !== null && rank <= k, rr: rank ? round(1 / rank) : 0, ndcg: ideal ? round(dcg / ideal) : 0 };
}

/** Nearest rank: the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function computeMetrics(results: readonly CaseResult[]): Metrics {
  const turns = results.flatMap((c) => c.turns);
  const answered = turns.filter((t): t is TurnResult & { reply: NonNullable<TurnResult['reply']> } => t.reply !== null);
  const passed = results.filter((c) => c.passed).length;

  const tags = new Map<string, { cases: number; passed: number }>();
  for (const c of results) {
    for (const tag of c.tags) {
      const t = tags.get(tag) ?? { cases: 0, passed: 0 };
      t.cases++;
      if (c.passed) t.passed++;
      tags.set(tag, t);
    }
  }
  const byTag = [...tags.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, t]) => ({ tag, ...t, passRate: round(t.passed / t.cases) }));

  const intentChecks = turns.flatMap((t) => t.checks.filter((k) => k.expectation === 'intent'));

  const retrieved = turns.flatMap((t) => (t.retrieval ? [t.retrieval] : []));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  let precisionHits = 0;
  let citedCount = 0;
  let recallHits = 0;
  let recallNeeded = 0;
  let citationTurns = 0;
  for (const t of answered) {
    const cites = expectedList(t, 'cites');
    const any = expectedList(t, 'cites_any');
    if (!cites.length && !any.length) continue;
    citationTurns++;
    const cited = [...new Set(t.reply.citations.map((c) => c.id))];
    const relevant = new Set([...cites, ...any]);
    precisionHits += cited.filter((id) => relevant.has(id)).length;
    citedCount += cited.length;
    recallHits += cites.filter((id) => cited.includes(id)).length + (any.length && any.some((id) => cited.includes(id)) ? 1 : 0);
    recallNeeded += cites.length + (any.length ? 1 : 0);
  }

  const outOfScope = results.filter((c) => c.tags.includes('kind:out-of-scope'));
  const refused = outOfScope.filter((c) => {
    const last = c.turns.at(-1)?.reply;
    return !!last && refuses(last);
  }).length;
  const inScopeAnswers = results
    .filter((c) => !c.tags.includes('kind:out-of-scope'))
    .flatMap((c) => c.turns)
    .filter((t) => t.reply && (expectedList(t, 'cites').length || expectedList(t, 'cites_any').length));
  const falseRefusals = inScopeAnswers.filter((t) => refuses(t.reply!)).length;

  // A flow that broke off before its booking turn (a press past the choices) failed too.
  const bookingCases = results.filter((c) => c.turns.some((t) => t.expect?.booking));
  const bookingOk = bookingCases.filter((c) => c.turns.every((t) => !t.expect?.booking || t.checks.some((k) => k.expectation === 'booking' && k.ok))).length;

  const latencies = answered.map((t) => t.latencyMs);
  const judged = turns.flatMap((t) => (t.judge && 'faithfulness' in t.judge ? [t.judge] : []));
  const judgeErrors = turns.filter((t) => t.judge && 'error' in t.judge).length;
  const coverage = coverageMetrics(results);

  return {
    cases: results.length,
    passed,
    failed: results.length - passed,
    passRate: ratio(passed, results.length),
    byTag,
    intent: { turns: intentChecks.length, correct: intentChecks.filter((k) => k.ok).length, accuracy: ratio(intentChecks.filter((k) => k.ok).length, intentChecks.length) },
    retrieval: {
      turns: retrieved.length,
      hitAtK: ratio(retrieved.filter((r) => r.hit).length, retrieved.length),
      mrr: ratio(sum(retrieved.map((r) => r.rr)), retrieved.length),
      ndcgAtK: ratio(sum(retrieved.map((r) => r.ndcg)), retrieved.length),
    },
    citations: { turns: citationTurns, precision: ratio(precisionHits, citedCount), recall: ratio(recallHits, recallNeeded) },
    grounding: { turns: answered.length, turnsWithViolations: answered.filter((t) => t.grounding.length > 0).length, violations: sum(answered.map((t) => t.grounding.length)) },
    refusal: { cases: outOfScope.length, refused, rate: ratio(refused, outOfScope.length), falseRefusals, answerTurns: inScopeAnswers.length },
    booking: { cases: bookingCases.length, succeeded: bookingOk, rate: ratio(bookingOk, bookingCases.length) },
    latency: { turns: latencies.length, p50Ms: percentile(latencies, 0.5), p95Ms: percentile(latencies, 0.95), maxMs: latencies.length ? Math.max(...latencies) : null },
    ...(turns.some((t) => t.judge)
      ? { judge: { turns: judged.length, errors: judgeErrors, faithfulness: judged.length ? round(sum(judged.map((j) => j.faithfulness)) / judged.length) : null, relevance: judged.length ? round(sum(judged.map((j) => j.relevance)) / judged.length) : null } }
      : {}),
    ...(coverage ? { coverage } : {}),
  };
}

const expectedList = (t: TurnResult, expectation: 'cites' | 'cites_any'): string[] => t.expect?.[expectation] ?? [];
