import { factAnswer, recordSays } from '../answer/facts.js';
import { titleOf } from '../answer/records.js';
import { FACT_TEXTS } from '../answer/fact-texts.js';
import { passageExcerpt } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Attribute } from '../understanding/attributes.js';
import type { RecordRef } from '../ports.js';
import { answerDetails, answerSearch, isStrong, loadRecords, nextSteps } from './search.js';
import { choices, text, type Answer, type Turn } from './turn.js';

/** The facts asked about one record, first and short; the whole card only on request. */
export async function answerFacts(turn: Turn, ref: RecordRef, attributes: readonly Attribute[], intent: string, options: { introduce?: boolean; inFocus?: boolean } = {}): Promise<Answer> {
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
  const age = turn.understanding.entities.age;
  const fact = factAnswer(record, attributes, { ...ctx, ...(age !== undefined ? { age } : {}) }, options.introduce ?? false);
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
export async function answerHow(turn: Turn, intent: string): Promise<Answer> {
  const T = t(turn.lang);
  const result = await turn.deps.retriever.search({ text: turn.text.slice(0, 400), limit: 8, filters: { kinds: ['doc', 'service'] } });
  const best = result.hits.filter(isStrong).sort((a, b) => (b.signals?.key ?? 0) - (a.signals?.key ?? 0) || b.score - a.score)[0];
  if (!best) return answerSearch(turn, { intent, refine: false, attributes: turn.understanding.attributes });
  if (best.kind === 'service') {
    const asked: Attribute[] = turn.understanding.attributes.length ? turn.understanding.attributes : ['howto'];
    return answerFacts(turn, { kind: 'service', id: best.id }, asked, 'services');
  }
  const { records, ctx } = await loadRecords(turn, [{ kind: best.kind, id: best.id }]);
  const record = records[0];
  if (!record || record.kind !== 'doc') return answerSearch(turn, { intent, refine: false, attributes: turn.understanding.attributes });
  const d = record.record;
  const heading = d.headings.at(-1) ?? d.title;
  const body = passageExcerpt(d.text, ctx.words, 360);
  const next = [{ label: T.actions.person, action: 'handoff' }];
  return {
    intent,
    messages: [text(`${body}\n(${T.label.source}: ${T.sourceDoc(d.title, d.page)})`), choices(T.nextStep, next)],
    citations: [{ kind: 'doc', id: d.id, title: heading === d.title ? d.title : `${d.title} — ${heading}` }],
    state: { choices: next },
  };
}

/**
 * Something asked of a record the person named ("c'è un interprete LIS all'hub?"): the sentence
 * of the record that speaks of it; a search when the record says nothing of it.
 */
export async function answerAbout(turn: Turn, ref: RecordRef, intent: string): Promise<Answer> {
  const { records } = await loadRecords(turn, [ref]);
  const record = records[0];
  const named = turn.understanding.mentions.find((m) => m.id === ref.id)?.matched ?? [];
  const words = turn.understanding.topic.map((w) => w.split(' ')[0]!).filter((w) => !named.includes(w));
  const said = record ? recordSays(record, words, turn.lang) : undefined;
  // The record was named: when it says nothing of the rest, the record itself is the answer.
  if (!record || !said) return answerDetails(turn, ref, intent);
  const next = nextSteps(turn, record, true);
  return {
    intent,
    messages: [text(`«${titleOf(record)}»: ${said}`), choices(t(turn.lang).nextStep, next)],
    citations: [{ kind: record.kind, id: record.record.id, title: titleOf(record) }],
    state: { focus: ref, shown: [ref], choices: next },
  };
}
