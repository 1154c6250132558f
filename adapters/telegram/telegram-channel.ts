import type { Hono } from 'hono';
import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { t } from '../../bot/answer/texts.js';
import { OrientaError } from '../../domain/errors.js';
import type { Lang, OutboundMessage } from '../../domain/message.js';
import type { Channel, ChannelKit, ChannelLog } from '../channel.js';
import { BotApi, DEFAULT_RETRY, describeError, isTransient, type RetryPolicy } from './bot-api.js';
import { CallbackCodec } from './callback-data.js';
import { ChatQueue } from './chat-queue.js';
import { commandMenu } from './commands.js';
import { readUpdate, type Read } from './inbound.js';
import { ALLOWED_UPDATES, LongPoller, pause, type PollingOptions } from './polling.js';
import { render } from './render.js';
import { Sender } from './sender.js';
import { telegramTexts } from './texts.js';
import { mountWebhook } from './webhook.js';

/** Telegram's part of the configuration (TELEGRAM_*). */
export interface TelegramSettings {
  token: string;
  apiRoot: string;
  /** Webhook mode when set, long polling otherwise. */
  webhook?: { url: string; secret: string };
}

export interface TelegramOptions extends TelegramSettings {
  kit: ChannelKit;
  logger: ChannelLog;
  retry?: RetryPolicy;
  polling?: PollingOptions;
}

export class TelegramChannel implements Channel {
  readonly name = 'telegram';
  private readonly api: BotApi;
  private readonly codec: CallbackCodec;
  private readonly sender: Sender;
  private readonly queue = new ChatQueue();
  private readonly poller: LongPoller | null;
  private me: UserFromGetMe | undefined;
  private stopping = new AbortController();
  private connecting: Promise<void> | null = null;

  constructor(private readonly options: TelegramOptions) {
    // webhookReply off: our webhook answers Telegram at once, and every call is a real one we can retry.
    const bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false } });
    this.api = new BotApi(bot.telegram, options.logger, options.retry ?? DEFAULT_RETRY);
    this.codec = new CallbackCodec(options.token);
    this.sender = new Sender(this.api, options.logger);
    this.poller = options.webhook ? null : new LongPoller(this.api, (updates) => this.acceptBatch(updates), options.logger, options.polling);
  }

  routes(app: Hono): void {
    const webhook = this.options.webhook;
    if (!webhook) return;
    mountWebhook(app, { path: new URL(webhook.url).pathname, secret: webhook.secret, logger: this.options.logger, accept: (update) => void this.accept(update) });
  }

  /**
   * Introduces the bot to Telegram (getMe, the webhook or polling, the commands menu) and returns
   * without waiting for updates. A token Telegram refuses is an error here; a Bot API that cannot be
   * reached is not: it is logged, and tried again in the background until it answers.
   */
  async start(): Promise<void> {
    this.stopping = new AbortController();
    try {
      await this.connect(this.stopping.signal);
    } catch (error) {
      if (!isTransient(error)) {
        throw new OrientaError('CONFIG_INVALID', `Telegram refused the bot (${describeErrorText(error)}). Check TELEGRAM_BOT_TOKEN with @BotFather${this.options.webhook ? ' and that TELEGRAM_WEBHOOK_URL is a public https URL' : ''}.`, { cause: error });
      }
      this.options.logger.warn({ err: describeError(error) }, 'Telegram Bot API unreachable; the bot starts as soon as it answers');
      this.connecting = this.reconnect(this.stopping.signal);
      return;
    }
    this.poller?.start();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.connecting;
    await this.poller?.stop();
    await this.queue.drain();
  }

  /** Resolves when every update taken so far has been answered (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.drain();
  }

  async send(address: unknown, messages: OutboundMessage[], lang: Lang): Promise<void> {
    const chatId = (address as { chatId?: unknown } | null)?.chatId;
    if (typeof chatId !== 'number' && typeof chatId !== 'string') {
      this.options.logger.warn({ channel: this.name }, 'telegram address without a chat id; message not sent');
      return;
    }
    const outgoing = render(messages, { lang, chatId, codec: this.codec });
    let sent = 0;
    // In the chat's queue, so a staff reply never lands in the middle of a turn's answer.
    await this.queue.run(chatId, async () => {
      sent = await this.sender.deliver(chatId, outgoing);
    });
    if (sent === 0 && outgoing.length > 0) throw new OrientaError('INTERNAL', `Telegram did not take any of ${outgoing.length} messages for chat ${chatId}; see the log for why.`);
  }

  private async connect(signal: AbortSignal): Promise<void> {
    this.me = await this.api.call<UserFromGetMe>('getMe', {}, { signal });
    const webhook = this.options.webhook;
    if (webhook) {
      await this.api.call('setWebhook', { url: webhook.url, secret_token: webhook.secret, allowed_updates: ALLOWED_UPDATES, max_connections: 40 }, { signal });
    } else {
      await this.api.call('deleteWebhook', { drop_pending_updates: false }, { signal });
    }
    await this.setCommands(signal);
    this.options.logger.info({ bot: this.me.username, mode: webhook ? 'webhook' : 'polling' }, `telegram bot @${this.me.username} ready (${webhook ? 'webhook' : 'long polling'})`);
  }

  /** The menu in Italian for everyone, in English for English clients; a failure leaves the bot working without it. */
  private async setCommands(signal: AbortSignal): Promise<void> {
    for (const [lang, extra] of [['it', {}], ['it', { language_code: 'it' }], ['en', { language_code: 'en' }]] as const) {
      await this.api.call('setMyCommands', { commands: commandMenu(lang), ...extra }, { signal }).catch((error) => this.options.logger.warn({ err: describeError(error), lang }, 'telegram commands menu not set'));
    }
  }

  private async reconnect(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      await pause(Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)), signal);
      if (signal.aborted) return;
      try {
        await this.connect(signal);
        this.poller?.start();
        return;
      } catch (error) {
        if (signal.aborted) return;
        const level = isTransient(error) ? 'warn' : 'error';
        this.options.logger[level]({ err: describeError(error), attempt }, 'telegram bot still not started');
      }
    }
  }

  private async acceptBatch(updates: Update[]): Promise<void> {
    await Promise.all(updates.map((u) => this.accept(u)));
  }

  /** Every update, from the webhook or from polling, comes in here. */
  private accept(update: Update): Promise<void> {
    let read: Read;
    try {
      read = readUpdate(update, { codec: this.codec, ...(this.me?.username ? { botUsername: this.me.username } : {}) });
    } catch (error) {
      this.options.logger.warn({ err: describeError(error), update: update.update_id }, 'telegram update not understood; ignored');
      return Promise.resolve();
    }
    if (read.kind === 'ignore') {
      if (read.callbackId) void this.answerButton(read.callbackId);
      return Promise.resolve();
    }
    return this.queue.run(read.chatId, () => this.handle(read, update.update_id).catch((error) => this.options.logger.error({ err: error, update: update.update_id }, 'telegram update not handled')));
  }

  private async handle(read: Exclude<Read, { kind: 'ignore' }>, updateId: number): Promise<void> {
    // No turn, so no reply to say the conversation's language: the platform's locale will do.
    if (read.kind === 'expired') {
      await this.answerButton(read.callbackId, telegramTexts(read.lang).buttonExpired);
      return;
    }
    // The spinner on a pressed button stops at once, whatever comes next.
    if (read.callbackId) void this.answerButton(read.callbackId);
    const { inbound } = read;
    void this.api.call('sendChatAction', { chat_id: read.chatId, action: 'typing' }, { attempts: 1, timeoutMs: 5000 }).catch(() => {});
    let reply;
    try {
      reply = await this.options.kit.turn(inbound, { id: `update:${updateId}`, address: { chatId: read.chatId } });
    } catch (error) {
      this.options.logger.error({ err: error, update: updateId }, 'telegram turn failed');
      const lang = inbound.locale ?? 'it';
      await this.sender.deliver(read.chatId, render([{ type: 'text', text: t(lang).failure }], { lang, chatId: read.chatId, codec: this.codec }));
      return;
    }
    // Another copy of this update was answered already.
    if (!reply) return;
    if (read.pressed?.clearKeyboard) {
      void this.api.call('editMessageReplyMarkup', { chat_id: read.chatId, message_id: read.pressed.messageId, reply_markup: { inline_keyboard: [] } }, { attempts: 2 }).catch((error) => this.options.logger.warn({ err: describeError(error) }, 'telegram buttons not removed'));
    }
    await this.sender.deliver(read.chatId, render(reply.messages, { lang: reply.lang, chatId: read.chatId, codec: this.codec }));
  }

  private async answerButton(id: string, text?: string): Promise<void> {
    await this.api.call('answerCallbackQuery', { callback_query_id: id, ...(text ? { text } : {}) }, { timeoutMs: 5000 }).catch((error) => this.options.logger.warn({ err: describeError(error) }, 'telegram button not acknowledged'));
  }

}

function describeErrorText(error: unknown): string {
  const d = describeError(error) as { code?: number; description?: string } | undefined;
  return [d?.code, d?.description].filter(Boolean).join(' ') || 'unknown error';
}
