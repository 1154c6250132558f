import { Server as HttpServer } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Channel } from './channel.js';
import { closeUnreadBodies } from './close-unread.js';
import { httpError } from './http-errors.js';
import { opsRoutes, type OpsOptions } from './ops.js';
import { webPages } from './web/pages.js';

/** What the server is given: the channels whose routes it carries, the ops routes' ports, a log. Not the whole app, nor its configuration. */
export interface ServerParts {
  channels: readonly Channel[];
  ops: OpsOptions;
  logger: { error(obj: object, msg: string): void };
}

/** The one HTTP app: health, the widget and every channel's routes (the web chat API, the platforms' webhooks). */
export function serverApp(parts: ServerParts): Hono {
  const app = new Hono();
  app.use('*', closeUnreadBodies());
  // Routes may set their own (the widget's cross-origin resource policy); the defaults fill the rest.
  app.use('*', secureHeaders({ overwrite: false }));
  app.route('/', opsRoutes(parts.ops));

  for (const channel of parts.channels) channel.routes?.(app);
  // A failing route answers a 500 and is logged; the process and the other channels keep serving.
  app.onError((error, c) => {
    parts.logger.error({ err: error, path: c.req.path }, 'request failed');
    return httpError(c, 'INTERNAL');
  });
  app.notFound((c) => httpError(c, 'NOT_FOUND'));

  app.route('/', webPages());
  return app;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is barely above what
 * clients keep one for (undici: 4 s on a coarse timer; proxies often 60 s), so a client could send
 * its next request on a socket the server was closing that moment and get "other side closed".
 * The server must be the side that waits longer.
 */
const KEEP_ALIVE_MS = 65_000;

export function listen(app: Hono, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        resolve({
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              // close() only drops the connections idle right now; one whose answer is still being
              // written turns idle afterwards and would otherwise hold the shutdown for KEEP_ALIVE_MS.
              const sweep = setInterval(() => server instanceof HttpServer && server.closeIdleConnections(), 50);
              server.close(() => {
                clearInterval(sweep);
                done();
              });
            }),
        });
      });
      if (server instanceof HttpServer) {
        server.keepAliveTimeout = KEEP_ALIVE_MS;
        // A request's headers may arrive at the end of an idle period; this must not cut it shorter.
        server.headersTimeout = KEEP_ALIVE_MS + 1_000;
      }
      server.once('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
