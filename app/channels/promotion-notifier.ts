import { t } from '../../bot/answer/texts.js';
import { formatDateTime } from '../../bot/answer/format.js';
import type { BookingEvent, Notifier, UserMessenger } from '../../domain/ports.js';

/** "Se si libera un posto ti scrivo io": a promotion from the waitlist is told to the person on their channel. */
export class PromotionNotifier implements Notifier {
  constructor(private readonly messenger: UserMessenger) {}

  async notify(event: BookingEvent): Promise<void> {
    if (event.type !== 'promoted') return;
    const { booking, slot } = event;
    await this.messenger.send(booking.userId, (lang) => [{ type: 'text', text: t(lang).booking.promoted(booking.code, formatDateTime(slot.start, lang, slot.allDay)) }]);
  }
}
