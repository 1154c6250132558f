import type { CoverageRow } from './coverage/metrics.js';
import type { EvalResult } from './result.js';

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
export const ms = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x)} ms`);

/** The summary table staff read in a terminal or a CI log; the HTML report has the rest. */
export function summaryText(result: EvalResult, extra: { report?: string; json?: string } = {}): string {
  const m = result.metrics;
  const out: string[] = [];
  const store = result.store.kind === 'sample' ? 'sample catalogue' : `ingested ${result.store.paths.join(' ')}${result.store.rejected ? ` (${result.store.rejected} rows rejected: see orienta ingest --dry-run)` : ''}`;
  const from = [result.files.length || !result.coverage ? `${result.files.length} file${result.files.length === 1 ? '' : 's'}` : '', result.coverage ? `${result.coverage.cases} generated from the catalogue` : ''].filter(Boolean).join(' and ');
  out.push(`Orienta eval: ${m.cases} cases (${from}), ${store}, default clock ${result.now}`, '');
  const row = (label: string, value: string, note = '') => out.push(`  ${label.padEnd(24)}${value.padEnd(44)}${note}`.trimEnd());
  row('pass rate', `${pct(m.passRate)}  ${m.passed}/${m.cases}`, result.gate.minPass !== null ? `(--min-pass ${pct(result.gate.minPass)})` : '');
  row('intent accuracy', `${pct(m.intent.accuracy)}  ${m.intent.correct}/${m.intent.turns}`, 'turns');
  row('retrieval', `hit@k ${num(m.retrieval.hitAtK, 2)} · MRR ${num(m.retrieval.mrr, 2)} · nDCG@k ${num(m.retrieval.ndcgAtK, 2)}`, `${m.retrieval.turns} turns`);
  row('citations', `precision ${num(m.citations.precision, 2)} · recall ${num(m.citations.recall, 2)}`, `${m.citations.turns} turns`);
  row('grounding', `${m.grounding.violations} violation${m.grounding.violations === 1 ? '' : 's'} in ${m.grounding.turnsWithViolations} turns`, `of ${m.grounding.turns}`);
  row('out-of-scope refusals', `${pct(m.refusal.rate)}  ${m.refusal.refused}/${m.refusal.cases}`, `false refusals ${m.refusal.falseRefusals}/${m.refusal.answerTurns} turns`);
  row('booking flows', `${pct(m.booking.rate)}  ${m.booking.succeeded}/${m.booking.cases}`, 'cases');
  row('latency', `p50 ${ms(m.latency.p50Ms)} · p95 ${ms(m.latency.p95Ms)}`, `${m.latency.turns} turns`);
  if (result.runMs !== undefined) row('run time', seconds(result.runMs), `${m.cases} cases, the store's preparation aside`);
  if (m.judge) row('LLM judge', `faithfulness ${num(m.judge.faithfulness, 2)} · relevance ${num(m.judge.relevance, 2)}`, `${m.judge.turns} turns${m.judge.errors ? `, ${m.judge.errors} errors` : ''}`);

  // The generated cases' tags have a section of their own.
  const tags = m.byTag.filter((t) => !t.tag.startsWith('coverage:'));
  if (tags.length > 0) {
    const width = Math.max(20, ...tags.map((t) => t.tag.length + 2));
    out.push('', `  ${'tag'.padEnd(width)}${'cases'.padStart(6)}${'passed'.padStart(8)}${'rate'.padStart(8)}`);
    for (const t of tags) out.push(`  ${t.tag.padEnd(width)}${String(t.cases).padStart(6)}${String(t.passed).padStart(8)}${pct(t.passRate).padStart(8)}`);
  }
  if (result.coverage) out.push(...coverageText(result));

  const c = result.comparison;
  if (c) {
    const delta = c.passRate.delta === null ? '' : ` (${c.passRate.delta >= 0 ? '+' : ''}${(c.passRate.delta * 100).toFixed(1)} points)`;
    out.push('', `  baseline ${c.baseline.file}: pass rate ${pct(c.passRate.before)} -> ${pct(c.passRate.after)}${delta}; ${c.regressions.length} regression${c.regressions.length === 1 ? '' : 's'}, ${c.fixed.length} fixed, ${c.added.length} new, ${c.removed.length} removed`);
    for (const r of c.regressions) out.push(`    REGRESSION ${r.id}: ${r.failures[0] ?? 'failed'}`);
    for (const f of c.metrics.filter((x) => x.worse)) out.push(`    worse: ${f.name} ${num(f.before, 3)} -> ${num(f.after, 3)}`);
  }

  const failed = result.cases.filter((x) => !x.passed);
  if (failed.length > 0) {
    out.push('', `  failed (${failed.length}):`);
    for (const f of failed.slice(0, 50)) out.push(`    ${f.id} (${f.file}:${f.line}): ${f.failures[0] ?? 'did not finish'}${f.failures.length > 1 ? ` (+${f.failures.length - 1} more)` : ''}`);
    if (failed.length > 50) out.push(`    … and ${failed.length - 50} more (see the report)`);
  }
  out.push('');
  if (extra.report) out.push(`  report: ${extra.report}`);
  if (extra.json) out.push(`  result: ${extra.json}`);
  out.push(result.gate.passed ? '  OK' : `  FAILED: ${result.gate.reasons.join('; ')}`);
  return `${out.join('\n')}\n`;
}

export const seconds = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

/** The coverage section: what was generated, pass rates by kind, phrasing, language and field, what was not asked. */
function coverageText(result: EvalResult): string[] {
  const g = result.coverage!;
  const m = result.metrics.coverage;
  const records = Object.entries(g.records).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
  const out = ['', `  coverage: ${g.cases} questions generated from ${records || 'an empty catalogue'} in ${g.generateMs} ms`];
  if (m) {
    out.push(`  ${'coverage pass rate'.padEnd(24)}${pct(m.passRate)}  ${m.passed}/${m.cases}`);
    const table = (title: string, rows: CoverageRow[]) => {
      const width = Math.max(26, ...rows.map((r) => r.name.length + 4));
      out.push('', `    ${title.padEnd(width)}${'cases'.padStart(6)}${'passed'.padStart(8)}${'rate'.padStart(8)}`);
      for (const r of rows) out.push(`    ${r.name.padEnd(width)}${String(r.cases).padStart(6)}${String(r.passed).padStart(8)}${pct(r.passRate).padStart(8)}`);
    };
    table('by kind', m.byKind);
    table('by phrasing', m.byPhrasing);
    table('by language', m.byLang);
    table('by field', m.byField);
  }
  out.push('');
  if (g.schools) {
    out.push(`  schools: every one of the ${g.schools.total} asked its ${g.schools.everySchool.join(', ')}; one in ${g.schools.sampleEvery} (${g.schools.sampled}) also asked ${g.schools.sampleFields.join(', ')} and a follow-up`);
  }
  const nic = g.notInCatalogue;
  out.push(`  not in the catalogue: ${nic.asked.length} topics asked${nic.asked.length ? ` (${nic.asked.join(', ')})` : ''}; ${nic.dropped.length} left out because the catalogue holds them${nic.dropped.length ? ` (${nic.dropped.map((d) => `${d.topic}: "${d.key}"`).join(', ')})` : ''}`);
  if (g.skipped.length) {
    out.push(`  not asked (${g.skipped.length}): the question would say its own answer, or records share the name:`);
    for (const k of g.skipped.slice(0, 10)) out.push(`    ${k.case}: ${k.reason}`);
    if (g.skipped.length > 10) out.push(`    … and ${g.skipped.length - 10} more (see the JSON result)`);
  }
  return out;
}
