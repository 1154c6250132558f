import type { Update } from 'telegraf/types';
import { decodeAction, type Action } from '../../domain/action.js';
import type { Capabilities, InboundMessage, Lang } from '../../domain/message.js';
import type { CallbackCodec } from './callback-data.js';
import { commandTurn } from './commands.js';

export const TELEGRAM_CAPABILITIES: Capabilities = { buttons: true, cards: true, files: true, markdown: false };

/** What an update asks of the channel. A pressed button is always acknowledged, whatever it was. */
export type Read =
  | { kind: 'ignore'; reason: string; callbackId?: string }
  | { kind: 'turn'; chatId: number; inbound: InboundMessage; callbackId?: string; pressed?: { messageId: number; clearKeyboard: boolean } }
  | { kind: 'expired'; chatId: number; lang: Lang; callbackId: string };

export interface ReadOptions {
  codec: CallbackCodec;
  /** The bot's own @username once known: a command addressed to another bot is not ours. */
  botUsername?: string;
}

/** Answers to a question whose moment has passed once pressed: their buttons are taken off the message. */
const SINGLE_USE: ReadonlySet<Action['type']> = new Set(['confirm', 'deny', 'slot', 'lang']);

export function localeOf(code: string | undefined): Lang | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return base === 'it' || base === 'en' ? base : undefined;
}

/** A Telegram update as the engine's InboundMessage: text, a command, a pressed button or a shared location. */
export function readUpdate(update: Update, options: ReadOptions): Read {
  if ('callback_query' in update) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (!chat || chat.type !== 'private') return { kind: 'ignore', reason: 'button outside a private chat', callbackId: q.id };
    if (!('data' in q) || typeof q.data !== 'string') return { kind: 'ignore', reason: 'button without data', callbackId: q.id };
    const lang = localeOf(q.from.language_code) ?? 'it';
    const action = options.codec.decode(q.data, chat.id);
    if (action === 'expired') return { kind: 'expired', chatId: chat.id, lang, callbackId: q.id };
    if (action === null) return { kind: 'ignore', reason: 'button data not signed by this bot for this chat', callbackId: q.id };
    const pressed = decodeAction(action);
    return {
      kind: 'turn',
      chatId: chat.id,
      inbound: base(update.update_id, chat.id, q.from.id, q.from.language_code, { action }),
      callbackId: q.id,
      pressed: { messageId: q.message!.message_id, clearKeyboard: !!pressed && SINGLE_USE.has(pressed.type) },
    };
  }
  if (!('message' in update)) return { kind: 'ignore', reason: 'not a message or a button' };
  const m = update.message;
  if (m.chat.type !== 'private') return { kind: 'ignore', reason: 'not a private chat' };
  if (!m.from || m.from.is_bot) return { kind: 'ignore', reason: 'not from a person' };
  const make = (content: Partial<InboundMessage>): Read => ({ kind: 'turn', chatId: m.chat.id, inbound: base(update.update_id, m.chat.id, m.from!.id, m.from!.language_code, content) });

  if ('location' in m && m.location) return make({ location: { lat: m.location.latitude, lon: m.location.longitude } });
  const words = 'text' in m && typeof m.text === 'string' ? m.text : 'caption' in m && typeof m.caption === 'string' ? m.caption : '';
  const command = words.match(/^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/);
  if (!command) return make({ text: words });
  const [, name, addressee, args] = command;
  if (addressee && options.botUsername && addressee.toLowerCase() !== options.botUsername.toLowerCase()) return { kind: 'ignore', reason: 'command for another bot' };
  return make(commandTurn(name!.toLowerCase(), (args ?? '').trim(), localeOf(m.from.language_code) ?? 'it'));
}

function base(updateId: number, chatId: number, fromId: number, languageCode: string | undefined, content: Partial<InboundMessage>): InboundMessage {
  const locale = localeOf(languageCode);
  return {
    userId: `telegram:${fromId}`,
    // A private chat is the person's one conversation with the bot, so its id is a stable conversation id.
    conversationId: `telegram:${chatId}`,
    channel: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,
    ...(locale ? { locale } : {}),
    messageId: `update:${updateId}`,
    ...content,
  };
}
