import type { Booking } from '../../domain/ports.js';
import type { Slot } from '../../domain/model/index.js';
import { italianDate } from '../../domain/clock.js';

export interface IcsOptions {
  /** What the slot is for: the course, service or lab title. */
  title: string;
  location: string;
  lang: 'it' | 'en';
}

/**
 * A one-event iCalendar file (RFC 5545) for a booking, for any calendar app. Times are UTC, so no
 * VTIMEZONE is needed; a whole-day slot is a DATE of the Italian calendar (end exclusive).
 */
export function bookingIcs(booking: Booking, slot: Slot, options: IcsOptions): string {
  const it = options.lang === 'it';
  const details = [
    `${it ? 'Prenotazione' : 'Booking'} ${booking.code}`,
    booking.groupSize > 1 ? (it ? `${booking.groupSize} persone` : `${booking.groupSize} people`) : undefined,
    booking.className ? `${it ? 'Classe' : 'Class'} ${booking.className}` : undefined,
    slot.lab,
    booking.status === 'waitlisted' ? (it ? "In lista d'attesa" : 'On the waitlist') : undefined,
    slot.notes,
  ].filter((d): d is string => Boolean(d));
  const when = slot.allDay ? allDay(slot) : [`DTSTART:${utc(slot.start)}`, `DTEND:${utc(slot.end)}`];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//LTO Mantova//Orienta//IT',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // The code is unique in the store: re-sent files update the same event instead of adding one.
    `UID:${booking.code}-${slot.id}@orienta.lto-mantova.it`,
    `DTSTAMP:${utc(booking.createdAt)}`,
    ...when,
    `SUMMARY:${text(options.title)}`,
    ...(options.location ? [`LOCATION:${text(options.location)}`] : []),
    `DESCRIPTION:${text(details.join('\n'))}`,
    `STATUS:${booking.status === 'confirmed' ? 'CONFIRMED' : booking.status === 'waitlisted' ? 'TENTATIVE' : 'CANCELLED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function utc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function allDay(slot: Slot): string[] {
  const start = italianDate(new Date(slot.start));
  let end = italianDate(new Date(slot.end));
  // The end is exclusive: a slot ending on the midnight that begins its day still lasts that day.
  if (end <= start) end = nextDay(start);
  return [`DTSTART;VALUE=DATE:${start.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${end.replace(/-/g, '')}`];
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // The first line holds 75 octets, continuations 74 after their leading space.
    if (size + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
