import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Update } from 'telegraf/types';
import { httpError } from '../http-errors.js';

type Log = { warn(obj: object, msg: string): void };

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are a few KB; anything much bigger is not from Telegram. */
export const WEBHOOK_MAX_BYTES = 256 * 1024;

export interface WebhookOptions {
  path: string;
  secret: string;
  /** Takes the update; the request is answered before the turn runs. */
  accept(update: Update): void;
  logger: Log;
}

/**
 * Telegram's webhook. The secret Telegram was given at setWebhook comes back in every request: no
 * header → 401, a wrong one → 403, and either way the update never reaches the bot. Telegram is
 * answered at once and the turn runs after, since Telegram redelivers a slow answer (the ledger
 * would drop the copy, but the person would wait for nothing).
 */
export function mountWebhook(app: Hono, options: WebhookOptions): void {
  const expected = digest(options.secret);
  app.post(
    options.path,
    async (c, next) => {
      const given = c.req.header(SECRET_HEADER);
      if (given === undefined || given === '') {
        options.logger.warn({ path: options.path }, 'telegram webhook without its secret refused');
        return httpError(c, 'UNAUTHENTICATED');
      }
      if (!timingSafeEqual(digest(given), expected)) {
        options.logger.warn({ path: options.path }, 'telegram webhook with a wrong secret refused');
        return httpError(c, 'FORBIDDEN');
      }
      await next();
    },
    bodyLimit({ maxSize: WEBHOOK_MAX_BYTES, onError: (c) => httpError(c, 'TOO_LARGE') }),
    async (c) => {
      let update: unknown;
      try {
        update = await c.req.json();
      } catch {
        return httpError(c, 'INPUT_INVALID');
      }
      if (!isUpdate(update)) return httpError(c, 'INPUT_INVALID');
      options.accept(update);
      // An empty body: a JSON one would be read by Telegram as a method to call.
      return c.body(null, 200);
    },
  );
}

// Digests first, so the comparison takes the same time whatever the length of what was sent.
const digest = (s: string) => createHash('sha256').update(s).digest();

function isUpdate(value: unknown): value is Update {
  const id = (value as { update_id?: unknown } | null)?.update_id;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isSafeInteger(id) && (id as number) >= 0;
}
