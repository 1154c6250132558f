import { afterAll, beforeAll, describe } from 'vitest';
import { startChannelsApp, type ChannelsApp } from '../support/channels-app.js';
import { channelContract } from './common.case.js';
import type { ChannelDriver } from './driver.js';
import { slackDriver } from './slack-driver.js';
import { teamsDriver } from './teams-driver.js';
import { telegramDriver } from './telegram-driver.js';
import { webDriver } from './web-driver.js';

// The channel contract run against every channel of one app (Telegram, Teams, Slack and the web chat
// on the one server, as `orienta serve` runs them), each through its own platform's local fake.

const DRIVERS: Record<ChannelDriver['channel'], (app: ChannelsApp) => ChannelDriver | Promise<ChannelDriver>> = {
  telegram: telegramDriver,
  teams: teamsDriver,
  slack: slackDriver,
  web: webDriver,
};

let app: ChannelsApp;
beforeAll(async () => {
  app = await startChannelsApp();
});
afterAll(() => app?.close());

for (const [name, driver] of Object.entries(DRIVERS)) {
  describe(name, () => channelContract(() => driver(app)));
}
