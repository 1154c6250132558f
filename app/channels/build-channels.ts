import type { Clock } from '../../bot/clock.js';
import type { BookingService, UserMessenger } from '../../bot/ports.js';
import type { Channel, ChannelKit } from '../../adapters/channel.js';
import type { PgHandoffQueue } from '../../knowledge/conversations/pg-handoff-queue.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { telegramChannel } from '../../adapters/telegram/telegram-channel.js';
import { slackChannel } from '../../adapters/slack/slack-channel.js';
import { teamsChannel } from '../../adapters/teams/teams-channel.js';

/** What a channel may use; the composition root hands the same to all. */
export interface ChannelDeps {
  config: Config;
  kit: ChannelKit;
  messenger: UserMessenger;
  handoffs: PgHandoffQueue;
  bookings: BookingService;
  clock: Clock;
  logger: Logger;
}

/** Builds the channel when its credentials are in the configuration, else null. */
export type ChannelFactory = (deps: ChannelDeps) => Channel | null;

const FACTORIES: ChannelFactory[] = [telegramChannel, slackChannel, teamsChannel];

export function buildChannels(deps: ChannelDeps): Channel[] {
  return FACTORIES.map((make) => make(deps)).filter((c): c is Channel => c !== null);
}
