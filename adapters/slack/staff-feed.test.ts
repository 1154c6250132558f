import { describe, expect, it } from 'vitest';
import type { Booking } from '../../domain/ports.js';
import { Slot } from '../../domain/model/index.js';
import { feedLine } from './staff-feed.js';

const slot = Slot.parse({ id: 'SL068', kind: 'lab', ref: 'S02', site: 'S02', lab: 'FabLab', start: '2027-01-28T09:00:00+01:00', end: '2027-01-28T11:00:00+01:00', capacity: 16, taken: 12 });
const booking: Booking = { code: 'LTO-7K3P', slotId: 'SL068', userId: 'teams:29:abc', channel: 'teams', name: 'Prof. Anna Bianchi', contact: 'anna@example.it', groupSize: 12, className: '4B', status: 'confirmed', createdAt: '2026-11-25T09:00:00Z' };

describe('the staff feed line', () => {
  it('says what happened, to what, when, the seats and the channel — and nothing about the person', () => {
    const it = feedLine({ type: 'booked', booking, slot }, 'it');
    expect(it).toBe('*Nuova prenotazione* LTO-7K3P · laboratorio S02 (FabLab) · giovedì 28 gennaio 2027 alle ore 09:00 · posti occupati 12/16 · gruppo di 12 · canale teams');
    expect(it).not.toMatch(/Anna|Bianchi|anna@|4B|teams:29/);
    expect(feedLine({ type: 'cancelled', booking: { ...booking, groupSize: 1 }, slot }, 'en')).toBe('*Booking cancelled* LTO-7K3P · lab session S02 (FabLab) · Thursday, 28 January 2027 at 09:00 · seats taken 12/16 · channel teams');
  });

  it('names the waitlist and the promotions', () => {
    expect(feedLine({ type: 'waitlisted', booking: { ...booking, status: 'waitlisted', waitlistPosition: 2 }, slot }, 'it')).toMatch(/^\*In lista d’attesa\* LTO-7K3P · .* · posizione 2 in lista · canale teams$/);
    expect(feedLine({ type: 'promoted', booking, slot }, 'it')).toMatch(/^\*Dalla lista d’attesa a confermata\* LTO-7K3P/);
  });
});
