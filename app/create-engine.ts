import { fixedClock, systemClock, type Clock } from '../domain/clock.js';
import type { BookingService, CatalogueReader, Notifier, Retriever, SessionStore } from '../domain/ports.js';
import { Engine, type EngineDeps } from '../bot/engine.js';
import type { EngineLogger } from '../bot/flows/turn.js';
import { OpenAiLanguageModel } from '../bot/llm/openai-language-model.js';
import { LogNotifier } from '../knowledge/bookings/log-notifier.js';
import { PgBookingService } from '../knowledge/bookings/pg-booking-service.js';
import { CatalogueSnapshot } from '../knowledge/catalogue/catalogue-snapshot.js';
import { PgCatalogueReader } from '../knowledge/catalogue/pg-catalogue-reader.js';
import type { PgHandoffQueue } from '../knowledge/conversations/pg-handoff-queue.js';
import { PgSessionStore } from '../knowledge/conversations/pg-session-store.js';
import type { Database } from '../knowledge/db/database.js';
import type { VectorCapability } from '../knowledge/db/vector.js';
import type { Embedder } from '../knowledge/embedders/embedder.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import { OpenAiEmbedder } from '../knowledge/embedders/openai-embedder.js';
import { PgRetriever } from '../knowledge/search/pg-retriever.js';
import { FanOutNotifier } from './channels/fan-out-notifier.js';
import type { Config } from './config.js';
import { CountingHandoffQueue } from './observability/counting-handoff-queue.js';
import { instrumentEngine } from './observability/instrument-engine.js';
import { OrientaMetrics } from './observability/metrics.js';
import { MetricsNotifier } from './observability/metrics-notifier.js';

/** The store the engine reads and writes: the server's, the CLI's, or an eval's or a test's own. */
export interface EngineStore {
  db: Database;
  vector: VectorCapability;
}

/**
 * What a caller chooses instead of what the config says. Each one is a deliberate difference from
 * production and should say so where it is passed (the eval's settable clock, its silent notifier).
 */
export interface EngineOverrides {
  /** Where engine warnings and errors go, and the one line logged per turn. */
  logger: EngineLogger;
  /** Default: ORIENTA_NOW when set, else the system clock. */
  clock?: Clock;
  /** Default: the one the config names (see createEmbedder). */
  embedder?: Embedder;
  /** Default: a registry of this engine's own, without process metrics. */
  metrics?: OrientaMetrics;
  /** Who hears of bookings, cancellations and promotions. Default: the log and the metrics. */
  notifier?: Notifier;
  // Ports a test fakes or shares with something else it built; production passes none of them.
  retriever?: Retriever;
  catalogue?: CatalogueReader;
  sessions?: SessionStore;
  handoff?: PgHandoffQueue;
  bookings?: BookingService;
  llm?: EngineDeps['llm'];
}

/** The engine and the store-backed ports it was built on, for the commands that use them directly. */
export interface WiredEngine {
  engine: Engine;
  clock: Clock;
  embedder: Embedder;
  metrics: OrientaMetrics;
  notifier: Notifier;
  retriever: Retriever;
  catalogue: CatalogueReader;
  sessions: SessionStore;
  handoffs: PgHandoffQueue;
  bookings: BookingService;
}

/**
 * The one place an Engine is built, so the server, the CLI chat, the eval and the tests run the
 * same engine: counted and timed per turn, handoffs counted, booking limits from the config. The
 * engine is not warmed up; a caller that wants the first turn fast calls `warmUp()`.
 */
export async function createEngine(store: EngineStore, config: Config, overrides: EngineOverrides): Promise<WiredEngine> {
  const { db, vector } = store;
  const { logger } = overrides;
  const clock = overrides.clock ?? (config.ORIENTA_NOW ? fixedClock(new Date(config.ORIENTA_NOW)) : systemClock);
  const embedder = overrides.embedder ?? (await createEmbedder(config));
  const metrics = overrides.metrics ?? new OrientaMetrics();
  const notifier = overrides.notifier ?? new FanOutNotifier([new LogNotifier(logger), new MetricsNotifier(metrics)], logger);
  // One snapshot of the catalogue's facts for the search and the engine: one refresh, one read of each.
  const facts = new CatalogueSnapshot(db);
  const retriever = overrides.retriever ?? new PgRetriever({ db, vector, embedder, clock, catalogue: facts });
  const catalogue = overrides.catalogue ?? new PgCatalogueReader(db, facts);
  const sessions = overrides.sessions ?? new PgSessionStore(db);
  const handoffs = overrides.handoff ?? new CountingHandoffQueue(db, logger, metrics);
  const limits = { maxGroup: config.BOOKING_MAX_GROUP, perRef: config.BOOKING_MAX_PER_REF, labSessionsPerRef: config.BOOKING_MAX_LAB_SESSIONS };
  const bookings =
    overrides.bookings ??
    new PgBookingService({ db, clock, notifier, limits, onNotifyError: (error, event) => logger.warn({ err: error, event: event.type, code: event.booking.code }, 'booking notification failed') });
  const llm =
    overrides.llm ??
    (config.LLM_BASE_URL && config.LLM_MODEL
      ? { model: new OpenAiLanguageModel({ baseURL: config.LLM_BASE_URL, model: config.LLM_MODEL, apiKey: config.LLM_API_KEY, timeoutMs: config.LLM_TIMEOUT_MS }), timeoutMs: config.LLM_TIMEOUT_MS }
      : undefined);
  const engine = instrumentEngine(
    new Engine({ retriever, catalogue, sessions, handoff: handoffs, bookings, clock, logger, defaultLang: config.ORIENTA_LANG, ...(llm ? { llm } : {}) }),
    metrics,
    logger,
    { logTexts: config.LOG_TEXTS },
  );
  return { engine, clock, embedder, metrics, notifier, retriever, catalogue, sessions, handoffs, bookings };
}

export async function createEmbedder(config: Config): Promise<Embedder> {
  if (config.EMBEDDINGS_BASE_URL && config.EMBEDDINGS_MODEL) {
    return OpenAiEmbedder.create({
      baseURL: config.EMBEDDINGS_BASE_URL,
      model: config.EMBEDDINGS_MODEL,
      apiKey: config.EMBEDDINGS_API_KEY,
      dimensions: config.EMBEDDINGS_DIMENSIONS,
    });
  }
  return new HashedNgramEmbedder();
}
