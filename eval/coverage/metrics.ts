import type { CaseResult } from '../result.js';
import { FIELDS } from './fields.js';

/** One line of the coverage figures: how many cases of a kind, field or phrasing passed. */
export interface CoverageRow {
  name: string;
  cases: number;
  passed: number;
  passRate: number;
}

/**
 * The generated cases' figures, read from their `coverage:` tags: overall, by kind of record
 * ("not-in-catalogue" for the topics the catalogue lacks), by kind and field, by phrasing, by language.
 */
export interface CoverageMetrics {
  cases: number;
  passed: number;
  passRate: number | null;
  byKind: CoverageRow[];
  /** Named "course/start", "site/equipment"… */
  byField: CoverageRow[];
  byPhrasing: CoverageRow[];
  byLang: CoverageRow[];
}

const PHRASINGS = ['formal', 'colloquial', 'typo', 'en', 'follow-up'];
const KINDS = ['course', 'site', 'service', 'initiative', 'school', 'not-in-catalogue'];
const round = (x: number) => Math.round(x * 1000) / 1000;

const tagValue = (tags: readonly string[], prefix: string) => tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);

export function isCoverageCase(c: Pick<CaseResult, 'tags'>): boolean {
  return c.tags.some((t) => t.startsWith('coverage:'));
}

export function coverageMetrics(results: readonly CaseResult[]): CoverageMetrics | undefined {
  const cases = results.filter(isCoverageCase);
  if (cases.length === 0) return undefined;
  const groups = { kind: new Map<string, CaseResult[]>(), field: new Map<string, CaseResult[]>(), phrasing: new Map<string, CaseResult[]>(), lang: new Map<string, CaseResult[]>() };
  const add = (map: Map<string, CaseResult[]>, key: string | undefined, c: CaseResult) => {
    if (key !== undefined) map.set(key, [...(map.get(key) ?? []), c]);
  };
  for (const c of cases) {
    const kind = c.tags.includes('coverage:not-in-catalogue') ? 'not-in-catalogue' : tagValue(c.tags, 'coverage:kind:');
    const field = tagValue(c.tags, 'coverage:field:');
    add(groups.kind, kind, c);
    add(groups.field, kind && field ? `${kind}/${field}` : undefined, c);
    add(groups.phrasing, tagValue(c.tags, 'coverage:phrasing:'), c);
    add(groups.lang, tagValue(c.tags, 'lang:'), c);
  }
  const rank = (order: readonly string[]) => (a: string, b: string) => {
    const [x, y] = [order.indexOf(a), order.indexOf(b)];
    return (x < 0 ? order.length : x) - (y < 0 ? order.length : y) || a.localeCompare(b);
  };
  const fieldOrder = Object.entries(FIELDS).flatMap(([kind, fields]) => fields.map((f) => `${kind}/${f}`));
  const rows = (map: Map<string, CaseResult[]>, order: readonly string[]): CoverageRow[] =>
    [...map.keys()].sort(rank(order)).map((name) => {
      const list = map.get(name)!;
      const passed = list.filter((c) => c.passed).length;
      return { name, cases: list.length, passed, passRate: round(passed / list.length) };
    });
  const passed = cases.filter((c) => c.passed).length;
  return {
    cases: cases.length,
    passed,
    passRate: round(passed / cases.length),
    byKind: rows(groups.kind, KINDS),
    byField: rows(groups.field, fieldOrder),
    byPhrasing: rows(groups.phrasing, PHRASINGS),
    byLang: rows(groups.lang, ['it', 'en']),
  };
}
