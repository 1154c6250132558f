import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { isOrientaError } from '../../domain/errors.js';

export type BookingEventLabel = 'booked' | 'cancelled' | 'waitlisted' | 'promoted';
export type HandoffEventLabel = 'requested' | 'claimed' | 'closed';

/** Label values come from code (channels, intents, codes), but a bad one must never multiply series. */
const LABEL = /^[a-z][a-z0-9_-]{0,39}$/;
export const labelOf = (value: string | undefined): string => (value && LABEL.test(value) ? value : 'other');

/**
 * The stable code of an error, for `orienta_errors_total{code}`: Orienta's own codes, a Node
 * system code (ECONNREFUSED) or a PostgreSQL SQLSTATE (57P01); anything else is INTERNAL.
 */
export function errorCode(error: unknown): string {
  if (isOrientaError(error)) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'INTERNAL';
}

/** Orienta's Prometheus metrics; one registry per running Orienta, so tests never share counters. */
export class OrientaMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<'channel' | 'intent'>;
  readonly turnSeconds: Histogram<'channel' | 'intent'>;
  readonly errors: Counter<'code'>;
  readonly bookings: Counter<'event' | 'channel'>;
  readonly handoffs: Counter<'event' | 'channel'>;
  readonly purged: Counter<'what'>;
  readonly repeats: Counter<'channel'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.turns = new Counter({ name: 'orienta_turns_total', help: 'Conversation turns answered, by channel and intent', labelNames: ['channel', 'intent'], registers });
    this.turnSeconds = new Histogram({
      name: 'orienta_turn_duration_seconds',
      help: 'Time to answer a turn, by channel and intent',
      labelNames: ['channel', 'intent'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: 'orienta_errors_total', help: 'Errors logged (handled or not), by stable code', labelNames: ['code'], registers });
    this.bookings = new Counter({ name: 'orienta_bookings_total', help: 'Booking events, by type and channel', labelNames: ['event', 'channel'], registers });
    this.handoffs = new Counter({ name: 'orienta_handoffs_total', help: 'Handoffs to staff requested, claimed and closed, by channel', labelNames: ['event', 'channel'], registers });
    this.purged = new Counter({ name: 'orienta_privacy_purged_total', help: 'Rows removed or anonymised by the retention purge, by what they were', labelNames: ['what'], registers });
    this.repeats = new Counter({
      name: 'orienta_deliveries_repeated_total',
      help: 'Copies of a delivery (a platform retrying, a browser sending again) not run again, by channel',
      labelNames: ['channel'],
      registers,
    });
    // CPU, RSS, heap, event-loop lag: only worth collecting in the long-running server.
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  turn(channel: string, intent: string, seconds: number): void {
    const labels = { channel: labelOf(channel), intent: labelOf(intent) };
    this.turns.inc(labels);
    this.turnSeconds.observe(labels, seconds);
  }

  error(error: unknown): void {
    this.errors.inc({ code: errorCode(error) });
  }

  booking(event: BookingEventLabel, channel: string): void {
    this.bookings.inc({ event, channel: labelOf(channel) });
  }

  handoff(event: HandoffEventLabel, channel: string): void {
    this.handoffs.inc({ event, channel: labelOf(channel) });
  }

  repeated(channel: string): void {
    this.repeats.inc({ channel: labelOf(channel) });
  }

  /** The exposition text and its content type, for GET /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
