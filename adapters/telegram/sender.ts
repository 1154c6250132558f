import type { BotApi } from './bot-api.js';
import { describeError, statusOf } from './bot-api.js';
import { htmlToPlain } from './html.js';
import type { Keyboard, Outgoing } from './render.js';

type Log = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

/** Sends rendered messages to a chat in order; a message that cannot be sent is logged and the rest still go. */
export class Sender {
  constructor(
    private readonly api: BotApi,
    private readonly logger: Log,
  ) {}

  /** How many of the messages reached Telegram. */
  async deliver(chatId: number | string, messages: Outgoing[]): Promise<number> {
    let sent = 0;
    for (const [i, m] of messages.entries()) {
      try {
        await this.one(chatId, m);
        sent++;
      } catch (error) {
        const left = messages.length - i - 1;
        this.logger.error({ err: describeError(error), chat: chatId, kind: m.kind, ...(left && !refusedThisOne(error) ? { dropped: left } : {}) }, 'telegram message not delivered');
        // Only a refusal of this message leaves hope for the next ones; a blocked bot, a chat that is
        // gone or a Bot API still down after the retries would fail them all the same way.
        if (!refusedThisOne(error)) break;
      }
    }
    return sent;
  }

  private async one(chatId: number | string, m: Outgoing): Promise<void> {
    if (m.kind === 'document') {
      await this.api.call('sendDocument', { chat_id: chatId, document: { source: m.content, filename: m.filename }, ...(m.caption ? { caption: m.caption } : {}) }, { timeoutMs: 30_000 });
      return;
    }
    const markup = m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {};
    try {
      await this.api.call('sendMessage', { chat_id: chatId, text: m.html, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...markup });
    } catch (error) {
      if (statusOf(error) !== 400 || /chat not found/i.test(String((error as Error).message))) throw error;
      // Telegram refused the markup or a link button: the same words as plain text, with the buttons that are ours.
      this.logger.warn({ err: describeError(error), chat: chatId }, 'telegram refused a message; sending it as plain text');
      const buttons = callbackOnly(m.keyboard);
      await this.api.call('sendMessage', { chat_id: chatId, text: htmlToPlain(m.html), link_preview_options: { is_disabled: true }, ...(buttons ? { reply_markup: { inline_keyboard: buttons } } : {}) });
    }
  }
}

function callbackOnly(keyboard: Keyboard | undefined): Keyboard | undefined {
  const rows = keyboard?.map((row) => row.filter((b) => 'callback_data' in b)).filter((row) => row.length > 0);
  return rows?.length ? rows : undefined;
}

const refusedThisOne = (error: unknown) => statusOf(error) === 400 && !/chat not found/i.test(String((error as Error).message));
