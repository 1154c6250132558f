import type { SlackChannel } from '../../adapters/slack/slack-channel.js';
import { FakeBotFramework } from './fake-botframework.js';
import { FakeSlack, SlackSender } from './fake-slack.js';
import { FakeTelegram } from './fake-telegram.js';
import { APP_ID, APP_PASSWORD, teamsClient, type TeamsClient } from './teams-app.js';
import { startApp, type RunningApp } from './telegram-app.js';

export const TELEGRAM_SECRET = 'channels-webhook-secret-0123456789';
export const TELEGRAM_HOOK = '/telegram/webhook';
const SLACK_SECRET = 'slack-signing-secret-for-tests';

/** One app with every channel on, as `orienta serve` wires it, each platform a local fake. */
export interface ChannelsApp {
  app: RunningApp;
  telegram: { fake: FakeTelegram; hook: string };
  teams: TeamsClient;
  slack: { fake: FakeSlack; sender: SlackSender; channel: SlackChannel };
  close(): Promise<void>;
}

export async function startChannelsApp(): Promise<ChannelsApp> {
  const [telegram, botFramework, slack] = await Promise.all([FakeTelegram.start(), FakeBotFramework.start({ appId: APP_ID, appPassword: APP_PASSWORD }), FakeSlack.start({ teamId: 'T0TEAM' })]);
  const app = await startApp({
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: `https://orienta.example.it${TELEGRAM_HOOK}`,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: APP_PASSWORD,
    TEAMS_OPENID_METADATA_URL: botFramework.openIdMetadataUrl,
    TEAMS_LOGIN_URL: botFramework.loginUrl,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_API_URL: slack.url.replace(/\/$/, ''),
    WEB_RATE_PER_MINUTE: '10000',
    PURGE_INTERVAL_MINUTES: '0',
  });
  return {
    app,
    telegram: { fake: telegram, hook: `${app.url}${TELEGRAM_HOOK}` },
    teams: teamsClient(botFramework, app.url),
    slack: { fake: slack, sender: new SlackSender(`${app.url}/slack/events`, SLACK_SECRET, 'T0TEAM'), channel: app.orienta.channels.find((c) => c.name === 'slack') as SlackChannel },
    close: async () => {
      await app.close();
      await Promise.all([telegram.close(), botFramework.close(), slack.close()]);
    },
  };
}
