import type { Hono } from 'hono';
import type { InboundMessage, Lang, OutboundMessage, Reply } from '../domain/message.js';
import type { Notifier, StaffDesk, StoredTurn } from '../domain/ports.js';

/**
 * A channel adapter: it verifies its platform's requests, translates them into InboundMessages for
 * the kit and renders the Reply with the platform's own widgets. No business rule lives here.
 */
export interface Channel {
  /** Also the prefix of its users' ids ("telegram:42") and the `channel` of their messages. */
  readonly name: string;
  /** Its routes (webhooks, the web chat API) on the one HTTP server. */
  routes?(app: Hono): void;
  /** Starts taking updates that are not webhooks (Telegram long polling); only `serve` calls it. */
  start?(): Promise<void>;
  /** Stops taking updates; turns already taken finish. */
  stop?(): Promise<void>;
  /**
   * Sends outside a turn to an address this channel gave the kit (a staff reply, a promotion).
   * Absent on a channel that cannot reach a person unasked (the web chat).
   */
  send?(address: unknown, messages: OutboundMessage[], lang: Lang): Promise<void>;
  /** The staff desk handoffs go to (Slack). */
  readonly desk?: StaffDesk;
  /** Staff notifications of bookings (Slack). */
  readonly feed?: Notifier;
}

/** What every adapter gets: one door into the engine, the same for all channels. */
export interface ChannelKit {
  /**
   * One turn. `delivery.id` is the platform's id of the delivery (a Telegram update id, a Slack event
   * id): a second delivery of it gets null and must not be answered. `address` is how to reach the
   * person later, remembered for staff replies and promotions; none for a channel without push.
   */
  turn(inbound: InboundMessage, delivery: { id?: string; address?: unknown }): Promise<Reply | null>;
}

/** The same door for a channel whose answer is the response to its request (the web chat). */
export interface ExchangeKit {
  /**
   * One turn answered in the response. A copy of a message (the same `messageId` from the same
   * person: a browser retrying, a double submit) does not run again: it gets the reply of the first,
   * waited for while it runs. Null when that reply cannot be had (it was never kept, or it is still
   * running in another process after a while).
   */
  exchange(inbound: InboundMessage): Promise<Reply | null>;
  /** A conversation's turns, for its own user only: null for an unknown id or someone else's. */
  history(conversationId: string, userId: string): Promise<StoredTurn[] | null>;
}

/** The log a channel writes to: Orienta's, with the channel's fields bound by `child`. */
export interface ChannelLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  child(bindings: Record<string, unknown>): ChannelLog;
}
