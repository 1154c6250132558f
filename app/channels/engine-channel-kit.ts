import type { Engine } from '../../bot/engine.js';
import type { InboundMessage, Reply } from '../../bot/message.js';
import type { ChannelKit } from '../../adapters/channel.js';
import type { PgAddressBook } from '../../knowledge/channels/pg-address-book.js';
import type { PgDeliveryLedger } from '../../knowledge/channels/pg-delivery-ledger.js';

type Log = { warn(obj: object, msg: string): void };

/** The channels' one door into the engine: duplicate deliveries dropped, addresses kept, turns counted for shutdown. */
export class EngineChannelKit implements ChannelKit {
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly engine: () => Engine,
    private readonly ledger: PgDeliveryLedger,
    private readonly addresses: PgAddressBook,
    private readonly logger: Log,
  ) {}

  turn(inbound: InboundMessage, delivery: { id?: string; address: unknown }): Promise<Reply | null> {
    const work = this.run(inbound, delivery);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  private async run(inbound: InboundMessage, delivery: { id?: string; address: unknown }): Promise<Reply | null> {
    if (delivery.id && !(await this.ledger.claim(inbound.channel, delivery.id))) {
      this.logger.warn({ channel: inbound.channel, delivery: delivery.id }, 'duplicate delivery dropped');
      return null;
    }
    // Before the turn, so a turn that erases the person's data erases this too.
    await this.addresses.remember(inbound.userId, inbound.channel, delivery.address).catch((error) => this.logger.warn({ err: error, channel: inbound.channel }, 'address not remembered'));
    const reply = await this.engine().handle(inbound);
    return reply;
  }

  /** Resolves when every turn taken so far has been answered (or after `timeoutMs`). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const pending = [...this.inFlight];
    if (!pending.length) return;
    await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
