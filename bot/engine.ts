import { randomBytes } from 'node:crypto';
import { comuneVocabulary, understandQuery, type ComuneName } from '../knowledge/search/query-understanding.js';
import { fold } from '../text/normalize.js';
import { cut, storable } from '../text/storable.js';
import { t } from './answer/texts.js';
import { italianDate } from './clock.js';
import { chooseSlot, confirmBooking, confirmCancel, continueBooking, dropBooking, keepBooking, myBookings, startBooking, startCancel } from './flows/booking.js';
import { feedback, greet, languageSet, notUnderstood, outOfScope, thanks, unknownAction } from './flows/conversation.js';
import { company, handoff } from './flows/handoff.js';
import { learningPath } from './flows/learning-path.js';
import { nearestSites } from './flows/location.js';
import { erase, privacy } from './flows/privacy.js';
import { answerDetails, answerSearch, isRefinement } from './flows/search.js';
import { text, type Answer, type EngineDeps, type Turn } from './flows/turn.js';
import type { InboundMessage, Lang, Reply } from './message.js';
import type { Conversation, ConversationState, RecordRef, SearchFilters, SearchKind, StoredTurn } from './ports.js';
import { createUnderstander, MAX_TEXT, type Understander, type Understanding } from './understanding/index.js';
import { withLlm } from './llm-answer.js';

export type { EngineDeps } from './flows/turn.js';

const RECORD_KINDS: readonly string[] = ['course', 'site', 'service', 'initiative', 'school', 'doc'];
const MAX_ACTION = 200;
const BOOK_REQUEST = /^(ok |si |allora )?(iscrivimi|mi iscrivo|prenota|prenotami|prenotate|voglio (iscrivermi|prenotare)|vorrei (iscrivermi|prenotare)|book me|book|sign me up|i want to (book|enrol|enroll)|i d like to (book|enrol|enroll))\b/;
/**
 * How booking works rather than a booking: "come prenoto un laboratorio?", "posso iscrivermi se
 * ho solo la ricevuta?", "se arrivo in ritardo all'appuntamento?". Answered from the catalogue
 * (services, FAQ passages); a request that starts with its verb ("prenota…", "iscrivimi…") stays one.
 */
const BOOKING_QUESTION = /^(ma |e |scusa |senti |ok )?(come|how)\b|\b(se|if)\b|\b(in ritardo|late)\b/;
/** "il secondo", "the last one": a result of the list just shown. */
const ORDINAL = /^(?:il |la |lo |l |the )?(primo|prima|secondo|seconda|terzo|terza|quarto|quarta|quinto|quinta|ultimo|ultima|first|second|third|fourth|fifth|last)(?: (?:corso|sede|servizio|iniziativa|risultato|opzione|one|course|option|result))?$/;
const ORDINALS: Record<string, number> = { primo: 0, prima: 0, first: 0, secondo: 1, seconda: 1, second: 1, terzo: 2, terza: 2, third: 2, quarto: 3, quarta: 3, fourth: 3, quinto: 4, quinta: 4, fifth: 4 };
const STOP = /^(no|no grazie|annulla|lascia stare|lascia perdere|basta|stop|cancel|no thanks|never mind|forget it)$/;
/** Intents that leave a booking being put together rather than answer its question. */
const LEAVES_BOOKING = new Set(['handoff', 'privacy', 'cancel', 'my_bookings', 'switch_language']);
/** Intents that mean what they say even when the words also read as a filter of the last search. */
const DECISIVE = new Set(['handoff', 'privacy', 'book', 'cancel', 'my_bookings', 'switch_language', 'out_of_scope', 'learning_path', 'company']);
/** An ingest while the server runs changes the words to learn; checking costs a query, so not every turn. */
const VOCABULARY_TTL_MS = 30_000;

/** Conversation ids a channel may choose itself ("telegram:12345"); anything else is replaced. */
const CONVERSATION_ID = /^[A-Za-z0-9:_-]{8,120}$/;

const newConversationId = () => randomBytes(18).toString('base64url');

interface Trained {
  understander: Understander;
  comuni: ComuneName[];
  version: string;
  checkedAt: number;
}

/**
 * The channel-neutral core: one turn in, one Reply out. It understands the message, runs the flow
 * it asks for against the catalogue, remembers the dialogue state in the store and never learns
 * which channel it is talking to.
 */
export class Engine {
  private trained: Promise<Trained> | null = null;

  constructor(private readonly deps: EngineDeps) {}

  /**
   * Trains understanding on the catalogue now rather than on the first message, and runs one
   * search so the store has planned its statements and read its pages: otherwise the first
   * visitors after a start wait for all of it (350 ms for the first turn, seconds under load).
   */
  async warmUp(): Promise<void> {
    await this.knowledge();
    // A search that fails here fails the first visitor's turn too, with a reply; it must not stop a start.
    await this.deps.retriever.search({ text: 'corso', limit: 5 }).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'warm-up search failed'));
  }

  private async train(version: string): Promise<Trained> {
    const vocabulary = await this.deps.catalogue.vocabulary();
    const understander = await createUnderstander(vocabulary);
    return { understander, comuni: comuneVocabulary(vocabulary.comuni), version, checkedAt: Date.now() };
  }

  private async knowledge(): Promise<Trained> {
    if (!this.trained) {
      this.trained = this.deps.catalogue.version().then((v) => this.train(v));
      this.trained.catch(() => (this.trained = null));
      return this.trained;
    }
    const current = await this.trained;
    if (Date.now() - current.checkedAt < VOCABULARY_TTL_MS) return current;
    current.checkedAt = Date.now();
    const version = await this.deps.catalogue.version();
    if (version !== current.version) {
      this.trained = this.train(version);
      this.trained.catch(() => (this.trained = null));
    }
    return this.trained;
  }

  /** A conversation's turns, for its own user only: null for an unknown id or someone else's. */
  async history(conversationId: string, userId: string): Promise<StoredTurn[] | null> {
    const conversation = await this.deps.sessions.load(conversationId);
    if (!conversation || conversation.userId !== userId) return null;
    return this.deps.sessions.history(conversationId);
  }

  async handle(given: InboundMessage): Promise<Reply> {
    const inbound = storableInbound(given);
    let conversationId = inbound.conversationId ?? '';
    let lang: Lang = inbound.locale ?? this.deps.defaultLang;
    try {
      const { understander, comuni } = await this.knowledge();
      const conversation = await this.conversationFor(inbound, lang);
      conversationId = conversation.id;
      if (inbound.messageId) {
        const earlier = await this.deps.sessions.replyTo(conversation.id, inbound.messageId);
        if (earlier) return earlier;
      }
      const relayed = await this.relayToStaff(conversation, inbound);
      if (relayed) return relayed;
      const now = this.deps.clock.now();
      const today = italianDate(now);
      const raw = typeof inbound.text === 'string' ? inbound.text.trim() : '';
      // Cut on a character boundary: half an emoji at the limit would fail the turn's storage.
      const said = cut(raw, MAX_TEXT);
      const understanding = understander.understand(said, { locale: conversation.turns > 0 ? conversation.lang : (inbound.locale ?? this.deps.defaultLang), today });
      lang = this.languageOf(conversation, understanding, raw);
      const turn: Turn = { deps: this.deps, conversation, inbound, caps: inbound.capabilities, lang, today, now, text: said, understanding, comuni };

      let answer: Answer;
      if (raw.length > MAX_TEXT) answer = { intent: 'too_long', messages: [text(t(lang).tooLong(MAX_TEXT))], citations: [] };
      else answer = await this.route(turn, raw);
      if (answer.intent === 'switch_language') lang = turn.lang;

      const reply: Reply = { conversationId: conversation.id, intent: answer.intent, messages: answer.messages, citations: answer.citations };
      if (!answer.forget) {
        conversation.state = nextState(conversation.state, answer);
        conversation.lang = lang;
        await this.deps.sessions.saveTurn(conversation, {
          inbound: { ...(raw ? { text: said } : {}), ...(inbound.action ? { action: cut(inbound.action, MAX_ACTION) } : {}), ...(inbound.location ? { location: coarse(inbound.location) } : {}) },
          reply,
          intent: answer.intent,
          ...(inbound.messageId ? { messageId: inbound.messageId } : {}),
        });
      }
      return reply;
    } catch (error) {
      // The user gets a short apology in their language; the log keeps the cause.
      this.deps.logger.error({ err: error, conversationId }, 'turn failed');
      return { conversationId: conversationId || newConversationId(), intent: 'error', messages: [text(t(lang).failure)], citations: [] };
    }
  }

  /** While a person on the staff has the conversation, what the user writes goes to them, not to the flows. */
  private async relayToStaff(conversation: Conversation, inbound: InboundMessage): Promise<Reply | null> {
    const said = typeof inbound.text === 'string' ? cut(inbound.text.trim(), MAX_TEXT) : '';
    if (!said || conversation.turns === 0) return null;
    const live = await this.deps.handoff.live(conversation.id);
    if (!live) return null;
    let reply: Reply;
    try {
      await this.deps.handoff.relay(live.id, said);
      reply = { conversationId: conversation.id, intent: 'relayed', messages: [], citations: [] };
    } catch (error) {
      this.deps.logger.warn({ err: error, conversationId: conversation.id, handoff: live.id }, 'relay to staff failed');
      return { conversationId: conversation.id, intent: 'relayed', messages: [text(t(conversation.lang).relayFailed)], citations: [] };
    }
    await this.deps.sessions.saveTurn(conversation, { inbound: { text: said }, reply, intent: 'relayed', ...(inbound.messageId ? { messageId: inbound.messageId } : {}) });
    return reply;
  }

  private async conversationFor(inbound: InboundMessage, lang: Lang): Promise<Conversation> {
    const wanted = inbound.conversationId;
    if (wanted && CONVERSATION_ID.test(wanted)) {
      const found = await this.deps.sessions.load(wanted);
      // Someone else's conversation is never continued, and its id is not reused.
      if (found && found.userId === inbound.userId) return found;
      if (!found) return this.deps.sessions.begin({ id: wanted, userId: inbound.userId, channel: inbound.channel, lang });
    }
    return this.deps.sessions.begin({ id: newConversationId(), userId: inbound.userId, channel: inbound.channel, lang });
  }

  /** Switch when asked, or when someone plainly writes in the other language; short words keep the current one. */
  private languageOf(conversation: Conversation, u: Understanding, raw: string): Lang {
    if (u.intent === 'switch_language' && u.entities.targetLanguage) return u.entities.targetLanguage;
    // An answer to the assistant's own question ("Giulia Rossi", "4B") says nothing about the language.
    if (conversation.state.pending) return conversation.lang;
    const words = raw.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
    // A first message is judged by understanding, which weighs the platform's locale for short words.
    if (conversation.turns === 0) return words >= 2 || u.intent === 'greet' || u.intent === 'thanks_bye' ? u.language : conversation.lang;
    return words >= 3 ? u.language : conversation.lang;
  }

  private async route(turn: Turn, raw: string): Promise<Answer> {
    const { inbound, conversation } = turn;
    if (inbound.location && Number.isFinite(inbound.location.lat) && Number.isFinite(inbound.location.lon)) return nearestSites(turn, inbound.location);
    if (inbound.action) return this.action(turn, cut(inbound.action, MAX_ACTION));
    // "2" answers the choices of the last turn on channels without buttons.
    const picked = raw.match(/^\s*(\d{1,2})\s*[.)]?\s*$/);
    const choice = picked ? conversation.state.choices?.[Number(picked[1]) - 1] : undefined;
    if (choice) return this.action(turn, choice.action);
    if (!raw) return { intent: 'empty', messages: [text(t(turn.lang).emptyMessage)], citations: [] };
    const folded = fold(raw);
    const ordinal = folded.match(ORDINAL)?.[1];
    const shown = conversation.state.shown ?? [];
    if (ordinal && shown.length > 0 && !conversation.state.pending) {
      const at = ORDINALS[ordinal] ?? shown.length - 1;
      const ref = shown[at];
      if (ref) return answerDetails(turn, ref);
    }

    const u = turn.understanding;
    const pending = conversation.state.pending;
    if (pending?.type === 'booking' && pending.step !== 'confirm' && pending.step !== 'waitlist') {
      // The answer to the booking flow's question ("Giulia Rossi", "24", "4B"), unless the person
      // plainly stops or changes subject; a name is no yes, whatever the classifier thinks of it.
      if (STOP.test(fold(raw))) return this.deny(turn);
      if (!LEAVES_BOOKING.has(u.intent)) return continueBooking(turn, pending.step, pending.draft);
    } else if (pending) {
      if (u.intent === 'affirm') return this.confirm(turn);
      if (u.intent === 'deny') return this.deny(turn);
      if (pending.type === 'handoff' && (u.entities.email || u.entities.phone)) return pending.reason === 'company' ? company(turn) : handoff(turn, 'contact left');
    }
    // "iscrivimi a C009", "prenota il FabLab…": a request to book, however the classifier read the rest.
    const request = BOOK_REQUEST.test(folded);
    // "Come mi iscrivo?" about the course just shown is a request; "come prenoto un laboratorio?" a question.
    const about = understandQuery(cut(raw, 400), turn.today, turn.comuni).cover;
    if (u.intent === 'book' && !request && BOOKING_QUESTION.test(folded) && about.length > 0) return withLlm(turn, 'services', () => answerSearch(turn, { intent: 'services' }));
    if (request && !DECISIVE.has(u.intent) && u.intent !== 'book') return startBooking(turn);
    if (isRefinement(turn) && !DECISIVE.has(u.intent)) return answerSearch(turn, { intent: conversation.state.search?.intent ?? 'find_course' });
    return withLlm(turn, u.intent, () => this.intent(turn, u));
  }

  private async intent(turn: Turn, u: Understanding): Promise<Answer> {
    switch (u.intent) {
      case 'greet':
      case 'help':
        return greet(turn, u.intent);
      case 'find_course':
      case 'site_info':
      case 'school_info':
      case 'services':
      case 'initiatives':
        return answerSearch(turn, { intent: u.intent });
      case 'learning_path':
        return learningPath(turn);
      case 'company':
        return company(turn);
      case 'book':
        return startBooking(turn);
      case 'my_bookings':
        return myBookings(turn);
      case 'cancel':
        return startCancel(turn);
      case 'handoff':
        return handoff(turn);
      case 'privacy':
        return privacy(turn);
      case 'feedback':
        return feedback(turn);
      case 'thanks_bye':
        return thanks(turn);
      case 'affirm':
      case 'deny':
        return { intent: u.intent, messages: [text(t(turn.lang).nothingPending)], citations: [] };
      case 'switch_language':
        return languageSet(turn.lang);
      case 'out_of_scope':
        return outOfScope(turn);
      default: {
        // Words the classifier could not place may still name something in the catalogue.
        const found = await answerSearch(turn, { intent: 'find_course', strict: true });
        return found.citations.length > 0 ? found : notUnderstood(turn);
      }
    }
  }

  private async action(turn: Turn, action: string): Promise<Answer> {
    // "book:site:S02?slot=SL066&class=4B&group=24&name=…": a booking form's answers ride on the Book action.
    const q = action.indexOf('?');
    const answers = q >= 0 ? new URLSearchParams(action.slice(q + 1)) : undefined;
    const [name, ...rest] = (q >= 0 ? action.slice(0, q) : action).split(':');
    const arg = rest.join(':');
    const state = turn.conversation.state;
    const ref = (): RecordRef | null => {
      const [kind, id] = [rest[0], rest.slice(1).join(':')];
      return kind && id && RECORD_KINDS.includes(kind) ? { kind: kind as SearchKind, id } : null;
    };
    switch (name) {
      case 'details': {
        const r = ref();
        return r ? answerDetails(turn, r) : unknownAction(turn);
      }
      case 'book': {
        const r = ref();
        return r ? startBooking(turn, r, answers) : unknownAction(turn);
      }
      case 'slot':
        return arg ? chooseSlot(turn, arg) : unknownAction(turn);
      case 'cancel':
        return arg ? startCancel(turn, arg) : unknownAction(turn);
      case 'path':
        return arg ? learningPath(turn, arg) : unknownAction(turn);
      case 'refine': {
        const extra: SearchFilters | null = arg === 'free' ? { freeOnly: true } : arg === 'online' ? { online: true } : null;
        if (!extra) return unknownAction(turn);
        const previous = state.search ?? { text: '', filters: {} };
        return answerSearch(turn, { intent: 'find_course', text: previous.text, filters: { ...previous.filters, ...extra, kinds: ['course'] } });
      }
      case 'menu': {
        const menus: Record<string, { intent: string; filters: SearchFilters }> = {
          courses: { intent: 'find_course', filters: { kinds: ['course'], openForEnrolment: true } },
          sites: { intent: 'site_info', filters: { kinds: ['site'] } },
          services: { intent: 'services', filters: { kinds: ['service'] } },
          initiatives: { intent: 'initiatives', filters: { kinds: ['initiative'], from: turn.today } },
        };
        const menu = menus[arg];
        return menu ? answerSearch(turn, { intent: menu.intent, text: '', filters: menu.filters }) : unknownAction(turn);
      }
      case 'handoff':
        return handoff(turn);
      case 'help':
        return greet(turn, 'help');
      case 'privacy':
        return arg === 'export' || arg === 'erase' ? privacy(turn, arg) : privacy(turn);
      case 'confirm':
        return this.confirm(turn);
      case 'deny':
        return this.deny(turn);
      case 'lang':
        if (arg === 'it' || arg === 'en') {
          turn.lang = arg;
          return languageSet(arg);
        }
        return unknownAction(turn);
      default:
        return unknownAction(turn);
    }
  }

  /** The explicit yes that an action with consequences waits for, in its own turn. */
  private async confirm(turn: Turn): Promise<Answer> {
    const pending = turn.conversation.state.pending;
    if (pending?.type === 'erase') return erase(turn);
    if (pending?.type === 'handoff') return handoff(turn, pending.reason);
    if (pending?.type === 'booking' && (pending.step === 'confirm' || pending.step === 'waitlist')) return confirmBooking(turn, pending.draft);
    if (pending?.type === 'cancel') return confirmCancel(turn, pending.code);
    return { intent: 'affirm', messages: [text(t(turn.lang).nothingPending)], citations: [] };
  }

  private deny(turn: Turn): Answer {
    const pending = turn.conversation.state.pending;
    if (pending?.type === 'booking') return dropBooking(turn);
    if (pending?.type === 'cancel') return keepBooking(turn);
    const T = t(turn.lang);
    return { intent: 'deny', messages: [text(pending?.type === 'erase' ? T.eraseCancelled : T.nothingPending)], citations: [], state: { pending: undefined } };
  }
}

/**
 * A shared location is needed for one answer only; the stored turn keeps it to about a kilometre,
 * so a history never says where a student lives.
 */
function coarse(at: { lat: number; lon: number }): { lat: number; lon: number } {
  return { lat: Math.round(at.lat * 100) / 100, lon: Math.round(at.lon * 100) / 100 };
}

/** The state after a turn: what the answer set, with a pending confirmation lasting one turn only. */
function nextState(previous: ConversationState, answer: Answer): ConversationState {
  const next: ConversationState = { ...previous, pending: undefined, choices: undefined, lastIntent: answer.intent };
  for (const [key, value] of Object.entries(answer.state ?? {})) {
    (next as Record<string, unknown>)[key] = value;
  }
  return JSON.parse(JSON.stringify(next)) as ConversationState;
}

/**
 * Every string a channel hands over, as the store takes it: a NUL in an action, a message id or a
 * conversation id, or a lone surrogate in a text, failed the turn with a database error (which
 * quoted the text), after a handoff it asked for had already been opened.
 */
function storableInbound(inbound: InboundMessage): InboundMessage {
  const out: InboundMessage = { ...inbound };
  for (const key of ['userId', 'conversationId', 'channel', 'text', 'action', 'messageId'] as const) {
    const value = inbound[key];
    if (typeof value === 'string') out[key] = storable(value);
  }
  return out;
}
