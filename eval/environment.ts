import type { Config } from '../app/config.js';
import { createEmbedder, createEngine } from '../app/create-engine.js';
import type { OrientaMetrics } from '../app/observability/metrics.js';
import type { Clock } from '../domain/clock.js';
import type { Engine } from '../bot/engine.js';
import { OrientaError } from '../domain/errors.js';
import type { EngineLogger } from '../bot/flows/turn.js';
import type { BookingService, CatalogueReader, Retriever } from '../domain/ports.js';
import { applyInTransaction } from '../ingest/apply.js';
import { ingestPaths, type SourceResult } from '../ingest/pipeline.js';
import { formatProblem } from '../ingest/problems.js';
import { readSample } from '../ingest/sample.js';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import { embedPending } from '../knowledge/search/embed-pending.js';

/** The clock of the answers, moved to each case's `now` before it runs. */
export class SettableClock implements Clock {
  constructor(private at: Date) {}
  set(at: Date): void {
    this.at = at;
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
}

/** What the runner works with: the real engine and the ports it reads, over a store of its own. */
export interface EvalEnvironment {
  engine: Engine;
  retriever: Retriever;
  catalogue: CatalogueReader;
  bookings: BookingService;
  clock: SettableClock;
  /** The engine's turns and handoffs, counted as the server counts them for GET /metrics. */
  metrics: OrientaMetrics;
  /** What was loaded: the sample catalogue, or the results of ingesting the paths given. */
  store: { kind: 'sample' } | { kind: 'ingest'; paths: string[]; sources: SourceResult[] };
  /** Engine errors since the last call: a turn answered "sorry, something went wrong" says why here. */
  takeErrors(): string[];
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  config: Config;
  /** Exactly these paths instead of the sample catalogue, as `orienta ingest` reads them. */
  ingest?: readonly string[];
  /** Where engine warnings go besides the report (the CLI's logger); silent by default. */
  logger?: EngineLogger;
}

/**
 * A fresh in-memory embedded store, never the data dir or DATABASE_URL: an eval must neither see
 * nor change the data people use. The engine is the composition root's (createEngine), with a clock
 * the runner sets, its errors collected for the report and no one notified of its bookings.
 */
export async function openEvalEnvironment(options: EnvironmentOptions): Promise<EvalEnvironment> {
  const { config } = options;
  const db = await PgliteDatabase.open();
  try {
    await migrate(db);
    const vector = await enableVector(db);
    let store: EvalEnvironment['store'] = { kind: 'sample' };
    if (options.ingest) {
      const sources = await ingestPaths(db, options.ingest);
      const failed = sources.filter((s) => s.status === 'failed');
      if (failed.length > 0) {
        throw new OrientaError('INPUT_INVALID', `--ingest: ${failed.map((s) => `${s.source}: ${s.error ?? s.problems.slice(0, 3).map(formatProblem).join('; ')}`).join('; ')}`);
      }
      store = { kind: 'ingest', paths: [...options.ingest], sources };
    } else {
      await applyInTransaction(db, readSample(), 'sample');
    }
    const embedder = await createEmbedder(config);
    await embedPending(db, vector, embedder);

    const clock = new SettableClock(new Date());
    const errors: string[] = [];
    const logger: EngineLogger = {
      info: (obj, msg) => options.logger?.info(obj, msg),
      warn: (obj, msg) => options.logger?.warn(obj, msg),
      error: (obj, msg) => {
        const cause = (obj as { err?: unknown }).err;
        errors.push(`${msg ?? 'error'}${cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : ''}`);
        options.logger?.error(obj, msg);
      },
    };
    const { engine, retriever, catalogue, bookings, metrics } = await createEngine({ db, vector }, config, {
      logger,
      embedder,
      clock,
      // Notifications would go to staff channels: an eval's bookings are nobody's business.
      notifier: { notify: async () => {} },
    });
    await engine.warmUp();
    return { engine, retriever, catalogue, bookings, clock, metrics, store, takeErrors: () => errors.splice(0), close: () => db.close() };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
