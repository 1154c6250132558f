import { createServer as createHttpServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** A partner's page with the widget's one script tag, as a partner would paste it. */
export function partnerPage(title: string, widgetSrc: string): string {
  return `<!doctype html><html lang="it"><meta charset="utf-8"><title>${title}</title>
<body><main><h1>${title}</h1><p>Corsi, laboratori e servizi per il lavoro.</p></main>
<script src="${widgetSrc}" data-lang="it" defer></script></body></html>`;
}

/** What a host name of the front server does: show a page of its own, or pass requests on to a server. */
export type Site = { page: () => string } | { upstream: () => number };

export interface RunningSite {
  port: number;
  close(): Promise<void>;
}

function route(sites: Record<string, Site>, secure: boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const site = sites[(req.headers.host ?? '').replace(/:\d+$/, '')];
    if (!site) {
      res.writeHead(404).end();
      return;
    }
    if ('page' in site) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(site.page());
      return;
    }
    // What nginx does with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` and friends.
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      { host: '127.0.0.1', port: site.upstream(), method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': secure ? 'https' : 'http', 'x-forwarded-host': req.headers.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };
}

function started(server: Server): Promise<RunningSite> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

/** A TLS-terminating front server on 127.0.0.1 with name-based virtual hosts, like nginx before Orienta and a partner's site. */
export function httpsFront(tls: { key: string; cert: string }, sites: Record<string, Site>): Promise<RunningSite> {
  return started(createHttpsServer(tls, route(sites, true)));
}

/** A plain HTTP server on 127.0.0.1 with the same virtual hosts (a partner's page in development). */
export function httpSite(sites: Record<string, Site>): Promise<RunningSite> {
  return started(createHttpServer(route(sites, false)));
}
