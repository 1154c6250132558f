import type { Hono } from 'hono';
import { serverApp } from '../adapters/server.js';
import { checkReadiness } from './observability/readiness.js';
import type { Orienta } from './orienta.js';

/** The one HTTP app of `orienta serve` (and of the tests that run it whole): the server gets its channels and the ops routes' ports, cut here. */
export function createHttpApp(orienta: Orienta): Hono {
  const { store } = orienta;
  return serverApp({
    channels: orienta.channels,
    logger: orienta.logger,
    ops: {
      health: { store: { engine: store.db.engine, via: store.via, description: store.db.description }, vector: store.vector, embedder: orienta.embedder.id },
      readiness: () => checkReadiness(store),
      metrics: orienta.metrics,
      metricsToken: orienta.config.METRICS_TOKEN,
      logger: orienta.logger,
    },
  });
}
