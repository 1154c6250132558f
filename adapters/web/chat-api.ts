import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Engine } from '../../bot/engine.js';
import type { Capabilities, Lang } from '../../bot/message.js';
import { RateLimiter } from './rate-limit.js';

/** What a browser can show: the widget renders buttons, cards and files. */
const BROWSER: Capabilities = { buttons: true, cards: true, files: true, markdown: false };
const VISITOR_COOKIE = 'orienta_visitor';
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

const POLITE: Record<Lang, Record<string, string>> = {
  it: {
    RATE_LIMITED: 'Stai scrivendo molto in fretta: aspetta qualche secondo e riprova.',
    INPUT_INVALID: 'Non riesco a leggere la richiesta.',
    TOO_LARGE: 'Il messaggio è troppo lungo.',
    NOT_FOUND: 'Conversazione non trovata.',
  },
  en: {
    RATE_LIMITED: 'You are writing very fast: please wait a few seconds and try again.',
    INPUT_INVALID: 'I can’t read that request.',
    TOO_LARGE: 'That message is too long.',
    NOT_FOUND: 'Conversation not found.',
  },
};

export interface ChatApiOptions {
  engine: () => Engine;
  allowedOrigins: string[];
  ratePerMinute: number;
  logger: { warn(obj: object, msg?: string): void };
}

const langOf = (c: Context): Lang => (/^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'it');

/**
 * The public chat API of the web widget: POST /api/chat (JSON), POST /api/chat/stream (server-sent
 * events), GET /api/chat/:id (history). A visitor is an unguessable cookie; a conversation belongs
 * to the visitor who started it, so another browser holding its id gets nothing.
 */
export function chatApi(o: ChatApiOptions): Hono {
  const app = new Hono();
  const perIp = new RateLimiter(o.ratePerMinute, Math.max(5, Math.ceil(o.ratePerMinute / 3)));
  const perConversation = new RateLimiter(o.ratePerMinute, Math.max(5, Math.ceil(o.ratePerMinute / 3)));
  const fail = (c: Context, status: 400 | 404 | 413 | 429, code: string) => c.json({ error: { code, message: POLITE[langOf(c)][code] } }, status);

  app.use(
    '*',
    cors({
      // Only the partner sites listed may call it from a browser; the cookie travels with them.
      origin: (origin) => (o.allowedOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['Content-Type'],
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use('*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => fail(c, 413, 'TOO_LARGE') }));

  const visitor = (c: Context): string => {
    const known = getCookie(c, VISITOR_COOKIE);
    if (known && /^[A-Za-z0-9_-]{22,64}$/.test(known)) return known;
    const id = randomBytes(24).toString('base64url');
    const secure = new URL(c.req.url).protocol === 'https:';
    // A widget on a partner's site is a third-party context: the cookie must be SameSite=None there.
    setCookie(c, VISITOR_COOKIE, id, { httpOnly: true, path: '/api/chat', maxAge: 60 * 60 * 24 * 180, sameSite: secure ? 'None' : 'Lax', secure });
    return id;
  };

  const clientIp = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  /** Parses, limits and runs one turn; a Response when the request is refused. */
  const turn = async (c: Context) => {
    if (!perIp.take(clientIp(c))) return fail(c, 429, 'RATE_LIMITED');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return fail(c, 400, 'INPUT_INVALID');
    }
    const parsed = ChatRequest.safeParse(body);
    if (!parsed.success) return fail(c, 400, 'INPUT_INVALID');
    const request = parsed.data;
    if (request.conversationId && !perConversation.take(request.conversationId)) return fail(c, 429, 'RATE_LIMITED');
    const userId = `web:${visitor(c)}`;
    return o.engine().handle({
      userId,
      channel: 'web',
      capabilities: BROWSER,
      locale: request.locale ?? langOf(c),
      ...(request.conversationId ? { conversationId: request.conversationId } : {}),
      ...(request.text !== undefined ? { text: request.text } : {}),
      ...(request.action ? { action: request.action } : {}),
      ...(request.messageId ? { messageId: request.messageId } : {}),
    });
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
    if (!perIp.take(clientIp(c))) return fail(c, 429, 'RATE_LIMITED');
    const id = c.req.param('id');
    const known = getCookie(c, VISITOR_COOKIE);
    if (!known || !/^[A-Za-z0-9_-]{20,64}$/.test(id)) return fail(c, 404, 'NOT_FOUND');
    const turns = await o.engine().history(id, `web:${known}`);
    if (!turns) return fail(c, 404, 'NOT_FOUND');
    return c.json({ conversationId: id, turns: turns.map((t) => ({ at: t.at, inbound: t.inbound, reply: t.reply })) });
  });

  app.onError((error, c) => {
    o.logger.warn({ err: error }, 'chat api request failed');
    return c.json({ error: { code: 'INTERNAL', message: POLITE[langOf(c)].INPUT_INVALID } }, 500);
  });
  return app;
}
