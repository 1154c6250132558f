import type { BookingEvent, Notifier } from '../../domain/ports.js';

interface InfoLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

const VERB: Record<BookingEvent['type'], string> = {
  booked: 'booked',
  waitlisted: 'waitlisted on',
  cancelled: 'cancelled on',
  promoted: 'promoted from the waitlist of',
};

/**
 * The default Notifier: one log line per event, for staff reading the log. It reaches nobody on a
 * channel; a channel notifier (Slack, the person's own chat) replaces it where one is configured.
 */
export class LogNotifier implements Notifier {
  constructor(private readonly logger: InfoLogger) {}

  async notify(event: BookingEvent): Promise<void> {
    const { booking, slot } = event;
    // No name or contact: the log outlives an erasure request.
    this.logger.info(
      { event: event.type, code: booking.code, slot: slot.id, ref: slot.ref, group: booking.groupSize, channel: booking.channel, taken: slot.taken, capacity: slot.capacity },
      `booking ${booking.code} ${VERB[event.type]} slot ${slot.id} (${booking.groupSize} seat${booking.groupSize === 1 ? '' : 's'}; ${slot.taken}/${slot.capacity} taken)`,
    );
  }
}
