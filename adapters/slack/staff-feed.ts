import { formatDateTime } from '../../bot/answer/format.js';
import type { Lang } from '../../domain/message.js';
import type { BookingEvent, Notifier } from '../../domain/ports.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { SlackApi } from './slack-api.js';
import { slackTexts } from './texts.js';

type Log = { warn(obj: object, msg: string): void };

/**
 * Bookings as staff see them in their channel: the code, what and when, seats taken of capacity,
 * the channel. Never the name, contact or class: the channel is shared by many people.
 * Posting happens after the booking has answered, so a slow Slack never slows a booking.
 */
export class SlackStaffFeed implements Notifier {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly api: SlackApi,
    private readonly channel: string,
    private readonly lang: Lang,
    private readonly logger: Log,
  ) {}

  async notify(event: BookingEvent): Promise<void> {
    const work = this.api
      .post({ channel: this.channel, text: feedLine(event, this.lang).replace(/\*/g, ''), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: feedLine(event, this.lang) } }] })
      .then(() => undefined)
      .catch((error) => this.logger.warn({ err: error, event: event.type, code: event.booking.code }, 'booking not posted to the staff channel'))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  async drain(timeoutMs = 10_000): Promise<void> {
    const pending = [...this.inFlight];
    if (pending.length) await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}

export function feedLine({ type, booking, slot }: BookingEvent, lang: Lang): string {
  const F = slackTexts(lang).feed;
  const what = `${F.kinds[slot.kind] ?? slot.kind} ${slot.ref}${slot.lab ? ` (${slot.lab})` : ''}`;
  const parts = [
    what,
    formatDateTime(slot.start, lang, slot.allDay),
    F.seats(slot.taken, slot.capacity),
    ...(booking.groupSize > 1 ? [F.group(booking.groupSize)] : []),
    ...(booking.status === 'waitlisted' && booking.waitlistPosition ? [F.position(booking.waitlistPosition)] : []),
    F.channel(booking.channel),
  ];
  return `*${F[type]}* ${escapeMrkdwn(booking.code)} · ${escapeMrkdwn(parts.join(' · '))}`;
}
