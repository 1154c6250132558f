import type { Lang } from '../../domain/message.js';
import type { HandoffRequest, StaffHandoff } from '../../domain/ports.js';
import { PgHandoffQueue } from '../../knowledge/conversations/pg-handoff-queue.js';
import type { OrientaMetrics } from './metrics.js';

/** The store's handoff queue, counting requests, claims and closes by channel for /metrics. */
export class CountingHandoffQueue extends PgHandoffQueue {
  constructor(
    db: ConstructorParameters<typeof PgHandoffQueue>[0],
    logger: ConstructorParameters<typeof PgHandoffQueue>[1],
    private readonly metrics: OrientaMetrics,
  ) {
    super(db, logger);
  }

  override async request(r: HandoffRequest & { lang?: Lang }): Promise<{ id: string }> {
    const made = await super.request(r);
    this.metrics.handoff('requested', r.channel);
    return made;
  }

  override async claim(deskRef: string, by: string): Promise<StaffHandoff | null> {
    const claimed = await super.claim(deskRef, by);
    if (claimed) this.metrics.handoff('claimed', claimed.channel);
    return claimed;
  }

  override async close(deskRef: string): Promise<StaffHandoff | null> {
    const closed = await super.close(deskRef);
    if (closed) this.metrics.handoff('closed', closed.channel);
    return closed;
  }
}
