import type { OutboundMessage } from '../domain/message.js';
import type { Check } from './expectations.js';
import type { CaseResult, EvalResult, TurnResult } from './result.js';
import type { CoverageRow } from './coverage/metrics.js';
import { ms, num, pct, seconds } from './report-text.js';

/**
 * One HTML file that opens anywhere with no network: inline CSS and SVG, no script, no link, and
 * a Content-Security-Policy that would block one anyway. Every string from a case, a reply or a
 * record goes through esc(): a user turn "<script>" is shown, never run.
 */
export function reportHtml(result: EvalResult): string {
  const m = result.metrics;
  const failed = result.cases.filter((c) => !c.passed);
  const title = `Orienta eval — ${result.startedAt.slice(0, 16).replace('T', ' ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="muted">${esc(storeLine(result))} · ${m.cases} cases from ${result.files.length} file${result.files.length === 1 ? '' : 's'}${result.coverage ? ` and ${result.coverage.cases} generated from the catalogue` : ''} · default clock ${esc(result.now)}${result.runMs !== undefined ? ` · run in ${esc(seconds(result.runMs))}` : ''}</p>
<p class="verdict ${result.gate.passed ? 'ok' : 'ko'}">${result.gate.passed ? 'OK' : `FAILED: ${esc(result.gate.reasons.join('; '))}`}</p>
</header>
<main>
${summary(result)}
${result.comparison ? comparison(result) : ''}
${result.coverage ? coverageSection(result) : ''}
<section><h2>Pass rate by tag</h2>${tagCharts(result)}</section>
<section><h2>Failures (${failed.length})</h2>${failed.length ? failed.map((c) => caseBlock(c, true)).join('\n') : '<p>Every case passed.</p>'}</section>
${groundingSection(result)}
<section><h2>All cases</h2>${casesTable(result.cases)}</section>
<section><h2>Files</h2><ul>${result.files.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul></section>
</main>
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function storeLine(r: EvalResult): string {
  return r.store.kind === 'sample' ? 'sample catalogue (data/sample)' : `ingested: ${r.store.paths.join(', ')}${r.store.rejected ? ` (${r.store.rejected} rows rejected)` : ''}`;
}

function summary(r: EvalResult): string {
  const m = r.metrics;
  const tiles: [string, string, string][] = [
    ['pass rate', pct(m.passRate), `${m.passed}/${m.cases} cases${r.gate.minPass !== null ? ` · min ${pct(r.gate.minPass)}` : ''}`],
    ['intent accuracy', pct(m.intent.accuracy), `${m.intent.correct}/${m.intent.turns} turns`],
    ['retrieval', `hit@k ${num(m.retrieval.hitAtK, 2)}`, `MRR ${num(m.retrieval.mrr, 2)} · nDCG@k ${num(m.retrieval.ndcgAtK, 2)} · ${m.retrieval.turns} turns`],
    ['citations', `P ${num(m.citations.precision, 2)} · R ${num(m.citations.recall, 2)}`, `precision · recall · ${m.citations.turns} turns`],
    ['grounding', String(m.grounding.violations), `violations in ${m.grounding.turnsWithViolations} of ${m.grounding.turns} turns`],
    ['out of scope', pct(m.refusal.rate), `${m.refusal.refused}/${m.refusal.cases} refused · ${m.refusal.falseRefusals} false refusals`],
    ['booking flows', pct(m.booking.rate), `${m.booking.succeeded}/${m.booking.cases} cases`],
    ['latency', `p95 ${ms(m.latency.p95Ms)}`, `p50 ${ms(m.latency.p50Ms)} · max ${ms(m.latency.maxMs)} · ${m.latency.turns} turns`],
  ];
  if (m.judge) tiles.push(['LLM judge', `F ${num(m.judge.faithfulness, 2)} · R ${num(m.judge.relevance, 2)}`, `faithfulness · relevance (1–5) · ${m.judge.turns} turns${m.judge.errors ? ` · ${m.judge.errors} errors` : ''}`]);
  return `<section><h2>Summary</h2><div class="tiles">${tiles.map(([k, v, note]) => `<div class="tile"><div class="k">${esc(k)}</div><div class="v">${esc(v)}</div><div class="n">${esc(note)}</div></div>`).join('')}</div></section>`;
}

function comparison(r: EvalResult): string {
  const c = r.comparison!;
  const delta = c.passRate.delta === null ? '' : ` (${c.passRate.delta >= 0 ? '+' : ''}${(c.passRate.delta * 100).toFixed(1)} points)`;
  const byId = new Map(r.cases.map((x) => [x.id, x]));
  const parts = [
    `<p>Baseline <code>${esc(c.baseline.file)}</code>${c.baseline.startedAt ? ` of ${esc(c.baseline.startedAt)}` : ''}: pass rate ${esc(pct(c.passRate.before))} → ${esc(pct(c.passRate.after))}${esc(delta)}.</p>`,
    `<h3 class="${c.regressions.length ? 'bad' : ''}">Regressions (${c.regressions.length})</h3>`,
    c.regressions.length ? c.regressions.map((x) => (byId.get(x.id) ? caseBlock(byId.get(x.id)!, true, 'regression') : '')).join('\n') : '<p>None: every case that passed before still passes.</p>',
    `<h3>Metrics</h3><table><thead><tr><th>figure</th><th>baseline</th><th>now</th></tr></thead><tbody>${c.metrics
      .map((f) => `<tr class="${f.worse ? 'bad' : ''}"><td>${esc(f.name)}</td><td>${esc(num(f.before, 3))}</td><td>${esc(num(f.after, 3))}${f.worse ? ' ▼' : ''}</td></tr>`)
      .join('')}</tbody></table>`,
    `<h3>Fixed (${c.fixed.length})</h3>${list(c.fixed)}`,
    `<h3>New cases (${c.added.length})</h3>${list(c.added.map((a) => `${a.id} (${a.passed ? 'passes' : 'fails'})`))}`,
    `<h3>Removed cases (${c.removed.length})</h3>${list(c.removed)}`,
  ];
  return `<section><h2>Against the baseline</h2>${parts.join('\n')}</section>`;
}

const list = (items: string[]) => (items.length ? `<ul class="ids">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '<p class="muted">None.</p>');

/** A bar chart a tag key: lang, audience, channel, topic, kind. The generated cases' tags have their own section. */
function tagCharts(r: EvalResult): string {
  const groups = new Map<string, EvalResult['metrics']['byTag']>();
  for (const t of r.metrics.byTag) {
    const key = t.tag.split(':')[0]!;
    if (key === 'coverage') continue;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  if (groups.size === 0) return '<p class="muted">No tags.</p>';
  const charts = [...groups.entries()].map(([key, tags]) => barChart(key, tags.map((t) => ({ name: t.tag.slice(key.length + 1), cases: t.cases, passed: t.passed, passRate: t.passRate })), r.gate.minPass));
  return `<div class="charts">${charts.join('')}</div>`;
}

/** Pass rates as bars. Pure SVG, text as text nodes. */
function barChart(caption: string, rows: CoverageRow[], minPass: number | null): string {
  const row = 22;
  const label = 190;
  const bar = 320;
  const height = rows.length * row + 8;
  const bars = rows
    .map((t, i) => {
      const y = i * row + 4;
      const w = Math.round(t.passRate * bar);
      const cls = t.passRate >= (minPass ?? 0.9) ? 'good' : t.passRate >= 0.5 ? 'warn' : 'poor';
      return `<text x="${label - 8}" y="${y + 14}" text-anchor="end">${esc(t.name)}</text><rect x="${label}" y="${y}" width="${bar}" height="16" class="track"/><rect x="${label}" y="${y}" width="${w}" height="16" class="${cls}"/><text x="${label + bar + 8}" y="${y + 14}">${esc(`${pct(t.passRate)} (${t.passed}/${t.cases})`)}</text>`;
    })
    .join('');
  // Room on the right for "61.5% (1314/2137)".
  const width = label + bar + 160;
  return `<figure><figcaption>${esc(caption)}</figcaption><svg role="img" aria-label="${esc(`pass rate by ${caption}`)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg></figure>`;
}

/** What --coverage generated and how it fared: by kind, phrasing, language and field; what was not asked and why. */
function coverageSection(r: EvalResult): string {
  const g = r.coverage!;
  const m = r.metrics.coverage;
  const records = Object.entries(g.records).map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
  const parts = [`<p>${g.cases} questions generated from ${esc(records || 'an empty catalogue')} in ${g.generateMs} ms: for every field of every record a formal, a colloquial (some with a typo) and an English question, a follow-up on each record in focus, and topics the catalogue lacks.</p>`];
  if (m) {
    parts.push(`<div class="tiles"><div class="tile"><div class="k">coverage pass rate</div><div class="v">${esc(pct(m.passRate))}</div><div class="n">${m.passed}/${m.cases} generated cases</div></div>${m.byKind
      .map((k) => `<div class="tile"><div class="k">${esc(k.name)}</div><div class="v">${esc(pct(k.passRate))}</div><div class="n">${k.passed}/${k.cases} cases</div></div>`)
      .join('')}</div>`);
    parts.push(`<div class="charts">${barChart('by kind', m.byKind, r.gate.minPass)}${barChart('by phrasing', m.byPhrasing, r.gate.minPass)}${barChart('by language', m.byLang, r.gate.minPass)}</div>`);
    parts.push(`<h3>By field</h3><table><thead><tr><th>kind/field</th><th>cases</th><th>passed</th><th>rate</th></tr></thead><tbody>${m.byField
      .map((f) => `<tr class="${f.passRate < (r.gate.minPass ?? 0.9) ? 'bad' : ''}"><td>${esc(f.name)}</td><td>${f.cases}</td><td>${f.passed}</td><td>${esc(pct(f.passRate))}</td></tr>`)
      .join('')}</tbody></table>`);
  }
  if (g.schools) parts.push(`<p>Schools: every one of the ${g.schools.total} is asked its ${esc(g.schools.everySchool.join(', '))}; one in ${g.schools.sampleEvery} (${g.schools.sampled}) is also asked ${esc(g.schools.sampleFields.join(', '))} and a follow-up, to keep the run short.</p>`);
  const nic = g.notInCatalogue;
  parts.push(`<p>Not in the catalogue: ${nic.asked.length} topics asked (${esc(nic.asked.join(', ') || 'none')}); ${nic.dropped.length} left out because the catalogue holds them (${esc(nic.dropped.map((d) => `${d.topic}: “${d.key}”`).join(', ') || 'none')}).</p>`);
  if (g.skipped.length) parts.push(`<details><summary>Not asked (${g.skipped.length}): the question would say its own answer, or records share the name</summary><ul>${g.skipped.map((k) => `<li><code>${esc(k.case)}</code>: ${esc(k.reason)}</li>`).join('')}</ul></details>`);
  return `<section><h2>Coverage of the catalogue</h2>${parts.join('\n')}</section>`;
}

function caseBlock(c: CaseResult, open: boolean, mark = 'failed'): string {
  return `<details class="case ${c.passed ? 'pass' : 'fail'}"${open ? ' open' : ''} id="case-${esc(c.id)}">
<summary><span class="badge ${c.passed ? 'ok' : 'ko'}">${c.passed ? 'passed' : esc(mark)}</span> <strong>${esc(c.id)}</strong> <span class="muted">${esc(c.description ?? '')}</span></summary>
<p class="muted"><code>${esc(c.file)}:${c.line}</code> · ${c.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join(' ')} · user <code>${esc(c.user)}</code> · clock ${esc(c.now)}</p>
${c.failures.length ? `<ul class="reasons">${c.failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}
<ol class="conversation">${c.turns.map(turnBlock).join('\n')}</ol>
</details>`;
}

function turnBlock(t: TurnResult): string {
  const input = t.input.say !== undefined ? esc(t.input.say) : t.input.press !== undefined ? `<em>presses choice ${t.input.press}</em>${t.sent.action ? ` → <code>${esc(t.sent.action)}</code>` : ''}` : `<em>action</em> <code>${esc(t.input.action)}</code>`;
  const reply = t.reply
    ? `<div class="bot"><div class="meta">intent <code>${esc(t.reply.intent)}</code> · ${esc(ms(t.latencyMs))}${t.booking.length ? ` · booking: ${esc(t.booking.join(', '))}` : ''}</div>${t.reply.messages.map(message).join('')}${
        t.reply.citations.length ? `<div class="sources">Sources: ${t.reply.citations.map((c) => `<span class="cite">${esc(c.kind)}:${esc(c.id)} ${esc(c.title)}</span>`).join(' ')}</div>` : ''
      }</div>`
    : `<div class="bot none">${t.skipped ? 'not sent: an earlier turn could not be' : 'not sent'}</div>`;
  const extra = [
    ...t.errors.map((e) => `<li class="bad">${esc(e)}</li>`),
    ...t.grounding.map((g) => `<li class="warn">grounding: ${esc(g)}</li>`),
    ...(t.retrieval ? [`<li>retrieval top ${t.retrieval.k}: ${esc(t.retrieval.ids.slice(0, t.retrieval.k).join(', ') || 'nothing')} · expected ${esc(t.retrieval.relevant.join(', '))} · rank ${t.retrieval.rank ?? '—'}</li>`] : []),
    ...(t.judge ? ['error' in t.judge ? `<li class="warn">judge: ${esc(t.judge.error)}</li>` : `<li>judge: faithfulness ${t.judge.faithfulness}/5, relevance ${t.judge.relevance}/5${t.judge.reason ? ` — ${esc(t.judge.reason)}` : ''}</li>`] : []),
  ];
  return `<li class="turn"><div class="user">${input}</div>${reply}${t.checks.length ? checksTable(t.checks) : ''}${extra.length ? `<ul class="notes">${extra.join('')}</ul>` : ''}</li>`;
}

function message(m: OutboundMessage): string {
  switch (m.type) {
    case 'text':
      return `<p class="text">${esc(m.text)}</p>`;
    case 'choices':
      return `<div class="choices"><p class="text">${esc(m.text)}</p>${m.choices.map((c, i) => `<span class="choice" title="${esc(c.action)}">${i + 1}. ${esc(c.label)}</span>`).join(' ')}</div>`;
    case 'card':
      // Links are shown as text: the report opens offline and follows nothing.
      return `<div class="card"><div class="title">${esc(m.title)}</div>${m.subtitle ? `<div class="muted">${esc(m.subtitle)}</div>` : ''}${m.facts.length ? `<dl>${m.facts.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl>` : ''}${m.text ? `<p class="text">${esc(m.text)}</p>` : ''}${
        m.actions.length ? `<div>${m.actions.map((a) => `<span class="choice"${a.action ? ` title="${esc(a.action)}"` : ''}>${esc(a.label)}${a.url ? ` (${esc(a.url)})` : ''}</span>`).join(' ')}</div>` : ''
      }</div>`;
    case 'file':
      return `<p class="file">📎 ${esc(m.name)} <span class="muted">${esc(m.mediaType)}</span></p>`;
  }
}

function checksTable(checks: Check[]): string {
  return `<table class="checks"><thead><tr><th></th><th>expectation</th><th>expected</th><th>got</th></tr></thead><tbody>${checks
    .map((k) => `<tr class="${k.ok ? 'ok' : 'bad'}"><td>${k.ok ? '✓' : '✗'}</td><td><code>${esc(k.expectation)}</code></td><td>${esc(k.expected)}</td><td>${esc(k.got)}</td></tr>`)
    .join('')}</tbody></table>`;
}

function groundingSection(r: EvalResult): string {
  const rows = r.cases.flatMap((c) => c.turns.filter((t) => t.grounding.length > 0).map((t) => ({ c, t })));
  if (rows.length === 0) return '';
  return `<section><h2>Grounding violations (${r.metrics.grounding.violations})</h2><p class="muted">Facts in an answer that none of the records it cites holds.</p><table><thead><tr><th>case</th><th>turn</th><th>facts</th></tr></thead><tbody>${rows
    .map(({ c, t }) => `<tr><td>${esc(c.id)}</td><td>${t.turn}</td><td>${esc(t.grounding.join('; '))}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

function casesTable(cases: CaseResult[]): string {
  return `<table><thead><tr><th>case</th><th>result</th><th>turns</th><th>slowest turn</th><th>tags</th></tr></thead><tbody>${cases
    .map(
      (c) =>
        `<tr class="${c.passed ? '' : 'bad'}"><td>${esc(c.id)}</td><td>${c.passed ? 'passed' : `failed: ${esc(c.failures[0] ?? '')}`}</td><td>${c.turns.length}</td><td>${esc(ms(Math.max(0, ...c.turns.map((t) => t.latencyMs))))}</td><td>${esc(c.tags.join(' '))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header,main{max-width:1100px;margin:0 auto;padding:16px 20px}
header{border-bottom:1px solid #dde1e7;background:#fff;max-width:none}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 6px}
.muted{color:#5d6675}.bad{color:#a40e26}.warn{color:#8a5a00}
.verdict{display:inline-block;padding:4px 10px;border-radius:4px;font-weight:600}
.verdict.ok{background:#e3f4e8;color:#1c6b35}.verdict.ko{background:#fde7ea;color:#a40e26}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px}
.tile{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px 12px}
.tile .k{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5d6675}.tile .v{font-size:22px;font-weight:600}.tile .n{font-size:12px;color:#5d6675}
table{border-collapse:collapse;background:#fff;width:100%;margin:6px 0}th,td{border:1px solid #dde1e7;padding:4px 8px;text-align:left;vertical-align:top}
tr.bad td{background:#fff4f5}tr.ok td:first-child{color:#1c6b35}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:12px}
figure{margin:0;background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
figure svg{width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#1d2430}svg .track{fill:#eceff3}svg .good{fill:#2f8f4e}svg .warn{fill:#d49a1b}svg .poor{fill:#c23b4e}
details.case{background:#fff;border:1px solid #dde1e7;border-left:4px solid #c23b4e;border-radius:6px;margin:10px 0;padding:8px 12px}
details.case.pass{border-left-color:#2f8f4e}summary{cursor:pointer}
.badge{font-size:12px;padding:1px 6px;border-radius:3px}.badge.ko{background:#fde7ea;color:#a40e26}.badge.ok{background:#e3f4e8;color:#1c6b35}
.tag{font-size:12px;background:#eef1f5;border-radius:3px;padding:0 5px}
.reasons li{color:#a40e26}
.conversation{padding-left:22px}.turn{margin:10px 0}
.user{background:#e6f0ff;border-radius:10px;padding:6px 10px;display:inline-block;max-width:80%;white-space:pre-wrap}
.bot{background:#fff;border:1px solid #dde1e7;border-radius:10px;padding:6px 10px;margin:6px 0 6px 24px}
.bot.none{color:#5d6675;font-style:italic}.bot .meta{font-size:12px;color:#5d6675}
.text{white-space:pre-wrap;margin:4px 0}.choice{display:inline-block;border:1px solid #b9c2cf;border-radius:12px;padding:0 8px;margin:2px;font-size:13px}
.card{border:1px solid #dde1e7;border-radius:6px;padding:6px 8px;margin:6px 0}.card .title{font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:0 10px;margin:4px 0}dt{color:#5d6675}dd{margin:0}
.sources{font-size:12px;color:#5d6675;margin-top:4px}.cite{background:#eef1f5;border-radius:3px;padding:0 4px}
.checks{font-size:13px;margin-left:24px;width:calc(100% - 24px)}.notes{font-size:13px;margin-left:24px}
code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#eef1f5;padding:0 3px;border-radius:3px}
ul.ids{columns:3}
`;
