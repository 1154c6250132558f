import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from './compare.js';
import { gate } from './gate.js';
import { computeMetrics } from './metrics.js';
import { reportHtml } from './report-html.js';
import { RESULT_FORMAT, type CaseResult, type EvalResult } from './result.js';

const EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function kase(id: string, passed: boolean, tags: string[], say = 'corsi di stampa 3d'): CaseResult {
  return {
    id,
    file: 'eval/cases/sample/x.yaml',
    line: 3,
    description: `about ${id}`,
    tags,
    user: `eval:${id}`,
    now: '2026-11-25T09:00:00.000Z',
    passed,
    failures: passed ? [] : ['turn 1: cites: C001 not cited (cited: C008)'],
    turns: [
      {
        turn: 1,
        input: { say },
        sent: { text: say },
        reply: {
          intent: 'find_course',
          messages: [
            { type: 'text', text: `Ecco: ${EVIL}` },
            { type: 'card', title: 'Stampa 3D <b>', facts: [{ label: 'Costo', value: '120 €' }], actions: [{ label: 'Sito', url: 'https://lto.example.it/c008' }, { label: 'Prenota', action: 'book:course:C008' }] },
            { type: 'choices', text: 'Cosa vuoi fare?', choices: [{ label: 'Dettagli', action: 'details:course:C008' }] },
          ],
          citations: [{ kind: 'course', id: 'C008', title: `Stampa 3D ${EVIL}` }],
        },
        latencyMs: 12.5,
        checks: [{ expectation: 'cites', ok: passed, expected: 'C001', got: 'C008', ...(passed ? {} : { reason: 'cites: C001 not cited (cited: C008)' }) }],
        booking: [],
        grounding: passed ? [] : ['amount "90 €" is in no source'],
        errors: [],
      },
    ],
  };
}

function result(cases: CaseResult[], withBaseline: boolean): EvalResult {
  const metrics = computeMetrics(cases);
  const comparison = withBaseline
    ? compareWithBaseline(cases, metrics, { format: RESULT_FORMAT, metrics: { passRate: 1 }, cases: cases.map((c) => ({ id: c.id, passed: true })) }, 'previous.json')
    : undefined;
  return {
    format: RESULT_FORMAT,
    startedAt: '2026-11-25T09:00:00.000Z',
    finishedAt: '2026-11-25T09:01:00.000Z',
    store: { kind: 'sample' },
    now: '2026-11-25T10:00:00+01:00',
    files: ['eval/cases/sample/x.yaml'],
    gate: gate(metrics, 0.9, comparison),
    metrics,
    ...(comparison ? { comparison } : {}),
    cases,
  };
}

describe('the HTML report', () => {
  const cases = [kase('ok-1', true, ['lang:it', 'topic:courses']), kase('broken', false, ['lang:en', 'topic:courses'], `mi iscrivo ${EVIL}`), kase('ok-2', true, ['lang:it', 'audience:student'])];
  const html = reportHtml(result(cases, true));

  it('is one self-contained file: no script, no stylesheet or image to fetch, no link to follow', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<iframe|<object|<embed|@import|url\(/i);
    // Attributes live in tags; escaped text has no "<" left to open one.
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    expect(tags.filter((t) => /\b(src|href|action|srcset|xlink:href|on\w+)\s*=|\/\//i.test(t))).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('shows what a user or a record wrote as text, escaped', () => {
    expect(html).toContain('mi iscrivo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Stampa 3D &lt;b&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    // A card's link is shown, not followed.
    expect(html).toContain('Sito (https://lto.example.it/c008)');
  });

  it('has the summary, a chart a tag key, the failures with the conversation, and the regressions first', () => {
    for (const heading of ['Summary', 'Against the baseline', 'Pass rate by tag', 'Failures (1)', 'All cases']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html.indexOf('<h2>Against the baseline</h2>')).toBeLessThan(html.indexOf('<h2>Failures (1)</h2>'));
    expect(html.indexOf('Regressions (1)')).toBeLessThan(html.indexOf('<h3>Metrics</h3>'));
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<figcaption>topic</figcaption>');
    expect(html).toMatch(/<text[^>]*>courses<\/text>/);
    // The failed case: its reason, what was said, what came back, expected against got.
    const failure = html.slice(html.indexOf('<h2>Failures (1)</h2>'), html.indexOf('<h2>All cases</h2>'));
    expect(failure).toContain('<strong>broken</strong>');
    expect(failure).toContain('turn 1: cites: C001 not cited (cited: C008)');
    expect(failure).toContain('mi iscrivo &lt;script&gt;');
    expect(failure).toContain('intent <code>find_course</code>');
    expect(failure).toMatch(/<td>✗<\/td><td><code>cites<\/code><\/td><td>C001<\/td><td>C008<\/td>/);
    expect(failure).toContain('grounding: amount &quot;90 €&quot; is in no source');
    expect(html).toContain('FAILED: pass rate 66.7% is below --min-pass 90.0%; 1 case passed in the baseline and fail now (broken)');
  });

  it('says every case passed when none failed, and leaves out the comparison without a baseline', () => {
    const clean = reportHtml(result([kase('ok-1', true, ['lang:it'])], false));
    expect(clean).toContain('<p>Every case passed.</p>');
    expect(clean).not.toContain('Against the baseline');
    expect(clean).toContain('<p class="verdict ok">OK</p>');
  });

  it('has a coverage section for the generated cases: by kind, phrasing, language and field, and what was not asked', () => {
    const generated = [
      kase('cov.course.C001.start.formal', true, ['coverage:kind:course', 'coverage:field:start', 'coverage:phrasing:formal', 'lang:it']),
      kase('cov.course.C001.start.en', false, ['coverage:kind:course', 'coverage:field:start', 'coverage:phrasing:en', 'lang:en']),
      kase('cov.none.yoga.formal', true, ['coverage:not-in-catalogue', 'coverage:phrasing:formal', 'lang:it']),
    ];
    const r: EvalResult = {
      ...result([kase('ok-1', true, ['lang:it', 'topic:courses']), ...generated], false),
      coverage: {
        records: { course: 1 },
        cases: 3,
        casesByKind: { course: 2, 'not-in-catalogue': 1 },
        notInCatalogue: { asked: ['yoga'], dropped: [{ topic: 'haccp', key: 'haccp' }] },
        skipped: [{ case: 'cov.course.C001.language.en', reason: 'every phrasing already says what the answer is checked for' }],
        generateMs: 12,
      },
    };
    const page = reportHtml(r);
    const section = page.slice(page.indexOf('<h2>Coverage of the catalogue</h2>'), page.indexOf('<h2>Pass rate by tag</h2>'));
    expect(section).toContain('3 questions generated from 1 course');
    for (const chart of ['by kind', 'by phrasing', 'by language']) expect(section).toContain(`<figcaption>${chart}</figcaption>`);
    expect(section).toMatch(/<text[^>]*>not-in-catalogue<\/text>/);
    expect(section).toMatch(/<tr class="bad"><td>course\/start<\/td><td>2<\/td><td>1<\/td><td>50\.0%<\/td><\/tr>/);
    expect(section).toContain('haccp: “haccp”');
    expect(section).toContain('<code>cov.course.C001.language.en</code>');
    // The generated cases' tags are charted there, not again by tag.
    expect(page.slice(page.indexOf('<h2>Pass rate by tag</h2>'))).not.toContain('<figcaption>coverage</figcaption>');
    expect(page).toContain('<strong>cov.course.C001.start.en</strong>');
  });
});

