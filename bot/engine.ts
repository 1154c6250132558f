import { randomBytes } from 'node:crypto';
import { decodeAction, MAX_ACTION, type Action } from '../domain/action.js';
import { cut, storable } from '../text/storable.js';
import { t } from './answer/texts.js';
import { decide, type Plan } from './decide.js';
import { italianDate } from '../domain/clock.js';
import { chooseSlot, confirmBooking, confirmCancel, continueBooking, dropBooking, keepBooking, myBookings, startBooking, startCancel } from './flows/booking.js';
import { chooseLanguage, feedback, greet, languageSet, notUnderstood, outOfScope, thanks, unknownAction } from './flows/conversation.js';
import { answerAbout, answerFacts, answerHow } from './flows/facts.js';
import { company, handoff, personOrService } from './flows/handoff.js';
import { learningPath } from './flows/learning-path.js';
import { nearestSites } from './flows/location.js';
import { erase, privacy } from './flows/privacy.js';
import { answerDetails, answerMore, answerSearch, answerWhich } from './flows/search.js';
import { text, type Answer, type EngineDeps, type Turn } from './flows/turn.js';
import type { ReplyIntent } from '../domain/intent.js';
import type { InboundMessage, Lang, Reply } from '../domain/message.js';
import type { CatalogueFacts, Conversation, ConversationState, SearchFilters, StoredTurn } from '../domain/ports.js';
import { createUnderstander, MAX_TEXT, type Understander, type Understanding } from './understanding/index.js';
import { withLlm } from './llm-answer.js';

export type { EngineDeps } from './flows/turn.js';

/** Conversation ids a channel may choose itself ("telegram:12345"); anything else is replaced. */
const CONVERSATION_ID = /^[A-Za-z0-9:_-]{8,120}$/;

const newConversationId = () => randomBytes(18).toString('base64url');

/** Understanding trained on one snapshot of the catalogue: trained again when the catalogue gives another. */
interface Trained {
  facts: CatalogueFacts;
  understander: Promise<Understander>;
}

/**
 * The channel-neutral core: one turn in, one Reply out. It understands the message, runs the flow
 * it asks for against the catalogue, remembers the dialogue state in the store and never learns
 * which channel it is talking to.
 */
export class Engine {
  private trained: Trained | null = null;

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

  /** Understanding of the catalogue as it is now (an ingest while the server runs changes the words to learn). */
  private async knowledge(): Promise<Understander> {
    const facts = await this.deps.catalogue.snapshot();
    if (this.trained?.facts !== facts) {
      const trained: Trained = { facts, understander: facts.vocabulary().then(createUnderstander) };
      this.trained = trained;
      trained.understander.catch(() => {
        if (this.trained === trained) this.trained = null;
      });
    }
    return this.trained.understander;
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
      const understander = await this.knowledge();
      const { comuni } = understander;
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
      remember(conversation.state, understanding);

      let answer: Answer;
      if (raw.length > MAX_TEXT) answer = { intent: 'too_long', messages: [text(t(lang).tooLong(MAX_TEXT))], citations: [] };
      else answer = await this.route(turn, raw);
      if (answer.intent === 'switch_language') lang = turn.lang;

      const reply: Reply = { conversationId: conversation.id, intent: answer.intent, lang, messages: answer.messages, citations: answer.citations };
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
      return { conversationId: conversationId || newConversationId(), intent: 'error', lang, messages: [text(t(lang).failure)], citations: [] };
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
      reply = { conversationId: conversation.id, intent: 'relayed', lang: conversation.lang, messages: [], citations: [] };
    } catch (error) {
      this.deps.logger.warn({ err: error, conversationId: conversation.id, handoff: live.id }, 'relay to staff failed');
      return { conversationId: conversation.id, intent: 'relayed', lang: conversation.lang, messages: [text(t(conversation.lang).relayFailed)], citations: [] };
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
    const located = !!inbound.location && Number.isFinite(inbound.location.lat) && Number.isFinite(inbound.location.lon);
    let action: Action | 'invalid' | undefined = inbound.action ? (decodeAction(cut(inbound.action, MAX_ACTION)) ?? 'invalid') : undefined;
    // "2" answers the choices of the last turn on channels without buttons.
    const picked = !action && raw.match(/^\s*(\d{1,2})\s*[.)]?\s*$/);
    const choice = picked ? conversation.state.choices?.[Number(picked[1]) - 1] : undefined;
    if (choice) action = decodeAction(choice.action) ?? 'invalid';
    const plan = decide({ u: turn.understanding, state: conversation.state, ...(action ? { action } : {}), location: located });
    return this.run(turn, plan);
  }

  private async run(turn: Turn, plan: Plan): Promise<Answer> {
    const u = turn.understanding;
    switch (plan.run) {
      case 'location':
        return nearestSites(turn, turn.inbound.location!);
      case 'unknown_action':
        return unknownAction(turn);
      case 'action':
        return this.action(turn, plan.action);
      case 'empty':
        return { intent: 'empty', messages: [text(t(turn.lang).emptyMessage)], citations: [] };
      case 'booking_step':
        return continueBooking(turn, plan.step, plan.draft);
      case 'confirm':
        return this.confirm(turn);
      case 'deny':
        return this.deny(turn);
      case 'handoff_contact':
        return plan.company ? company(turn) : handoff(turn, 'contact left');
      case 'book':
        return startBooking(turn, plan.ref);
      case 'facts':
        return withLlm(turn, plan.intent, () => answerFacts(turn, plan.ref, plan.attributes, plan.intent, { inFocus: plan.inFocus ?? false }));
      case 'details':
        return answerDetails(turn, plan.ref, plan.intent);
      case 'about':
        return withLlm(turn, plan.intent, () => answerAbout(turn, plan.ref, plan.intent));
      case 'which':
        return answerWhich(turn, plan.refs, plan.intent, plan.attributes);
      case 'how':
        return withLlm(turn, plan.intent, () => answerHow(turn, plan.intent));
      case 'search':
        return withLlm(turn, plan.intent, async () => {
          const found = await answerSearch(turn, { intent: plan.intent, ...(plan.kinds ? { kinds: plan.kinds } : {}), refine: plan.refine, attributes: plan.attributes, ...(plan.strict ? { strict: true } : {}), ...(plan.refuse ? { sure: true } : {}) });
          return plan.refuse && found.citations.length === 0 ? outOfScope(turn) : found;
        });
      case 'intent':
        return withLlm(turn, plan.intent, () => this.intent(turn, u));
    }
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
        return answerSearch(turn, { intent: u.intent, refine: false, attributes: u.attributes });
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
        return personOrService(turn);
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
        const found = await answerSearch(turn, { intent: 'find_course', refine: false, attributes: u.attributes, strict: true });
        return found.citations.length > 0 ? found : notUnderstood(turn);
      }
    }
  }

  private async action(turn: Turn, a: Action): Promise<Answer> {
    const state = turn.conversation.state;
    switch (a.type) {
      case 'details':
        return answerDetails(turn, a.ref);
      case 'book':
        return startBooking(turn, a.ref, a.form);
      case 'slot':
        return chooseSlot(turn, a.slot);
      case 'cancel':
        return startCancel(turn, a.code);
      case 'path':
        return learningPath(turn, a.course);
      case 'refine': {
        const extra: SearchFilters = a.filter === 'free' ? { freeOnly: true } : { online: true };
        const previous = state.search ?? { text: '', filters: {} };
        return answerSearch(turn, { intent: 'find_course', text: previous.text, filters: { ...previous.filters, ...extra, kinds: ['course'] }, refine: false, attributes: [] });
      }
      case 'menu': {
        const menus: Record<string, { intent: ReplyIntent; filters: SearchFilters }> = {
          courses: { intent: 'find_course', filters: { kinds: ['course'], openForEnrolment: true } },
          sites: { intent: 'site_info', filters: { kinds: ['site'] } },
          services: { intent: 'services', filters: { kinds: ['service'] } },
          initiatives: { intent: 'initiatives', filters: { kinds: ['initiative'], from: turn.today } },
        };
        const menu = menus[a.menu]!;
        return answerSearch(turn, { intent: menu.intent, text: '', filters: menu.filters, refine: false, attributes: [] });
      }
      case 'more':
        return answerMore(turn);
      case 'handoff':
        return handoff(turn);
      case 'help':
        return greet(turn, 'help');
      case 'privacy':
        return privacy(turn, a.what);
      case 'confirm':
        return this.confirm(turn);
      case 'deny':
        return this.deny(turn);
      case 'lang':
        if (!a.lang) return chooseLanguage(turn);
        turn.lang = a.lang;
        return languageSet(a.lang);
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

/** What the person says of themselves ("ho 17 anni", an email, their class) stays for the rest of the conversation. */
function remember(state: ConversationState, u: Understanding): void {
  const town = u.query.filters.comune?.name ?? u.query.preferComuni[0]?.name;
  if (town) state.place = town;
  const e = u.entities;
  const contact = e.email ?? e.phone;
  // A teacher's class and its size said while looking for a lab ("un laboratorio per la mia 2D, 20
  // alunni") are the booking's that follows; said of anything else ("siamo in 3 amici") they are not.
  const forLab = (!!e.className || !!e.groupSize) && (u.intent === 'site_info' || u.query.preferKinds.includes('site'));
  if (e.age === undefined && !contact && !forLab) return;
  state.person = {
    ...state.person,
    ...(e.age !== undefined ? { age: e.age } : {}),
    ...(contact ? { contact } : {}),
    ...(forLab && e.className ? { className: e.className } : {}),
    ...(forLab && e.groupSize ? { groupSize: e.groupSize } : {}),
  };
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
