import { describe, expect, it } from 'vitest';
import { parseDatePhrase } from './italian-dates.js';

const TODAY = '2026-11-25';

describe('parseDatePhrase: months', () => {
  it('reads an Italian month still to come this year', () => {
    expect(parseDatePhrase('corsi a dicembre', TODAY)).toEqual({ from: '2026-12-01', to: '2026-12-31', matched: 'a dicembre' });
  });

  it('reads a month already past this year as next year', () => {
    expect(parseDatePhrase('corsi a gennaio', TODAY)).toEqual({ from: '2027-01-01', to: '2027-01-31', matched: 'a gennaio' });
    expect(parseDatePhrase('corsi di marzo', TODAY)).toEqual({ from: '2027-03-01', to: '2027-03-31', matched: 'di marzo' });
    expect(parseDatePhrase('settembre', TODAY)).toEqual({ from: '2027-09-01', to: '2027-09-30', matched: 'settembre' });
  });

  it('knows the length of February, leap years included', () => {
    expect(parseDatePhrase('a febbraio', TODAY)).toEqual({ from: '2027-02-01', to: '2027-02-28', matched: 'a febbraio' });
    expect(parseDatePhrase('a febbraio', '2027-06-10')).toEqual({ from: '2028-02-01', to: '2028-02-29', matched: 'a febbraio' });
  });

  it('reads the current month from today', () => {
    expect(parseDatePhrase('corsi a novembre', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-30', matched: 'a novembre' });
  });

  it('reads English months', () => {
    expect(parseDatePhrase('courses in march', TODAY)).toEqual({ from: '2027-03-01', to: '2027-03-31', matched: 'in march' });
    expect(parseDatePhrase('during december', TODAY)).toEqual({ from: '2026-12-01', to: '2026-12-31', matched: 'during december' });
    expect(parseDatePhrase('starting in jan', TODAY)).toEqual({ from: '2027-01-01', to: '2027-01-31', matched: 'in jan' });
  });

  it('needs whole words', () => {
    // "marzotto" is not March, "giugnolo" is not June.
    expect(parseDatePhrase('marzotto giugnolo', TODAY)).toBeNull();
  });
});

describe('parseDatePhrase: relative phrases', () => {
  it('reads "questo mese" to the end of the month', () => {
    expect(parseDatePhrase('corsi questo mese', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-30', matched: 'questo mese' });
    expect(parseDatePhrase('entro fine mese', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-30', matched: 'entro fine mese' });
  });

  it('reads "mese prossimo", crossing the year in December', () => {
    expect(parseDatePhrase('il mese prossimo', TODAY)).toEqual({ from: '2026-12-01', to: '2026-12-31', matched: 'il mese prossimo' });
    expect(parseDatePhrase('next month', '2026-12-10')).toEqual({ from: '2027-01-01', to: '2027-01-31', matched: 'next month' });
  });

  it('reads "dopo natale" as from 27 December for 45 days', () => {
    expect(parseDatePhrase('corsi dopo natale', TODAY)).toEqual({ from: '2026-12-27', to: '2027-02-10', matched: 'dopo natale' });
    expect(parseDatePhrase('dopo le feste', TODAY)).toEqual({ from: '2026-12-27', to: '2027-02-10', matched: 'dopo le feste' });
    expect(parseDatePhrase('after christmas', TODAY)).toEqual({ from: '2026-12-27', to: '2027-02-10', matched: 'after christmas' });
  });

  it('reads "dopo natale" after Christmas as from tomorrow', () => {
    expect(parseDatePhrase('dopo natale', '2026-12-30')).toEqual({ from: '2026-12-31', to: '2027-02-14', matched: 'dopo natale' });
  });

  it('reads "prossima settimana" as tomorrow to two weeks from today', () => {
    expect(parseDatePhrase('corsi la prossima settimana', TODAY)).toEqual({ from: '2026-11-26', to: '2026-12-09', matched: 'la prossima settimana' });
    expect(parseDatePhrase('settimana prossima', TODAY)).toEqual({ from: '2026-11-26', to: '2026-12-09', matched: 'settimana prossima' });
    expect(parseDatePhrase('next week', TODAY)).toEqual({ from: '2026-11-26', to: '2026-12-09', matched: 'next week' });
  });

  it('reads "in partenza" as the next 120 days', () => {
    expect(parseDatePhrase('corsi in partenza', TODAY)).toEqual({ from: '2026-11-25', to: '2027-03-25', matched: 'in partenza' });
    expect(parseDatePhrase('upcoming courses', TODAY)).toEqual({ from: '2026-11-25', to: '2027-03-25', matched: 'upcoming' });
  });
});

describe('parseDatePhrase: no date', () => {
  it('returns null when there is no date phrase', () => {
    expect(parseDatePhrase('corsi di saldatura a mantova', TODAY)).toBeNull();
    expect(parseDatePhrase('', TODAY)).toBeNull();
  });
});

describe('the English "may"', () => {
  it('is the verb when bare and the month after a preposition', () => {
    expect(parseDatePhrase('may i still enrol in the welding course', '2026-11-25')).toBeNull();
    expect(parseDatePhrase('courses starting in may', '2026-11-25')).toMatchObject({ from: '2027-05-01', to: '2027-05-31' });
  });
});

describe('parseDatePhrase: days and weekdays', () => {
  // TODAY, 2026-11-25, is a Wednesday.
  it('reads oggi, domani, dopodomani', () => {
    expect(parseDatePhrase('corsi oggi', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-25', matched: 'oggi' });
    expect(parseDatePhrase('appuntamento domani', TODAY)).toEqual({ from: '2026-11-26', to: '2026-11-26', matched: 'domani' });
    expect(parseDatePhrase('dopodomani', TODAY)).toEqual({ from: '2026-11-27', to: '2026-11-27', matched: 'dopodomani' });
    expect(parseDatePhrase('tomorrow morning', TODAY)).toEqual({ from: '2026-11-26', to: '2026-11-26', matched: 'tomorrow' });
  });

  it('reads "sabato prossimo" as the coming Saturday, never today', () => {
    expect(parseDatePhrase('prenota sabato prossimo', TODAY)).toEqual({ from: '2026-11-28', to: '2026-11-28', matched: 'sabato prossimo' });
    expect(parseDatePhrase('next saturday', TODAY)).toEqual({ from: '2026-11-28', to: '2026-11-28', matched: 'next saturday' });
    expect(parseDatePhrase('mercoledi prossimo', TODAY)).toEqual({ from: '2026-12-02', to: '2026-12-02', matched: 'mercoledi prossimo' });
    expect(parseDatePhrase('la prossima domenica', TODAY)).toEqual({ from: '2026-11-29', to: '2026-11-29', matched: 'prossima domenica' });
  });

  it('reads "questo venerdi" and a bare weekday as the next one, today included', () => {
    expect(parseDatePhrase('questo venerdi', TODAY)).toEqual({ from: '2026-11-27', to: '2026-11-27', matched: 'questo venerdi' });
    expect(parseDatePhrase('vengo mercoledi', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-25', matched: 'mercoledi' });
    expect(parseDatePhrase('entro venerdi', TODAY)).toEqual({ from: '2026-11-25', to: '2026-11-27', matched: 'entro venerdi' });
  });

  it('leaves habits alone: "il sabato" is opening hours, not a date', () => {
    expect(parseDatePhrase('aperto il sabato', TODAY)).toBeNull();
    expect(parseDatePhrase('ogni lunedi', TODAY)).toBeNull();
  });

  it('reads the weekend and the end of the year', () => {
    expect(parseDatePhrase('questo weekend', TODAY)).toEqual({ from: '2026-11-28', to: '2026-11-29', matched: 'questo weekend' });
    expect(parseDatePhrase('nel fine settimana', TODAY)).toEqual({ from: '2026-11-28', to: '2026-11-29', matched: 'nel fine settimana' });
    expect(parseDatePhrase('entro fine anno', TODAY)).toEqual({ from: '2026-11-25', to: '2026-12-31', matched: 'entro fine anno' });
  });
});
