import { courseDetails, render, slotLines, titleOf } from './answer/records.js';
import { encodeAction } from '../domain/action.js';
import type { ReplyIntent } from '../domain/intent.js';
import { t } from './answer/texts.js';
import { isStrong, loadRecords } from './flows/search.js';
import { choices, text, type Answer, type Turn } from './flows/turn.js';
import { runLlmTurn } from './llm/llm-turn.js';
import type { AssistantTools, ToolRecord } from './llm/tools.js';
import type { CatalogueRecord, RecordRef } from '../domain/ports.js';
import { cut } from '../text/storable.js';

/** Intents whose answer is information from the catalogue: the ones a language model may word. */
const INFORMATIONAL = new Set(['find_course', 'site_info', 'school_info', 'services', 'initiatives', 'learning_path', 'company', 'unknown']);

/** The tools the model works with, over the same catalogue the templates read. None has consequences. */
function toolsFor(turn: Turn): AssistantTools {
  const asToolRecords = async (refs: RecordRef[]): Promise<ToolRecord[]> => {
    const { records, ctx } = await loadRecords(turn, refs);
    return records.map((r: CatalogueRecord) => {
      const facts = r.kind === 'course' ? courseDetails(r.record, ctx) : [render(r, ctx).line];
      const slots = r.kind === 'site' ? [] : (ctx.slots.get(r.record.id) ?? []).slice(0, 5);
      const lines = slots.length ? [`${t(turn.lang).label.slots}:`, ...slots.map((s) => `${s.id}: ${slotLines([s], turn.lang, ctx.sites)[0] ?? ''}`)] : [];
      return { kind: r.kind, id: r.record.id, title: titleOf(r), text: [...facts, ...lines].join('\n') };
    });
  };
  return {
    search: async ({ query, kind, limit }) => {
      const found = await turn.deps.retriever.search({ text: cut(query, 400), limit: limit ?? 5, ...(kind ? { filters: { kinds: [kind] } } : {}) });
      return asToolRecords(found.hits.filter(isStrong).map((h) => ({ kind: h.kind, id: h.id })));
    },
    details: async ({ kind, id }) => (await asToolRecords([{ kind: kind as RecordRef['kind'], id }]))[0] ?? null,
    listSlots: async ({ refId }) => {
      const slots = await turn.deps.catalogue.slotsFor([refId], turn.now.toISOString());
      return slots.slice(0, 10).map((s) => ({ kind: 'slot', id: s.id, title: `${s.kind} ${s.ref}`, text: `${s.id}: ${slotLines([s], turn.lang)[0]}` }));
    },
    // A proposal only: the user confirms in a turn of their own, and the booking flow checks the rules.
    proposeBooking: async () => ({ proposed: true, message: turn.lang === 'it' ? 'Proposta registrata: chiedi all’utente di confermare.' : 'Proposal noted: ask the user to confirm.' }),
    handoff: async () => ({ ok: true }),
  };
}

/**
 * With a language model configured, it words the answer to informational questions from the
 * catalogue through tools; its answer replaces the template's text only when it passes the
 * grounding guard. Any failure, slow model or invented fact leaves the template answer as it is.
 */
export async function withLlm(turn: Turn, intent: ReplyIntent, template: () => Promise<Answer>): Promise<Answer> {
  const answer = await template();
  const llm = turn.deps.llm;
  if (!llm || !INFORMATIONAL.has(intent) || !turn.text) return answer;
  const history = (await turn.deps.sessions.history(turn.conversation.id)).slice(-5).flatMap((h) => [
    ...(h.inbound.text ? [{ role: 'user' as const, content: h.inbound.text }] : []),
    { role: 'assistant' as const, content: h.reply.messages.map((m) => (m.type === 'text' || m.type === 'choices' ? m.text : m.type === 'card' ? m.title : '')).filter(Boolean).join('\n') },
  ]);
  const outcome = await runLlmTurn({ model: llm.model, tools: toolsFor(turn), history, text: turn.text, lang: turn.lang, today: turn.today, timeoutMs: llm.timeoutMs, logger: turn.deps.logger });
  if (!outcome.ok) {
    turn.deps.logger.info({ conversationId: turn.conversation.id, reason: outcome.reason, violations: outcome.violations }, 'language model answer not used; template answer instead');
    return answer;
  }
  const { result } = outcome;
  const T = t(turn.lang);
  const focus = answer.state?.focus ?? turn.conversation.state.focus;
  const next = [
    ...(result.proposals.length > 0 && focus ? [{ label: T.actions.book, action: encodeAction({ type: 'book', ref: focus }) }] : []),
    { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
  ];
  return {
    intent,
    messages: [text(result.text), choices(T.nextStep, next)],
    citations: result.citations,
    state: { ...answer.state, choices: next },
  };
}
