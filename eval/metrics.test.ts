import { describe, expect, it } from 'vitest';
import type { Citation, Reply } from '../domain/message.js';
import type { Expect } from './case-schema.js';
import { compareWithBaseline } from './compare.js';
import { gate } from './gate.js';
import { computeMetrics, percentile, retrievalScore } from './metrics.js';
import type { CaseResult, TurnResult } from './result.js';

const cite = (...ids: string[]): Citation[] => ids.map((id) => ({ kind: 'course', id, title: id }));

function turn(o: { intent?: Reply['intent']; cites?: string[]; expect?: Expect; ok?: Partial<Record<keyof Expect, boolean>>; latencyMs?: number; grounding?: string[]; retrieval?: TurnResult['retrieval']; text?: string; booking?: TurnResult['booking'] }): TurnResult {
  return {
    turn: 1,
    input: { say: 'x' },
    ...(o.expect ? { expect: o.expect } : {}),
    sent: { text: 'x' },
    reply: { intent: o.intent ?? 'find_course', messages: [{ type: 'text', text: o.text ?? 'Ecco i corsi.' }], citations: cite(...(o.cites ?? [])) },
    latencyMs: o.latencyMs ?? 10,
    checks: Object.entries(o.ok ?? {}).map(([expectation, ok]) => ({ expectation: expectation as keyof Expect, ok: ok!, expected: '', got: '', ...(ok ? {} : { reason: `${expectation}: wrong` }) })),
    ...(o.retrieval ? { retrieval: o.retrieval } : {}),
    booking: o.booking ?? [],
    grounding: o.grounding ?? [],
    errors: [],
  };
}

function kase(id: string, tags: string[], turns: TurnResult[]): CaseResult {
  const failures = turns.flatMap((t) => t.checks.filter((c) => !c.ok).map((c) => `turn 1: ${c.reason}`));
  return { id, file: 'f.yaml', line: 1, tags, user: `eval:${id}`, now: '2026-11-25T09:00:00.000Z', passed: failures.length === 0, failures, turns: turns.map((t, i) => ({ ...t, turn: i + 1 })) };
}

const r = (ranked: string[], relevant: string[], k: number) => ({ ids: ranked, relevant, k, ...retrievalScore(ranked, relevant, k) });

describe('eval metrics', () => {
  it('scores a ranked list: hit@k, reciprocal rank, nDCG@k', () => {
    expect(retrievalScore(['A', 'B', 'C'], ['B'], 3)).toEqual({ rank: 2, hit: true, rr: 0.5, ndcg: 0.631 });
    // Two relevant ids, one found at 3: DCG 1/log2(4) = 0.5 over the ideal 1 + 1/log2(3) = 1.631.
    expect(retrievalScore(['X', 'Y', 'Z', 'W'], ['Z', 'Q'], 3)).toEqual({ rank: 3, hit: true, rr: 0.333, ndcg: 0.307 });
    expect(retrievalScore(['X', 'Y', 'Z', 'B'], ['B'], 3)).toEqual({ rank: 4, hit: false, rr: 0.25, ndcg: 0 });
    expect(retrievalScore([], ['B'], 3)).toEqual({ rank: null, hit: false, rr: 0, ndcg: 0 });
  });

  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 0.5)).toBe(10);
    expect(percentile(values, 0.95)).toBe(19);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('computes every figure of a tiny known run', () => {
    const results = [
      // Right intent, cites C1 of [C1, C2] (precision 1/2), retrieval rank 2 at k 3.
      kase('a', ['lang:it', 'topic:courses'], [turn({ cites: ['C1', 'C2'], expect: { intent: ['find_course'], cites: ['C1'] }, ok: { intent: true, cites: true }, retrieval: r(['A', 'C1', 'C'], ['C1'], 3), latencyMs: 10 })]),
      // Wrong intent; cites_any met; an ungrounded date.
      kase('b', ['lang:it', 'topic:sites'], [turn({ intent: 'services', cites: ['S1'], expect: { intent: ['site_info'], cites_any: ['S1', 'S2'] }, ok: { intent: false, cites_any: true }, grounding: ['date "1 marzo" is in no source'], latencyMs: 30 })]),
      // Cites nothing of two expected; retrieval missed; and it refused although it should answer.
      kase('c', ['lang:en', 'topic:courses'], [turn({ intent: 'find_course', expect: { cites: ['C3', 'C4'] }, ok: { cites: false }, retrieval: r(['X'], ['C3', 'C4'], 3), text: 'I found nothing about that.', latencyMs: 20 })]),
      // Out of scope: refused (intent) and refused (says it has nothing); one did not.
      kase('d', ['lang:it', 'kind:out-of-scope'], [turn({ intent: 'out_of_scope', latencyMs: 40 })]),
      kase('e', ['lang:en', 'kind:out-of-scope'], [turn({ intent: 'unknown', text: "I'm not sure I understood.", latencyMs: 50 })]),
      kase('f', ['lang:en', 'kind:out-of-scope'], [turn({ intent: 'find_course', cites: ['C9'], text: 'Here is a course.', latencyMs: 60 })]),
      // Two booking flows, one of which did not book.
      kase('g', ['lang:it', 'topic:bookings'], [turn({ intent: 'book', expect: { booking: 'created' }, ok: { booking: true }, booking: ['created'], latencyMs: 70 })]),
      kase('h', ['lang:it', 'topic:bookings'], [turn({ intent: 'book', expect: { booking: 'created' }, ok: { booking: false }, latencyMs: 80 })]),
    ];
    const m = computeMetrics(results);
    expect(m).toMatchObject({ cases: 8, passed: 5, failed: 3, passRate: 0.625 });
    expect(m.byTag).toEqual([
      { tag: 'kind:out-of-scope', cases: 3, passed: 3, passRate: 1 },
      { tag: 'lang:en', cases: 3, passed: 2, passRate: 0.667 },
      { tag: 'lang:it', cases: 5, passed: 3, passRate: 0.6 },
      { tag: 'topic:bookings', cases: 2, passed: 1, passRate: 0.5 },
      { tag: 'topic:courses', cases: 2, passed: 1, passRate: 0.5 },
      { tag: 'topic:sites', cases: 1, passed: 0, passRate: 0 },
    ]);
    expect(m.intent).toEqual({ turns: 2, correct: 1, accuracy: 0.5 });
    // hit 1 of 2; MRR (1/2 + 0) / 2; nDCG (0.631 + 0) / 2.
    expect(m.retrieval).toEqual({ turns: 2, hitAtK: 0.5, mrr: 0.25, ndcgAtK: 0.316 });
    // Cited in those turns: C1, C2, S1 (nothing in c): 2 of 3 expected; needed C1, the S1|S2 group, C3, C4: 2 of 4 found.
    expect(m.citations).toEqual({ turns: 3, precision: 0.667, recall: 0.5 });
    expect(m.grounding).toEqual({ turns: 8, turnsWithViolations: 1, violations: 1 });
    expect(m.refusal).toEqual({ cases: 3, refused: 2, rate: 0.667, falseRefusals: 1, answerTurns: 3 });
    expect(m.booking).toEqual({ cases: 2, succeeded: 1, rate: 0.5 });
    expect(m.latency).toEqual({ turns: 8, p50Ms: 40, p95Ms: 80, maxMs: 80 });
    expect(m.judge).toBeUndefined();
  });

  it('says "not measured" rather than zero or perfect', () => {
    const m = computeMetrics([]);
    expect([m.passRate, m.intent.accuracy, m.retrieval.mrr, m.citations.precision, m.refusal.rate, m.booking.rate, m.latency.p95Ms]).toEqual([null, null, null, null, null, null, null]);
  });

  it('gates on --min-pass and on regressions against a baseline', () => {
    const now = [kase('a', [], [turn({ ok: { intent: true } })]), kase('b', [], [turn({ ok: { intent: false } })]), kase('new', [], [turn({ ok: { intent: true } })])];
    const metrics = computeMetrics(now);
    expect(gate(metrics, 0.6).passed).toBe(true);
    expect(gate(metrics, 0.7)).toEqual({ minPass: 0.7, passed: false, reasons: ['pass rate 66.7% is below --min-pass 70.0%'] });
    expect(gate(metrics, null).passed).toBe(true);

    const baseline = { format: 'orienta-eval/1' as const, metrics: { passRate: 0.5, intent: { accuracy: 1 } }, cases: [{ id: 'a', passed: false }, { id: 'b', passed: true }, { id: 'gone', passed: true }] };
    const c = compareWithBaseline(now, metrics, baseline, 'prev.json');
    expect(c).toMatchObject({ regressions: [{ id: 'b', failures: ['turn 1: intent: wrong'] }], fixed: ['a'], added: [{ id: 'new', passed: true }], removed: ['gone'], regressed: true, passRate: { before: 0.5, after: 0.667, delta: 0.167 } });
    expect(c.metrics.find((x) => x.name === 'intent accuracy')).toEqual({ name: 'intent accuracy', before: 1, after: 0.667, worse: true });
    expect(gate(metrics, null, c)).toEqual({ minPass: null, passed: false, reasons: ['1 case passed in the baseline and fail now (b)'] });

    // No case regressed, but fewer pass: that is a regression too.
    const lower = compareWithBaseline(now, metrics, { ...baseline, metrics: { passRate: 0.9 }, cases: [{ id: 'b', passed: false }] }, 'prev.json');
    expect(lower.regressions).toEqual([]);
    expect(gate(metrics, null, lower)).toEqual({ minPass: null, passed: false, reasons: ['pass rate went down from 90.0% to 66.7% against the baseline'] });
    const same = compareWithBaseline(now, metrics, { ...baseline, metrics: { passRate: 0.667 }, cases: [{ id: 'b', passed: false }] }, 'prev.json');
    expect(gate(metrics, null, same).passed).toBe(true);
  });
});
