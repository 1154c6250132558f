import { describe, expect, it } from 'vitest';
import { figureTable } from './figures.js';

describe('the benchmark table', () => {
  it('puts each figure next to its same-run baseline, the ratio and the target', () => {
    const lines = figureTable([
      { benchmark: 'search', measure: 'sample p95', value: 18.52, unit: 'ms', baseline: { label: 'full scan', value: 9.26 }, target: '≤ 15 ms' },
      { benchmark: 'ingest', measure: 'peak RSS', value: 759, unit: 'MB' },
    ]);
    expect(lines[0]).toMatch(/^benchmark\s+measure\s+value\s+baseline \(same run\)\s+ratio\s+target$/);
    expect(lines[2]).toMatch(/^search\s+sample p95\s+18\.5 ms\s+9\.26 ms \(full scan\)\s+2\.00\s+≤ 15 ms$/);
    expect(lines[3]).toMatch(/^ingest\s+peak RSS\s+759 MB$/);
    // Columns line up: every row starts its value at the same place.
    expect(lines[2]!.indexOf('18.5')).toBe(lines[3]!.indexOf('759'));
  });
});
