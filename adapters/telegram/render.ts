import type { InlineKeyboardButton } from 'telegraf/types';
import type { CardAction, Lang, OutboundMessage } from '../../domain/message.js';
import type { CallbackCodec } from './callback-data.js';
import { packLines, type Line } from './html.js';
import { telegramTexts } from './texts.js';

export type Keyboard = InlineKeyboardButton[][];

/** One Bot API message: HTML text (with its buttons on it) or a document. */
export type Outgoing =
  | { kind: 'text'; html: string; keyboard?: Keyboard }
  | { kind: 'document'; filename: string; mediaType: string; content: Buffer; caption?: string };

export interface RenderContext {
  lang: Lang;
  chatId: number | string;
  codec: CallbackCodec;
}

/** Telegram shows at most 100 buttons on a message. */
const MAX_BUTTONS = 100;
/** Buttons share a row while their labels stay short enough to be read whole on a phone. */
const ROW_CHARS = 30;
const ROW_BUTTONS = 3;

/** The engine's messages with Telegram's own widgets: HTML text, inline keyboards, url buttons, documents. */
export function render(messages: OutboundMessage[], ctx: RenderContext): Outgoing[] {
  const T = telegramTexts(ctx.lang);
  const out: Outgoing[] = [];
  const textWith = (lines: Line[], buttons: InlineKeyboardButton[]) => {
    const chunks = packLines(lines);
    const keyboard = buttons.length ? rows(buttons.slice(0, MAX_BUTTONS)) : undefined;
    // A message with buttons needs some text; the buttons go under the last part of a long one.
    if (chunks.length === 0 && keyboard) chunks.push(T.choose);
    chunks.forEach((html, i) => out.push({ kind: 'text', html, ...(keyboard && i === chunks.length - 1 ? { keyboard } : {}) }));
  };
  for (const m of messages) {
    switch (m.type) {
      case 'text':
        textWith(plainLines(m.text), []);
        break;
      case 'choices':
        textWith(plainLines(m.text), m.choices.map((c) => callbackButton(c.label, c.action, ctx)));
        break;
      case 'card': {
        const lines: Line[] = [[{ text: m.title, tag: 'b' }]];
        if (m.subtitle) lines.push([{ text: m.subtitle, tag: 'i' }]);
        if (m.facts.length) lines.push([], ...m.facts.map((f): Line => [{ text: `${f.label}: `, tag: 'b' }, { text: f.value }]));
        if (m.text) lines.push([], ...plainLines(m.text));
        textWith(lines, m.actions.map((a) => cardButton(a, ctx)).filter((b): b is InlineKeyboardButton => b !== null));
        break;
      }
      case 'file':
        out.push({
          kind: 'document',
          filename: safeFilename(m.name),
          mediaType: m.mediaType,
          content: Buffer.from(m.content, m.encoding),
          ...(m.mediaType === 'text/calendar' ? { caption: T.calendarCaption } : {}),
        });
        break;
    }
  }
  return out;
}

const plainLines = (text: string): Line[] => text.split('\n').map((l) => [{ text: l }]);

const label = (s: string) => s.trim() || '…';

function callbackButton(text: string, action: string, ctx: RenderContext): InlineKeyboardButton {
  return { text: label(text), callback_data: ctx.codec.encode(action, ctx.chatId) };
}

function cardButton(a: CardAction, ctx: RenderContext): InlineKeyboardButton | null {
  if (a.action) return callbackButton(a.label, a.action, ctx);
  const url = a.url && webUrl(a.url);
  return url ? { text: label(a.label), url } : null;
}

/** Telegram refuses the whole message for one button it cannot open: only plain web links go on buttons. */
function webUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.') ? u.toString() : null;
  } catch {
    return null;
  }
}

function rows(buttons: InlineKeyboardButton[]): Keyboard {
  const out: Keyboard = [];
  let row: InlineKeyboardButton[] = [];
  let chars = 0;
  for (const b of buttons) {
    const n = Array.from(b.text).length;
    if (row.length && (row.length >= ROW_BUTTONS || chars + n > ROW_CHARS)) {
      out.push(row);
      row = [];
      chars = 0;
    }
    row.push(b);
    chars += n;
  }
  if (row.length) out.push(row);
  return out;
}

/** A name Telegram shows as the document's title: no path, no control characters. */
function safeFilename(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base.slice(0, 100) || 'orienta.dat';
}
