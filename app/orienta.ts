import type { Clock } from '../domain/clock.js';
import type { Engine } from '../bot/engine.js';
import { PgHandoffQueue } from '../knowledge/conversations/pg-handoff-queue.js';
import { PgConversationInbox } from '../knowledge/conversations/pg-conversation-inbox.js';
import type { BookingService, Notifier, Retriever, UserMessenger } from '../domain/ports.js';
import type { Channel } from '../adapters/channel.js';
import { PgAddressBook } from '../knowledge/channels/pg-address-book.js';
import { PgDeliveryLedger } from '../knowledge/channels/pg-delivery-ledger.js';
import { rekeyLegacyWebVisitors } from '../knowledge/channels/rekey-web-visitors.js';
import { webVisitorKey } from '../knowledge/channels/web-visitor-key.js';
import { visitorUserId } from '../adapters/web/visitor.js';
import { buildChannels } from './channels/build-channels.js';
import { channelSettings } from './channels/channel-settings.js';
import { ChannelMessenger } from './channels/channel-messenger.js';
import { EngineChannelKit } from './channels/engine-channel-kit.js';
import { FanOutNotifier } from './channels/fan-out-notifier.js';
import { PromotionNotifier } from './channels/promotion-notifier.js';
import { LogNotifier } from '../knowledge/bookings/log-notifier.js';
import { openStore, type OpenedStore } from '../knowledge/db/connect.js';
import type { Embedder } from '../knowledge/embedders/embedder.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { loadSampleIfEmpty } from '../ingest/sample.js';
import type { Config } from './config.js';
import { createEmbedder, createEngine } from './create-engine.js';
import type { Logger } from './logger.js';
import { progressReporter } from './progress.js';
import { countingErrors } from './observability/error-counting-logger.js';
import { OrientaMetrics } from './observability/metrics.js';
import { MetricsNotifier } from './observability/metrics-notifier.js';
import { PrivacyService, retentionOf } from './privacy.js';

/** Everything a command needs, wired once: the composition root. */
export interface Orienta {
  config: Config;
  store: OpenedStore;
  embedder: Embedder;
  retriever: Retriever;
  clock: Clock;
  logger: Logger;
  bookings: BookingService;
  /** Announces new bookings, cancellations and promotions (to the log unless a channel notifier is wired). */
  notifier: Notifier;
  /** The web chat and the channels whose credentials are configured (Telegram, Teams, Slack). */
  channels: Channel[];
  /** The channels' door into the engine; `serve` drains it on shutdown. */
  kit: EngineChannelKit;
  /** Reaches a person outside a turn on the channel they last used. */
  messenger: UserMessenger;
  handoffs: PgHandoffQueue;
  /** Counters and histograms for GET /metrics (this process only). */
  metrics: OrientaMetrics;
  /** Export and erasure of a person's data, and the retention purge. */
  privacy: PrivacyService;
  /** The conversation engine (see createEngine); it trains on the catalogue at its first turn or `warmUp()`. */
  engine(): Engine;
  /** The key web visitors' tokens are hashed with into user ids (read once; `serve` reads it at start). */
  webVisitorKey(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface StartOptions {
  command: string;
  /** The server: owns the data dir, shares it on a socket, loads the sample into an empty store. */
  serve?: boolean;
  /** May create an empty store (serve, ingest). */
  create?: boolean;
}

export async function startOrienta(config: Config, rootLogger: Logger, options: StartOptions): Promise<Orienta> {
  const metrics = new OrientaMetrics({ processMetrics: options.serve });
  const logger = countingErrors(rootLogger, (error) => metrics.error(error));
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.ORIENTA_DATA_DIR, command: options.command, serve: options.serve, create: options.create ?? options.serve, socket: { idleInTransactionMs: config.STORE_SOCKET_IDLE_TIMEOUT_MS } });
  try {
    const embedder = await createEmbedder(config);
    if (options.serve) {
      logger.info({ store: store.db.description, vector: store.vector, migrations: store.migrations.applied }, `store ready (vector: ${store.vector})`);
      const loaded = await loadSampleIfEmpty(store.db);
      if (loaded) logger.info({ records: Object.fromEntries(Object.entries(loaded.written).map(([k, v]) => [k, v.created.length])) }, 'empty store: sample catalogue loaded');
      const embedded = await embedPending(store.db, store.vector, embedder, progressReporter('embedding', logger));
      if (embedded.embedded > 0) logger.info(embedded, 'embeddings computed');
    }
    const addresses = new PgAddressBook(store.db);
    const messenger = new ChannelMessenger(addresses, logger, new PgConversationInbox(store.db));
    // Besides the log and the metrics, a promotion from the waitlist reaches the person on their channel.
    const notifier = new FanOutNotifier([new LogNotifier(logger), new PromotionNotifier(messenger), new MetricsNotifier(metrics)], logger);
    // The process-wide registry (the one the logger counts errors into) and the embedder already used above.
    const { engine, clock, retriever, bookings, handoffs, sessions } = await createEngine(store, config, { logger, metrics, embedder, notifier });
    const privacy = new PrivacyService({ db: store.db, sessions, bookings, clock, policy: retentionOf(config), metrics });
    let visitorKey: Promise<Buffer> | undefined;
    // A store that is down for the first read must not leave a failed key behind for good.
    const getVisitorKey = () => (visitorKey ??= webVisitorKey(store.db, config.WEB_VISITOR_SECRET).catch((error: unknown) => {
      visitorKey = undefined;
      throw error;
    }));
    if (options.serve) {
      const key = await getVisitorKey();
      const moved = await rekeyLegacyWebVisitors(store.db, (token) => visitorUserId(key, token));
      if (moved > 0) logger.info({ visitors: moved }, 'web visitors stored under their cookie now stored under its keyed hash');
    }
    const kit = new EngineChannelKit(() => engine, new PgDeliveryLedger(store.db), addresses, logger, { onRepeat: (channel) => metrics.repeated(channel) });
    const channels = buildChannels(channelSettings(config), { kit, visitorKey: getVisitorKey, messenger, handoffs, logger });
    for (const channel of channels) {
      messenger.register(channel);
      if (channel.feed) notifier.add(channel.feed);
      if (channel.desk) handoffs.useDesk(channel.desk);
    }
    return { config, store, embedder, retriever, clock, logger, bookings, notifier, channels, kit, messenger, handoffs, metrics, privacy, engine: () => engine, webVisitorKey: getVisitorKey, close: () => store.close() };
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
}
