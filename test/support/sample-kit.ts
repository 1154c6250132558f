import type { Engine } from '../../bot/engine.js';
import { EngineChannelKit, type KitOptions } from '../../app/channels/engine-channel-kit.js';
import { PgAddressBook } from '../../knowledge/channels/pg-address-book.js';
import { PgDeliveryLedger } from '../../knowledge/channels/pg-delivery-ledger.js';
import type { Database } from '../../knowledge/db/database.js';

const silent = { warn() {} };

/** The channels' kit over an engine and its store, wired as the composition root wires it. */
export function kitOver(db: Database, engine: Engine, options: KitOptions & { logger?: { warn(obj: object, msg: string): void } } = {}): EngineChannelKit {
  return new EngineChannelKit(() => engine, new PgDeliveryLedger(db), new PgAddressBook(db), options.logger ?? silent, options);
}
