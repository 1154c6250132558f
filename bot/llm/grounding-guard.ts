import { findActionClaims } from './action-claims.js';
import { extractFacts, type Fact } from './facts.js';

/** The facts of one source, ready to be matched. */
export class SourceFacts {
  private readonly keys = new Map<string, Set<string>>();

  constructor(readonly text: string) {
    for (const fact of extractFacts(text, 'source')) {
      let set = this.keys.get(fact.kind);
      if (!set) this.keys.set(fact.kind, (set = new Set()));
      set.add(fact.key);
    }
  }

  supports(fact: Fact): boolean {
    const keys = this.keys.get(fact.kind) ?? new Set<string>();
    switch (fact.kind) {
      case 'date':
        // "12 gennaio" matches any 12 January of the source, "gennaio 2027" any day of it.
        // A source may give the day without a year too ("escluso il 24 aprile").
        if (fact.key.startsWith('--')) return keys.has(fact.key) || [...keys].some((k) => k.endsWith(fact.key.slice(1)) && k.length === 10);
        if (fact.key.length === 7) return [...keys].some((k) => k.startsWith(fact.key));
        return keys.has(fact.key);
      case 'url':
        // Shortening a source URL to its site is fine; lengthening it is inventing a page.
        return [...keys].some((k) => k === fact.key || k.startsWith(`${fact.key}/`));
      case 'code':
        // Codes are checked against the raw text: a record's own id is in it, in whatever case.
        return new RegExp(`(?<![A-Za-z0-9])${fact.key.replace(/[-]/g, '\\-')}(?![A-Za-z0-9])`, 'i').test(this.text);
      default:
        return keys.has(fact.key);
    }
  }
}

export function describeViolation(fact: Fact): string {
  return `${fact.kind} "${fact.text}" is in no source`;
}

/**
 * Every date, time, amount, phone number, email, code and URL of the answer must appear in some
 * source; and the answer must not claim a booking or a cancellation, which no model turn can make.
 */
export function checkGrounding(answer: string, sources: string[]): { ok: boolean; violations: string[] } {
  const indexed = sources.map((s) => new SourceFacts(s));
  const violations = new Set<string>();
  for (const fact of extractFacts(answer, 'claim')) {
    if (!indexed.some((s) => s.supports(fact))) violations.add(describeViolation(fact));
  }
  for (const claim of findActionClaims(answer)) violations.add(`action claimed "${claim}": nothing is booked or cancelled before the user confirms`);
  return { ok: violations.size === 0, violations: [...violations] };
}
