import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../result.js';
import { coverageMetrics } from './metrics.js';

const kase = (id: string, passed: boolean, tags: string[]): CaseResult => ({ id, file: 'coverage', line: 1, tags, user: `eval:${id}`, now: '2026-11-25T09:00:00.000Z', passed, failures: passed ? [] : ['turn 1: x'], turns: [] });
const tags = (kind: string, field: string, phrasing: string, lang = phrasing === 'en' ? 'en' : 'it') => [`coverage:kind:${kind}`, `coverage:field:${field}`, `coverage:phrasing:${phrasing}`, `lang:${lang}`];

describe('coverage figures', () => {
  it('are absent when no generated case ran', () => {
    expect(coverageMetrics([kase('yaml', true, ['lang:it', 'topic:courses'])])).toBeUndefined();
  });

  it('count the generated cases by kind, kind and field, phrasing and language, in reading order', () => {
    const m = coverageMetrics([
      kase('yaml', false, ['lang:it', 'topic:courses']),
      kase('a', true, tags('site', 'phone', 'formal')),
      kase('b', false, tags('course', 'start', 'en')),
      kase('c', true, tags('course', 'start', 'typo')),
      kase('d', true, tags('course', 'cost', 'follow-up')),
      kase('e', false, ['coverage:not-in-catalogue', 'coverage:phrasing:colloquial', 'lang:it']),
    ])!;
    expect(m).toMatchObject({ cases: 5, passed: 3, passRate: 0.6 });
    expect(m.byKind).toEqual([
      { name: 'course', cases: 3, passed: 2, passRate: 0.667 },
      { name: 'site', cases: 1, passed: 1, passRate: 1 },
      { name: 'not-in-catalogue', cases: 1, passed: 0, passRate: 0 },
    ]);
    expect(m.byField.map((f) => f.name)).toEqual(['course/start', 'course/cost', 'site/phone']);
    expect(m.byField[0]).toEqual({ name: 'course/start', cases: 2, passed: 1, passRate: 0.5 });
    expect(m.byPhrasing.map((p) => p.name)).toEqual(['formal', 'colloquial', 'typo', 'en', 'follow-up']);
    expect(m.byLang).toEqual([
      { name: 'it', cases: 4, passed: 3, passRate: 0.75 },
      { name: 'en', cases: 1, passed: 0, passRate: 0 },
    ]);
  });
});
