import { shortLabel } from '../answer/format.js';
import { encodeAction } from '../../domain/action.js';
import type { Course } from '../../domain/model/index.js';
import { render, titleOf } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { OutboundMessage } from '../../domain/message.js';
import { answerSearch, isStrong, loadRecords } from './search.js';
import { choices, text, uniqueCitations, type Answer, type Turn } from './turn.js';

const NEXT_LEVEL: Record<string, string[]> = { beginner: ['intermediate', 'advanced'], intermediate: ['advanced'], advanced: [] };

/**
 * "Ho fatto il corso base di coding, e adesso?": the course done, then what the catalogue puts after
 * it (its `after` links), or else courses on the same topic at a higher level.
 */
export async function learningPath(turn: Turn, courseId?: string): Promise<Answer> {
  const T = t(turn.lang);
  let doneId = courseId ?? turn.understanding.entities.codes.find((c) => c.kind === 'course')?.id;
  if (!doneId && turn.text) {
    const found = await turn.deps.retriever.search({ text: turn.text, limit: 3, filters: { kinds: ['course'] } });
    doneId = found.hits.find(isStrong)?.id;
  }
  if (!doneId && turn.conversation.state.focus?.kind === 'course') doneId = turn.conversation.state.focus.id;
  // No course done named: "voglio fare il cuoco, cosa posso fare?" is a search for the way there.
  if (!doneId && turn.understanding.topic.length > 0) return answerSearch(turn, { intent: 'find_course', refine: false, attributes: [] });
  if (!doneId) return { intent: 'learning_path', messages: [text(T.pathUnknown)], citations: [] };

  const { records: [done] } = await loadRecords(turn, [{ kind: 'course', id: doneId }]);
  if (!done || done.kind !== 'course') return { intent: 'learning_path', messages: [text(T.pathUnknown)], citations: [] };
  let next: Course[] = (await turn.deps.catalogue.coursesAfter(done.record.id)).filter((c) => c.endDate >= turn.today);
  let intro = T.pathFrom(done.record.title);
  if (next.length === 0) {
    const same = await turn.deps.retriever.search({ text: done.record.topic, limit: 10, filters: { kinds: ['course'] } });
    const { records } = await loadRecords(turn, same.hits.filter((h) => h.id !== done.record.id).map((h) => ({ kind: h.kind, id: h.id })));
    const higher = NEXT_LEVEL[done.record.level] ?? [];
    next = records
      .filter((r): r is Extract<typeof r, { kind: 'course' }> => r.kind === 'course')
      .map((r) => r.record)
      .filter((c) => c.topic === done.record.topic && c.endDate >= turn.today && (higher.includes(c.level) || higher.length === 0));
    intro = T.pathNone(done.record.title);
  }
  if (next.length === 0) return { intent: 'learning_path', messages: [text(T.pathNone(done.record.title).replace(/[:.]$/, '.')), text(T.offerPerson)], citations: [{ kind: 'course', id: done.record.id, title: done.record.title }] };

  const { records, ctx } = await loadRecords(turn, next.slice(0, 3).map((c) => ({ kind: 'course' as const, id: c.id })));
  const rendered = records.map((r) => render(r, ctx));
  const messages: OutboundMessage[] = turn.caps.cards
    ? [text(intro), ...rendered.map((r) => r.card)]
    : [text([intro, ...rendered.map((r, i) => `${i + 1}. ${r.line}`)].join('\n\n'))];
  const picks = records.map((r) => ({ label: shortLabel(`${T.actions.details}: ${titleOf(r)}`), action: encodeAction({ type: 'details', ref: { kind: 'course', id: r.record.id } }) }));
  messages.push(choices(T.whatNext, picks));
  return {
    intent: 'learning_path',
    messages,
    citations: uniqueCitations([{ kind: 'course', id: done.record.id, title: done.record.title }, ...rendered.flatMap((r) => r.citations)]),
    state: { shown: records.map((r) => ({ kind: 'course' as const, id: r.record.id })), choices: picks },
  };
}
