import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Orienta } from '../app/orienta.js';
import { countRecords } from '../knowledge/catalogue/catalogue-writer.js';
import { currentVersion } from '../knowledge/db/migrate.js';
import { opsRoutes } from './ops.js';
import { chatApi } from './web/chat-api.js';
import { webPages } from './web/pages.js';

/** The one HTTP app: health, the web chat API, the widget and every enabled channel's webhooks. */
export function createHttpApp(orienta: Orienta): Hono {
  const app = new Hono();
  // Routes may set their own (the widget's cross-origin resource policy); the defaults fill the rest.
  app.use('*', secureHeaders({ overwrite: false }));
  app.route(
    '/api/chat',
    chatApi({ engine: orienta.engine, allowedOrigins: orienta.config.WEB_ALLOWED_ORIGINS, ratePerMinute: orienta.config.WEB_RATE_PER_MINUTE, logger: orienta.logger }),
  );

  app.get('/healthz', async (c) => {
    try {
      const [schema, records] = await Promise.all([currentVersion(orienta.store.db), countRecords(orienta.store.db)]);
      return c.json({
        status: 'ok',
        store: { engine: orienta.store.db.engine, via: orienta.store.via, description: orienta.store.db.description, schema },
        vector: orienta.store.vector,
        embedder: orienta.embedder.id,
        records,
      });
    } catch (error) {
      orienta.logger.error({ err: error }, 'health check failed');
      return c.json({ status: 'error', vector: orienta.store.vector, message: 'store unreachable' }, 503);
    }
  });

  app.route('/', opsRoutes({ store: orienta.store, metrics: orienta.metrics, metricsToken: orienta.config.METRICS_TOKEN, logger: orienta.logger }));

  for (const channel of orienta.channels) channel.routes?.(app);
  // A failing route answers a plain 500 and is logged; the process and the other channels keep serving.
  app.onError((error, c) => {
    orienta.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });

  app.route('/', webPages());
  return app;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export function listen(app: Hono, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        resolve({
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.once('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
