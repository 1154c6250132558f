import type { BookingEvent, Notifier } from '../../domain/ports.js';
import type { OrientaMetrics } from './metrics.js';

/** One more listener of the booking events: counts them by type and channel. */
export class MetricsNotifier implements Notifier {
  constructor(private readonly metrics: OrientaMetrics) {}

  async notify(event: BookingEvent): Promise<void> {
    this.metrics.booking(event.type, event.booking.channel);
  }
}
