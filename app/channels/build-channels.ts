import type { UserMessenger } from '../../bot/ports.js';
import type { Channel, ChannelKit, ChannelLog } from '../../adapters/channel.js';
import type { HandoffDesk } from '../../adapters/handoff-desk.js';
import { SlackChannel } from '../../adapters/slack/slack-channel.js';
import { TeamsChannel } from '../../adapters/teams/teams-channel.js';
import { TelegramChannel } from '../../adapters/telegram/telegram-channel.js';
import type { ChannelSettings } from './channel-settings.js';

/** The ports channels are given, by role; each channel takes only those it uses. */
export interface ChannelPorts {
  kit: ChannelKit;
  messenger: UserMessenger;
  handoffs: HandoffDesk;
  logger: ChannelLog;
}

/** The channels whose settings are there, each with its own slice of the configuration. */
export function buildChannels(settings: ChannelSettings, ports: ChannelPorts): Channel[] {
  const { kit, logger } = ports;
  const channels: Channel[] = [];
  if (settings.telegram) channels.push(new TelegramChannel({ ...settings.telegram, kit, logger }));
  if (settings.slack) channels.push(new SlackChannel(settings.slack, { kit, handoffs: ports.handoffs, messenger: ports.messenger, logger }));
  if (settings.teams) channels.push(new TeamsChannel(settings.teams, { kit, logger }));
  return channels;
}
