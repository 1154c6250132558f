import type { BookingEvent, Notifier } from '../../domain/ports.js';

type Log = { warn(obj: object, msg: string): void };

/** Every notifier hears every event; one failing (Slack down) does not keep the others from theirs. */
export class FanOutNotifier implements Notifier {
  constructor(
    private readonly notifiers: Notifier[],
    private readonly logger: Log,
  ) {}

  add(notifier: Notifier): void {
    this.notifiers.push(notifier);
  }

  async notify(event: BookingEvent): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((n) => n.notify(event)));
    for (const r of results) {
      if (r.status === 'rejected') this.logger.warn({ err: r.reason, event: event.type, code: event.booking.code }, 'booking notification failed');
    }
  }
}
