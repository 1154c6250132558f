import type { Lang, OutboundMessage } from '../../domain/message.js';
import type { UserMessenger } from '../../domain/ports.js';
import type { Channel } from '../../adapters/channel.js';
import type { PgAddressBook } from '../../knowledge/channels/pg-address-book.js';

type Log = { warn(obj: object, msg: string): void };

/** Reaches a person on the channel they last wrote from, in the language of their conversation. */
export class ChannelMessenger implements UserMessenger {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly addresses: PgAddressBook,
    private readonly logger: Log,
    /** For people no channel can push to (the web chat): their conversation keeps it for them. */
    private readonly fallback?: UserMessenger,
  ) {}

  register(channel: Channel): void {
    this.channels.set(channel.name, channel);
  }

  async send(userId: string, messages: (lang: Lang) => OutboundMessage[]): Promise<boolean> {
    const found = await this.addresses.find(userId);
    const channel = found && this.channels.get(found.channel);
    if (!found || !channel?.send) {
      if (this.fallback && (await this.fallback.send(userId, messages))) return true;
      this.logger.warn({ channel: found?.channel ?? userId.split(':')[0] }, 'cannot reach the person outside a turn on this channel');
      return false;
    }
    await channel.send(found.address, messages(found.lang), found.lang);
    return true;
  }
}
