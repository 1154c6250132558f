import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { httpError } from './http-errors.js';

/** What the store and the search could do at start, for /healthz: facts, never a query. */
export interface HealthFacts {
  store: { engine: string; via: string; description: string };
  vector: string;
  /** The embedder's id, as found at start. */
  embedder: string;
}

/** Whether a turn can be served now; `cause` is for the log only. */
export type ReadinessReport =
  | { ready: true; schema: number; vector: string }
  | { ready: false; reason: string; schema?: number; expected?: number; vector: string; cause?: string };

/** The ops routes' settings and ports: nothing of the store or the metrics back-end but what they answer. */
export interface OpsOptions {
  health: HealthFacts;
  /** Checks the store now (bounded in time by whoever implements it). */
  readiness(): Promise<ReadinessReport>;
  /** The Prometheus exposition of this process's metrics. */
  metrics: { exposition(): Promise<{ contentType: string; body: string }> };
  /** METRICS_TOKEN: when set, /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  logger: { warn(obj: object, msg: string): void };
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Hashing first makes both sides the same length, so the comparison leaks neither length nor content.
const sameSecret = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * What operators and orchestrators poll: GET /healthz (is the process alive?), GET /readyz (can it
 * serve turns?) and GET /metrics (Prometheus).
 */
export function opsRoutes(o: OpsOptions): Hono {
  const app = new Hono();

  // Liveness restarts a process that no longer answers; a store that is down, busy or migrating is
  // not cured by a restart (that is readiness), and a probe queueing behind PGlite's one session
  // would get a live server killed under load. So: facts fixed at start, never a query.
  const health = JSON.stringify({ status: 'ok', version: VERSION, ...o.health });
  app.get('/healthz', (c) => c.body(health, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }));

  app.get('/readyz', async (c) => {
    const r = await o.readiness();
    c.header('cache-control', 'no-store');
    if (r.ready) return c.json({ status: 'ready', schema: r.schema, vector: r.vector });
    o.logger.warn({ reason: r.reason, cause: r.cause, schema: r.schema, expected: r.expected }, 'not ready');
    return c.json({ status: 'not ready', reason: r.reason, vector: r.vector, ...(r.schema !== undefined ? { schema: r.schema, expected: r.expected } : {}) }, 503);
  });

  app.get('/metrics', async (c) => {
    if (o.metricsToken) {
      const given = c.req.header('authorization')?.match(/^Bearer (.+)$/i)?.[1];
      if (!given || !sameSecret(given, o.metricsToken)) {
        c.header('www-authenticate', 'Bearer realm="orienta-metrics"');
        return httpError(c, 'UNAUTHENTICATED');
      }
    }
    const { contentType, body } = await o.metrics.exposition();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });

  return app;
}
