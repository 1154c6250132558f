import { guessLanguage } from '../../text/guess-language.js';
import { chooseCitations, sourceText, type Citation, type SeenRecord } from './citations.js';
import { checkGrounding } from './grounding-guard.js';
import { LanguageModelError, type ChatMessage, type LanguageModel } from './language-model.js';
import { systemPrompt } from './system-prompt.js';
import { parseToolCall, TOOL_SPECS, type AssistantTools, type ParsedToolCall } from './tools.js';

export interface LlmTurnResult {
  text: string;
  citations: Citation[];
  /** Recorded by proposeBooking; the engine asks the user to confirm them in the next turn. */
  proposals: { slotId: string; people?: number }[];
  /** The reason given, when the model handed the conversation to a human. */
  handoff?: string;
  toolCalls: number;
}

export type LlmFailure = 'timeout' | 'error' | 'ungrounded' | 'no_answer' | 'invalid_tool_args' | 'too_many_steps';
export type LlmTurnOutcome = { ok: true; result: LlmTurnResult } | { ok: false; reason: LlmFailure; violations?: string[] };

export interface LlmTurnOptions {
  model: LanguageModel;
  tools: AssistantTools;
  history: { role: 'user' | 'assistant'; content: string }[];
  text: string;
  lang: 'it' | 'en';
  /** YYYY-MM-DD in Italy. */
  today: string;
  /** The whole turn, every model call and tool included. */
  timeoutMs?: number;
  /** Model calls; the last one is asked for an answer, not for more tools. */
  maxSteps?: number;
  logger?: { warn(obj: object, msg: string): void };
}

// Enough context for a follow-up question without sending a whole chat each turn.
const HISTORY_MESSAGES = 10;
// A model asking for dozens of calls at once is looping, not planning.
const CALLS_PER_STEP = 5;

class TurnTimeout extends Error {}
class Failed extends Error {
  constructor(
    readonly reason: LlmFailure,
    readonly violations?: string[],
  ) {
    super(reason);
  }
}

/**
 * One user turn answered by the model with tools. Never throws: every failure is an outcome, so
 * the engine answers from its templates instead.
 */
export async function runLlmTurn(o: LlmTurnOptions): Promise<LlmTurnOutcome> {
  const timeoutMs = o.timeoutMs ?? 8_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TurnTimeout());
      controller.abort();
    }, timeoutMs);
  });
  deadline.catch(() => {});
  // Tools run over the store and take no signal: racing them keeps the turn within its deadline.
  const inTime = <T>(p: Promise<T>) => Promise.race([p, deadline]);
  const started = Date.now();
  try {
    return { ok: true, result: await loop(o, controller.signal, inTime) };
  } catch (error) {
    const failure = toFailure(error, controller.signal);
    o.logger?.warn(
      { reason: failure.reason, violations: failure.violations, model: o.model.model, ms: Date.now() - started, error: failure.reason === 'error' ? String((error as Error)?.message ?? error) : undefined },
      'LLM turn failed; the template answer is used',
    );
    return failure.violations ? { ok: false, reason: failure.reason, violations: failure.violations } : { ok: false, reason: failure.reason };
  } finally {
    clearTimeout(timer);
  }
}

function toFailure(error: unknown, signal: AbortSignal): { reason: LlmFailure; violations?: string[] } {
  if (error instanceof Failed) return { reason: error.reason, violations: error.violations };
  if (error instanceof TurnTimeout || signal.aborted) return { reason: 'timeout' };
  if (error instanceof LanguageModelError && error.failure === 'timeout') return { reason: 'timeout' };
  return { reason: 'error' };
}

async function loop(o: LlmTurnOptions, signal: AbortSignal, inTime: <T>(p: Promise<T>) => Promise<T>): Promise<LlmTurnResult> {
  const maxSteps = Math.max(1, o.maxSteps ?? 4);
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(o.lang, o.today) },
    ...o.history.slice(-HISTORY_MESSAGES).map((m) => ({ role: m.role, content: m.content })),
    // Verbatim and in its own message: user text is data, the rules live in the system prompt.
    { role: 'user', content: o.text },
  ];
  const seen: SeenRecord[] = [];
  const extraSources: string[] = [`today / oggi: ${o.today}`];
  const proposals: LlmTurnResult['proposals'] = [];
  let handoff: string | undefined;
  let toolCalls = 0;
  let invalid = 0;

  const run = async (call: ParsedToolCall): Promise<object> => {
    switch (call.name) {
      case 'search': {
        const records = await inTime(o.tools.search(call.args));
        seen.push(...records.map((record) => ({ record, via: 'search' as const })));
        return records.length ? { results: records } : { results: [], note: 'Nothing found.' };
      }
      case 'details': {
        const record = await inTime(o.tools.details(call.args));
        if (!record) return { error: `No ${call.args.kind} with id ${call.args.id}.` };
        seen.push({ record, via: 'details' });
        return { record };
      }
      case 'list_slots': {
        const records = await inTime(o.tools.listSlots(call.args));
        seen.push(...records.map((record) => ({ record, via: 'slots' as const })));
        return records.length ? { slots: records } : { slots: [], note: 'No bookable slots.' };
      }
      case 'propose_booking': {
        const outcome = await inTime(o.tools.proposeBooking(call.args));
        if (outcome.proposed) proposals.push(call.args.people === undefined ? { slotId: call.args.slotId } : { slotId: call.args.slotId, people: call.args.people });
        extraSources.push(outcome.message);
        return { ...outcome, note: 'Nothing is booked. Tell the user what was proposed and that they will be asked to confirm.' };
      }
      case 'handoff': {
        const outcome = await inTime(o.tools.handoff(call.args));
        if (outcome.ok) handoff = call.args.reason;
        return outcome;
      }
    }
  };

  for (let step = 1; step <= maxSteps; step++) {
    const last = step === maxSteps;
    const response = await inTime(o.model.chat({ messages, tools: TOOL_SPECS, toolChoice: last ? 'none' : 'auto', signal }));
    if (response.toolCalls.length === 0) {
      const text = response.content?.trim();
      if (!text) throw new Failed('no_answer');
      return finish(text);
    }
    if (last) throw new Failed('too_many_steps');
    messages.push({ role: 'assistant', content: response.content ?? '', toolCalls: response.toolCalls });
    for (const [i, call] of response.toolCalls.entries()) {
      // Every call gets a reply: the API refuses a history with an unanswered call.
      let output: object;
      if (i >= CALLS_PER_STEP) {
        output = { error: `At most ${CALLS_PER_STEP} tool calls at a time.` };
      } else {
        toolCalls++;
        const parsed = parseToolCall(call);
        if (parsed.ok) {
          output = await run(parsed.call);
        } else {
          // One chance to correct itself; a model that keeps sending bad calls is not converging.
          if (++invalid > 1) throw new Failed('invalid_tool_args', [parsed.error]);
          output = { error: parsed.error };
        }
      }
      messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(output) });
    }
  }
  throw new Failed('too_many_steps');

  function finish(text: string): LlmTurnResult {
    const sources = [...seen.map((s) => sourceText(s.record)), ...extraSources];
    const { violations } = checkGrounding(text, sources);
    const language = guessLanguage(text);
    // Only a confident guess counts: a short answer says nothing about its language.
    if (language && language !== o.lang) violations.push(`language: the answer is in ${language}, not ${o.lang}`);
    if (violations.length) throw new Failed('ungrounded', violations);
    const result: LlmTurnResult = { text, citations: chooseCitations(text, seen), proposals, toolCalls };
    if (handoff !== undefined) result.handoff = handoff;
    return result;
  }
}
