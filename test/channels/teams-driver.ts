import { generateKeyPairSync } from 'node:crypto';
import type { ChannelsApp } from '../support/channels-app.js';
import type { SentActivity } from '../support/fake-botframework.js';
import { cardsIn, readableActivities, submitsIn } from '../support/teams-app.js';
import { idsInActions, unique, type ChannelDriver, type Person, type Seen } from './driver.js';

/** Teams through a fake Bot Framework: activities posted with a token it signed, answers read from its connector. */
export function teamsDriver({ app, teams: client }: ChannelsApp): ChannelDriver {
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let people = 0;

  const seenOf = (sent: SentActivity[]): Seen => {
    const actions = submitsIn(cardsIn(sent)).flatMap((data) => (typeof data.orienta === 'string' ? [data.orienta] : []));
    return {
      text: readableActivities(sent),
      actions,
      cited: unique(idsInActions(actions)),
      files: sent.flatMap((s) => (s.activity.attachments ?? []).filter((a: { contentType?: string }) => !a.contentType?.startsWith('application/vnd.microsoft.card')).map((a: { name?: string }) => a.name ?? '')),
      count: sent.length,
    };
  };

  const person = (): Person => {
    const teams = client.person(`contract${++people}`);
    let last: Seen | undefined;
    // The HTTP answer comes once the turn has run and its reply is on the connector.
    const answer = async (activity: Record<string, unknown>, copies = 1) => {
      for (let i = 0; i < copies; i++) await teams.send(activity);
      return (last = seenOf(teams.replies()));
    };
    return {
      userId: teams.userId,
      say: (text) => answer(teams.activity({ text })),
      press(action) {
        if (!last?.actions.includes(action)) throw new Error(`no button ${action} in the last answer: ${last?.actions.join(' | ')}`);
        return answer(teams.activity({ value: { orienta: action } }));
      },
      async sayRedelivered(text) {
        const activity = teams.activity({ text });
        await Promise.all([teams.send(activity), teams.send(activity)]);
        return { seen: await answer(activity), responses: [] };
      },
      sayForged: (text) => client.post(teams.activity({ text }), client.fake.channelToken({}, { key: stranger.privateKey })),
    };
  };

  return { channel: 'teams', orienta: app.orienta, person };
}
