import type { Understanding } from './index.js';
import type { Case } from './table.js';

/** What differs between a table case and what was understood; empty when it matches. */
export function check(c: Case, u: Understanding): string[] {
  const problems: string[] = [];
  const intents = Array.isArray(c.intent) ? c.intent : [c.intent];
  if (!intents.includes(u.intent)) problems.push(`intent ${u.intent}, expected ${intents.join('|')}`);
  if (c.language && u.language !== c.language) problems.push(`language ${u.language}, expected ${c.language}`);
  const e = c.entities ?? {};
  const got = u.entities;
  const same = (name: string, actual: unknown, expected: unknown) => {
    if (expected !== undefined && JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${name} ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
  same('comune', got.comune?.name, e.comuneName);
  same('near', got.near?.name, e.nearName);
  same('from', got.dates?.from, e.dateFrom);
  same('to', got.dates?.to, e.dateTo);
  same('codes', got.codes.map((x) => x.id), e.codeIds);
  for (const key of ['audience', 'level', 'freeOnly', 'maxCost', 'online', 'bookingCode', 'groupSize', 'className', 'email', 'phone', 'targetLanguage', 'feedback'] as const) {
    same(key, got[key], e[key]);
  }
  return problems;
}
