import { shortLabel } from '../answer/format.js';
import { understandQuery } from '../../knowledge/search/query-understanding.js';
import type { Slot } from '../../knowledge/model/index.js';
import { STOPWORDS } from '../../text/stopwords.js';
import { fold } from '../../text/normalize.js';
import { courseDetails, render, slotLines, type RenderContext, type Rendered, titleOf } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Citation, OutboundMessage } from '../message.js';
import type { CatalogueRecord, RecordRef, SearchFilters, SearchHit, SearchKind } from '../ports.js';
import { choices, text, uniqueCitations, type Answer, type Turn } from './turn.js';
import { cut } from '../../text/storable.js';

/**
 * Words that ask about a record rather than name one: "quando inizia?" after a course is a
 * question about that course, not a search for the word "inizia".
 */
const FOLLOW_UP = new Set(
  ('inizia iniziano comincia cominciano parte partono finisce finiscono termina costa costano prezzo prezzi costo quanto quanti quante ' +
    'dove orari orario aperto aperta apre posti liberi disponibili scadenza iscrizioni iscrizione iscriversi durata ore dura arrivo arrivare ci ' +
    'contatti contatto telefono email indirizzo requisiti serve servono documenti info informazioni dettagli dimmi piu altro altri solo anche ' +
    'vicino lontano invece allora ok quello questo quella questa primo secondo terzo ' +
    'when start starts begin begins cost costs price much many where hours open seats left deadline enrol enroll long get there contact ' +
    'phone address requirements documents details more tell about only also instead then that this first second third what how is are does do the it').split(' '),
);

const KINDS_OF: Record<string, SearchKind[]> = {
  find_course: ['course'],
  site_info: ['site'],
  school_info: ['school', 'site'],
  services: ['service', 'doc'],
  initiatives: ['initiative'],
  company: ['initiative', 'service', 'doc'],
};

/** A question about one thing ("quando inizia robotica?") wants one answer, or a question back. */
const SINGLE_ASK = /\b(quando|quanto|dove si trova|dov e|a che ora|come (ci )?arrivo|come (faccio|si fa|funziona)|when|how much|where is|what time|how do i)\b/;

/**
 * Whether a hit answers the words asked: a code or the filters alone name it; otherwise it must
 * hold at least half of the words a match is judged by that the catalogue knows at all, one of
 * them where the record says what it is about (title, keywords, names). A word found only in a
 * long description ("per diventare tecnico" for "diventare infermiere") or a stem that happens to
 * coincide is no answer, and neither is anything when none of the words is known ("yoga").
 */
export function isStrong(hit: SearchHit): boolean {
  return matches(hit, false);
}

/** A hit holding every word a match is judged by: the bar for a question nobody understood. */
export function isExact(hit: SearchHit): boolean {
  return matches(hit, true);
}

function matches(hit: SearchHit, strict: boolean): boolean {
  const s = hit.signals ?? {};
  if (s.code !== undefined || s.filter !== undefined) return true;
  if (s.words) {
    // Words the catalogue holds nowhere ("prof qui", a typo too far gone) cannot be matched by any
    // record; a question that was not understood needs every word, known or not.
    const need = strict ? s.words : Math.ceil((s.known ?? s.words) / 2);
    return need > 0 && (s.matched ?? 0) >= need && (s.key ?? 0) >= 1;
  }
  return s.fts !== undefined || (s.trigram ?? 0) >= 0.5;
}

/** One result stands out: by the fused score, or by how much better the words match it. */
function clearlyAhead(first: SearchHit, second: SearchHit): boolean {
  if (first.signals?.code !== undefined) return true;
  if (first.score >= second.score * 1.25) return true;
  const a = first.signals ?? {};
  const b = second.signals ?? {};
  // "Quando scade Mantova Innova Giovani?" names one call in full; another holds only some of the words.
  if ((a.matched ?? 0) > (b.matched ?? 0)) return true;
  return (a.fts ?? 0) >= 1.5 * (b.fts ?? 0) && (a.fts ?? 0) > 0;
}

/** Overrides every filter the text would set: the same words, judged the same way, anywhere and any time. */
const NO_FILTERS: SearchFilters = { comune: undefined, near: undefined, audience: undefined, level: undefined, freeOnly: undefined, online: undefined, from: undefined, to: undefined, openForEnrolment: undefined };

const hasFilters = (f: SearchFilters) =>
  Object.entries(f).some(([k, v]) => k !== 'kinds' && v !== undefined && !(Array.isArray(v) && v.length === 0));

/** Merges a refinement into the last search: a new place replaces the old one. */
function refine(previous: SearchFilters, next: SearchFilters): SearchFilters {
  const merged: SearchFilters = { ...previous, ...next };
  if (next.near) delete merged.comune;
  if (next.comune) delete merged.near;
  return merged;
}

const topicalWords = (literal: string) => literal.split(' ').filter((w) => w && !FOLLOW_UP.has(w) && !STOPWORDS.has(w));

/** "e online?", "solo gratuiti", "più vicino a Suzzara" after a search: filters only, no new topic. */
export function isRefinement(turn: Turn): boolean {
  if (!turn.conversation.state.search || !turn.text) return false;
  const parsed = understandQuery(cut(turn.text, 400), turn.today, turn.comuni);
  return topicalWords(parsed.literal).length === 0 && hasFilters(parsed.filters);
}

export async function loadRecords(turn: Turn, refs: RecordRef[]): Promise<{ records: CatalogueRecord[]; ctx: RenderContext }> {
  const found = await turn.deps.catalogue.withContext(refs, turn.now.toISOString());
  const records = refs.map((r) => found.records.get(`${r.kind}:${r.id}`)).filter((r): r is CatalogueRecord => !!r);
  const byRef = new Map<string, Slot[]>();
  for (const s of found.slots) byRef.set(s.ref, [...(byRef.get(s.ref) ?? []), s]);
  const comuni = new Map(turn.comuni.map((c) => [c.code, c.name]));
  const words = turn.text ? understandQuery(cut(turn.text, 400), turn.today, turn.comuni).cover.flatMap((w) => w.split(' ')) : [];
  return { records, ctx: { lang: turn.lang, today: turn.today, sites: found.sites, slots: byRef, comuni, words } };
}

/** The whole answer about one record: details, the next dates, what to do next. */
export async function answerDetails(turn: Turn, ref: RecordRef, intent = 'details'): Promise<Answer> {
  const T = t(turn.lang);
  const { records, ctx } = await loadRecords(turn, [ref]);
  const record = records[0];
  if (!record) return nothingFound(turn, intent, '');
  const rendered = render(record, ctx);
  const messages: OutboundMessage[] = [];
  const body = record.kind === 'course' ? courseDetails(record.record, ctx).join('\n') : rendered.line;
  messages.push(turn.caps.cards ? rendered.card : text(body));
  if (turn.caps.cards && record.kind === 'course') messages.push(text(courseDetails(record.record, ctx).slice(1).join('\n')));
  const slots = (ctx.slots.get(ref.id) ?? []).filter((s) => s.start > turn.now.toISOString()).slice(0, 3);
  if (slots.length > 0 && record.kind !== 'course') messages.push(text(`${T.label.slots}:\n${slotLines(slots, turn.lang, ctx.sites).join('\n')}`));
  const next = [
    ...(record.kind === 'course' && record.record.endDate >= turn.today ? [{ label: T.actions.book, action: `book:course:${ref.id}` }] : []),
    ...(record.kind === 'service' && record.record.bookable ? [{ label: T.actions.book, action: `book:service:${ref.id}` }] : []),
    ...(record.kind === 'course' ? [{ label: T.actions.path, action: `path:${ref.id}` }] : []),
    { label: T.actions.person, action: 'handoff' },
  ];
  messages.push(choices(T.nextStep, next));
  return { intent, messages, citations: uniqueCitations(rendered.citations), state: { focus: ref, shown: [ref], choices: next } };
}

function nothingFound(turn: Turn, intent: string, what: string): Answer {
  const T = t(turn.lang);
  const menu = [
    { label: T.menu.courses, action: 'menu:courses' },
    { label: T.menu.services, action: 'menu:services' },
    { label: T.actions.person, action: 'handoff' },
  ];
  return {
    intent,
    messages: [text(what ? T.nothingFound(what) : T.nothingFoundPlain), choices(T.offerPerson, menu)],
    citations: [],
    state: { choices: menu, shown: [], focus: undefined },
  };
}

/** A list of results: a line each (or a card where the channel has cards), with their sources. */
async function answerList(turn: Turn, intent: string, hits: SearchHit[], intro?: string): Promise<Answer> {
  const T = t(turn.lang);
  const top = hits.slice(0, turn.caps.cards ? 5 : 3);
  const refs = top.map((h) => ({ kind: h.kind, id: h.id }));
  const { records, ctx } = await loadRecords(turn, refs);
  const rendered: Rendered[] = records.map((r) => render(r, ctx));
  const kinds = new Set(records.map((r) => r.kind));
  const kind = [...kinds][0];
  const heading = intro ?? (kinds.size === 1 && kind ? T.found(records.length, T.kinds[kind]![records.length === 1 ? 0 : 1]) : T.foundAny);
  const messages: OutboundMessage[] = [];
  if (turn.caps.cards) messages.push(text(heading), ...rendered.map((r) => r.card));
  else messages.push(text([heading, ...rendered.map((r, i) => `${i + 1}. ${r.line}`)].join('\n\n')));
  if (hits.length > top.length) messages.push(text(T.moreResults(hits.length - top.length)));
  const picks = records.map((r) => ({ label: shortLabel(`${T.actions.details}: ${titleOf(r)}`), action: `details:${r.kind}:${r.record.id}` }));
  const refinements = kind === 'course' && kinds.size === 1 ? [{ label: T.actions.free, action: 'refine:free' }, { label: T.actions.online, action: 'refine:online' }] : [];
  const next = [...picks, ...refinements];
  messages.push(choices(kind === 'course' ? T.refineHint : T.nextStep, next));
  const citations: Citation[] = uniqueCitations(rendered.flatMap((r) => r.citations));
  return { intent, messages, citations, state: { shown: refs, focus: refs.length === 1 ? refs[0] : undefined, choices: next } };
}

export interface SearchAsk {
  intent: string;
  /** Overrides the turn's text (a menu button, a refinement). */
  text?: string;
  filters?: SearchFilters;
  /** The question was not understood: only a record holding every word it says is an answer. */
  strict?: boolean;
}

/**
 * Finds what the user asks for and answers from the records found: one record in detail, a short
 * list, a question back when several fit a question about one thing, or a plain "nothing found".
 */
export async function answerSearch(turn: Turn, ask: SearchAsk): Promise<Answer> {
  const T = t(turn.lang);
  const raw = cut(ask.text ?? turn.text, 400);
  const state = turn.conversation.state;
  const parsed = understandQuery(raw, turn.today, turn.comuni);
  const topical = topicalWords(parsed.literal);
  const codes = turn.understanding.entities.codes.filter((c) => c.kind !== 'slot');

  // A code the user typed ("C001", "S03") names its record: no search needed.
  if (codes.length === 1 && topical.length <= 2) return answerDetails(turn, { kind: codes[0]!.kind as SearchKind, id: codes[0]!.id }, ask.intent);

  let query = raw;
  let filters: SearchFilters = { ...ask.filters };
  if (topical.length === 0 && ask.text === undefined) {
    if (hasFilters(parsed.filters) && state.search) {
      // "e online?", "solo gratuiti", "più vicino a Suzzara": the last search, narrowed.
      query = state.search.text;
      filters = refine(state.search.filters, { ...parsed.filters, ...ask.filters });
      // Narrowing a list of courses keeps it a list of courses.
      if (state.search.intent === 'find_course') filters.kinds = ['course'];
    } else if (!hasFilters(parsed.filters) && state.focus) {
      return answerDetails(turn, state.focus, ask.intent);
    } else if (!hasFilters(parsed.filters) && state.shown && state.shown.length > 1) {
      // "come ci arrivo?" after a list: which of them, rather than a guess.
      const { records } = await loadRecords(turn, state.shown);
      const list = records.map((r) => ({ label: shortLabel(titleOf(r)), action: `details:${r.kind}:${r.record.id}` }));
      return { intent: ask.intent, messages: [choices(T.which, list)], citations: [], state: { choices: list } };
    } else if (!hasFilters(parsed.filters)) {
      const menu = [
        { label: T.menu.courses, action: 'menu:courses' },
        { label: T.menu.sites, action: 'menu:sites' },
        { label: T.menu.services, action: 'menu:services' },
        { label: T.menu.initiatives, action: 'menu:initiatives' },
      ];
      return { intent: ask.intent, messages: [text(T.help), choices(T.whatNext, menu)], citations: [], state: { choices: menu } };
    }
  } else if (state.search && ask.filters && ask.text === undefined) {
    filters = refine(state.search.filters, ask.filters);
  }

  const kinds = KINDS_OF[ask.intent];
  const run = (k?: SearchKind[], f: SearchFilters = filters) =>
    turn.deps.retriever.search({ text: query, limit: 10, filters: { ...f, ...(k ? { kinds: k } : {}) } });
  // The intent's kinds are a preference, not a filter: a misread intent must not hide the answer.
  const result = await run(filters.kinds);
  let strong = result.hits.filter(ask.strict ? isExact : isStrong);
  // A course that is over is said as such when it is the only one, not listed among those still on.
  strong = strong.filter((h) => !h.signals?.ended || !strong.some((o) => o.kind === h.kind && !o.signals?.ended));
  if (kinds && strong[0]) {
    const bar = strong[0].score * 0.8;
    const preferred = strong.filter((h) => kinds.includes(h.kind) && h.score >= bar);
    strong = [...preferred, ...strong.filter((h) => !preferred.includes(h))];
  }
  // Records that hold more of the words where they say what they are about answer better than one
  // that ranked high on a single word ("lavoro" for "come mi preparo a un colloquio di lavoro").
  strong = strong
    .map((h, i) => ({ h, i, key: h.signals?.key ?? 0 }))
    .sort((a, b) => b.key - a.key || a.i - b.i)
    .map((x) => x.h);
  const searchState = { text: query, intent: ask.intent, filters: Object.fromEntries(Object.entries(result.query.filters).filter(([k]) => k !== 'kinds')) as SearchFilters };

  if (strong.length === 0) {
    if (hasFilters(result.query.filters)) {
      // Too narrow: say so and show what the same words find without the filters.
      const loose = await turn.deps.retriever.search({ text: query, limit: 10, filters: { ...NO_FILTERS, ...(filters.kinds ? { kinds: filters.kinds } : {}) } });
      const alternatives = loose.hits.filter(isStrong);
      if (alternatives.length > 0) {
        const answer = await answerList(turn, ask.intent, alternatives, T.nothingWithFilters);
        return { ...answer, state: { ...answer.state, search: searchState } };
      }
    }
    const none = nothingFound(turn, ask.intent, cut(topical.join(' ') || raw.trim(), 80));
    return { ...none, state: { ...none.state, search: searchState } };
  }

  const folded = fold(raw);
  const [first, second] = strong;
  if (first && second && SINGLE_ASK.test(folded) && first.kind === second.kind && !clearlyAhead(first, second)) {
    const options = strong.filter((h) => h.kind === first.kind && h.score >= first.score * 0.5).slice(0, 4);
    const list = options.map((h) => ({ label: shortLabel(h.title), action: `details:${h.kind}:${h.id}` }));
    return {
      intent: ask.intent,
      messages: [choices(T.which, list)],
      citations: options.map((h) => ({ kind: h.kind, id: h.id, title: h.title })),
      state: { choices: list, shown: options.map((h) => ({ kind: h.kind, id: h.id })), search: searchState },
    };
  }
  if (first && (strong.length === 1 || first.signals?.code !== undefined || (SINGLE_ASK.test(folded) && (!second || clearlyAhead(first, second))))) {
    const answer = await answerDetails(turn, { kind: first.kind, id: first.id }, ask.intent);
    return { ...answer, state: { ...answer.state, search: searchState } };
  }
  const answer = await answerList(turn, ask.intent, strong, result.widened && result.query.filters.comune ? T.widened(result.query.filters.comune.name) : undefined);
  return { ...answer, state: { ...answer.state, search: searchState } };
}
