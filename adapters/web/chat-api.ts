import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Capabilities } from '../../domain/message.js';
import type { ExchangeKit } from '../channel.js';
import { TrustedProxies, type ClientView } from '../forwarded.js';
import { httpError, readerLang } from '../http-errors.js';
import { fromAnotherSite, fromForeignPage, isJson } from './browser-guard.js';
import { RateLimiter } from './rate-limit.js';
import { handBack, VISITOR_HEADER, visitorToken, visitorUserId } from './visitor.js';

/** What a browser can show: the widget renders buttons, cards and files. */
const BROWSER: Capabilities = { buttons: true, cards: true, files: true, markdown: false };
const MAX_BODY = 8 * 1024;

const ChatRequest = z
  .object({
    conversationId: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/).optional(),
    text: z.string().max(4000).optional(),
    action: z.string().min(1).max(200).optional(),
    messageId: z.string().min(1).max(100).optional(),
    locale: z.enum(['it', 'en']).optional(),
  })
  .strict()
  .refine((r) => r.text !== undefined || r.action !== undefined, { message: 'send "text" or "action"' });

/** The web chat's part of the configuration (WEB_*, TRUST_PROXY). */
export interface WebSettings {
  /** Partner sites whose pages may call the API (WEB_ALLOWED_ORIGINS), as origins such as https://www.provincia.mantova.it. */
  allowedOrigins: string[];
  ratePerMinute: number;
  /** The reverse proxies whose X-Forwarded-* headers count (TRUST_PROXY, as CIDR ranges); none by default. */
  trustProxy?: string[];
}

export interface ChatApiOptions extends WebSettings {
  /** The channels' door into the engine: the ledger answers a message sent twice once. */
  kit: ExchangeKit;
  /** The key visitor tokens are hashed with into user ids (WEB_VISITOR_SECRET, or the store's own). */
  visitorKey: () => Promise<Buffer>;
  logger: { warn(obj: object, msg?: string): void };
  /** False once the server is shutting down: requests get 503 while the turns already taken finish. */
  accepting?: () => boolean;
}

/** What the first middleware learns about the client, for the routes after it. */
type Env = { Variables: { client: ClientView } };

/**
 * The public chat API of the web widget: POST /api/chat (JSON), POST /api/chat/stream (server-sent
 * events), GET /api/chat/:id (history).
 *
 * A visitor is an unguessable token the server mints. It comes back in the Orienta-Visitor header
 * and in a cookie; the widget keeps the header's copy in the partner page's storage and sends it
 * back in the same header, which works on any site even where third-party cookies are blocked, and
 * which no other site can send (reading it needs CORS, a custom header needs a preflight that only
 * the allowed origins pass). The cookie is what ambient credentials are made of, so requests from
 * pages of other sites (Origin, Sec-Fetch-Site) and anything but JSON are refused before they are
 * read. A conversation belongs to the visitor who started it, so another browser holding its id
 * gets nothing; the store knows the visitor by a keyed hash of the token, never the token.
 */
export function chatApi(o: ChatApiOptions): Hono<Env> {
  const app = new Hono<Env>();
  const proxies = new TrustedProxies(o.trustProxy ?? []);
  const perIp = new RateLimiter(o.ratePerMinute, Math.max(5, Math.ceil(o.ratePerMinute / 3)));
  const perConversation = new RateLimiter(o.ratePerMinute, Math.max(5, Math.ceil(o.ratePerMinute / 3)));

  app.use(
    '*',
    cors({
      // Only the partner sites listed may call it from a browser, and read the visitor header.
      origin: (origin) => (o.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type', VISITOR_HEADER],
      exposeHeaders: [VISITOR_HEADER],
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use('*', async (c, next) => {
    const client = proxies.of(c);
    c.set('client', client);
    if (o.accepting && !o.accepting()) {
      c.header('Retry-After', '5');
      return httpError(c, 'SHUTTING_DOWN');
    }
    if (fromForeignPage(c, o.allowedOrigins, client.origin)) return httpError(c, 'FOREIGN_SITE');
    if (c.req.method === 'POST' && !isJson(c)) return httpError(c, 'JSON_ONLY');
    await next();
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => httpError(c, 'TOO_LARGE') }));

  /** The visitor's user id; the token goes back with the answer (a new visitor's is minted here). */
  const visitor = async (c: Context<Env>): Promise<string> => {
    const { token } = visitorToken(c);
    const client = c.var.client;
    handBack(c, token, { https: client.https, crossSite: fromAnotherSite(c, client.origin) });
    return visitorUserId(await o.visitorKey(), token);
  };

  /** Parses, limits and runs one turn; a Response when the request is refused. */
  const turn = async (c: Context<Env>) => {
    if (!perIp.take(c.var.client.address)) return httpError(c, 'RATE_LIMITED');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return httpError(c, 'INPUT_INVALID');
    }
    const parsed = ChatRequest.safeParse(body);
    if (!parsed.success) return httpError(c, 'INPUT_INVALID');
    const request = parsed.data;
    if (request.conversationId && !perConversation.take(request.conversationId)) return httpError(c, 'RATE_LIMITED');
    const userId = await visitor(c);
    // A browser sending the same message again (a retry, a double submit) gets the one reply.
    const reply = await o.kit.exchange({
      userId,
      channel: 'web',
      capabilities: BROWSER,
      locale: request.locale ?? readerLang(c),
      ...(request.conversationId ? { conversationId: request.conversationId } : {}),
      ...(request.text !== undefined ? { text: request.text } : {}),
      ...(request.action ? { action: request.action } : {}),
      ...(request.messageId ? { messageId: request.messageId } : {}),
    });
    return reply ?? httpError(c, 'ALREADY_RECEIVED');
  };

  app.post('/', async (c) => {
    const reply = await turn(c);
    return reply instanceof Response ? reply : c.json(reply);
  });

  app.post('/stream', async (c) => {
    const reply = await turn(c);
    if (reply instanceof Response) return reply;
    // Each message as its own event, so the widget shows the first bubble while the rest arrive.
    return streamSSE(c, async (stream) => {
      for (const message of reply.messages) await stream.writeSSE({ event: 'message', data: JSON.stringify(message) });
      await stream.writeSSE({ event: 'done', data: JSON.stringify(reply) });
    });
  });

  app.get('/:id', async (c) => {
    if (!perIp.take(c.var.client.address)) return httpError(c, 'RATE_LIMITED');
    const id = c.req.param('id');
    const known = visitorToken(c);
    if (known.fresh || !/^[A-Za-z0-9_-]{20,64}$/.test(id)) return httpError(c, 'NOT_FOUND');
    const turns = await o.kit.history(id, visitorUserId(await o.visitorKey(), known.token));
    if (!turns) return httpError(c, 'NOT_FOUND');
    return c.json({ conversationId: id, turns: turns.map((t) => ({ at: t.at, inbound: t.inbound, reply: t.reply })) });
  });

  app.onError((error, c) => {
    o.logger.warn({ err: error }, 'chat api request failed');
    return httpError(c, 'INTERNAL');
  });
  return app;
}
