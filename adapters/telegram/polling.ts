import type { Update } from 'telegraf/types';
import { describeError, statusOf, type BotApi } from './bot-api.js';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface PollingOptions {
  /** Seconds Telegram holds a getUpdates open while there is nothing new. */
  timeoutS?: number;
  /** The longest pause between attempts while the Bot API is unreachable. */
  maxPauseMs?: number;
}

/**
 * Long polling. An update is confirmed to Telegram (by the next getUpdates' offset) only after it has
 * been handled, so a crash mid-turn gets it again, and the delivery ledger answers it once. While the
 * Bot API is down the loop keeps trying with growing pauses; it never ends on its own but for a token
 * Telegram refuses.
 */
export class LongPoller {
  private abort = new AbortController();
  private loop: Promise<void> | null = null;
  private offset = 0;

  constructor(
    private readonly api: BotApi,
    private readonly handle: (updates: Update[]) => Promise<void>,
    private readonly logger: Log,
    private readonly options: PollingOptions = {},
  ) {}

  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal).catch((error) => this.logger.error({ err: describeError(error) }, 'telegram polling stopped'));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const timeoutS = this.options.timeoutS ?? 30;
    const maxPause = this.options.maxPauseMs ?? 30_000;
    let failures = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.api.call<Update[]>('getUpdates', { offset: this.offset, timeout: timeoutS, allowed_updates: ALLOWED_UPDATES }, { signal, timeoutMs: (timeoutS + 15) * 1000, attempts: 2 });
      } catch (error) {
        if (signal.aborted) break;
        const status = statusOf(error);
        if (status === 401 || status === 404) {
          this.logger.error({ err: describeError(error) }, 'Telegram refuses TELEGRAM_BOT_TOKEN: polling stopped (check the token with @BotFather and restart)');
          return;
        }
        if (status === 409) {
          // A webhook left from webhook mode keeps getUpdates from working.
          this.logger.warn({ err: describeError(error) }, 'telegram getUpdates conflicts with a webhook or another poller; removing the webhook');
          await this.api.call('deleteWebhook', { drop_pending_updates: false }, { signal, attempts: 1 }).catch(() => {});
        }
        failures++;
        const wait = Math.min(maxPause, 500 * 2 ** Math.min(failures, 10));
        if (failures === 1 || failures % 10 === 0) this.logger.warn({ err: describeError(error), failures, retryInMs: wait }, 'telegram getUpdates failed; polling goes on');
        await pause(wait, signal);
        continue;
      }
      if (failures > 0) this.logger.info({ failures }, 'telegram getUpdates works again');
      failures = 0;
      if (updates.length === 0) continue;
      await this.handle(updates);
      this.offset = Math.max(this.offset, ...updates.map((u) => u.update_id + 1));
    }
    // Confirms the last batch, so a restart does not take it again.
    if (this.offset > 0) await this.api.call('getUpdates', { offset: this.offset, limit: 1, timeout: 0 }, { attempts: 1, timeoutMs: 3000 }).catch(() => {});
  }
}

/** A pause that ends early on shutdown. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
