import type { Hono } from 'hono';
import type { InboundMessage, Lang, OutboundMessage, Reply } from '../bot/message.js';
import type { Notifier, StaffDesk } from '../bot/ports.js';

/**
 * A channel adapter: it verifies its platform's requests, translates them into InboundMessages for
 * the kit and renders the Reply with the platform's own widgets. No business rule lives here.
 */
export interface Channel {
  /** Also the prefix of its users' ids ("telegram:42") and the `channel` of their messages. */
  readonly name: string;
  /** Webhook routes on the one HTTP server. */
  routes?(app: Hono): void;
  /** Starts taking updates that are not webhooks (Telegram long polling); only `serve` calls it. */
  start?(): Promise<void>;
  /** Stops taking updates; turns already taken finish. */
  stop?(): Promise<void>;
  /** Sends outside a turn to an address this channel gave the kit (a staff reply, a promotion). */
  send(address: unknown, messages: OutboundMessage[], lang: Lang): Promise<void>;
  /** The staff desk handoffs go to (Slack). */
  readonly desk?: StaffDesk;
  /** Staff notifications of bookings (Slack). */
  readonly feed?: Notifier;
}

/** What every adapter gets: one door into the engine, the same for all channels. */
export interface ChannelKit {
  /**
   * One turn. `deliveryId` is the platform's id of the delivery (a Telegram update id, a Slack event
   * id): a second delivery of it gets null and must not be answered. `address` is how to reach the
   * person later, remembered for staff replies and promotions.
   */
  turn(inbound: InboundMessage, delivery: { id?: string; address: unknown }): Promise<Reply | null>;
}
