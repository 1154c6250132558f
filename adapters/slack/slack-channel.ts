import { App, webApi } from '@slack/bolt';
import type { Hono } from 'hono';
import type { Lang, OutboundMessage, Reply } from '../../domain/message.js';
import type { HandoffDesk, UserMessenger } from '../../domain/ports.js';
import type { Channel, ChannelKit, ChannelLog } from '../channel.js';
import { asSlackAddress, type SlackAddress } from './address.js';
import { renderForSlack, type SlackItem } from './blocks.js';
import { boltLogger } from './bolt-logger.js';
import { HonoReceiver } from './hono-receiver.js';
import { registerListeners } from './listeners.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { apiBase, SlackApi } from './slack-api.js';
import { SlackStaffDesk } from './staff-desk.js';
import { SlackStaffFeed } from './staff-feed.js';
import { cut } from '../../text/storable.js';

/** Slack's part of the configuration (SLACK_*, and the staff's language). */
export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** SLACK_STAFF_CHANNEL: the staff desk and the booking feed are on when it is set. */
  staffChannel?: string;
  /** Only tests move it (a local fake of the Web API). */
  apiUrl?: string;
  /** What the staff read the desk and the feed in (ORIENTA_LANG). */
  staffLang: Lang;
  /** LOG_TEXTS: the Web API's bodies (names, contacts, transcripts) may be logged. */
  logTexts?: boolean;
}

export interface SlackPorts {
  kit: ChannelKit;
  handoffs: HandoffDesk;
  /** Reaches the person a member of staff answers, on their own channel. */
  messenger: UserMessenger;
  logger: ChannelLog;
}

/**
 * Orienta on Slack (@slack/bolt over the one Hono server): DMs and mentions answered with Block
 * Kit, and — when SLACK_STAFF_CHANNEL is set — the staff desk for handoffs and the booking feed.
 */
export class SlackChannel implements Channel {
  readonly name = 'slack';
  readonly desk: SlackStaffDesk | undefined;
  readonly feed: SlackStaffFeed | undefined;
  readonly api: SlackApi;
  private readonly receiver: HonoReceiver;
  private readonly log: ChannelLog;

  constructor(settings: SlackSettings, ports: SlackPorts) {
    this.log = ports.logger.child({ channel: 'slack' });
    const logger = boltLogger(this.log, { logTexts: settings.logTexts });
    const token = settings.botToken;
    const clientOptions: webApi.WebClientOptions = {
      ...(settings.apiUrl ? { slackApiUrl: apiBase(settings.apiUrl) } : {}),
      logger,
      // Retries are withRetry's (one policy and one log line for every channel); a rate limit comes back as an error with its Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    };
    this.api = new SlackApi(token, clientOptions, this.log);
    this.receiver = new HonoReceiver({ signingSecret: settings.signingSecret, logger: this.log });
    const staff = settings.staffChannel;
    const lang = settings.staffLang;
    this.desk = staff ? new SlackStaffDesk({ api: this.api, channel: staff, lang, handoffs: ports.handoffs, messenger: ports.messenger, logger: this.log }) : undefined;
    this.feed = staff ? new SlackStaffFeed(this.api, staff, lang, this.log) : undefined;

    const app = new App({
      receiver: this.receiver,
      // One workspace, one bot token: who the bot is comes from auth.test, asked once and kept.
      authorize: async () => {
        const me = await this.api.identity();
        return { botToken: token, botUserId: me.userId, ...(me.botId ? { botId: me.botId } : {}), ...(me.teamId ? { teamId: me.teamId } : {}) };
      },
      clientOptions,
      logger,
      convoStore: false,
    });
    app.error(async (error) => {
      this.log.error({ err: error, code: error.code }, 'slack listener failed');
    });
    registerListeners(app, { kit: ports.kit, handoffs: ports.handoffs, desk: this.desk, answer: (address, reply) => this.answer(address, reply) });
  }

  routes(app: Hono): void {
    this.receiver.mount(app);
  }

  /** Checks the token once (auth.test); requests are taken before this too, so a Slack outage at start only delays the check. */
  async start(): Promise<void> {
    await this.receiver.start();
    const me = await this.api.identity();
    this.log.info({ bot: me.userId, team: me.teamId, staffChannel: this.desk ? 'on' : 'off' }, 'slack ready');
  }

  /** Resolves when every request taken so far has been answered (tests, shutdown). */
  idle(): Promise<void> {
    return this.receiver.idle();
  }

  async stop(): Promise<void> {
    await this.receiver.stop();
    await this.feed?.drain();
  }

  async send(address: unknown, messages: OutboundMessage[], _lang: Lang): Promise<void> {
    const to = asSlackAddress(address);
    if (!to) throw new Error('not a Slack address');
    await this.deliver(to, renderForSlack(messages));
  }

  private answer(address: SlackAddress, reply: Reply): Promise<void> {
    return this.deliver(address, renderForSlack(reply.messages, reply.citations));
  }

  private async deliver(to: SlackAddress, items: SlackItem[]): Promise<void> {
    const thread = to.thread_ts ? { thread_ts: to.thread_ts } : {};
    for (const item of items) {
      if (item.type === 'post') {
        await this.api.post({ channel: to.channel, ...thread, ...item.post });
        continue;
      }
      const { file } = item;
      try {
        await this.api.upload({ channel: to.channel, filename: file.name, content: file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content, ...thread });
      } catch (error) {
        // Without files:write (or with uploads down) the person still gets what the file holds.
        this.log.warn({ err: error, file: file.name }, 'file not uploaded; sent as text');
        const body = file.encoding === 'utf8' ? file.content : `(${file.mediaType}, ${Buffer.byteLength(file.content, 'base64')} bytes)`;
        const text = `:page_facing_up: *${escapeMrkdwn(file.name)}*\n\`\`\`${cut(escapeMrkdwn(body), 2800)}\`\`\``;
        await this.api.post({ channel: to.channel, ...thread, text: escapeMrkdwn(file.name), blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
      }
    }
  }
}
