import { fold } from '../../text/normalize.js';
import { extractFacts } from './facts.js';
import { SourceFacts } from './grounding-guard.js';
import type { ToolRecord } from './tools.js';

export interface SeenRecord {
  record: ToolRecord;
  /** details means the model looked the record up on purpose. */
  via: 'search' | 'details' | 'slots';
}

export type Citation = { kind: string; id: string; title: string };

/**
 * The records an answer relies on:
 *  1. those it names, by id or by title;
 *  2. plus, for each fact of the answer none of those holds, the record that holds it (details
 *     first), so every checked fact has a cited source;
 *  3. if that leaves none (an answer naming nothing and stating no fact), the records the model
 *     asked details for, else everything the tools returned: what it read before answering.
 */
export function chooseCitations(answer: string, seen: SeenRecord[]): Citation[] {
  const ordered = [...seen.filter((s) => s.via === 'details'), ...seen.filter((s) => s.via !== 'details')];
  const foldedAnswer = ` ${fold(answer)} `;
  const chosen = new Set<SeenRecord>();
  for (const s of seen) {
    const id = new RegExp(`(?<![A-Za-z0-9])${escape(s.record.id)}(?![A-Za-z0-9])`, 'i');
    const title = fold(s.record.title);
    if (id.test(answer) || (title.length >= 4 && foldedAnswer.includes(` ${title} `))) chosen.add(s);
  }
  const facts = new Map(ordered.map((s) => [s, new SourceFacts(sourceText(s.record))]));
  for (const fact of extractFacts(answer, 'claim')) {
    if ([...chosen].some((s) => facts.get(s)!.supports(fact))) continue;
    const holder = ordered.find((s) => facts.get(s)!.supports(fact));
    if (holder) chosen.add(holder);
  }
  let cited = seen.filter((s) => chosen.has(s));
  if (cited.length === 0) cited = seen.some((s) => s.via === 'details') ? seen.filter((s) => s.via === 'details') : seen;
  const unique = new Map<string, Citation>();
  for (const { record } of cited) unique.set(`${record.kind}:${record.id}`, { kind: record.kind, id: record.id, title: record.title });
  return [...unique.values()];
}

/** What the guard reads of a record: its identity is part of its facts (the model may cite C001). */
export function sourceText(record: ToolRecord): string {
  return `${record.kind} ${record.id}: ${record.title}\n${record.text}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
