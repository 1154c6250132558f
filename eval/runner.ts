import { RICH, type InboundMessage, type Reply } from '../domain/message.js';
import type { Booking } from '../domain/ports.js';
import type { Slot } from '../domain/model/index.js';
import { REFERENCE_NOW, type BookingEffect, type TurnSpec } from './case-schema.js';
import type { EvalCase } from './cases.js';
import type { EvalEnvironment } from './environment.js';
import { checkTurn } from './expectations.js';
import { citedSources, groundingViolations } from './grounding.js';
import type { Judge } from './judge.js';
import { retrievalScore } from './metrics.js';
import { buttonsOf, readableText } from './reply-text.js';
import type { CaseResult, TurnResult } from './result.js';

export interface RunOptions {
  /** The clock of cases that set no `now` (--now); the sample's reference date otherwise. */
  now?: Date;
  judge?: Judge;
  onCase?: (done: number, total: number, result: CaseResult) => void;
}

/** How many results retrieval is read to: MRR counts a hit down to here. */
const RETRIEVAL_DEPTH = 10;

/** Runs every case, one after the other, each as its own person on its own conversation. */
export async function runCases(env: EvalEnvironment, cases: readonly EvalCase[], options: RunOptions = {}): Promise<CaseResult[]> {
  const comuni = new Map((await env.catalogue.vocabulary()).comuni.map((c) => [c.code, c.name]));
  const results: CaseResult[] = [];
  for (const c of cases) {
    const result = await runCase(env, c, comuni, options);
    results.push(result);
    options.onCase?.(results.length, cases.length, result);
  }
  return results;
}

type UserBooking = Booking & { slot: Slot };

async function runCase(env: EvalEnvironment, c: EvalCase, comuni: Map<string, string>, options: RunOptions): Promise<CaseResult> {
  const now = c.now ? new Date(c.now) : (options.now ?? new Date(REFERENCE_NOW));
  env.clock.set(now);
  env.takeErrors();
  const user = c.user ?? `eval:${c.id}`;
  // Only the turns change the person's bookings: what a turn ends with is what the next starts with.
  let held = await env.bookings.listForUser(user);
  const atStart = new Set(held.map((b) => b.code));
  const turns: TurnResult[] = [];
  const said: string[] = [];
  let conversationId: string | undefined;
  let previous: Reply | undefined;
  let broken = false;
  let finished = false;
  try {
    for (const [index, spec] of c.turns.entries()) {
      const base = { turn: index + 1, input: inputOf(spec), ...(spec.expect ? { expect: spec.expect } : {}) };
      if (broken) {
        // The rest of the conversation depends on a turn that never happened.
        turns.push({ ...base, skipped: true, sent: {}, reply: null, latencyMs: 0, checks: [], booking: [], grounding: [], errors: [] });
        continue;
      }
      const sent = toSend(spec, previous);
      if ('error' in sent) {
        turns.push({ ...base, sent: {}, reply: null, latencyMs: 0, checks: [], booking: [], grounding: [], errors: [sent.error] });
        broken = true;
        continue;
      }
      if (sent.text) said.push(sent.text);
      const before = held;
      const inbound: InboundMessage = { userId: user, channel: 'eval', capabilities: RICH, ...(c.locale ? { locale: c.locale } : {}), ...sent, ...(conversationId ? { conversationId } : {}) };
      const started = performance.now();
      const reply = await env.engine.handle(inbound);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      conversationId = reply.conversationId;
      previous = reply;
      const after = await env.bookings.listForUser(user);
      held = after;
      const booking = bookingEffects(before, after);
      const errors = env.takeErrors();

      const expect = spec.expect;
      let retrieval: TurnResult['retrieval'];
      const relevant = expect?.retrieved?.ids ?? expect?.cites;
      if (c.retrieval !== false && spec.say !== undefined && relevant && spec.say.trim()) {
        const found = await env.retriever.search({ text: spec.say.slice(0, 400), limit: RETRIEVAL_DEPTH });
        const ids = found.hits.map((h) => h.id);
        retrieval = { ids, relevant, k: expect?.retrieved?.k ?? 3, ...retrievalScore(ids, relevant, expect?.retrieved?.k ?? 3) };
      }
      const checks = checkTurn(expect, { reply, retrieved: retrieval?.ids, bookingEffects: booking });
      const sources = await citedSources(env.catalogue, comuni, reply, now);
      const grounding = groundingViolations({ reply, now, bookings: after, said }, sources);
      const turn: TurnResult = {
        ...base,
        sent,
        reply: { intent: reply.intent, messages: reply.messages, citations: reply.citations },
        latencyMs,
        checks,
        ...(retrieval ? { retrieval } : {}),
        booking,
        grounding,
        errors,
      };
      if (options.judge && sent.text) {
        turn.judge = await options.judge
          .rate({ question: sent.text, answer: readableText(reply), sources })
          .catch((error: unknown) => ({ error: (error as Error).message }));
      }
      turns.push(turn);
    }
    finished = true;
  } finally {
    // The seats a case took are given back, so no case depends on the ones before it.
    // A turn that threw may have booked before it did: then ask again.
    const current = finished ? held : await env.bookings.listForUser(user);
    const made = current.filter((b) => !atStart.has(b.code) && b.status !== 'cancelled').reverse();
    for (const b of made) await env.bookings.cancel(b.code);
  }
  const failures = turns.flatMap((t) => [...t.errors.map((e) => `turn ${t.turn}: ${e}`), ...t.checks.filter((k) => !k.ok).map((k) => `turn ${t.turn}: ${k.reason}`)]);
  return {
    id: c.id,
    file: c.file,
    line: c.line,
    ...(c.description ? { description: c.description } : {}),
    tags: c.tags,
    user,
    now: now.toISOString(),
    passed: failures.length === 0 && !broken,
    failures,
    turns,
  };
}

function inputOf(spec: TurnSpec): TurnResult['input'] {
  return spec.say !== undefined ? { say: spec.say } : spec.press !== undefined ? { press: spec.press } : { action: spec.action! };
}

function toSend(spec: TurnSpec, previous: Reply | undefined): { text?: string; action?: string } | { error: string } {
  if (spec.say !== undefined) return { text: spec.say };
  if (spec.action !== undefined) return { action: spec.action };
  const buttons = previous ? buttonsOf(previous) : [];
  const chosen = buttons[spec.press! - 1];
  if (!chosen) {
    return { error: previous ? `press ${spec.press}: the previous reply offered ${buttons.length ? `only ${buttons.length} choice${buttons.length === 1 ? '' : 's'} (${buttons.map((b) => b.label).join(' | ')})` : 'no choices'}` : `press ${spec.press}: there is no previous reply to press a choice of` };
  }
  return { action: chosen.action };
}

/** What the turn did: bookings that appeared (confirmed or waitlisted) and bookings now cancelled. */
export function bookingEffects(before: UserBooking[], after: UserBooking[]): BookingEffect[] {
  const was = new Map(before.map((b) => [b.code, b.status]));
  const effects = new Set<BookingEffect>();
  for (const b of after) {
    const old = was.get(b.code);
    if (old === undefined) effects.add(b.status === 'waitlisted' ? 'waitlisted' : b.status === 'confirmed' ? 'created' : 'cancelled');
    else if (old !== b.status && b.status === 'cancelled') effects.add('cancelled');
    else if (old === 'waitlisted' && b.status === 'confirmed') effects.add('created');
  }
  return [...effects];
}
