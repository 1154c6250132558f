import { App, webApi } from '@slack/bolt';
import type { Hono } from 'hono';
import type { Lang, OutboundMessage, Reply } from '../../bot/message.js';
import type { ChannelDeps } from '../../app/channels/build-channels.js';
import type { Channel } from '../channel.js';
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

/** Slack is on when its bot token and signing secret are configured. */
export function slackChannel(deps: ChannelDeps): Channel | null {
  const { SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: secret } = deps.config;
  if (!token || !secret) return null;
  return new SlackChannel(deps, token, secret);
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
  private readonly log: ChannelDeps['logger'];

  constructor(deps: ChannelDeps, token: string, signingSecret: string) {
    this.log = deps.logger.child({ channel: 'slack' });
    const logger = boltLogger(this.log, { logTexts: deps.config.LOG_TEXTS });
    const clientOptions: webApi.WebClientOptions = {
      ...(deps.config.SLACK_API_URL ? { slackApiUrl: apiBase(deps.config.SLACK_API_URL) } : {}),
      logger,
      // Retries are withRetry's (one policy and one log line for every channel); a rate limit comes back as an error with its Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    };
    this.api = new SlackApi(token, clientOptions, this.log);
    this.receiver = new HonoReceiver({ signingSecret, logger: this.log });
    const staff = deps.config.SLACK_STAFF_CHANNEL;
    const lang = deps.config.ORIENTA_LANG;
    this.desk = staff ? new SlackStaffDesk({ api: this.api, channel: staff, lang, handoffs: deps.handoffs, messenger: deps.messenger, logger: this.log }) : undefined;
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
    registerListeners(app, { kit: deps.kit, handoffs: deps.handoffs, desk: this.desk, answer: (address, reply) => this.answer(address, reply) });
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
