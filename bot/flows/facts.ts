import type { ReplyIntent } from '../../domain/intent.js';
import { factAnswer, recordSays } from '../answer/facts.js';
import { titleOf } from '../answer/records.js';
import { FACT_TEXTS } from '../answer/fact-texts.js';
import { passageExcerpt } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Attribute } from '../understanding/attributes.js';
import type { RecordRef } from '../../domain/ports.js';
import { shortLabel } from '../answer/format.js';
import { encodeAction } from '../../domain/action.js';
import type { SearchHit, SearchKind } from '../../domain/ports.js';
import { answerDetails, answerSearch, isStrong, loadRecords, nextSteps } from './search.js';

/** A passage or service answers a question of how or whether when it holds most of what the words weigh. */
function isHowAnswer(hit: SearchHit): boolean {
  const s = hit.signals ?? {};
  if (s.wknown === undefined) return isStrong(hit);
  return s.wknown > 0 && (s.wmatched ?? 0) >= 0.35 * s.wknown && (s.key ?? 0) >= 1;
}
import { choices, text, type Answer, type Turn } from './turn.js';

/** The facts asked about one record, first and short; the whole card only on request. */
export async function answerFacts(turn: Turn, ref: RecordRef, attributes: readonly Attribute[], intent: ReplyIntent, options: { introduce?: boolean; inFocus?: boolean } = {}): Promise<Answer> {
  const { records, ctx } = await loadRecords(turn, [ref]);
  const record = records[0];
  if (!record) return answerSearch(turn, { intent, refine: false, attributes: [...attributes] });
  // A passage has no fields: what it says is the answer.
  if (record.kind === 'doc') return answerDetails(turn, ref, intent);
  // Asked of the record in focus with words of its own: what the record says of them, or a search
  // when it says nothing (then the words were about something else).
  const said = options.inFocus ? recordSays(record, turn.understanding.topic.map((w) => w.split(' ')[0]!), turn.lang) : undefined;
  if (options.inFocus && !said) return answerSearch(turn, { intent, refine: false, attributes: [...attributes] });
  if (options.inFocus && attributes.length === 0) return answerAbout(turn, ref, intent);
  const age = turn.understanding.entities.age ?? turn.conversation.state.person?.age;
  const q = turn.understanding.query;
  const town = q.filters.comune?.name ?? q.preferComuni[0]?.name ?? turn.conversation.state.place;
  const fact = factAnswer(record, attributes, { ...ctx, ...(age !== undefined ? { age } : {}), ...(town ? { town } : {}) }, options.introduce ?? false);
  const next = nextSteps(turn, record, true);
  const lines = [fact.text, ...(said && !fact.text.includes(said) ? [said] : [])];
  if (!fact.complete) {
    // What the record does not say, a person at the site may know.
    const site = record.kind === 'site' ? record.record : record.kind === 'course' ? ctx.sites.get(record.record.site) : undefined;
    const c = site?.contacts;
    const contacts = c ? [c.phone, c.email].filter(Boolean).join(' · ') : '';
    if (contacts) lines.push(`${FACT_TEXTS[turn.lang].askContacts} ${contacts}.`);
  }
  return {
    intent,
    messages: [text(lines.join('\n')), choices(t(turn.lang).nextStep, next)],
    citations: fact.citations,
    state: { focus: ref, shown: [ref], choices: next },
  };
}

/**
 * How something works, or whether something is needed ("serve lo SPID per prenotare?", "si può
 * disdire?", "cosa devo portare al colloquio?"): the passage or service that says so, cut to the
 * sentences that answer.
 */
export async function answerHow(turn: Turn, intent: ReplyIntent, kinds: SearchKind[] = ['doc', 'service'], orSearch = true, bar: (hit: SearchHit) => boolean = isHowAnswer): Promise<Answer> {
  const T = t(turn.lang);
  const u = turn.understanding;
  const result = await turn.deps.retriever.search({ text: u.search.text, query: u.search, limit: 8, filters: { kinds } });
  // A how-question is judged by its rarest words: the passage that speaks of "disdire" answers
  // "se non posso andarci posso disdire?" even if "andarci" is nowhere.
  const ranked = result.hits.filter(bar).sort((a, b) => (b.signals?.wkey ?? b.signals?.key ?? 0) - (a.signals?.wkey ?? a.signals?.key ?? 0) || b.score - a.score);
  // A service, course or initiative the words name about as well as a passage does is the better
  // answer: something one can act on ("vorrei ospitare un tirocinante" and the internships desk).
  const keyOf = (h: SearchHit) => h.signals?.wkey ?? h.signals?.key ?? 0;
  // Not when the question is what something is ("cosa fa un'impresa madrina?"): a passage defines it.
  const defining = turn.understanding.attributes.includes('what') || /^(cosa|che cosa|cos|what)\b/.test(turn.understanding.folded);
  const heldOf = (h: SearchHit) => h.signals?.wmatched ?? h.signals?.matched ?? 0;
  // A passage is all text, so every word it holds counts as what it is about; a record that holds
  // every word the passage does, if only in how to get it, answers as well.
  const actionable = ranked.find((h) => h.kind !== 'doc' && ranked[0] && (keyOf(h) >= 0.6 * keyOf(ranked[0]) || heldOf(h) >= heldOf(ranked[0])));
  const best = ranked[0]?.kind === 'doc' && actionable && intent === 'company' && !defining ? actionable : ranked[0];
  if (!best && !orSearch) return { intent, messages: [], citations: [] };
  if (!best) return answerSearch(turn, { intent, refine: false, attributes: turn.understanding.attributes });
  // Two records answering about as well: both, as a list ("come mi preparo a un colloquio?").
  const peer = best.kind !== 'doc' ? ranked.find((h) => h !== best && h.kind !== 'doc' && keyOf(h) >= 0.8 * keyOf(best)) : undefined;
  if (peer && turn.understanding.attributes.length === 0) return answerSearch(turn, { intent, refine: false, attributes: [] });
  // A record rather than a passage: the facts asked of it, or what it is when no fact was asked.
  if (best.kind !== 'doc') {
    const asked = turn.understanding.attributes.filter((a) => a !== 'what');
    return asked.length > 0 ? answerFacts(turn, { kind: best.kind, id: best.id }, asked, intent, { introduce: true }) : answerDetails(turn, { kind: best.kind, id: best.id }, intent);
  }
  const { records, ctx } = await loadRecords(turn, [{ kind: best.kind, id: best.id }]);
  const record = records[0];
  if (!record || record.kind !== 'doc') return answerSearch(turn, { intent, refine: false, attributes: turn.understanding.attributes });
  const d = record.record;
  const heading = d.headings.at(-1) ?? d.title;
  const body = passageExcerpt(d.text, ctx.words, 360);
  // The service the passage is about, one tap away: "quanto mi pagano in tirocinio?" and the internships.
  const service = ranked.find((h) => h.kind === 'service');
  const next = [
    ...(service ? [{ label: shortLabel(service.title), action: encodeAction({ type: 'details', ref: { kind: 'service', id: service.id } }) }] : []),
    { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
  ];
  return {
    intent,
    messages: [text(`${body}\n(${T.label.source}: ${T.sourceDoc(d.title, d.page)})`), choices(T.nextStep, next)],
    citations: [
      { kind: 'doc', id: d.id, title: heading === d.title ? d.title : `${d.title} — ${heading}` },
      ...(service ? [{ kind: 'service', id: service.id, title: service.title }] : []),
    ],
    state: { choices: next },
  };
}

/**
 * Something asked of a record the person named ("c'è un interprete LIS all'hub?"): the sentence
 * of the record that speaks of it; a search when the record says nothing of it.
 */
export async function answerAbout(turn: Turn, ref: RecordRef, intent: ReplyIntent): Promise<Answer> {
  const { records } = await loadRecords(turn, [ref]);
  const record = records[0];
  const mention = turn.understanding.mentions.find((m) => m.id === ref.id);
  const named = mention?.matched ?? [];
  const words = turn.understanding.topic.map((w) => w.split(' ')[0]!).filter((w) => !named.includes(w));
  const said = record ? recordSays(record, words, turn.lang) : undefined;
  // The record was named: its summary, and what it says of the other words when it says something.
  const details = await answerDetails(turn, ref, intent);
  if (!record) return details;
  // Found by some of its words rather than named in full ("c'è un corso di italiano dove può venire
  // il bambino?"): the rest tells the person's situation, which the record as a whole answers, with
  // a person a tap away. Named in full ("c'è una mensa all'Hub?"), it is said not to be in it.
  // One word in common ("la dote scuola" and "Dote Unica Lavoro") is no such match: said as not in it.
  if (!said && mention && !mention.full && mention.coverage < 0.9 && mention.matched.length >= 2) return details;
  if (!said) {
    // It says nothing of them ("c'è una mensa all'Hub?"): said plainly, with the record a tap away
    // and a person who may know; nothing is cited, as nothing of it answers.
    const T = t(turn.lang);
    const next = [
      { label: shortLabel(`${T.actions.see}: ${titleOf(record)}`), action: encodeAction({ type: 'details', ref }) },
      { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
    ];
    return { intent, messages: [text(T.notInRecord(titleOf(record))), choices(T.offerPerson, next)], citations: [], state: { focus: ref, shown: [ref], choices: next } };
  }
  return { ...details, messages: [text(`«${titleOf(record)}»: ${said}`), ...details.messages] };
}
