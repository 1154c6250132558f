import { decodeAction } from '../../domain/action.js';
import { italianDate } from '../../domain/clock.js';
import type { Citation } from '../../domain/message.js';
import type { ReviewConversation, ReviewHandoff, ReviewTurn, WaitlistedBooking } from '../../knowledge/conversations/staff-review.js';
import { askedFor, fullRecords, onlyElsewhere } from './answers.js';
import { readQuestion, type Question, type QuestionContext } from './question.js';
import { areaOf, areaOfKind, HOUSEKEEPING } from './topics.js';

/** Ways the network failed someone: no good answer, an answer judged wrong, a person asked for, a full course. */
export type Signal = 'unanswered' | 'negativeFeedback' | 'handoffs' | 'full';

export interface RecordRef {
  kind: string;
  id: string;
  title: string;
}

export interface DemandEvent {
  signal: Signal;
  area: string;
  subject: string;
  record?: RecordRef;
  comune?: { code: string; name: string };
  /** Who, only to count people: never printed. */
  who: string;
  /** The question as staff may read it (redacted). */
  example?: string;
}

/** Intents whose answer is a search of the catalogue: no source in the reply means nothing was found. */
const SEARCHES = new Set(['find_course', 'site_info', 'school_info', 'services', 'initiatives', 'learning_path', 'details']);
/** How far back a follow-up ("e online?", a button) looks for the question it refines. */
const LOOK_BACK = 6;

const SLOT_RECORD: Record<string, string> = { course: 'course', appointment: 'service', lab: 'site', event: 'initiative' };

export interface DemandInput {
  conversations: readonly ReviewConversation[];
  handoffs: readonly ReviewHandoff[];
  waitlisted: readonly WaitlistedBooking[];
  since?: Date;
}

export interface DemandContext extends QuestionContext {
  /** Titles and the comune of records a full slot belongs to: where a full course is held when the question names no place. */
  records(refs: { kind: string; id: string }[]): Promise<Map<string, { title: string; comune?: { code: string; name: string } }>>;
}

/** The record a turn was about, from the button pressed ("details:course:C001") or its only source. */
function recordOf(turn: ReviewTurn): RecordRef | undefined {
  const action = turn.inbound.action ? decodeAction(turn.inbound.action) : null;
  if (action?.type === 'details' || action?.type === 'book') {
    const { kind, id } = action.ref;
    return { kind, id, title: turn.reply.citations.find((c) => c.kind === kind && c.id === id)?.title ?? '' };
  }
  const main = turn.reply.citations.filter((c) => c.kind !== 'site');
  const only = main.length === 1 ? main[0] : turn.reply.citations.length === 1 ? turn.reply.citations[0] : undefined;
  return only ? { kind: only.kind, id: only.id, title: only.title } : undefined;
}

/** Every demand event in what the store holds since the date asked, with its topic and comune. */
export async function demandEvents(input: DemandInput, ctx: DemandContext): Promise<DemandEvent[]> {
  const since = input.since?.toISOString();
  const inPeriod = (at: string) => !since || at >= since;
  const events: DemandEvent[] = [];
  // A conversation's questions, turn by turn; the answer to "how old are you?" is no question.
  const asked = new Map<ReviewTurn[], (Question | undefined)[]>();
  const questionsOf = (turns: ReviewTurn[]) => {
    let qs = asked.get(turns);
    if (!qs) {
      qs = turns.map((t, i) => (t.inbound.text && !askedFor(turns[i - 1]?.reply) ? readQuestion(t.inbound.text, italianDate(new Date(t.at)), ctx) : undefined));
      asked.set(turns, qs);
    }
    return qs;
  };

  /** A turn's topic: its own words, else (a refinement, a button) the question before it. */
  const topicOf = (turns: ReviewTurn[], i: number, signal: Signal, who: string): DemandEvent => {
    const turn = turns[i]!;
    const qs = questionsOf(turns);
    const own = qs[i];
    let subject = own?.subject ?? '';
    let comune = own?.comune;
    let example = own?.redacted;
    for (let k = i - 1; k >= Math.max(0, i - LOOK_BACK) && (!subject || !comune); k--) {
      const earlier = qs[k];
      if (!earlier) continue;
      if (!subject && earlier.subject) {
        subject = earlier.subject;
        example ??= earlier.redacted;
      }
      comune ??= earlier.comune;
    }
    const record = subject ? undefined : recordOf(turn);
    const area = areaOf(turn.intent, record ? [record.kind] : turn.reply.citations.map((c) => c.kind), own?.kinds);
    return { signal, area, subject, ...(record ? { record } : {}), ...(comune ? { comune } : {}), who, ...(example ? { example } : {}) };
  };

  const full = new Map<string, { event: DemandEvent; ref: { kind: string; id: string } }>();
  const addFull = (who: string, c: { kind: string; id: string; title?: string }, comune?: DemandEvent['comune'], example?: string) => {
    const key = `${who}\u0000${c.kind}:${c.id}`;
    if (full.has(key)) return;
    const event: DemandEvent = { signal: 'full', area: areaOfKind(c.kind), subject: '', record: { kind: c.kind, id: c.id, title: c.title ?? '' }, who, ...(comune ? { comune } : {}), ...(example ? { example } : {}) };
    full.set(key, { event, ref: { kind: c.kind, id: c.id } });
  };

  // What the user wrote to a person on the staff is for them, not a question to the assistant.
  const turnsOf = new Map(input.conversations.map((c) => [c.id, c.turns.filter((t) => t.intent !== 'relayed')]));
  for (const c of input.conversations) {
    const turns = turnsOf.get(c.id)!;
    const qs = questionsOf(turns);
    turns.forEach((t, i) => {
      if (!inPeriod(t.at)) return;
      const q = qs[i];
      const notFound = t.reply.citations.length === 0 || onlyElsewhere(t.reply);
      if ((SEARCHES.has(t.intent) && notFound && q?.subject) || ((t.intent === 'unknown' || t.intent === 'out_of_scope') && q?.asks)) events.push(topicOf(turns, i, 'unanswered', c.userId));
      if (t.feedback === 'negative') events.push(topicOf(turns, i, 'negativeFeedback', c.userId));
      for (const record of fullRecords(t.reply)) {
        const asked = topicOf(turns, i, 'full', c.userId);
        addFull(c.userId, record as Citation, asked.comune, asked.example);
      }
    });
  }

  const handedOff = new Set<string>();
  input.handoffs.forEach((h, n) => {
    if (!inPeriod(h.at)) return;
    // A request repeated in one conversation ("and here is my phone") is still one person asking once.
    const key = h.conversationId ?? `handoff:${n}`;
    if (handedOff.has(key)) return;
    handedOff.add(key);
    const who = h.userId ?? key;
    const turns = (h.conversationId && turnsOf.get(h.conversationId)) || [];
    const before = turns.filter((t) => t.at <= h.at);
    const at = h.reason === 'company' ? before.length - 1 : before.map((t) => !HOUSEKEEPING.has(t.intent)).lastIndexOf(true);
    if (at >= 0) {
      const topic = topicOf(turns, at, 'handoffs', who);
      events.push(h.reason === 'company' ? { ...topic, area: 'company' } : topic);
    } else events.push({ signal: 'handoffs', area: h.reason === 'company' ? 'company' : 'person', subject: '', who });
  });

  for (const w of input.waitlisted) if (inPeriod(w.at)) addFull(w.userId, { kind: SLOT_RECORD[w.slotKind] ?? 'course', id: w.ref });

  const refs = [...new Map([...full.values()].map(({ ref }) => [`${ref.kind}:${ref.id}`, ref])).values()];
  const known = refs.length ? await ctx.records(refs) : new Map();
  for (const { event, ref } of full.values()) {
    const info = known.get(`${ref.kind}:${ref.id}`);
    if (info && event.record) event.record.title ||= info.title;
    if (!event.comune && info?.comune) event.comune = info.comune;
    events.push(event);
  }
  return events;
}
