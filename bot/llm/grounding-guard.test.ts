import { describe, expect, it } from 'vitest';
import { findActionClaims } from './action-claims.js';
import { checkGrounding } from './grounding-guard.js';

const course = `course C001: Coding base
startDate: 2027-01-12; endDate: 2027-02-16; schedule: martedì 14:30-18:30; cost: 120; site S02
contatti: orientamento@lto.mantova.it, tel. +39 0376 123456, https://www.lto.mantova.it/corsi/c001`;

describe('checkGrounding', () => {
  it('accepts facts restated in another format', () => {
    const answer =
      'Coding base (C001) inizia martedì 12 gennaio 2027 (12/01/2027) alle 14:30, finisce il 16 febbraio e costa 120,00 €. ' +
      'Info: 0376-123456, Orientamento@lto.mantova.it, lto.mantova.it. Sede S02.';
    expect(checkGrounding(answer, [course])).toEqual({ ok: true, violations: [] });
  });

  it('names each fact no source holds', () => {
    const { ok, violations } = checkGrounding('Coding base (C009) inizia il 15/01/2027, costa € 90, tel. 333 1234567, alle 15:00.', [course]);
    expect(ok).toBe(false);
    expect(violations).toEqual([
      'date "15/01/2027" is in no source',
      'amount "€ 90" is in no source',
      'time "15:00" is in no source',
      'phone "333 1234567" is in no source',
      'code "C009" is in no source',
    ]);
  });

  it('accepts a year-less date only when a source has that day', () => {
    expect(checkGrounding('Inizia il 12 gennaio.', [course]).ok).toBe(true);
    expect(checkGrounding('Inizia il 13 gennaio.', [course]).ok).toBe(false);
    expect(checkGrounding('Starts in January 2027.', [course]).ok).toBe(true);
    expect(checkGrounding('Starts in March 2027.', [course]).ok).toBe(false);
    // The source itself may give the day without a year.
    expect(checkGrounding('Il 24 aprile non c’è lezione.', ['schedule: sabato 9:00-13:00 (escluso il 24 aprile)']).ok).toBe(true);
    expect(checkGrounding('Il 25 aprile non c’è lezione.', ['schedule: sabato 9:00-13:00 (escluso il 24 aprile)']).ok).toBe(false);
  });

  it('accepts a site shortened from a source URL, not a page added to it', () => {
    expect(checkGrounding('Vedi https://lto.mantova.it', [course]).ok).toBe(true);
    expect(checkGrounding('Vedi https://lto.mantova.it/iscrizioni', [course]).ok).toBe(false);
  });

  it('takes "gratuito" as a price: true only for a free record', () => {
    expect(checkGrounding('Il corso è gratuito.', [course]).violations).toEqual(['amount "gratuito" is in no source']);
    expect(checkGrounding('Il corso è gratuito.', ['course C010: Saldatura\ncost: 0']).ok).toBe(true);
  });

  it('accepts an answer with no checkable fact against no source', () => {
    expect(checkGrounding('Non ho trovato corsi adatti: vuoi parlare con un operatore?', [])).toEqual({ ok: true, violations: [] });
  });

  it('rejects a claimed booking whatever the sources say', () => {
    const { ok, violations } = checkGrounding('Ho prenotato il posto per te al corso C001.', [course, 'Prenotazione confermata']);
    expect(ok).toBe(false);
    expect(violations).toEqual(['action claimed "Ho prenotato": nothing is booked or cancelled before the user confirms']);
  });
});

describe('findActionClaims', () => {
  it.each([
    'Ho prenotato 2 posti.',
    'Ti ho iscritto al corso.',
    "L'ho prenotato per te.",
    'Abbiamo già riservato il laboratorio.',
    'La tua prenotazione è stata confermata.',
    'Prenotazione effettuata!',
    'Sei iscritto al corso.',
    'Il posto è stato prenotato.',
    'Ho cancellato la prenotazione.',
    "I've booked two places.",
    'I have booked the lab for you.',
    'You are now enrolled.',
    'Your booking is confirmed.',
    'The slot has been booked.',
  ])('claim: %s', (text) => {
    expect(findActionClaims(text)).toHaveLength(1);
  });

  it.each([
    'Vuoi che prenoti un posto? Te lo chiederò di confermare.',
    'Ho registrato la tua richiesta: confermi la prenotazione di 2 posti?',
    'Il corso è riservato ai residenti della provincia.',
    'Non ho prenotato nulla: prima devi confermare.',
    'Posso proporti una prenotazione; la confermerai nel prossimo messaggio.',
    'Would you like me to book it? You will be asked to confirm.',
    'Once you confirm, the booking will be made.',
    'Places are reserved for schools; have you booked before?',
  ])('not a claim: %s', (text) => {
    expect(findActionClaims(text)).toEqual([]);
  });
});
