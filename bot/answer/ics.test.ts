import { describe, expect, it } from 'vitest';
import type { Booking } from '../../domain/ports.js';
import { Slot } from '../../domain/model/index.js';
import { bookingIcs } from './ics.js';

const booking: Booking = {
  code: 'LTO-7K3P',
  slotId: 'SL067',
  userId: 'tg:1',
  channel: 'telegram',
  name: 'Prof. Bianchi',
  groupSize: 24,
  className: '4B',
  status: 'confirmed',
  createdAt: '2026-11-25T09:15:30.123Z',
};
const lab = Slot.parse({ id: 'SL067', kind: 'lab', ref: 'S02', site: 'S02', lab: 'FabLab', start: '2026-12-03T09:00:00+01:00', end: '2026-12-03T11:00:00+01:00', capacity: 30, taken: 0 });
const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const field = (ics: string, name: string) => unfold(ics).split('\r\n').find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('bookingIcs', () => {
  it('writes one VEVENT with CRLF lines, a stable UID, DTSTAMP and UTC times', () => {
    const ics = bookingIcs(booking, lab, { title: 'FabLab Fermi', location: 'ITIS Fermi, Mantova', lang: 'it' });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(field(ics, 'UID')).toBe('UID:LTO-7K3P-SL067@orienta.lto-mantova.it');
    expect(field(ics, 'DTSTAMP')).toBe('DTSTAMP:20261125T091530Z');
    // 09:00 in Mantova in winter is 08:00 UTC.
    expect(field(ics, 'DTSTART')).toBe('DTSTART:20261203T080000Z');
    expect(field(ics, 'DTEND')).toBe('DTEND:20261203T100000Z');
    expect(field(ics, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(field(ics, 'DESCRIPTION')).toBe('DESCRIPTION:Prenotazione LTO-7K3P\\n24 persone\\nClasse 4B\\nFabLab');
    expect(bookingIcs(booking, lab, { title: 'x', location: '', lang: 'en' })).toContain('Booking LTO-7K3P\\n24 people\\nClass 4B');
    expect(bookingIcs(booking, lab, { title: 'x', location: '', lang: 'en' })).not.toContain('LOCATION');
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    const ics = bookingIcs(booking, lab, { title: 'Robotica; livello 1, base \\ avanzato', location: 'Via Roma 1,\nSuzzara', lang: 'it' });
    expect(field(ics, 'SUMMARY')).toBe('SUMMARY:Robotica\\; livello 1\\, base \\\\ avanzato');
    expect(field(ics, 'LOCATION')).toBe('LOCATION:Via Roma 1\\,\\nSuzzara');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const title = 'Corso di saldatura è più pratica: '.repeat(6);
    const ics = bookingIcs(booking, lab, { title, location: '', lang: 'it' });
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(field(ics, 'SUMMARY')).toBe(`SUMMARY:${title}`);
    expect(ics).not.toContain('\uFFFD');
  });

  it('writes a whole-day slot as DATE values of the Italian calendar, end exclusive', () => {
    const day = Slot.parse({ id: 'P001', kind: 'course', ref: 'C001', site: 'S02', start: '2027-01-13T00:00:00+01:00', end: '2027-01-14T00:00:00+01:00', allDay: true, capacity: 15, taken: 6 });
    const ics = bookingIcs({ ...booking, status: 'waitlisted', groupSize: 1 }, day, { title: 'Iscrizione', location: 'Mantova', lang: 'en' });
    expect(field(ics, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270113');
    expect(field(ics, 'DTEND')).toBe('DTEND;VALUE=DATE:20270114');
    expect(field(ics, 'STATUS')).toBe('STATUS:TENTATIVE');
    expect(field(ics, 'DESCRIPTION')).toContain('On the waitlist');
    // Summer time: midnight in Mantova is 22:00 UTC the day before, and still the same day here.
    const summer = Slot.parse({ ...day, start: '2027-06-10T00:00:00+02:00', end: '2027-06-11T00:00:00+02:00' });
    expect(field(bookingIcs(booking, summer, { title: 'x', location: '', lang: 'it' }), 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270610');
  });
});
