import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/**
 * An answer sent before the request's body has fully arrived (a 413, a refused signature, a rate
 * limit) says `Connection: close` and ends the connection with it. Otherwise @hono/node-server
 * waits 500 ms for the unread body and then drops the socket without a word, while the client
 * may already have sent its next request on it: that request is lost ("other side closed", a
 * Slack event missed in CI). Closing at once, and saying so, keeps the client from reusing it.
 */
export function closeUnreadBodies(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming && !incoming.complete) c.header('Connection', 'close');
  };
}
