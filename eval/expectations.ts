import type { Reply } from '../domain/message.js';
import type { BookingEffect, Expect } from './case-schema.js';
import { containsPhrase, offersPerson, readableText, saysNothing } from './reply-text.js';

/** One expectation of one turn, checked: what was wanted, what came, and why it failed in words. */
export interface Check {
  expectation: keyof Expect;
  ok: boolean;
  expected: string;
  got: string;
  /** Set when the check failed: one line a person understands without reading the code. */
  reason?: string;
}

export interface TurnEvidence {
  reply: Reply;
  /** Ids in the order retrieval ranked them for the turn's text, when it ran. */
  retrieved?: string[];
  /** What this turn did to the person's bookings. */
  bookingEffects: BookingEffect[];
}

const list = (ids: readonly string[]) => (ids.length ? ids.join(', ') : 'nothing');
const quoted = (phrases: readonly string[]) => phrases.map((p) => `"${p}"`).join(' or ');

export function checkTurn(expect: Expect | undefined, evidence: TurnEvidence): Check[] {
  if (!expect) return [];
  const { reply } = evidence;
  const cited = [...new Set(reply.citations.map((c) => c.id))];
  const text = readableText(reply, { links: true });
  const checks: Check[] = [];
  const add = (expectation: keyof Expect, ok: boolean, expected: string, got: string, reason: string) =>
    checks.push({ expectation, ok, expected, got, ...(ok ? {} : { reason }) });

  if (expect.intent) {
    const ok = expect.intent.includes(reply.intent as never);
    add('intent', ok, expect.intent.join(' or '), reply.intent, `intent: expected ${expect.intent.join(' or ')}, got ${reply.intent}`);
  }
  if (expect.cites) {
    const missing = expect.cites.filter((id) => !cited.includes(id));
    add('cites', missing.length === 0, list(expect.cites), list(cited), `cites: ${missing.join(', ')} not cited (cited: ${list(cited)})`);
  }
  if (expect.cites_any) {
    const ok = expect.cites_any.some((id) => cited.includes(id));
    add('cites_any', ok, `any of ${list(expect.cites_any)}`, list(cited), `cites_any: none of ${list(expect.cites_any)} cited (cited: ${list(cited)})`);
  }
  if (expect.not_cites) {
    const wrong = expect.not_cites.filter((id) => cited.includes(id));
    add('not_cites', wrong.length === 0, `none of ${list(expect.not_cites)}`, list(cited), `not_cites: ${wrong.join(', ')} cited, and must not be`);
  }
  if (expect.retrieved) {
    const { ids, k } = expect.retrieved;
    const ranked = evidence.retrieved ?? [];
    const top = ranked.slice(0, k);
    const missing = ids.filter((id) => !top.includes(id));
    const ranks = missing.map((id) => (ranked.includes(id) ? `${id} at rank ${ranked.indexOf(id) + 1}` : `${id} not in the first ${ranked.length}`));
    add('retrieved', missing.length === 0, `${list(ids)} in the top ${k}`, `top ${k}: ${list(top)}`, `retrieved: ${missing.join(', ')} not in the top ${k} (top ${k}: ${list(top)}; ${ranks.join(', ')})`);
  }
  if (expect.says) {
    for (const item of expect.says) {
      const anyOf = Array.isArray(item) ? item : [item];
      const ok = anyOf.some((p) => containsPhrase(text, p));
      add('says', ok, quoted(anyOf), ok ? 'said' : excerpt(text), `says: ${anyOf.length > 1 ? `none of ${quoted(anyOf)}` : quoted(anyOf)} in the reply`);
    }
  }
  if (expect.not_says) {
    const found = expect.not_says.filter((p) => containsPhrase(text, p));
    add('not_says', found.length === 0, `none of ${quoted(expect.not_says)}`, found.length ? `said ${quoted(found)}` : 'not said', `not_says: the reply says ${quoted(found)}`);
  }
  if (expect.dont_know !== undefined) {
    const nothing = saysNothing(reply);
    const person = offersPerson(reply);
    const did = nothing && person;
    const got = nothing ? (person ? 'says it has nothing and offers a person' : 'says it has nothing, offers no person') : cited.length ? `answers, citing ${list(cited)}` : 'answers without saying it has nothing';
    if (expect.dont_know) add('dont_know', did, 'says it has nothing good and offers a person', got, `dont_know: expected "I don't know" with a person offered; it ${got}`);
    else add('dont_know', !nothing, 'an answer, not "I don\'t know"', got, `dont_know: expected an answer; it says it has nothing`);
  }
  if (expect.offers_person !== undefined) {
    const did = offersPerson(reply);
    add('offers_person', did === expect.offers_person, expect.offers_person ? 'a person offered' : 'no person offered', did ? 'a person offered' : 'no person offered', expect.offers_person ? 'offers_person: no handoff button or mention of a person in the reply' : 'offers_person: the reply offers a person, and should not');
  }
  if (expect.booking) {
    const effects = evidence.bookingEffects;
    const got = effects.length ? effects.join(' and ') : 'none';
    const ok = expect.booking === 'none' ? effects.length === 0 : effects.includes(expect.booking);
    add('booking', ok, expect.booking, got, `booking: expected ${expect.booking}, got ${got === 'none' ? 'none (the bookings did not change)' : got}`);
  }
  return checks;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}…` : flat;
}
