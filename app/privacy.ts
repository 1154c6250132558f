import type { Clock } from '../domain/clock.js';
import { collectUserData, eraseUserData } from '../bot/flows/privacy.js';
import type { BookingService, SessionStore } from '../domain/ports.js';
import type { Database } from '../knowledge/db/database.js';
import { purgeExpired, type PurgeResult, type RetentionPolicy } from '../knowledge/privacy/pg-retention.js';
import type { Config } from './config.js';
import type { OrientaMetrics } from './observability/metrics.js';

export type UserExport = Awaited<ReturnType<typeof collectUserData>> & { exportedAt: string };

export const retentionOf = (config: Config): RetentionPolicy => ({
  conversationDays: config.RETENTION_CONVERSATION_DAYS,
  bookingDays: config.RETENTION_BOOKING_DAYS,
  deliveryDays: config.RETENTION_DELIVERIES_DAYS,
});

/** A person's rights over their data (export, erasure) and the retention purge, for staff tools and `serve`. */
export class PrivacyService {
  constructor(
    private readonly deps: { db: Database; sessions: SessionStore; bookings: BookingService; clock: Clock; policy: RetentionPolicy; metrics?: OrientaMetrics },
  ) {}

  get policy(): RetentionPolicy {
    return this.deps.policy;
  }

  async export(userId: string): Promise<UserExport> {
    return { ...(await collectUserData(this.deps, userId)), exportedAt: this.deps.clock.now().toISOString() };
  }

  erase(userId: string): Promise<{ conversations: number; handoffs: number; bookings: number }> {
    return eraseUserData(this.deps, userId);
  }

  async purge(): Promise<PurgeResult> {
    const result = await purgeExpired(this.deps.db, this.deps.policy, this.deps.clock.now());
    for (const [what, n] of Object.entries(result)) if (n > 0) this.deps.metrics?.purged.inc({ what }, n);
    return result;
  }
}

type Log = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

/**
 * The retention purge of `orienta serve`: once at start, then every `minutes`. Timers are unref'd
 * so they never keep a process alive; `stop` waits for a purge under way before the store closes.
 */
export function schedulePurge(privacy: PrivacyService, minutes: number, logger: Log): { stop(): Promise<void> } {
  if (minutes <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = privacy
      .purge()
      .then((removed) => {
        if (Object.values(removed).some((n) => n > 0)) logger.info({ removed, retention: privacy.policy }, 'retention purge');
      })
      .catch((error) => logger.error({ err: error }, 'retention purge failed; it runs again at the next interval'))
      .finally(() => (running = null));
  };
  const first = setTimeout(run, 0);
  first.unref();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
