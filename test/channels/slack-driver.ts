import { ACTION_PREFIX } from '../../adapters/slack/blocks.js';
import type { ChannelsApp } from '../support/channels-app.js';
import { buttonsOf, shownText, type StoredMessage } from '../support/fake-slack.js';
import { idsInActions, unique, type ChannelDriver, type Person, type Seen } from './driver.js';

/** Slack through its Events API: signed events and button presses in, Block Kit posts read from a fake Web API. */
export function slackDriver({ app, slack }: ChannelsApp): ChannelDriver {
  const { fake, sender, channel } = slack;
  let people = 0;

  const actionsOf = (posts: StoredMessage[]) => posts.flatMap((m) => buttonsOf(m).flatMap((b) => (b.action_id.startsWith(ACTION_PREFIX) ? [b.value ?? b.action_id.slice(ACTION_PREFIX.length)] : [])));
  /** The sources line under an answer: "Title (C008) · …". */
  const sourcesOf = (posts: StoredMessage[]) =>
    posts.flatMap((m) => ((m.blocks ?? []) as { type: string }[]).filter((b) => b.type === 'context').flatMap((b) => [...shownText({ blocks: [b] }).matchAll(/\(([A-Z][A-Z0-9]{1,11})\)/g)].map((x) => x[1]!)));

  const person = (): Person => {
    const user = `UCONTRACT${++people}`;
    const dm = `D${user}`;
    let last: StoredMessage[] = [];
    /** Sends, waits for Slack's 200 and then for the channel to have handled everything it took. */
    const answered = async (...sends: (() => Promise<Response>)[]): Promise<StoredMessage[]> => {
      const before = fake.posted(dm).length;
      const statuses = await Promise.all(sends.map((send) => send().then((r) => r.status)));
      if (statuses.some((s) => s !== 200)) throw new Error(`Slack's request was answered ${statuses.join(', ')}`);
      await channel.idle();
      return fake.posted(dm).slice(before);
    };
    const seenOf = (posts: StoredMessage[], files: string[]): Seen => {
      const actions = actionsOf(posts);
      return { text: posts.map((m) => shownText(m)).join('\n'), actions, cited: unique([...sourcesOf(posts), ...idsInActions(actions)]), files, count: posts.length };
    };
    const turn = async (...sends: (() => Promise<Response>)[]): Promise<Seen> => {
      const uploads = fake.uploads.length;
      last = await answered(...sends);
      return seenOf(last, fake.uploads.slice(uploads).filter((u) => u.channel === dm).map((u) => u.filename));
    };
    return {
      userId: `slack:${sender.teamId}:${user}`,
      say: (text) => turn(() => sender.dm(user, text)),
      press(action) {
        const message = last.find((m) => buttonsOf(m).some((b) => b.value === action));
        if (!message) throw new Error(`no button ${action} in the last answer: ${actionsOf(last).join(' | ')}`);
        return turn(() => sender.press(user, dm, buttonsOf(message).find((b) => b.value === action)!, message));
      },
      async sayRedelivered(text) {
        const event = { eventId: `EvContract${people}${Date.now()}`, ts: sender.ts() };
        const uploads = fake.uploads.length;
        const before = fake.posted(dm).length;
        await answered(() => sender.dm(user, text, event), () => sender.dm(user, text, { ...event, retryNum: 1, retryReason: 'http_timeout' }));
        await answered(() => sender.dm(user, text, { ...event, retryNum: 2, retryReason: 'http_timeout' }));
        last = fake.posted(dm).slice(before);
        return { seen: seenOf(last, fake.uploads.slice(uploads).filter((u) => u.channel === dm).map((u) => u.filename)), responses: [] };
      },
      sayForged: (text) => sender.dm(user, text, { secret: 'not-the-signing-secret' }),
    };
  };

  return { channel: 'slack', orienta: app.orienta, person };
}
