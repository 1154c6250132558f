import type { Comparison } from './compare.js';
import type { Metrics } from './metrics.js';

/** Whether a run may ship: at least --min-pass of the cases pass, and nothing got worse than the baseline. */
export function gate(metrics: Metrics, minPass: number | null, comparison?: Comparison): { minPass: number | null; passed: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const rate = metrics.passRate ?? 0;
  if (minPass !== null && rate < minPass) reasons.push(`pass rate ${(rate * 100).toFixed(1)}% is below --min-pass ${(minPass * 100).toFixed(1)}%`);
  if (comparison?.regressions.length) {
    const ids = comparison.regressions.map((r) => r.id);
    reasons.push(`${ids.length} case${ids.length === 1 ? '' : 's'} passed in the baseline and fail now (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`);
  }
  const { before, after } = comparison?.passRate ?? {};
  if (comparison?.regressed && before != null && after != null && after < before) {
    reasons.push(`pass rate went down from ${(before * 100).toFixed(1)}% to ${(after * 100).toFixed(1)}% against the baseline`);
  }
  return { minPass, passed: reasons.length === 0, reasons };
}
