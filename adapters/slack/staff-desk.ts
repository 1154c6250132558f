import type { types } from '@slack/bolt';
import { t } from '../../bot/answer/texts.js';
import type { Lang } from '../../domain/message.js';
import type { HandoffDesk, HandoffRequest, StaffDesk, StaffHandoff, UserMessenger } from '../../domain/ports.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { SlackApi } from './slack-api.js';
import { slackTexts } from './texts.js';
import { cut as cutText } from '../../text/storable.js';

type Log = { warn(obj: object, msg: string): void };
type Block = types.KnownBlock;

export const CLAIM_ACTION = 'desk:claim';
export const CLOSE_ACTION = 'desk:close';
const STATUS_BLOCK = 'desk-status';
const ACTIONS_BLOCK = 'desk-actions';

/** A member of staff as Slack names them; stored as the handoff's `claimed_by` ("slack:T…:U…"). */
export interface StaffMember {
  team: string;
  user: string;
}
const staffId = (s: StaffMember) => `slack:${s.team}:${s.user}`;
const mention = (claimedBy: string | null) => (claimedBy?.startsWith('slack:') ? `<@${claimedBy.split(':').at(-1)}>` : escapeMrkdwn(claimedBy ?? '?'));

/** A desk thread is named by the channel and the timestamp of its first message: "C0123:1712.000100". */
export const deskRef = (channel: string, ts: string) => `${channel}:${ts}`;
function parseRef(ref: string): { channel: string; ts: string } {
  const at = ref.indexOf(':');
  return { channel: ref.slice(0, at), ts: ref.slice(at + 1) };
}

export interface SlackStaffDeskDeps {
  api: SlackApi;
  /** SLACK_STAFF_CHANNEL: an id (C0123…) or a name the bot is a member of. */
  channel: string;
  /** The staff's language (ORIENTA_LANG). */
  lang: Lang;
  handoffs: HandoffDesk;
  messenger: UserMessenger;
  logger: Log;
}

/**
 * The staff desk in a Slack channel: each handoff is a message with its transcript and a Claim
 * button; the thread under it is the conversation. Only what the request holds is posted (reason,
 * channel, the contact the person chose to leave, the last turns), never the person's ids.
 */
export class SlackStaffDesk implements StaffDesk {
  constructor(private readonly d: SlackStaffDeskDeps) {}

  private get T() {
    return slackTexts(this.d.lang);
  }

  async open(h: HandoffRequest & { id: string; lang?: Lang }): Promise<string> {
    const T = this.T.desk;
    const reason = T.reasons[h.reason] ?? h.reason;
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: T.title(h.id) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*${T.reason}*\n${escapeMrkdwn(reason)}` },
          { type: 'mrkdwn', text: `*${T.channel}*\n${escapeMrkdwn(h.channel)}` },
          { type: 'mrkdwn', text: `*${T.contact}*\n${escapeMrkdwn(h.contact ?? T.noContact)}` },
          ...(h.lang ? [{ type: 'mrkdwn' as const, text: `*${T.language}*\n${T.languages[h.lang] ?? h.lang}` }] : []),
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*${T.transcript}*\n${clip(escapeMrkdwn(h.summary.trim() || T.noTranscript), 2800)}` } },
      status(T.waiting),
      buttons([{ action: CLAIM_ACTION, label: T.claim, id: h.id, primary: true }]),
    ];
    const posted = await this.d.api.post({ channel: this.d.channel, text: escapeMrkdwn(`${T.title(h.id)}: ${reason}`), blocks });
    return deskRef(posted.channel, posted.ts);
  }

  /** What the person wrote while a member of staff has them: into the thread. */
  async relay(ref: string, text: string): Promise<void> {
    const { channel, ts } = parseRef(ref);
    const who = this.T.desk.fromUser;
    await this.d.api.post({ channel, thread_ts: ts, text: clip(escapeMrkdwn(`${who}: ${text}`), 2900), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${who}:* ${clip(escapeMrkdwn(text), 2900)}` } }] });
  }

  /** The Claim button: the handoff is theirs, the post says so, and the person is told someone is there. */
  async claim(ref: string, by: StaffMember, shown?: unknown[]): Promise<void> {
    const claimed = await this.d.handoffs.claim(ref, staffId(by));
    if (!claimed) return this.refuse(ref, by);
    const T = this.T.desk;
    await Promise.all([
      this.redraw(ref, shown, T.claimedBy(`<@${by.user}>`), [{ action: CLOSE_ACTION, label: T.close, id: claimed.id }]),
      this.tellPerson(ref, by, claimed, (lang) => t(lang).staffJoined(t(lang).staffName)),
    ]);
  }

  /** A reply in the thread: to the person on their own channel, if it comes from who took the handoff. */
  async staffReply(ref: string, by: StaffMember, text: string): Promise<void> {
    const handoff = await this.d.handoffs.byDeskRef(ref);
    if (!handoff) return;
    const T = this.T.desk;
    const { channel, ts } = parseRef(ref);
    const hint = (message: string) => this.d.api.ephemeral({ channel, user: by.user, thread_ts: ts, text: message });
    if (handoff.status === 'open') return hint(T.claimFirst);
    if (handoff.status === 'closed') return hint(T.alreadyClosed);
    // Colleagues may talk among themselves in the thread: only the one who took it speaks to the person.
    if (handoff.claimedBy !== staffId(by)) return hint(T.alreadyClaimed(mention(handoff.claimedBy)));
    if (!text.trim()) return;
    await this.tellPerson(ref, by, handoff, (lang) => `${slackTexts(lang).staffSays}: ${text}`);
  }

  /** Hands the person back to the assistant. Null when there was nothing open under this ref. */
  async close(ref: string, by: StaffMember, shown?: unknown[]): Promise<StaffHandoff | null> {
    const closed = await this.closeOnly(ref);
    if (closed) await this.afterClose(ref, by, closed, shown);
    else await this.refuse(ref, by);
    return closed;
  }

  closeOnly(ref: string): Promise<StaffHandoff | null> {
    return this.d.handoffs.close(ref);
  }

  async afterClose(ref: string, by: StaffMember, closed: StaffHandoff, shown?: unknown[]): Promise<void> {
    await Promise.all([this.redraw(ref, shown, this.T.desk.closedBy(`<@${by.user}>`), []), this.tellPerson(ref, by, closed, (lang) => t(lang).staffLeft)]);
  }

  /** `/orienta-fine [n]`: Slack does not say which thread a command was typed in, so it closes the one handoff the member has taken, or the one named. */
  async closeByCommand(by: StaffMember, argument: string): Promise<{ text: string; after?: () => Promise<void> }> {
    const C = this.T.command;
    const id = argument.trim().replace(/^(n\.|no\.|#)\s*/i, '');
    let target: StaffHandoff | null;
    if (id) {
      if (!/^\d{1,12}$/.test(id)) return { text: C.usage };
      target = await this.d.handoffs.byId(id);
      if (!target || target.status === 'closed' || !target.deskRef) return { text: C.notFound(id) };
    } else {
      const mine = await this.d.handoffs.takenBy(staffId(by));
      if (mine.length === 0) return { text: C.none };
      if (mine.length > 1) return { text: C.several(mine.map((h) => h.id)) };
      target = mine[0]!;
    }
    const ref = target.deskRef!;
    const closed = await this.closeOnly(ref);
    if (!closed) return { text: C.notFound(target.id) };
    return { text: C.closed(closed.id), after: () => this.afterClose(ref, by, closed) };
  }

  private async refuse(ref: string, by: StaffMember): Promise<void> {
    const T = this.T.desk;
    const existing = await this.d.handoffs.byDeskRef(ref);
    const text = !existing ? T.unknown : existing.status === 'closed' ? T.alreadyClosed : T.alreadyClaimed(mention(existing.claimedBy));
    await this.d.api.ephemeral({ channel: parseRef(ref).channel, user: by.user, text });
  }

  private async tellPerson(ref: string, by: StaffMember, handoff: StaffHandoff, say: (lang: Lang) => string): Promise<void> {
    const reached = handoff.userId ? await this.d.messenger.send(handoff.userId, (lang) => [{ type: 'text', text: say(lang) }]).catch((error) => {
      this.d.logger.warn({ err: error, handoff: handoff.id }, 'staff message not delivered to the person');
      return false;
    }) : false;
    if (!reached) {
      const { channel, ts } = parseRef(ref);
      await this.d.api.ephemeral({ channel, user: by.user, thread_ts: ts, text: this.T.desk.unreachable });
    }
  }

  /** Re-draws the desk post with its new state; when Slack cannot give the post back, the state goes in the thread instead. */
  private async redraw(ref: string, shown: unknown[] | undefined, state: string, next: { action: string; label: string; id: string }[]): Promise<void> {
    const { channel, ts } = parseRef(ref);
    try {
      const base = (shown ?? (await this.d.api.message(channel, ts))?.blocks ?? []) as Block[];
      const kept = base.filter((b) => b.block_id !== STATUS_BLOCK && b.block_id !== ACTIONS_BLOCK);
      if (kept.length) {
        await this.d.api.update({ channel, ts, text: state.replace(/<@(\w+)>/g, '@$1'), blocks: [...kept, status(state), ...(next.length ? [buttons(next)] : [])] });
        return;
      }
    } catch (error) {
      this.d.logger.warn({ err: error, ref }, 'desk post not re-drawn; the state goes in the thread');
    }
    await this.d.api.post({ channel, thread_ts: ts, text: state });
  }
}

/** Cut to Slack's limit, never inside an entity (&am…). */
const clip = (text: string, max: number) => (text.length <= max ? text : `${cutText(text, max - 1).replace(/&[a-z]*$/, '')}…`);
const status = (text: string): Block => ({ type: 'context', block_id: STATUS_BLOCK, elements: [{ type: 'mrkdwn', text }] });
const buttons = (list: { action: string; label: string; id: string; primary?: boolean }[]): Block => ({
  type: 'actions',
  block_id: ACTIONS_BLOCK,
  elements: list.map((b) => ({ type: 'button', action_id: b.action, value: b.id, text: { type: 'plain_text', text: b.label }, ...(b.primary ? { style: 'primary' as const } : {}) })),
});
