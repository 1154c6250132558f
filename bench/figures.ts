/** One measured figure and what it is compared with, so every benchmark lands in one table. */
export interface Figure {
  benchmark: string;
  measure: string;
  value: number;
  unit: string;
  /** What the same run measured to compare with (a bare query, a bulk insert, /healthz). */
  baseline?: { label: string; value: number };
  /** The figure the issue asks for, when there is one ("≤ 15 ms"). */
  target?: string;
}

export interface BenchResult {
  lines: string[];
  figures: Figure[];
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The figures as one aligned text table: value, baseline, ratio, target. */
export function figureTable(figures: Figure[]): string[] {
  const rows = figures.map((f) => [
    f.benchmark,
    f.measure,
    `${fmt(f.value)} ${f.unit}`,
    f.baseline ? `${fmt(f.baseline.value)} ${f.unit} (${f.baseline.label})` : '',
    f.baseline && f.baseline.value ? (f.value / f.baseline.value).toFixed(2) : '',
    f.target ?? '',
  ]);
  const head = ['benchmark', 'measure', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
