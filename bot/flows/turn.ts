import type { Clock } from '../../domain/clock.js';
import type { ReplyIntent } from '../../domain/intent.js';
import type { Lang, Capabilities, Choice, Citation, InboundMessage, OutboundMessage } from '../../domain/message.js';
import type { BookingService, CatalogueReader, Conversation, ConversationState, Handoff, Retriever, SessionStore } from '../../domain/ports.js';
import type { Understanding } from '../understanding/index.js';
import type { ComuneName } from '../../knowledge/search/query-understanding.js';
import type { LanguageModel } from '../llm/language-model.js';

export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The ports the engine works through; every one has a store-backed implementation and can be faked. */
export interface EngineDeps {
  retriever: Retriever;
  catalogue: CatalogueReader;
  sessions: SessionStore;
  handoff: Handoff;
  bookings: BookingService;
  clock: Clock;
  logger: EngineLogger;
  defaultLang: Lang;
  llm?: { model: LanguageModel; timeoutMs?: number };
}

/** One turn as the flows see it. */
export interface Turn {
  deps: EngineDeps;
  conversation: Conversation;
  inbound: InboundMessage;
  caps: Capabilities;
  lang: Lang;
  today: string;
  now: Date;
  /** The text of the message (capped), or '' for a button or a location. */
  text: string;
  understanding: Understanding;
  comuni: ComuneName[];
}

export interface Answer {
  intent: ReplyIntent;
  messages: OutboundMessage[];
  citations: Citation[];
  /** Replaces these keys of the conversation state; `undefined` clears one. */
  state?: Partial<ConversationState>;
  /** The user's data was just erased: this turn must not be stored either. */
  forget?: boolean;
}

export const text = (value: string): OutboundMessage => ({ type: 'text', text: value });

/** Choices: buttons where the channel has them, a numbered list where not; the engine maps "2" back to the choice. */
export function choices(prompt: string, list: Choice[]): OutboundMessage {
  return { type: 'choices', text: prompt, choices: list };
}

/** Citations once each, in the order the answer used them. */
export function uniqueCitations(list: Citation[]): Citation[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const key = `${c.kind}:${c.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
