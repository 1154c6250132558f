import { webApi } from '@slack/bolt';
import { transientStatus, withRetry } from '../retry.js';

type Log = { warn(obj: object, msg: string): void };
export type WebClient = webApi.WebClient;

/** Slack says these when it is its own fault: worth another try. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Whether asking again can help: Slack down, slow or rate limiting; never a refusal (bad channel, missing scope). */
export function retryableSlackError(error: unknown): boolean {
  if (error instanceof webApi.WebAPIRateLimitedError || error instanceof webApi.WebAPIRequestError) return true;
  if (error instanceof webApi.WebAPIHTTPError) return transientStatus(error.statusCode);
  if (error instanceof webApi.WebAPIPlatformError) return TRANSIENT_PLATFORM_ERRORS.has(error.data.error);
  return false;
}

export interface BotIdentity {
  userId: string;
  botId?: string;
  teamId?: string;
}

/**
 * The Slack Web API as Orienta uses it: bolt's WebClient pointed at SLACK_API_URL, with its own
 * retries off so every call goes through withRetry (backoff, Retry-After, one log line per retry).
 */
export class SlackApi {
  readonly client: WebClient;
  private me: Promise<BotIdentity> | undefined;

  constructor(
    token: string,
    readonly clientOptions: webApi.WebClientOptions,
    private readonly logger: Log,
  ) {
    this.client = new webApi.WebClient(token, clientOptions);
  }

  call<T>(method: string, fn: (client: WebClient) => Promise<T>): Promise<T> {
    return withRetry(() => fn(this.client), {
      what: `slack ${method}`,
      attempts: 4,
      baseMs: 300,
      maxMs: 30_000,
      logger: this.logger,
      retryable: retryableSlackError,
      delayFor: (error) => (error instanceof webApi.WebAPIRateLimitedError ? error.retryAfter * 1000 : undefined),
    });
  }

  /** Who the bot is (auth.test), asked once; a failure is not remembered, so the next event asks again. */
  identity(): Promise<BotIdentity> {
    this.me ??= this.call('auth.test', (c) => c.auth.test()).then((r) => ({ userId: String(r.user_id), ...(r.bot_id ? { botId: String(r.bot_id) } : {}), ...(r.team_id ? { teamId: String(r.team_id) } : {}) }));
    this.me.catch(() => (this.me = undefined));
    return this.me;
  }

  async post(args: { channel: string; text: string; blocks?: unknown[]; thread_ts?: string }): Promise<{ channel: string; ts: string }> {
    const r = await this.call('chat.postMessage', (c) => c.chat.postMessage(args as webApi.ChatPostMessageArguments));
    return { channel: String(r.channel ?? args.channel), ts: String(r.ts) };
  }

  async update(args: { channel: string; ts: string; text: string; blocks?: unknown[] }): Promise<void> {
    await this.call('chat.update', (c) => c.chat.update(args as webApi.ChatUpdateArguments));
  }

  async ephemeral(args: { channel: string; user: string; text: string; thread_ts?: string }): Promise<void> {
    await this.call('chat.postEphemeral', (c) => c.chat.postEphemeral(args));
  }

  /** The message at `ts` in a channel, as Slack keeps it (for re-drawing a desk post after a command). */
  async message(channel: string, ts: string): Promise<{ text?: string; blocks?: unknown[] } | null> {
    const r = await this.call('conversations.history', (c) => c.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 }));
    const m = r.messages?.[0];
    return m ? { ...(m.text ? { text: m.text } : {}), ...(m.blocks ? { blocks: m.blocks } : {}) } : null;
  }

  async upload(args: { channel: string; filename: string; content: string | Buffer; title?: string; thread_ts?: string }): Promise<void> {
    const common = { channel_id: args.channel, filename: args.filename, title: args.title ?? args.filename, ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}) };
    await this.call('files.uploadV2', (c) =>
      c.filesUploadV2((typeof args.content === 'string' ? { ...common, content: args.content } : { ...common, file: args.content }) as webApi.FilesUploadV2Arguments),
    );
  }
}

/** SLACK_API_URL as the WebClient wants it: the Web API base, ending with '/'. */
export const apiBase = (url: string | undefined): string | undefined => (url ? (url.endsWith('/') ? url : `${url}/`) : undefined);
