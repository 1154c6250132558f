import { TelegramError, type Telegram } from 'telegraf';
import { transientStatus, withRetry } from '../retry.js';

type Log = { warn(obj: object, msg: string): void };

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/** The Bot API's method names, as telegraf knows them. */
export type ApiMethod = Parameters<Telegram['callApi']>[0];

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 300, maxMs: 30_000 };

export interface CallOptions {
  /** The whole call, answer included; past it the call is retried like a 5xx. */
  timeoutMs?: number;
  /** Aborts the call for good (shutdown): never retried. */
  signal?: AbortSignal;
  attempts?: number;
}

/**
 * Every Bot API call, through withRetry: a 429 waits what Telegram asks (`parameters.retry_after`),
 * 5xx, network errors and timeouts are retried with backoff, any other 4xx is thrown at once.
 * telegraf's own timeout is minutes long, so each call carries a signal of ours.
 */
export class BotApi {
  constructor(
    readonly telegram: Telegram,
    private readonly logger: Log,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** `method` and `payload` as the Bot API documents them; T is what the method returns. */
  async call<T = true>(method: ApiMethod, payload: object, options: CallOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const signal = options.signal;
    return withRetry(
      () => {
        const limit = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
        // telegraf types its signal with the abort-controller polyfill; the platform's is the same shape.
        return this.telegram.callApi(method as never, payload as never, { signal: limit as never }) as Promise<T>;
      },
      {
        what: `telegram ${method}`,
        attempts: options.attempts ?? this.retry.attempts,
        baseMs: this.retry.baseMs,
        maxMs: this.retry.maxMs,
        logger: { warn: (obj: { err?: unknown }, msg: string) => this.logger.warn({ ...obj, err: describeError(obj.err) }, msg) },
        retryable: (error) => !signal?.aborted && isTransient(error),
        delayFor: (error) => {
          const seconds = error instanceof TelegramError ? error.parameters?.retry_after : undefined;
          return typeof seconds === 'number' ? seconds * 1000 + 50 : undefined;
        },
      },
    );
  }
}

/** A failure worth another try: Telegram busy or broken, the network, our own timeout. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TelegramError) return transientStatus(error.code);
  const name = (error as { name?: string } | null)?.name;
  return name === 'FetchError' || name === 'AbortError' || name === 'TimeoutError';
}

/** The HTTP status Telegram answered with, when it answered. */
export const statusOf = (error: unknown): number | undefined => (error instanceof TelegramError ? error.code : undefined);

/**
 * For the log: what failed and why, without the request's payload (a person's messages, a document)
 * nor the token, which telegraf already strips from network errors.
 */
export function describeError(error: unknown): object | undefined {
  if (error === undefined) return undefined;
  if (error instanceof TelegramError) return { type: 'TelegramError', code: error.code, description: error.description, ...(error.parameters ? { parameters: error.parameters } : {}) };
  // `description`, not `message`: pino would take an object with a message for an Error and rebuild it.
  if (error instanceof Error) return { type: error.name, description: error.message.replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot[REDACTED]') };
  return { type: typeof error, description: String(error) };
}
