import { italianDate } from '../../domain/clock.js';
import type { Lang } from '../../domain/message.js';
import type { ReviewConversation, ReviewHandoff, ReviewTurn } from '../../knowledge/conversations/staff-review.js';
import { understandQuery } from '../../knowledge/search/query-understanding.js';
import { redact } from '../../text/redact.js';
import { askedFor, redactedReply } from './answers.js';
import { areaOf, HOUSEKEEPING } from './topics.js';

export type DraftSource = 'feedback' | 'handoff';

export interface DraftTurn {
  say?: string;
  action?: string;
  /** A turn a case cannot replay (a shared location, an empty message): kept as a note. */
  omitted?: 'location' | 'empty';
  intent: string;
  cited: string[];
  /** What the assistant answered, a line each, personal data replaced. */
  answer: string[];
}

/** A conversation replayed up to the answer that went wrong; staff write what it should have said. */
export interface DraftCase {
  id: string;
  from: DraftSource[];
  lang: Lang;
  channel: string;
  /** The day of the bad answer in Mantova (YYYY-MM-DD). */
  date: string;
  tags: string[];
  /** The last turn is the bad answer. */
  turns: DraftTurn[];
  /** The person asked for someone before any answer: the case is the request itself. */
  firstAsk: boolean;
}

export interface DraftOptions {
  since?: Date;
  keep: ReadonlySet<string>;
}

/** Index of the answer that made someone ask for a person: the last one before the request that was not housekeeping. */
function beforeHandoff(turns: ReviewTurn[], handoffAt: string): { index: number; firstAsk: boolean } | undefined {
  const before = turns.filter((t) => t.at <= handoffAt);
  const answer = [...before].reverse().find((t) => !HOUSEKEEPING.has(t.intent));
  if (answer) return { index: turns.indexOf(answer), firstAsk: false };
  const request = turns.findIndex((t) => t.at >= handoffAt);
  return request >= 0 ? { index: request, firstAsk: true } : undefined;
}

function draftTurn(turn: ReviewTurn, previous: ReviewTurn | undefined, keep: ReadonlySet<string>): DraftTurn {
  const answer = { intent: turn.intent, cited: turn.reply.citations.map((c) => c.id), answer: redactedReply(turn.reply, keep) };
  const { text, action, location } = turn.inbound;
  if (text) {
    const asked = askedFor(previous?.reply);
    const whole = asked === 'name' || asked === 'contact' ? asked : undefined;
    return { say: redact(text, { keep, ...(whole ? { whole } : {}) }), ...answer };
  }
  if (action) return { action: redact(action, { keep }), ...answer };
  return { omitted: location ? 'location' : 'empty', ...answer };
}

const compactDate = (d: string) => d.replace(/-/g, '');

/**
 * Draft eval cases: one for each answer someone said was wrong, or after which they asked for a
 * person (one case when both), with the turns that led to it and nothing that identifies them.
 */
export function draftCases(conversations: readonly ReviewConversation[], handoffs: readonly ReviewHandoff[], options: DraftOptions): DraftCase[] {
  const since = options.since?.toISOString();
  const firstHandoff = new Map<string, ReviewHandoff>();
  for (const h of handoffs) {
    if (!h.conversationId || h.reason === 'company' || (since && h.at < since)) continue;
    if (!firstHandoff.has(h.conversationId)) firstHandoff.set(h.conversationId, h);
  }
  const found: (Omit<DraftCase, 'id'> & { at: string })[] = [];
  for (const c of conversations) {
    // What the user wrote to a person on the staff is theirs, not the assistant's: never replayed.
    const turns = c.turns.filter((t) => t.intent !== 'relayed');
    const channel = c.channel.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    const bad = new Map<number, { from: Set<DraftSource>; firstAsk: boolean }>();
    const mark = (index: number, from: DraftSource, firstAsk = false) => {
      const entry = bad.get(index) ?? { from: new Set<DraftSource>(), firstAsk };
      entry.from.add(from);
      bad.set(index, entry);
    };
    turns.forEach((t, i) => {
      if (t.feedback === 'negative' && (!since || t.at >= since)) mark(i, 'feedback');
    });
    const handoff = firstHandoff.get(c.id);
    const asked = handoff ? beforeHandoff(turns, handoff.at) : undefined;
    if (asked) mark(asked.index, 'handoff', asked.firstAsk);

    for (const [index, { from, firstAsk }] of [...bad.entries()].sort((a, b) => a[0] - b[0])) {
      const replayed = turns.slice(0, index + 1).map((t, i) => draftTurn(t, turns[i - 1], options.keep));
      // Nothing a case could say or press (only a shared location): nothing to replay.
      if (!replayed.some((t) => !t.omitted)) continue;
      const last = turns[index]!;
      const sources = (['feedback', 'handoff'] as const).filter((s) => from.has(s));
      // "corsi di…" read as out of scope is still about courses.
      const words = last.inbound.text ? understandQuery(last.inbound.text.slice(0, 400), italianDate(new Date(last.at)), []).preferKinds : [];
      const area = areaOf(last.intent, last.reply.citations.map((x) => x.kind), words);
      found.push({
        at: last.at,
        from: [...sources],
        lang: c.lang,
        channel,
        date: italianDate(new Date(last.at)),
        tags: [`lang:${c.lang}`, `channel:${channel}`, `topic:${area}`, ...sources.map((s) => `kind:from-${s}`), ...(replayed.length > 1 ? ['kind:multi-turn'] : [])],
        turns: replayed,
        firstAsk,
      });
    }
  }
  found.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const width = String(found.length).length < 2 ? 2 : String(found.length).length;
  // Ids say where a case came from and when, never whose conversation it was.
  return found.map(({ at: _at, ...c }, i) => ({ id: `from-${c.from[0]}-${compactDate(c.date)}-${String(i + 1).padStart(width, '0')}`, ...c }));
}
