import type { ReplyIntent } from '../../domain/intent.js';
import { formatDate, shortLabel } from '../answer/format.js';
import type { Slot } from '../../domain/model/index.js';
import { encodeAction } from '../../domain/action.js';
import { compactCard, listLine, render, slotLines, summaryOf, type RenderContext, type Rendered, titleOf } from '../answer/records.js';
import { t } from '../answer/texts.js';
import type { Choice, Citation, OutboundMessage } from '../../domain/message.js';
import type { Attribute } from '../understanding/attributes.js';
import { answerFacts } from './facts.js';
import { factAnswer } from '../answer/facts.js';
import type { CatalogueRecord, RecordRef, SearchFilters, SearchHit, SearchKind } from '../../domain/ports.js';
import { choices, text, uniqueCitations, type Answer, type Turn } from './turn.js';
import { cut } from '../../text/storable.js';

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

/** A hit holding most of what the words weigh: the bar for a question that seemed out of scope. */
export function isSure(hit: SearchHit): boolean {
  const s = hit.signals ?? {};
  if (s.wknown === undefined) return isExact(hit);
  // Words the catalogue holds nowhere are what made it seem out of scope ("ricetta dei tortelli"):
  // a record sharing the other words does not answer it.
  const unknown = (s.words ?? 0) - (s.known ?? 0);
  if (unknown * 4 > (s.words ?? 0)) return false;
  return s.wknown > 0 && (s.wmatched ?? 0) >= 0.75 * s.wknown && (s.wkey ?? 0) >= 0.5 * s.wknown;
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
    if (strict) return (s.matched ?? 0) >= s.words && (s.key ?? 0) >= 1;
    // Otherwise half of what the words say, weighing each by how few records hold it: "corso di
    // saldatura a Mantova" is about saldatura far more than about Mantova.
    if (s.wknown !== undefined) return s.wknown > 0 && (s.wmatched ?? 0) >= 0.49 * s.wknown && (s.key ?? 0) >= 1;
    const need = Math.ceil((s.known ?? s.words) / 2);
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

/**
 * One record says what it is about with all the words asked, and the others hold at most half of
 * what they weigh: "diventare impresa madrina" is that passage, not a list it heads.
 */
function alone(first: SearchHit, others: SearchHit[]): boolean {
  const s = first.signals ?? {};
  const all = s.wknown ?? 0;
  if (all <= 0 || (s.known ?? 0) < 2 || (s.wmatched ?? 0) < 0.99 * all || (s.wkey ?? 0) < 0.99 * all) return false;
  return others.every((h) => (h.signals?.wmatched ?? 0) <= 0.5 * all);
}

/** Overrides every filter the text would set: the same words, judged the same way, anywhere and any time. */
/** Words that tell the assistant what to say: a message with them is never echoed. */
const INSTRUCTION = /\b(istruzion\w*|instruction\w*|reply|rispondi|scrivi|write|say|dire|ripeti|repeat|print|output|prompt|ignora|ignore)\b/;

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

export async function loadRecords(turn: Turn, refs: RecordRef[]): Promise<{ records: CatalogueRecord[]; ctx: RenderContext }> {
  const found = await turn.deps.catalogue.withContext(refs, turn.now.toISOString());
  const records = refs.map((r) => found.records.get(`${r.kind}:${r.id}`)).filter((r): r is CatalogueRecord => !!r);
  const byRef = new Map<string, Slot[]>();
  for (const s of found.slots) byRef.set(s.ref, [...(byRef.get(s.ref) ?? []), s]);
  const comuni = new Map(turn.comuni.map((c) => [c.code, c.name]));
  const words = turn.text ? turn.understanding.query.cover.flatMap((w) => w.split(' ')) : [];
  return { records, ctx: { lang: turn.lang, today: turn.today, sites: found.sites, slots: byRef, comuni, words } };
}

/** What can be done next with one record: book it, see what follows it, ask a person. */
export function nextSteps(turn: Turn, record: CatalogueRecord, withDetails: boolean): Choice[] {
  const T = t(turn.lang);
  const ref = { kind: record.kind, id: record.record.id };
  const bookable =
    (record.kind === 'course' && record.record.endDate >= turn.today) ||
    (record.kind === 'service' && record.record.bookable) ||
    (record.kind === 'site' && record.record.labs.length > 0) ||
    (record.kind === 'initiative' && (record.record.endDate ?? record.record.startDate) >= turn.today);
  return [
    ...(withDetails ? [{ label: T.actions.details, action: encodeAction({ type: 'details', ref }) }] : []),
    ...(bookable ? [{ label: T.actions.book, action: encodeAction({ type: 'book', ref }) }] : []),
    ...(record.kind === 'course' ? [{ label: T.actions.path, action: encodeAction({ type: 'path', course: record.record.id }) }] : []),
    { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
  ];
}

/** The whole answer about one record, kept to a phone screen: its facts, its next dates, what to do next. */
export async function answerDetails(turn: Turn, ref: RecordRef, intent: ReplyIntent = 'details'): Promise<Answer> {
  const T = t(turn.lang);
  const { records, ctx } = await loadRecords(turn, [ref]);
  const record = records[0];
  if (!record) return nothingFound(turn, intent, '');
  const rendered = render(record, ctx);
  const messages: OutboundMessage[] = [];
  messages.push(turn.caps.cards ? rendered.card : text(summaryOf(record, ctx)));
  const slots = (ctx.slots.get(ref.id) ?? []).filter((s) => s.start > turn.now.toISOString()).slice(0, 3);
  if (slots.length > 0 && record.kind !== 'course' && record.kind !== 'site') messages.push(text(`${T.label.slots}:\n${slotLines(slots, turn.lang, ctx.sites).join('\n')}`));
  const next = nextSteps(turn, record, false);
  messages.push(choices(T.nextStep, next));
  return { intent, messages, citations: uniqueCitations(rendered.citations), state: { focus: ref, shown: [ref], choices: next } };
}

function nothingFound(turn: Turn, intent: ReplyIntent, what: string, near: SearchHit[] = []): Answer {
  const T = t(turn.lang);
  // Near alternatives are offered as buttons, clearly apart from an answer: they are not one.
  const nearby = near.slice(0, 2).map((h) => ({ label: shortLabel(`${T.actions.see}: ${h.title}`), action: encodeAction({ type: 'details', ref: { kind: h.kind, id: h.id } }) }));
  const menu = [
    { label: T.menu.courses, action: encodeAction({ type: 'menu', menu: 'courses' }) },
    { label: T.menu.services, action: encodeAction({ type: 'menu', menu: 'services' }) },
    { label: T.actions.person, action: encodeAction({ type: 'handoff' }) },
    ...nearby,
  ];
  const said = what ? T.nothingFound(what) : T.nothingFoundPlain;
  return {
    intent,
    messages: [text(nearby.length ? `${said} ${T.nearAlternatives}` : said), choices(T.offerPerson, menu)],
    citations: [],
    state: { choices: menu, shown: [], focus: undefined },
  };
}

/** How many results a reply lists: a phone screen's worth. */
const LIST = 3;

/** A list of results: a line each (or a compact card where the channel has cards), with their sources. */
async function answerList(turn: Turn, intent: ReplyIntent, hits: SearchHit[], intro?: string): Promise<Answer> {
  const T = t(turn.lang);
  const top = hits.slice(0, LIST);
  const refs = top.map((h) => ({ kind: h.kind, id: h.id }));
  const { records, ctx } = await loadRecords(turn, refs);
  const rendered: Rendered[] = records.map((r) => render(r, ctx));
  const kinds = new Set(records.map((r) => r.kind));
  const kind = [...kinds][0];
  const heading = intro ?? (kinds.size === 1 && kind ? T.found(records.length, T.kinds[kind]![records.length === 1 ? 0 : 1]) : T.foundAny);
  const messages: OutboundMessage[] = [];
  if (turn.caps.cards) messages.push(text(heading), ...records.map((r) => compactCard(r, ctx)));
  else messages.push(text([heading, ...records.map((r, i) => `${i + 1}. ${listLine(r, ctx)}`)].join('\n')));
  const rest = hits.slice(LIST).map((h) => ({ kind: h.kind, id: h.id }));
  const picks = records.map((r) => ({ label: shortLabel(titleOf(r)), action: encodeAction({ type: 'details', ref: { kind: r.kind, id: r.record.id } }) }));
  const more = rest.length > 0 ? [{ label: T.actions.more(rest.length), action: encodeAction({ type: 'more' }) }] : [];
  const next = [...picks, ...more];
  messages.push(choices(T.nextStep, next));
  const citations: Citation[] = uniqueCitations(rendered.flatMap((r) => r.citations.slice(0, 1)));
  return { intent, messages, citations, state: { shown: refs, focus: refs.length === 1 ? refs[0] : undefined, choices: next, more: rest } };
}

/** "Altri risultati": the next few of the last list. */
export async function answerMore(turn: Turn): Promise<Answer> {
  const rest = turn.conversation.state.more ?? [];
  if (rest.length === 0) return nothingFound(turn, 'find_course', '');
  const hits: SearchHit[] = rest.map((r) => ({ ...r, title: '', score: 0, why: [] }));
  return answerList(turn, turn.conversation.state.search?.intent ?? 'find_course', hits, t(turn.lang).moreHeading);
}

/**
 * Several records go by the name used. Asked a fact, each one's fact on a line (said once when
 * they agree); otherwise which one, each named so it can be told apart.
 */
export async function answerWhich(turn: Turn, refs: RecordRef[], intent: ReplyIntent, attributes: readonly Attribute[] = []): Promise<Answer> {
  const T = t(turn.lang);
  const { records, ctx } = await loadRecords(turn, refs.slice(0, attributes.length > 0 ? LIST : 4));
  const list = records.map((r) => ({ label: shortLabel(distinctLabel(r, ctx), 80), action: encodeAction({ type: 'details', ref: { kind: r.kind, id: r.record.id } }) }));
  const shown = records.map((r) => ({ kind: r.kind, id: r.record.id }));
  const citations = records.map((r) => ({ kind: r.kind, id: r.record.id, title: titleOf(r) }));
  if (attributes.length > 0 && records.length > 0) {
    const age = turn.understanding.entities.age;
    const facts = records.map((r) => factAnswer(r, attributes, { ...ctx, ...(age !== undefined ? { age } : {}) }));
    return {
      intent,
      messages: [text(facts.map((f) => f.text).join('\n')), choices(T.nextStep, list)],
      citations: uniqueCitations([...citations, ...facts.flatMap((f) => f.citations)]),
      state: { choices: list, shown, focus: shown.length === 1 ? shown[0] : undefined },
    };
  }
  return { intent, messages: [choices(T.which, list)], citations, state: { choices: list, shown, focus: undefined } };
}

/** A label that tells a record apart from others of the same name: its place or its dates. */
function distinctLabel(r: CatalogueRecord, ctx: RenderContext): string {
  const title = titleOf(r);
  if (r.kind === 'course') {
    const site = ctx.sites.get(r.record.site);
    return `${title} · ${site ? (ctx.comuni.get(site.comune) ?? site.name) : formatDate(r.record.startDate, ctx.lang)}`;
  }
  if (r.kind === 'site') return `${title} · ${ctx.comuni.get(r.record.comune) ?? r.record.address}`;
  if (r.kind === 'doc') return `${r.record.headings.at(-1) ?? title}`;
  return title;
}

export interface SearchAsk {
  intent: ReplyIntent;
  /** Overrides the turn's words (a menu button, a refinement). */
  text?: string;
  filters?: SearchFilters;
  /** The kinds the intent is about: a preference, not a filter. */
  kinds?: SearchKind[];
  /** The words narrow the last search ("e online?", "solo gratuiti"). */
  refine: boolean;
  /** Facts asked: when one record stands out, those facts are the answer. */
  attributes: Attribute[];
  /** The question was not understood: only a record holding every word it says is an answer. */
  strict?: boolean;
  /** The question seemed out of scope: only a record holding most of what its words weigh answers it. */
  sure?: boolean;
}

/**
 * Finds what the user asks for and answers from the records found: one record (or the facts asked
 * of it), a short list, a question back when several fit a question about one thing, or a plain
 * "nothing found".
 */
export async function answerSearch(turn: Turn, ask: SearchAsk): Promise<Answer> {
  const T = t(turn.lang);
  const state = turn.conversation.state;
  const u = turn.understanding;
  let query = cut(ask.text ?? turn.text, 400);
  let filters: SearchFilters = { ...ask.filters };
  if (ask.refine && state.search) {
    // "e online?", "solo gratuiti", "più vicino a Suzzara": the last search, narrowed.
    query = state.search.text;
    filters = refine(state.search.filters, { ...u.query.filters, ...ask.filters });
    // The kinds the search looked among, not those its intent's name suggests (a question read as
    // another intent looks among every kind).
    if (state.search.kinds) filters.kinds = state.search.kinds;
    else if (state.search.intent === 'find_course') filters.kinds = ['course'];
  } else if (ask.text === undefined && u.topic.length === 0 && u.search.cover.length === 0 && !hasFilters(u.query.filters) && u.mentions.length === 0) {
    // Nothing to look for: what can be asked. A word that also asks a fact ("non ho il diploma: posso
    // prenderlo la sera?") is still looked for when no record is in focus to ask it of.
    const menu = [
      { label: T.menu.courses, action: encodeAction({ type: 'menu', menu: 'courses' }) },
      { label: T.menu.sites, action: encodeAction({ type: 'menu', menu: 'sites' }) },
      { label: T.menu.services, action: encodeAction({ type: 'menu', menu: 'services' }) },
      { label: T.menu.initiatives, action: encodeAction({ type: 'menu', menu: 'initiatives' }) },
    ];
    return { intent: ask.intent, messages: [text(T.help), choices(T.whatNext, menu)], citations: [], state: { choices: menu } };
  }

  const kinds = ask.kinds ?? KINDS_OF[ask.intent];
  // The turn's own words come as understanding read them (less the facts asked); a stored search or a menu is read anew.
  const own = ask.text === undefined && !ask.refine;
  const result = await turn.deps.retriever.search({ text: query, limit: 10, filters, ...(own ? { query: u.search } : {}) });
  let hits = result.hits;
  // Only who asks or when ("ho 19 anni e non lavoro, cosa posso fare?"): what passes the filters
  // is listed soonest first, so the kind asked about is fetched on its own and put first.
  if (kinds && hits.length > 0 && hits.every((h) => h.signals?.filter !== undefined) && !hits.slice(0, LIST).some((h) => kinds.includes(h.kind))) {
    const own = await turn.deps.retriever.search({ text: query, limit: LIST, filters: { ...filters, kinds: kinds.filter((k) => k !== 'doc') }, ...(ask.text === undefined && !ask.refine ? { query: u.search } : {}) });
    hits = [...own.hits, ...hits.filter((h) => !own.hits.some((o) => o.kind === h.kind && o.id === h.id))];
  }
  let strong = hits.filter(ask.strict ? isExact : ask.sure ? isSure : isStrong);
  // The school registry answers questions about schools; a school that shares a word with the
  // question ("corsi di spagnolo" and a school named Spagnoli) answers nothing else.
  if (ask.intent !== 'school_info') strong = strong.filter((h) => h.kind !== 'school');
  // Only filters were given ("per chi ha lasciato la scuola e non lavora"): records that pass them, not passages.
  if (strong.every((h) => h.signals?.filter !== undefined)) strong = strong.filter((h) => h.kind !== 'doc');
  // A course that is over is said as such when it is the only one, not listed among those still on.
  strong = strong.filter((h) => !h.signals?.ended || !strong.some((o) => o.kind === h.kind && !o.signals?.ended));
  let preferred: SearchHit[] = [];
  if (kinds && strong[0]) {
    // The kind asked for first, unless it ranked far below the best.
    const bar = strong[0].score * 0.5;
    preferred = strong.filter((h) => kinds.includes(h.kind) && h.score >= bar);
    strong = [...preferred, ...strong.filter((h) => !preferred.includes(h))];
  }
  // Records that hold more of the words where they say what they are about answer better than one
  // that ranked high on a single word ("lavoro" for "come mi preparo a un colloquio di lavoro").
  // The one record of the kind asked for holding every word goes before a passage holding them as well:
  // "come mi iscrivo come disoccupato" is the DID service, which the guide's page also mentions.
  const whole = (h: SearchHit) => (h.signals?.wknown ?? 0) > 0 && (h.signals?.wmatched ?? 0) >= 0.99 * (h.signals?.wknown ?? 0);
  // One such record; several (all the accessible sites) are summed up better by the passage that lists them.
  const sole = preferred.filter((h) => h.kind !== 'doc' && whole(h));
  const over = (a: SearchHit, b: SearchHit) => sole.length === 1 && a === sole[0] && b.kind === 'doc' && whole(b);
  strong = strong
    .map((h, i) => ({ h, i, key: h.signals?.key ?? 0 }))
    .sort((a, b) => (over(a.h, b.h) ? -1 : over(b.h, a.h) ? 1 : b.key - a.key || a.i - b.i))
    .map((x) => x.h);
  // A course search read as looking among every kind keeps saying so when narrowed ("e a Viadana?").
  const wider = ask.intent === 'find_course' && !!ask.kinds && ask.kinds.some((k) => k !== 'course');
  const searchState = { text: query, intent: ask.intent, ...(wider ? { kinds: ask.kinds } : {}), filters: Object.fromEntries(Object.entries(result.query.filters).filter(([k]) => k !== 'kinds')) as SearchFilters };

  if (strong.length === 0) {
    if (hasFilters(result.query.filters) && !ask.strict && !ask.sure) {
      // Too narrow: say so and show what the same words find without the filters.
      const loose = await turn.deps.retriever.search({ text: query, limit: 10, filters: { ...NO_FILTERS, ...(filters.kinds ? { kinds: filters.kinds } : {}) } });
      const alternatives = loose.hits.filter(isStrong).filter((h) => ask.intent === 'school_info' || h.kind !== 'school');
      if (alternatives.length > 0) {
        const answer = await answerList(turn, ask.intent, alternatives, T.nothingWithFilters(filterWords(result.query.filters, turn)));
        return { ...answer, state: { ...answer.state, search: searchState } };
      }
    }
    // What was not found is named when it is a topic of a few words; longer text is not repeated
    // back, so no one can make the assistant say what they tell it to.
    const words = u.topic.map((w) => w.split(' ')[0]!);
    const what = ask.text === undefined && words.length > 0 && words.length <= 3 && !INSTRUCTION.test(u.folded) ? cut(words.join(' '), 60) : '';
    const none = nothingFound(turn, ask.intent, what);
    return { ...none, state: { ...none.state, search: searchState } };
  }

  // A course asked for by name of kind ("corso di pasticceria giapponese") and only places holding a
  // word of it: no course is the answer, and the places are offered as what comes closest.
  if (own && ask.intent === 'find_course' && u.search.preferKinds.includes('course') && strong.every((h) => h.kind === 'site' || h.kind === 'school') && strong.every((h) => !h.signals?.code && !h.signals?.filter)) {
    const words = u.topic.map((w) => w.split(' ')[0]!);
    const what = words.length > 0 && words.length <= 3 && !INSTRUCTION.test(u.folded) ? cut(words.join(' '), 60) : '';
    const none = nothingFound(turn, ask.intent, what, strong);
    return { ...none, state: { ...none.state, search: searchState } };
  }
  // One record of the kind asked for, the others only the places it is held at (they share its town
  // or a word with it): that one.
  const wanted = kinds ? strong.filter((h) => kinds.includes(h.kind) && h.kind !== 'doc') : [];
  if (wanted.length === 1 && strong.filter((h) => h !== wanted[0]).every((h) => (h.kind === 'site' || h.kind === 'school') && (h.signals?.matched ?? 0) <= (wanted[0]!.signals?.matched ?? 0))) {
    strong = [wanted[0]!];
  }
  const [first, second] = strong;
  const single = ask.attributes.length > 0 || SINGLE_ASK.test(u.folded) || (!!first && alone(first, strong.slice(1)));
  if (first && second && single && first.kind === second.kind && !clearlyAhead(first, second)) {
    const options = strong.filter((h) => h.kind === first.kind && h.score >= first.score * 0.5).slice(0, 4);
    const which = await answerWhich(turn, options.map((h) => ({ kind: h.kind, id: h.id })), ask.intent, ask.attributes);
    return { ...which, state: { ...which.state, search: searchState } };
  }
  if (first && (strong.length === 1 || first.signals?.code !== undefined || (single && (!second || clearlyAhead(first, second))))) {
    const ref = { kind: first.kind, id: first.id };
    const answer = ask.attributes.length > 0 ? await answerFacts(turn, ref, ask.attributes, ask.intent, { introduce: true }) : await answerDetails(turn, ref, ask.intent);
    return { ...answer, state: { ...answer.state, search: searchState } };
  }
  const answer = await answerList(turn, ask.intent, strong, result.widened && result.query.filters.comune ? T.widened(result.query.filters.comune.name) : undefined);
  return { ...answer, state: { ...answer.state, search: searchState } };
}

/** The filters of a search said in words, so "nothing with these filters" names them. */
function filterWords(f: SearchFilters, turn: Turn): string {
  const T = t(turn.lang);
  return [
    f.freeOnly && T.filter.free,
    f.online && T.filter.online,
    f.comune && T.filter.in(f.comune.name),
    f.near && T.filter.near(f.near.name),
    f.from && f.to && T.filter.dates(formatDate(f.from, turn.lang), formatDate(f.to, turn.lang)),
    f.audience?.length && T.filter.audience,
    f.level && T.filter.level,
    f.openForEnrolment && T.filter.open,
  ].filter(Boolean).join(', ');
}
