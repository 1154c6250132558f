/** Platform APIs fail now and then: a call is retried with growing, jittered pauses, then given up. */
export interface RetryOptions {
  /** What is being done, for the log ("telegram sendMessage"). */
  what: string;
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  logger?: { warn(obj: object, msg: string): void };
  /** False for errors a retry cannot fix (a 400, a 403): they are thrown at once. */
  retryable?: (error: unknown) => boolean;
  /** A pause the platform asked for (Telegram's retry_after, Slack's Retry-After), in ms. */
  delayFor?: (error: unknown) => number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || (options.retryable && !options.retryable(error))) throw error;
      const asked = options.delayFor?.(error);
      const pause = Math.min(max, asked ?? base * 2 ** (attempt - 1) * (0.5 + Math.random()));
      options.logger?.warn({ err: error, attempt, of: attempts, retryInMs: Math.round(pause) }, `${options.what} failed; retrying`);
      await sleep(pause);
    }
  }
}

/** An HTTP status worth retrying: the platform is busy or broken, not refusing the request. */
export const transientStatus = (status: number | undefined) => status === undefined || status === 408 || status === 429 || status >= 500;
