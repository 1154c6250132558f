import { hash } from 'node:crypto';
import type { Engine } from '../../bot/engine.js';
import type { InboundMessage, Reply } from '../../domain/message.js';
import type { StoredTurn } from '../../domain/ports.js';
import type { ChannelKit, ExchangeKit } from '../../adapters/channel.js';
import type { PgAddressBook } from '../../knowledge/channels/pg-address-book.js';
import type { PgDeliveryLedger } from '../../knowledge/channels/pg-delivery-ledger.js';

type Log = { warn(obj: object, msg: string): void };

export interface KitOptions {
  /** Told of every copy of a delivery that was not run again (for /metrics). */
  onRepeat?: (channel: string) => void;
  /**
   * How long a copy of a web message waits for the reply of a first copy that another process is
   * still running. A first copy in this process is simply waited for.
   */
  replyWaitMs?: number;
}

interface Delivery {
  id?: string;
  address?: unknown;
  /**
   * When the ledger cannot be reached: 'run' answers the turn all the same (the web chat, whose
   * visitor would otherwise get no answer at all, while the engine apologises for a store that is
   * down); by default the turn fails and the platform delivers it again later.
   */
  unchecked?: 'run';
}

/** A message's delivery id: the person's own message id, scoped to them (and not their id in clear). */
const messageDelivery = (userId: string, messageId: string) => `message:${hash('sha256', `${userId}\n${messageId}`, 'base64url')}`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The channels' one door into the engine: duplicate deliveries dropped (or, for the web chat,
 * answered with the first copy's reply), addresses kept, repeats counted, turns counted for shutdown.
 */
export class EngineChannelKit implements ChannelKit, ExchangeKit {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Web messages being answered in this process, by delivery: a copy arriving meanwhile waits for the same reply. */
  private readonly exchanges = new Map<string, Promise<Reply | null>>();

  constructor(
    private readonly engine: () => Engine,
    private readonly ledger: PgDeliveryLedger,
    private readonly addresses: PgAddressBook,
    private readonly logger: Log,
    private readonly options: KitOptions = {},
  ) {}

  turn(inbound: InboundMessage, delivery: Delivery): Promise<Reply | null> {
    const work = this.run(inbound, delivery);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
  }

  exchange(inbound: InboundMessage): Promise<Reply | null> {
    if (!inbound.messageId) return this.turn(inbound, {});
    const messageId = inbound.messageId;
    const id = messageDelivery(inbound.userId, messageId);
    const key = `${inbound.channel}\n${id}`;
    const first = this.exchanges.get(key);
    if (first) {
      this.repeated(inbound.channel, id);
      return first;
    }
    const work = this.turn(inbound, { id, unchecked: 'run' }).then((reply) => reply ?? this.earlierReply(inbound.userId, messageId));
    this.exchanges.set(key, work);
    void work.finally(() => this.exchanges.delete(key)).catch(() => {});
    return work;
  }

  history(conversationId: string, userId: string): Promise<StoredTurn[] | null> {
    return this.engine().history(conversationId, userId);
  }

  private async run(inbound: InboundMessage, delivery: Delivery): Promise<Reply | null> {
    if (delivery.id && !(await this.claim(inbound.channel, delivery.id, delivery.unchecked))) {
      this.repeated(inbound.channel, delivery.id);
      return null;
    }
    // Before the turn, so a turn that erases the person's data erases this too.
    if (delivery.address !== undefined) {
      await this.addresses.remember(inbound.userId, inbound.channel, delivery.address).catch((error) => this.logger.warn({ err: error, channel: inbound.channel }, 'address not remembered'));
    }
    return this.engine().handle(inbound);
  }

  private async claim(channel: string, id: string, unchecked: Delivery['unchecked']): Promise<boolean> {
    try {
      return await this.ledger.claim(channel, id);
    } catch (error) {
      if (unchecked !== 'run') throw error;
      this.logger.warn({ err: error, channel }, 'delivery ledger unavailable; the turn runs unchecked');
      return true;
    }
  }

  /** The reply of a copy's first delivery, answered (or still being answered) by another process. */
  private async earlierReply(userId: string, messageId: string): Promise<Reply | null> {
    const deadline = Date.now() + (this.options.replyWaitMs ?? 15_000);
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      // A store out of reach is no answer yet: it may be back before the wait is over.
      const reply = await this.ledger.replyOf(userId, messageId).catch(() => null);
      if (reply || Date.now() + wait > deadline) return reply;
      await pause(wait);
    }
  }

  private repeated(channel: string, delivery: string): void {
    this.logger.warn({ channel, delivery }, 'duplicate delivery dropped');
    this.options.onRepeat?.(channel);
  }

  /** Resolves when every turn taken so far has been answered (or after `timeoutMs`). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const pending = [...this.inFlight];
    if (!pending.length) return;
    await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
