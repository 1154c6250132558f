import type { HandoffDesk, UserMessenger } from '../../domain/ports.js';
import type { Channel, ChannelKit, ChannelLog, ExchangeKit } from '../../adapters/channel.js';
import { SlackChannel } from '../../adapters/slack/slack-channel.js';
import { TeamsChannel } from '../../adapters/teams/teams-channel.js';
import { TelegramChannel } from '../../adapters/telegram/telegram-channel.js';
import { WebChannel } from '../../adapters/web/web-channel.js';
import type { ChannelSettings } from './channel-settings.js';

/** The ports channels are given, by role; each channel takes only those it uses. */
export interface ChannelPorts {
  kit: ChannelKit & ExchangeKit;
  /** The key web visitors' tokens are hashed with into user ids. */
  visitorKey: () => Promise<Buffer>;
  messenger: UserMessenger;
  handoffs: HandoffDesk;
  logger: ChannelLog;
}

/** The web chat and the channels whose settings are there, each with its own slice of the configuration. */
export function buildChannels(settings: ChannelSettings, ports: ChannelPorts): Channel[] {
  const { kit, logger } = ports;
  const channels: Channel[] = [new WebChannel(settings.web, { kit, visitorKey: ports.visitorKey, logger })];
  if (settings.telegram) channels.push(new TelegramChannel({ ...settings.telegram, kit, logger }));
  if (settings.slack) channels.push(new SlackChannel(settings.slack, { kit, handoffs: ports.handoffs, messenger: ports.messenger, logger }));
  if (settings.teams) channels.push(new TeamsChannel(settings.teams, { kit, logger }));
  return channels;
}
