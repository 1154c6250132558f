import { decodeAction, type Action } from '../domain/action.js';
import type { BookingDraft, BookingStep, ConversationState, RecordRef, SearchKind } from '../domain/ports.js';
import { STOP } from './understanding/act.js';
import { ASKS_CERTIFICATE, FILTER_LIKE } from './understanding/attributes.js';
import { ABOUT_SCHOOLS, gradeSaid } from './understanding/schools.js';
import type { Attribute, Intent, Mention, Understanding } from './understanding/index.js';
import { fold } from '../text/normalize.js';

/**
 * What the engine does with a turn, decided in this one place from the understanding of the
 * message and the state of the conversation. Flows run a plan; none of them reads the text again.
 */
export type Plan =
  | { run: 'location' }
  | { run: 'action'; action: Action }
  | { run: 'unknown_action' }
  | { run: 'empty' }
  /** The answer to the booking flow's own question (a name, a class, a date). */
  | { run: 'booking_step'; step: BookingStep; draft: BookingDraft }
  | { run: 'confirm' }
  | { run: 'deny' }
  | { run: 'handoff_contact'; company: boolean }
  | { run: 'book'; ref?: RecordRef }
  /**
   * One or more facts of one record ("quando inizia?", "quanto costa il corso di saldatura?").
   * `inFocus`: the record in focus, asked with other words too ("e il sabato è aperto?"): the flow
   * checks the record speaks of them, and searches when it does not.
   */
  | { run: 'facts'; ref: RecordRef; attributes: Attribute[]; intent: Intent; inFocus?: boolean }
  | { run: 'details'; ref: RecordRef; intent: Intent | 'details' }
  /** Something asked of a record named ("c'è un interprete LIS all'hub?"): what the record says of it. */
  | { run: 'about'; ref: RecordRef; intent: Intent }
  /** Several records share the name used: the fact asked of each, or which one. */
  | { run: 'which'; refs: RecordRef[]; attributes: Attribute[]; intent: Intent }
  /** How booking, enrolling or a service works, whether something is needed: passages and services. */
  | { run: 'how'; intent: Intent }
  /** `refuse`: out of scope unless the catalogue answers every word. */
  | { run: 'search'; intent: Intent; kinds?: SearchKind[]; attributes: Attribute[]; refine: boolean; strict?: boolean; refuse?: boolean }
  | { run: 'intent'; intent: Intent };

const KIND_INTENT: Record<string, Intent> = { course: 'find_course', site: 'site_info', service: 'services', initiative: 'initiatives', school: 'school_info' };
const INTENT_KINDS: Partial<Record<Intent, SearchKind[]>> = {
  find_course: ['course'], site_info: ['site'], school_info: ['school', 'site'], services: ['service', 'doc'], initiatives: ['initiative'], company: ['initiative', 'service', 'doc'],
};
const ANY_KIND: SearchKind[] = ['course', 'site', 'service', 'initiative', 'doc'];
/** Intents that leave a booking being put together rather than answer its question. */
const LEAVES_BOOKING = new Set<Intent>(['handoff', 'privacy', 'cancel', 'my_bookings', 'switch_language']);
/** Intents a plain request to book gives way to ("annulla la prenotazione", "cancella i miei dati"). */
const LEAVES_BOOKING_ASKED = new Set<Intent>(['privacy', 'cancel', 'my_bookings']);
/** Words of procedure: a "how" or "whether" question with them asks how things work, not for a record. */
const PROCEDURE = /\b(prenot\w*|iscriv\w*|iscrizion\w*|disdi\w*|annull\w*|cancel\w*|spid|document\w*|portare|bring|book\w*|enrol\w*|register\w*|sign up|rimborso|rimbors\w*|pagare|pagamento|gratis|costa|free)\b/;
/** A situation and what to do about it: "se…", "cosa succede se", "what happens if", "cosa posso fare". */
const SITUATION = /^(e |ma )?se\b|\bcosa succede (se|quando)\b|\bche succede se\b|\bwhat (happens|if)\b|\bcosa (posso|devo|dovrei|possiamo) fare\b|\bwhat (can|should|do) (i|we) do\b/;
/** "quali corsi…", "che laboratori ci sono…": a listing, even when asked with "what" or "how". */
const LISTING = /\b(quali|che|what|which) (corsi|courses|sedi|laboratori|labs|servizi|services|iniziative|eventi|events|bandi|scuole|schools)\b|\b(corsi|courses) (di|on|in|for|per)\b/;
/** Intents that mean what they say whatever else the words name. */
const DECISIVE = new Set<Intent>(['handoff', 'privacy', 'cancel', 'my_bookings', 'switch_language', 'learning_path', 'company', 'feedback', 'thanks_bye', 'greet', 'help']);
/** "il secondo", "the last one": a result of the list just shown. */
const ORDINAL = /^(?:il |la |lo |l |the )?(primo|prima|secondo|seconda|terzo|terza|quarto|quarta|quinto|quinta|ultimo|ultima|first|second|third|fourth|fifth|last)(?: (?:corso|sede|servizio|iniziativa|risultato|opzione|one|course|option|result))?$/;
const ORDINALS: Record<string, number> = { primo: 0, prima: 0, first: 0, secondo: 1, seconda: 1, second: 1, terzo: 2, terza: 2, third: 2, quarto: 3, quarta: 3, fourth: 3, quinto: 4, quinta: 4, fifth: 4 };

export interface DecideInput {
  u: Understanding;
  state: ConversationState;
  action?: Action | 'invalid';
  location?: boolean;
}

/**
 * A record the words name clearly enough to answer about it, or the few they could equally mean.
 * A name is clear when every word of it was said, when two or more words that name things cover
 * most of it, or when a word names this record alone ("AgriLab", "Scratch", "DID"). Words that
 * another record answers to just as well name neither: "stampa 3d" is a topic, searched for.
 */
export function namedRecord(u: Understanding, place?: string): { ref?: RecordRef; among?: RecordRef[] } {
  const codes = u.entities.codes.filter((c) => c.kind !== 'slot');
  if (codes.length === 1) return { ref: { kind: codes[0]!.kind as SearchKind, id: codes[0]!.id } };
  const clear = mentionsClear(u, place);
  const school = schoolNamed(u, clear[0]);
  if (school) return school;
  if (clear.length === 0) return {};
  const top = clear[0]!;
  // A record of another kind than the question asks about is named only by its own words ("il
  // laboratorio di fotovoltaico" is a lab; "corso fotovoltaico" asks for courses on the topic).
  const preferred = preferredKinds(u);
  // A name of several words said in full ("il Centro per l'Impiego di Suzzara") names it whatever the question.
  const spelled = top.full && top.matched.length >= 3;
  if (preferred.length > 0 && !preferred.includes(top.kind) && !top.distinctive && top.naming < 2 && !spelled) return {};
  const mentions = inTown(u, place);
  // A site named by the name of one of its labs, when something else goes by those very words ("il
  // co-working dell'Hub"): the lab's name is that activity's, and the site is where it is.
  if (top.kind === 'site') {
    // A record named after the lab itself ("Co-working gratuito per giovani") is that activity; one
    // that only speaks of it ("Open day del FabLab") is something else held there.
    const namedAfter = (m: Mention) => fold(m.name).startsWith(fold(top.name));
    const activity = [...mentions, ...(top.activity ? u.related.filter(namedAfter) : [])].find((m) => m.kind !== 'site' && m.coverage >= 0.2 && top.matched.every((w) => m.matched.includes(w) || u.mentions.some((x) => x.kind === 'site' && x.id === top.id && !x.matched.includes(w))));
    if (activity && top.name.split(/\s+/).length <= 3) return { ref: refOf(activity) };
  }
  // Another record answering to the same words: the words do not tell them apart.
  const rivals = mentions.filter((m) => m !== top && top.matched.every((w) => m.matched.includes(w)));
  if (rivals.length === 0) return { ref: refOf(top) };
  const alike = rivals.filter((m) => isClear(m, townOf(u, place)) && m.kind === top.kind);
  return alike.length > 0 ? { among: [top, ...alike].map(refOf) } : {};
}

/**
 * A school of the registry named in a question about schools ("la scuola materna «La Trottola»"),
 * when its name holds more of the words than any record of the catalogue does: that school, or the
 * few whose names hold as many.
 */
function schoolNamed(u: Understanding, rival?: Mention): { ref?: RecordRef; among?: RecordRef[] } | undefined {
  if (u.intent !== 'school_info' && !ABOUT_SCHOOLS.test(u.folded)) return undefined;
  // A school called by its town's name ("la primaria «Casalmoro»") is named in full when a fact is asked of it.
  // Most of its name said: "all'itis" is where a student is, not which of the ITIS is asked about.
  const named = u.schools.filter((m) => m.coverage >= 0.6 && ((m.naming >= 1 && (m.distinctive || m.full || m.matched.length >= 2)) || (m.full && u.attributes.length > 0)));
  const most = Math.max(0, ...named.map((m) => m.matched.length));
  if (most === 0 || (rival && rival.matched.length >= most)) return undefined;
  let best = named.filter((m) => m.matched.length === most);
  // Schools of one name in one town ("Redentore" primary and middle school): the grade said tells them apart.
  if (best.length > 1) {
    const grade = (m: Mention) => gradeSaid(u.folded, m.type);
    const top = Math.max(...best.map(grade));
    if (top > 0) best = best.filter((m) => grade(m) === top);
  }
  if (best.length === 1) return { ref: refOf(best[0]!) };
  return best.length <= 4 ? { among: best.map(refOf) } : undefined;
}

/**
 * The mentions clear enough to name a record, best first: of the kind the question is about, then
 * those named by a word that is theirs alone, then by how much of the name was said.
 */
export function mentionsClear(u: Understanding, place?: string): Mention[] {
  const preferred = preferredKinds(u);
  const town = townOf(u, place);
  return inTown(u, place)
    .filter((m) => isClear(m, town))
    .map((m, i) => ({ m, i }))
    // A site named beside something held there ("il co-working dell'Hub") is where, not what.
    .sort((a, b) =>
      Number(preferred.includes(b.m.kind)) - Number(preferred.includes(a.m.kind)) ||
      Number(a.m.kind === 'site') - Number(b.m.kind === 'site') ||
      b.m.naming - a.m.naming ||
      b.m.matched.length - a.m.matched.length ||
      Number(b.m.full) - Number(a.m.full) ||
      Number(!!town && b.m.comune === town) - Number(!!town && a.m.comune === town) ||
      Number(b.m.distinctive) - Number(a.m.distinctive) ||
      a.i - b.i)
    .map((x) => x.m);
}

/** The town the words say, or the one said earlier in the conversation. */
function townOf(u: Understanding, place?: string): string | undefined {
  return u.query.filters.comune?.name ?? u.query.preferComuni[0]?.name ?? place;
}

/** A town said ("il CPIA di Viadana") sets aside what the catalogue places in other towns. */
function inTown(u: Understanding, place?: string): Mention[] {
  const town = townOf(u, place);
  if (!town || !u.mentions.some((m) => m.comune === town)) return u.mentions;
  return u.mentions.filter((m) => !m.comune || m.comune === town);
}

const refOf = (m: Mention): RecordRef => ({ kind: m.kind as SearchKind, id: m.id });

function isClear(m: Mention, town?: string): boolean {
  // The town said is the record's: "l'ENAIP di Curtatone", "il CPIA di Viadana" need no more.
  const placed = !!town && m.comune === town && m.naming >= 1 && m.coverage >= 0.5;
  return placed || (m.full && m.naming >= 1) || (m.coverage >= 0.5 && m.naming >= 2) || (m.distinctive && m.coverage >= 0.2);
}

function preferredKinds(u: Understanding): string[] {
  if (u.entities.className || (u.entities.groupSize ?? 0) > 1) return ['site'];
  // The kind the words name ("il corso di saldatura") before the kind the classifier guessed.
  // "Il corso di saldatura": the word says which kind, where a lab or a site has the same name.
  if (u.query.preferKinds.includes('course')) return ['course'];
  const kinds = INTENT_KINDS[u.intent];
  return kinds ? [...kinds] : [];
}

/** The facts asked, and what the search was narrowed by, once each. */
function withSaid(asked: Attribute[], said: Attribute[]): Attribute[] {
  return [...new Set([...asked, ...said])];
}

/** What to do with this turn. */
export function decide({ u, state, action, location }: DecideInput): Plan {
  if (location) return { run: 'location' };
  if (action === 'invalid') return { run: 'unknown_action' };
  if (action) return { run: 'action', action };
  // "2" answers the choices of the last turn on channels without buttons; the engine decodes it.
  if (!u.text) return { run: 'empty' };

  const ordinal = u.folded.match(ORDINAL)?.[1];
  // "Il primo" while dates are offered: the date in that place of the list shown, not a name.
  const offered = state.pending?.type === 'booking' && state.pending.step === 'slot' ? (state.choices ?? []).map((c) => decodeAction(c.action)).filter((a) => a?.type === 'slot') : [];
  if (ordinal && offered.length > 0) {
    const picked = offered[ORDINALS[ordinal] ?? offered.length - 1];
    if (picked) return { run: 'action', action: picked };
  }
  const shown = state.shown ?? [];
  if (ordinal && shown.length > 0 && !state.pending) {
    const ref = shown[ORDINALS[ordinal] ?? shown.length - 1];
    if (ref) return { run: 'details', ref, intent: 'details' };
  }

  const pending = state.pending;
  if (pending?.type === 'booking' && pending.step !== 'confirm' && pending.step !== 'waitlist') {
    // The answer to the booking flow's question ("Giulia Rossi", "24", "4B"), unless the person
    // plainly stops or changes subject; a name is no yes, whatever the classifier thinks of it.
    if (STOP.test(u.folded)) return { run: 'deny' };
    // A question of its own ("e dove si trova?") leaves the booking for the answer.
    const aside = u.attributes.length > 0 && u.question && !answersBooking(u) && !u.booking;
    if (!LEAVES_BOOKING.has(u.intent) && !aside) return { run: 'booking_step', step: pending.step, draft: pending.draft };
  } else if (pending) {
    if (u.intent === 'affirm' || (pending.type === 'booking' && /^(si|yes|ok|okay|certo|sure|confermo|conferma|confirm)\b/.test(u.folded) && !u.how)) return { run: 'confirm' };
    if (u.intent === 'deny' || STOP.test(u.folded)) return { run: 'deny' };
    // A detail instead of a yes ("Mario Rossi", "20", "alle 11 invece"): the booking, corrected, to confirm again.
    if (pending.type === 'booking' && answersBooking(u)) return { run: 'booking_step', step: pending.step, draft: pending.draft };
    if (pending.type === 'handoff' && (u.entities.email || u.entities.phone)) return { run: 'handoff_contact', company: pending.reason === 'company' };
  }

  const { ref: named, among } = namedRecord(u, state.place);
  // After a list, the list is what a follow-up is about; after one record, that record.
  const focus = (state.shown?.length ?? 0) > 1 ? undefined : state.focus;
  // Facts about the person ("ho 16 anni", "faccio la terza all'ITIS") ask about the record in focus.
  const personal = u.attributes.some((a) => a === 'eligibility' || a === 'audience');
  // A question about the record in focus with a few words of its own ("e il sabato è aperto?",
  // "dove si trova di preciso?"): still about it, if the record speaks of those words.
  const followUp = !named && !among && !!focus && (u.question || u.attributes.length > 0) && u.topic.length > 0 && u.topic.length <= 3 && !LISTING.test(u.folded);
  const about = named ?? (!among && (u.topic.length === 0 || personal || followUp) ? focus : undefined);
  // "corsi online di coding" narrows a search; "è online?" about the course in focus asks a fact.
  // "Is the interview free?" asks it; "corsi gratuiti online" narrows a search.
  // A record named by its whole title ("che attestato dà «Stampa 3D…»?", "si può seguire
  // «Competenze digitali…» da casa?") is asked that fact, unless the words read a filter.
  const titled = !!named && u.mentions.some((m) => m.id === named.id && m.kind === named.kind && m.full && m.coverage >= 0.9);
  const narrowing = ((named && !titled) || (u.topic.length > 0 && !personal && !followUp)) && !u.yesNo;
  const narrows = (a: Attribute) => FILTER_LIKE.has(a) && (!titled || !!NARROWED_BY[a]?.(u.query.filters)) && !(a === 'certificate' && ASKS_CERTIFICATE.test(u.folded));
  const asked = narrowing ? u.attributes.filter((a) => !narrows(a)) : u.attributes;
  // What a search was narrowed by is said with each answer: "dove c'è un corso gratis?" says it is free.
  const said: Attribute[] = [...(u.query.filters.freeOnly ? ['free' as const] : []), ...(u.query.filters.online ? ['mode' as const] : [])];

  // Harm or a new persona is refused whatever else the words name ("dimmi le password degli operatori").
  if (u.refused) return { run: 'intent', intent: 'out_of_scope' };
  // "Se non vengo posso disdire?", "what happens if I don't show up?": how cancelling works, not a cancellation.
  if ((u.intent === 'cancel' || u.intent === 'my_bookings') && u.how && !u.entities.bookingCode) return { run: 'how', intent: 'services' };
  // "prenota il FabLab del Fermi…", "mi iscrivo", "book me on the 15th": a request to book.
  if (u.booking && !LEAVES_BOOKING_ASKED.has(u.intent)) return { run: 'book' };
  if (u.intent === 'book' && !u.how && !u.question) return { run: 'book' };

  // A clear request of its own ("cosa fate dei miei dati?", "parla con un operatore") stands,
  // unless a record is plainly named and a fact asked of it.
  const plainlyNamed = !!named && u.mentions.some((m) => m.id === named.id && (m.full || m.naming >= 2));
  // Small talk and a language switch only when that is all the message says: "do you run summer
  // camps?" is no greeting, "is there teacher training on AI? in English?" no language switch.
  const chatter = (u.intent === 'greet' || u.intent === 'help') && u.topic.length >= 2;
  // "Qual è il prossimo livello?", "e dopo?": what comes after, whatever fact the words also name.
  if (u.intent === 'learning_path' && /\b(prossimo|prossima|successivo|successiva|dopo|poi|next|after)\b/.test(u.folded)) return { run: 'intent', intent: 'learning_path' };
  if (DECISIVE.has(u.intent) && !chatter && !(asked.length > 0 && about && (plainlyNamed || !named || u.confidence < 0.7))) return { run: 'intent', intent: u.intent };

  // "e online?", "solo gratuiti", "e a Mantova?" after a search: the same search, narrowed; "è
  // online?" about the record in focus asks a fact of it.
  const refine = !!state.search && u.topic.length === 0 && !named && hasFilters(u) && asked.every((a) => FILTER_LIKE.has(a)) && !(focus && u.yesNo && asked.length > 0);
  if (refine) return { run: 'search', intent: (state.search?.intent as Intent | undefined) ?? 'find_course', attributes: [], refine: true };

  // A fact of one record: named now, or the one in focus when nothing else is named.
  if (asked.length > 0 && about) return { run: 'facts', ref: about, attributes: withSaid(asked, said), intent: intentOf(about), ...(about === focus && followUp && !personal ? { inFocus: true } : {}) };
  if (followUp && focus) return { run: 'facts', ref: focus, attributes: [], intent: intentOf(focus), inFocus: true };
  if (among && among.length > 1 && asked.length > 0) return { run: 'which', refs: among, attributes: withSaid(asked, said), intent: KIND_INTENT[among[0]!.kind] ?? 'find_course' };
  // A fact asked after a list: that fact of each record shown.
  const shownNow = state.shown ?? [];
  if (asked.length > 0 && !named && !focus && (u.topic.length === 0 || personal) && shownNow.length > 1) return { run: 'which', refs: shownNow.slice(0, 3), attributes: asked, intent: intentOf(shownNow[0]!) };
  // What the words ask beyond the name of the record they name.
  const beyond = named ? u.topic.filter((w) => !u.mentions.find((m) => m.id === named.id)?.matched.includes(w.split(' ')[0]!)) : u.topic;
  if (named && beyond.length <= 1 && !hasFilters(u)) return { run: 'details', ref: named, intent: intentOf(named) };
  if (named && beyond.length > 1 && !hasFilters(u) && !CATALOGUE_SEARCH.test(u.folded)) return { run: 'about', ref: named, intent: intentOf(named) };

  // What to do in a situation, about no record in particular ("se un corso è al completo cosa posso
  // fare?", "what happens if I miss it?"): procedure, even when its words are those of a fact.
  if (!named && !about && !among && SITUATION.test(u.folded) && u.intent !== 'out_of_scope' && !LISTING.test(u.folded)) return { run: 'how', intent: 'services' };
  if (u.intent === 'unknown' && !named) return { run: 'intent', intent: 'unknown' };
  // How something works or whether something is needed: answered from passages and services.
  if (u.how && u.topic.length > 0 && !named && u.intent !== 'out_of_scope' && !LISTING.test(u.folded) && (!CATALOGUE.has(u.intent) || PROCEDURE.test(u.folded))) {
    return { run: 'how', intent: CATALOGUE.has(u.intent) ? u.intent : 'services' };
  }
  if (u.topic.length === 0 && focus && !hasFilters(u) && (asked.length > 0 || isFollowUpIntent(u.intent))) return { run: 'details', ref: focus, intent: intentOf(focus) };

  // Out of scope as far as the classifier can tell: searched all the same, refused when nothing answers.
  if (u.intent === 'out_of_scope') {
    if (u.topic.length > 0) return { run: 'search', intent: 'find_course', attributes: [], refine: false, refuse: true };
    // Only who is asking ("my son is 22 and neither studies nor works, what can he do?"): what is
    // there for them, the services first.
    if (u.query.filters.audience?.length) return { run: 'search', intent: 'services', kinds: INTENT_KINDS.services!, attributes: [], refine: false, refuse: true };
    return { run: 'intent', intent: 'out_of_scope' };
  }
  if (CATALOGUE.has(u.intent) || u.topic.length > 0 || named) {
    const intent = CATALOGUE.has(u.intent) ? u.intent : named ? intentOf(named) : 'find_course';
    const facts = asked.filter((a) => !FILTER_LIKE.has(a));
    // A question the classifier took for another intent ("portare la classe in laboratorio ha un
    // costo?" read as a booking) names no kind of record by it: any kind may answer.
    const kinds = CATALOGUE.has(u.intent) || named ? INTENT_KINDS[intent] : ANY_KIND;
    return { run: 'search', intent, ...(kinds ? { kinds } : {}), attributes: facts.length > 0 ? withSaid(facts, said) : [], refine: false };
  }
  return { run: 'intent', intent: u.intent };
}

/** The filter a word that could ask a fact narrows a search by, when the words read one. */
const NARROWED_BY: Partial<Record<Attribute, (f: Understanding['query']['filters']) => boolean>> = {
  mode: (f) => f.online !== undefined,
  free: (f) => !!f.freeOnly,
  level: (f) => !!f.level,
  language: (f) => !!f.audience?.length,
};

/** A message that gives what a booking takes: a name, an age, a contact, a class, a date or a time. */
function answersBooking(u: Understanding): boolean {
  const e = u.entities;
  if (e.email || e.phone || e.className || e.groupSize || e.dates || e.time || e.age !== undefined) return true;
  if (/^\d{1,2}$/.test(u.folded)) return true;
  // Two or three capitalised words and nothing else: a name.
  return /^\p{Lu}[\p{L}'.-]+(\s+\p{Lu}[\p{L}'.-]+){1,3}$/u.test(u.text.trim()) && u.mentions.length === 0 && u.attributes.length === 0;
}

const CATALOGUE_SEARCH = /\b(corsi|courses|sedi|laboratori|servizi|iniziative|eventi|bandi|scuole|che .+ ci sono|quali)\b/;

const CATALOGUE = new Set<Intent>(['find_course', 'site_info', 'school_info', 'services', 'initiatives']);

function isFollowUpIntent(intent: Intent): boolean {
  return CATALOGUE.has(intent) || intent === 'unknown' || intent === 'out_of_scope';
}

function intentOf(ref: RecordRef): Intent {
  return KIND_INTENT[ref.kind] ?? 'find_course';
}

function hasFilters(u: Understanding): boolean {
  return Object.entries(u.query.filters).some(([k, v]) => k !== 'kinds' && v !== undefined && !(Array.isArray(v) && v.length === 0));
}
