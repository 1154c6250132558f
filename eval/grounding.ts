import { courseDetails, render, slotLines, type RenderContext } from '../bot/answer/records.js';
import { TEXTS } from '../bot/answer/texts.js';
import { italianDate } from '../domain/clock.js';
import { describeViolation, SourceFacts } from '../bot/llm/grounding-guard.js';
import { extractFacts } from '../bot/llm/facts.js';
import type { Lang, Reply } from '../domain/message.js';
import type { Booking, CatalogueReader, RecordRef, SearchKind } from '../domain/ports.js';
import type { Slot } from '../domain/model/index.js';
import { readableText } from './reply-text.js';

const KINDS = new Set<string>(['course', 'site', 'service', 'initiative', 'school', 'doc']);

export interface GroundingInput {
  reply: Reply;
  now: Date;
  /** The person's bookings after the turn: a booking code or its date is theirs, not invented. */
  bookings: (Booking & { slot: Slot })[];
  /** What the person wrote so far: a name or phone read back in a summary is theirs too. */
  said: string[];
}

/**
 * The cited records as texts, each with its site and slots, as JSON and as the answers render
 * them in both languages: what a fact of the answer may come from.
 */
export async function citedSources(catalogue: CatalogueReader, comuni: Map<string, string>, reply: Reply, now: Date): Promise<string[]> {
  const refs: RecordRef[] = reply.citations.filter((c) => KINDS.has(c.kind)).map((c) => ({ kind: c.kind as SearchKind, id: c.id }));
  if (refs.length === 0) return [];
  const found = await catalogue.withContext(refs, now.toISOString());
  const slots = new Map<string, Slot[]>();
  for (const s of found.slots) slots.set(s.ref, [...(slots.get(s.ref) ?? []), s]);
  const sources: string[] = [];
  for (const record of found.records.values()) {
    const own = slots.get(record.record.id) ?? [];
    const site = 'site' in record.record && typeof record.record.site === 'string' ? found.sites.get(record.record.site) : undefined;
    const parts = [JSON.stringify(record.record), site ? JSON.stringify(site) : '', ...own.map((s) => JSON.stringify(s))];
    for (const lang of ['it', 'en'] as Lang[]) {
      const ctx: RenderContext = { lang, today: italianDate(now), sites: found.sites, slots, comuni };
      parts.push(render(record, ctx).line, record.kind === 'course' ? courseDetails(record.record, ctx).join('\n') : '', slotLines(own, lang, found.sites).join('\n'));
    }
    sources.push(parts.filter(Boolean).join('\n'));
  }
  // Lab sessions are booked at a site, and the catalogue gives a site's record without them.
  const siteIds = [...found.records.values()].filter((r) => r.kind === 'site').map((r) => r.record.id);
  const labSlots = siteIds.length ? await catalogue.slotsFor(siteIds, now.toISOString()) : [];
  for (const lang of ['it', 'en'] as Lang[]) if (labSlots.length) sources.push([...labSlots.map((s) => JSON.stringify(s)), ...slotLines(labSlots, lang, found.sites)].join('\n'));
  for (const site of found.sites.values()) sources.push(JSON.stringify(site));
  return sources;
}

/**
 * Facts of the answer (dates, times, amounts, phones, emails, codes, URLs) that none of its cited
 * records holds: the same reading as the language model's grounding guard, applied to every answer.
 */
export function groundingViolations(input: GroundingInput, cited: string[]): string[] {
  const claims = extractFacts(withoutOwnPhrases(readableText(input.reply)), 'claim');
  if (claims.length === 0) return [];
  const indexed = [...cited, ...input.said, ...input.bookings.map((b) => JSON.stringify(b))].map((s) => new SourceFacts(s));
  const violations = new Set<string>();
  for (const fact of claims) if (!indexed.some((s) => s.supports(fact))) violations.add(describeViolation(fact));
  return [...violations];
}

/** The assistant's fixed sentences and button labels, longest first ("Solo gratuiti" is a button, not a price). */
const OWN_PHRASES: string[] = (() => {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') found.add(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(TEXTS);
  return [...found].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
})();

function withoutOwnPhrases(text: string): string {
  let rest = text;
  for (const phrase of OWN_PHRASES) if (rest.includes(phrase)) rest = rest.split(phrase).join(' ');
  return rest;
}
