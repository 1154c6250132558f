import type { IngestContext } from '../../context.js';
import { allMatches } from '../keywords.js';
import type { Combined, CombinedRule } from '../mapping.js';
import type { Parsed } from '../parse-values.js';
import { AUDIENCE } from './lto-vocabulary.js';

/** Small pure transforms the LTO mappings share. */

/** A comune named in full ("Castiglione delle Stiviere") -> its ISTAT code, from the comuni known so far. */
export function comuneByName(name: string, ctx: IngestContext): Parsed<string> {
  const comune = ctx.comuni.byComuneName(name);
  if (comune) return { value: comune.code };
  const known = ctx.comuni.size === 0 ? 'no comuni are known yet' : `not one of the ${ctx.comuni.size} comuni known`;
  return { error: `unknown comune "${name}" (${known}): ingest the ISTAT list of comuni first, or in the same command` };
}

// "14-19 anni", "dai 18 anni": an age range says more than the words around it ("Giovani 18-35 anni").
const RANGE = /(\d{1,2})\s*-\s*(\d{1,2})\s*anni/i;
const FROM_AGE = /\bdai\s+(\d{1,2})\s+anni/i;

/** Who it is for, from the partner's free text; the text itself is kept as the note. */
export function audienceOf(header: string): CombinedRule {
  return {
    from: [header],
    columnOf: { audience: header, audienceNote: header },
    build: (cells): Combined => {
      const note = cells[header]!;
      if (!note) return { value: {} };
      const audience = allMatches(note, AUDIENCE);
      const range = note.match(RANGE);
      const min = Number(range?.[1] ?? note.match(FROM_AGE)?.[1] ?? NaN);
      const max = Number(range?.[2] ?? NaN);
      if (min >= 18 && !audience.includes('adults')) audience.push('adults');
      if (max <= 19 && !audience.includes('students')) audience.push('students');
      return { value: { audience, audienceNote: note } };
    },
  };
}

/** "Età minima 18 anni" (requirements) or "Adulti dai 16 anni" (audience) -> 18 / 16. */
export function minAgeOf(...headers: string[]): CombinedRule {
  return {
    from: headers,
    build: (cells): Combined => {
      for (const h of headers) {
        const hit = cells[h]!.match(/et[àa] minima:?\s*(\d{1,2})/i) ?? cells[h]!.match(FROM_AGE);
        if (hit) return { value: { minAge: Number(hit[1]) } };
      }
      return { value: {} };
    },
  };
}
