import { CloudAdapter, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Lang, OutboundMessage } from '../../domain/message.js';
import type { Channel, ChannelKit, ChannelLog } from '../channel.js';
import { httpError } from '../http-errors.js';
import { transientStatus, withRetry } from '../retry.js';
import { refusalStatus, teamsAuthentication, type TeamsSettings } from './auth.js';
import { teamsTurn } from './inbound.js';
import { render } from './render.js';

/** Activities are small; a card submit with its inputs is a few KB. */
const MAX_BODY = 256 * 1024;

const ActivityShape = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(200).optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().max(64).optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1000) }),
  from: z.looseObject({ id: z.string().min(1).max(1000) }),
});

type Log = ChannelLog;

/** A connector call that failed, without the SDK's request (its headers carry the bot's token) for the log. */
class ConnectorCallFailed extends Error {
  constructor(readonly status: number | undefined, cause: unknown) {
    super(`the Bot Framework connector answered ${status ?? 'nothing'}: ${cause instanceof Error ? cause.message.slice(0, 200) : String(cause)}`);
  }
}

const statusOf = (error: unknown): number | undefined => {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } } | null;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
};

/** One retry policy, ours, which logs (see deliver): the SDK's pipeline would otherwise retry underneath it, silently. */
function withoutSdkRetries(ctx: TurnContext): void {
  const connector = ctx.turnState.get((ctx.adapter as CloudAdapter).ConnectorClientKey) as { client?: { pipeline?: { removePolicy(o: { phase: 'Retry' }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ phase: 'Retry' });
}

/**
 * Microsoft Teams through the Bot Framework (botbuilder's CloudAdapter): every request's token is
 * checked against the Bot Framework's signing keys before anything else, replies and messages out
 * of the blue go through the connector, each call retried when Teams is busy.
 */
export class TeamsChannel implements Channel {
  readonly name = 'teams';
  private readonly appId: string;
  private readonly auth: BotFrameworkAuthentication;
  private readonly adapter: CloudAdapter;
  private readonly kit: ChannelKit;
  private readonly logger: Log;

  constructor(settings: TeamsSettings, ports: { kit: ChannelKit; logger: Log }) {
    this.appId = settings.appId;
    this.kit = ports.kit;
    this.logger = ports.logger;
    this.auth = teamsAuthentication(settings, ports.logger);
    this.adapter = new CloudAdapter(this.auth);
  }

  routes(app: Hono): void {
    app.post('/api/messages', bodyLimit({ maxSize: MAX_BODY, onError: (c) => httpError(c, 'TOO_LARGE') }), (c) => this.receive(c));
  }

  private async receive(c: Context): Promise<Response> {
    const header = c.req.header('authorization') ?? '';
    if (!/^Bearer \S+$/.test(header)) return this.refuse(c, 401, 'no bearer token');
    const body = await c.req.json().catch(() => undefined);
    const parsed = ActivityShape.safeParse(body);
    if (!parsed.success) return httpError(c, 'INPUT_INVALID');
    const activity = parsed.data as unknown as Activity;
    let identity: AuthenticateRequestResult;
    try {
      identity = await this.auth.authenticateRequest(activity, header);
    } catch (error) {
      const status = refusalStatus(error);
      if (status === 503) this.logger.error({ err: error }, 'teams: the Bot Framework signing keys are out of reach');
      return this.refuse(c, status, error instanceof Error ? error.message : String(error));
    }
    try {
      await this.adapter.processActivityDirect(identity, activity, (ctx) => this.turn(ctx));
    } catch (error) {
      this.logger.error({ err: error, activity: activity.id }, 'teams turn failed');
      return httpError(c, 'INTERNAL');
    }
    return c.body(null, 200);
  }

  private refuse(c: Context, status: 401 | 503, reason: string): Response {
    if (status === 401) this.logger.warn({ reason: reason.slice(0, 200), ip: c.req.header('x-forwarded-for') }, 'teams request refused');
    return httpError(c, status === 401 ? 'UNAUTHENTICATED' : 'AUTH_UNAVAILABLE');
  }

  private async turn(ctx: TurnContext): Promise<void> {
    const turn = teamsTurn(ctx.activity);
    if (!turn) return;
    const reply = await this.kit.turn(turn.inbound, { id: turn.deliveryId, address: turn.address });
    if (!reply) return;
    try {
      await this.deliver(ctx, render(reply.messages, { citations: reply.citations, lang: reply.lang, userName: ctx.activity.from?.name }));
    } catch (error) {
      // The turn is stored; a redelivery would be dropped as a duplicate, so there is nothing to retry.
      this.logger.error({ err: error, activity: ctx.activity.id }, 'teams reply not delivered');
    }
  }

  /** One connector call per activity, each retried on its own so nothing already shown is sent twice. */
  private async deliver(ctx: TurnContext, activities: Partial<Activity>[]): Promise<void> {
    withoutSdkRetries(ctx);
    for (const activity of activities) {
      await withRetry(
        async () => {
          try {
            return await ctx.sendActivity(activity);
          } catch (error) {
            throw new ConnectorCallFailed(statusOf(error), error);
          }
        },
        { what: 'teams sendActivity', logger: this.logger, retryable: (e) => e instanceof ConnectorCallFailed && transientStatus(e.status) },
      );
    }
  }

  async send(address: unknown, messages: OutboundMessage[], lang: Lang): Promise<void> {
    const reference = address as Partial<ConversationReference> | null;
    if (!reference?.serviceUrl || !reference.conversation?.id) throw new Error('not a Teams conversation reference');
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
      // A new message in the chat: the SDK would make it a reply to the made-up id of its continuation event.
      ctx.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      await this.deliver(ctx, render(messages, { citations: [], lang }));
    });
  }
}
