import type { App, BlockAction } from '@slack/bolt';
import type { InboundMessage, Reply } from '../../domain/message.js';
import type { HandoffDesk } from '../../domain/ports.js';
import type { ChannelKit } from '../channel.js';
import { SLACK_CAPABILITIES, type SlackAddress } from './address.js';
import { ACTION_PREFIX, LINK_PREFIX } from './blocks.js';
import { slackToPlain } from './mrkdwn.js';
import { CLAIM_ACTION, CLOSE_ACTION, deskRef, type SlackStaffDesk } from './staff-desk.js';

export const END_COMMAND = '/orienta-fine';
const SPOKEN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

export interface ListenerDeps {
  kit: ChannelKit;
  handoffs: HandoffDesk;
  desk: SlackStaffDesk | undefined;
  /** Posts a reply where the person wrote. */
  answer(address: SlackAddress, reply: Reply): Promise<void>;
}

/** The fields of a message event Orienta reads. */
interface SlackMessage {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

/**
 * What Slack sends, to whom it goes: a DM or a mention is a turn for the kit; a reply in a desk
 * thread, a desk button or /orienta-fine is staff work. Listeners only translate.
 */
export function registerListeners(app: App, d: ListenerDeps): void {
  // Desk events do not pass through the kit's ledger: a Slack retry of one is recognised here.
  const seen = new RecentIds(5000);

  const turn = async (p: { team: string; user: string; text?: string; action?: string; address: SlackAddress; delivery: string; messageId?: string }) => {
    const userId = `slack:${p.team}:${p.user}`;
    const inbound: InboundMessage = {
      userId,
      // One conversation per person, whether they write in a DM or mention the bot.
      conversationId: userId,
      channel: 'slack',
      capabilities: SLACK_CAPABILITIES,
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(p.action ? { action: p.action } : {}),
      ...(p.messageId ? { messageId: p.messageId } : {}),
    };
    const reply = await d.kit.turn(inbound, { id: p.delivery, address: p.address });
    if (reply && reply.messages.length) await d.answer(p.address, reply);
  };

  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as SlackMessage;
    const team = teamOf(body, context.teamId);
    // Edits, joins and bot posts (our own relays among them) are not somebody talking; a reply also sent to the channel or with a file still is.
    if ((m.subtype && !SPOKEN_SUBTYPES.has(m.subtype)) || m.bot_id || !m.user || !team) return;
    if (m.channel_type === 'im') {
      await turn({ team, user: m.user, text: slackToPlain(m.text ?? '', context.botUserId), address: { channel: m.channel }, delivery: `event:${String(body.event_id)}`, messageId: `${m.channel}:${m.ts}` });
      return;
    }
    if (d.desk && m.thread_ts && m.thread_ts !== m.ts) {
      if (!seen.add(`event:${String(body.event_id)}`)) return;
      await d.desk.staffReply(deskRef(m.channel, m.thread_ts), { team, user: m.user }, slackToPlain(m.text ?? '', context.botUserId));
    }
  });

  app.event('app_mention', async ({ event, body, context }) => {
    const m = event as unknown as SlackMessage;
    const team = teamOf(body, context.teamId);
    // A DM arrives as message.im as well; it is answered there.
    if (m.bot_id || !m.user || !team || m.channel.startsWith('D')) return;
    // Staff mentioning the bot in a desk thread are talking to the person, not to Orienta.
    if (m.thread_ts && (await d.handoffs.byDeskRef(deskRef(m.channel, m.thread_ts)))) return;
    const address: SlackAddress = { channel: m.channel, thread_ts: m.thread_ts ?? m.ts };
    await turn({ team, user: m.user, text: slackToPlain(m.text ?? '', context.botUserId), address, delivery: `event:${String(body.event_id)}`, messageId: `${m.channel}:${m.ts}` });
  });

  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, action }) => {
    await ack();
    const b = body as BlockAction;
    const team = b.team?.id ?? b.user.team_id;
    const channel = b.channel?.id ?? b.container?.channel_id;
    const pressed = action as { action_id?: string; value?: string };
    const value = pressed.value ?? pressed.action_id?.slice(ACTION_PREFIX.length);
    if (!team || !channel || !value) return;
    const thread = b.message?.thread_ts as string | undefined;
    await turn({ team, user: b.user.id, action: value, address: { channel, ...(thread ? { thread_ts: thread } : {}) }, delivery: `action:${b.trigger_id ?? `${channel}:${b.actions[0]?.action_ts}`}` });
  });

  // A link button opens its page in the browser; Slack reports the press all the same.
  app.action(new RegExp(`^${LINK_PREFIX}`), async ({ ack }) => {
    await ack();
  });

  app.action(CLAIM_ACTION, async ({ ack, body }) => {
    await ack();
    const b = body as BlockAction;
    const team = b.team?.id ?? b.user.team_id;
    if (!d.desk || !team || !b.channel || !b.message) return;
    await d.desk.claim(deskRef(b.channel.id, String(b.message.ts)), { team, user: b.user.id }, b.message.blocks as unknown[] | undefined);
  });

  app.action(CLOSE_ACTION, async ({ ack, body }) => {
    await ack();
    const b = body as BlockAction;
    const team = b.team?.id ?? b.user.team_id;
    if (!d.desk || !team || !b.channel || !b.message) return;
    await d.desk.close(deskRef(b.channel.id, String(b.message.ts)), { team, user: b.user.id }, b.message.blocks as unknown[] | undefined);
  });

  app.command(END_COMMAND, async ({ ack, command }) => {
    if (!d.desk) return ack();
    // The store answers at once; Slack has its acknowledgement before the slower posts.
    const result = await d.desk.closeByCommand({ team: command.team_id, user: command.user_id }, command.text ?? '');
    await ack({ response_type: 'ephemeral', text: result.text });
    await result.after?.();
  });
}

function teamOf(body: unknown, fallback: string | undefined): string | undefined {
  const b = body as { team_id?: unknown };
  return typeof b.team_id === 'string' ? b.team_id : fallback;
}

/** The last `max` ids seen, oldest forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}
  /** False when the id was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
