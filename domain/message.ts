/**
 * The one message model every channel speaks. Adapters translate their platform's updates into an
 * InboundMessage and render a Reply with their own widgets; the engine never learns the channel.
 */
import type { ReplyIntent } from './intent.js';

export type Lang = 'it' | 'en';

/** What the channel can show; the engine degrades gracefully (numbered lists instead of buttons). */
export interface Capabilities {
  buttons: boolean;
  cards: boolean;
  files: boolean;
  markdown: boolean;
}

export const PLAIN_TEXT: Capabilities = { buttons: false, cards: false, files: false, markdown: false };
export const RICH: Capabilities = { buttons: true, cards: true, files: true, markdown: true };

export interface InboundMessage {
  /** Channel-scoped and stable for a person ("telegram:12345"); the key of their bookings and data. */
  userId: string;
  /** Absent on a first message: the engine opens a conversation with an unguessable id. */
  conversationId?: string;
  /** The channel's name, for logs and handoffs only: never for branching. */
  channel: string;
  capabilities: Capabilities;
  /** The user's locale as the platform reports it; a tie-breaker, not a rule. */
  locale?: Lang;
  text?: string;
  /** The `action` of a choice or card button the user pressed ("details:C001"). */
  action?: string;
  location?: { lat: number; lon: number };
  /** The platform's id of this message, so a retried delivery is answered once. */
  messageId?: string;
}

export interface Citation {
  kind: string;
  id: string;
  title: string;
}

export interface Choice {
  label: string;
  action: string;
}

export interface CardAction {
  label: string;
  action?: string;
  url?: string;
}

export type OutboundMessage =
  | { type: 'text'; text: string }
  | { type: 'choices'; text: string; choices: Choice[] }
  | {
      type: 'card';
      title: string;
      subtitle?: string;
      facts: { label: string; value: string }[];
      text?: string;
      actions: CardAction[];
      source?: { kind: string; id: string };
    }
  | { type: 'file'; name: string; mediaType: string; content: string; encoding: 'utf8' | 'base64' };

export interface Reply {
  conversationId: string;
  intent: ReplyIntent;
  /**
   * The language the reply is written in, which the conversation keeps: channels render their own
   * words (buttons, captions) in it rather than remembering a language per chat.
   */
  lang: Lang;
  messages: OutboundMessage[];
  citations: Citation[];
}
