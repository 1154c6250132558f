import { describe, expect, it } from 'vitest';
import { date, decimal, integer, isPlaceholder, list, price, priceWithNote, text, textOrNone, time, website, yesNo, email } from './parse-values.js';

describe('Italian cell parsers', () => {
  it('reads dd/mm/yyyy and d/m/yyyy dates, and refuses days a month does not have', () => {
    expect(date('13/01/2027')).toEqual({ value: '2027-01-13' });
    expect(date('3/2/2027')).toEqual({ value: '2027-02-03' });
    expect(date('29/02/2028')).toEqual({ value: '2028-02-29' });
    expect(date('')).toEqual({ value: undefined });
    expect(date('31/02/2027')).toEqual({ error: '"31/02/2027" is not a date (dd/mm/yyyy)' });
    expect(date('29/02/2027')).toHaveProperty('error');
    expect(date('13/13/2027')).toHaveProperty('error');
    expect(date('2027/01/13')).toHaveProperty('error');
  });

  it('reads times with a colon or a dot', () => {
    expect(time('9:00')).toEqual({ value: '09:00' });
    expect(time('09.30')).toEqual({ value: '09:30' });
    expect(time('24:00')).toHaveProperty('error');
    expect(time('9')).toHaveProperty('error');
    expect(time(' ')).toEqual({ value: undefined });
  });

  it('reads prices as euro, free as 0', () => {
    expect(price('Gratuito')).toEqual({ value: 0 });
    expect(price('gratis')).toEqual({ value: 0 });
    expect(price('0')).toEqual({ value: 0 });
    expect(price('120,00 €')).toEqual({ value: 120 });
    expect(price('€ 350')).toEqual({ value: 350 });
    expect(price('1.250,50 €')).toEqual({ value: 1250.5 });
    expect(price('troppo')).toHaveProperty('error');
  });

  it('keeps the words around a price as a note and never calls free what may cost', () => {
    expect(priceWithNote('120,00 €')).toEqual({ value: { amount: 120 } });
    expect(priceWithNote('30,00 € (materiali)')).toEqual({ value: { amount: 30, note: '30,00 € (materiali)' } });
    expect(priceWithNote('Gratuito con Dote Unica Lavoro; altrimenti 900,00 €')).toEqual({
      value: { amount: 900, note: 'Gratuito con Dote Unica Lavoro; altrimenti 900,00 €' },
    });
    expect(priceWithNote('Tasse universitarie secondo reddito')).toHaveProperty('error');
  });

  it('reads yes/no and checkbox columns', () => {
    for (const yes of ['Sì', 'Si', 'SI', 'X', 'x']) expect(yesNo(yes)).toEqual({ value: true });
    for (const no of ['No', 'NO', '']) expect(yesNo(no)).toEqual({ value: false });
    expect(yesNo('forse')).toHaveProperty('error');
  });

  it('reads whole and decimal numbers', () => {
    expect(integer('15')).toEqual({ value: 15 });
    expect(integer('1.000')).toEqual({ value: 1000 });
    expect(integer('12,5')).toEqual({ error: '"12,5" is not a whole number' });
    expect(decimal('12,5')).toEqual({ value: 12.5 });
    expect(decimal('circa 10')).toHaveProperty('error');
  });

  it('splits lists on ";" when there is one, else on ","', () => {
    expect(list('S15, S16, ,S17')).toEqual({ value: ['S15', 'S16', 'S17'] });
    expect(list('Officine del Mincio S.r.l.; Rossi, Bianchi & C.')).toEqual({ value: ['Officine del Mincio S.r.l.', 'Rossi, Bianchi & C.'] });
    expect(list("Il tuo curriculum, se ce l'hai")).toEqual({ value: ["Il tuo curriculum, se ce l'hai"] });
    expect(list('')).toEqual({ value: undefined });
  });

  it('treats placeholders as empty', () => {
    for (const p of ['Non Disponibile', '-', 'n.d.', 'N.D.', 'n/d']) {
      expect(isPlaceholder(p)).toBe(true);
      expect(text(p)).toEqual({ value: undefined });
    }
    expect(isPlaceholder('Nessuno')).toBe(false);
    expect(textOrNone('Nessuno')).toEqual({ value: undefined });
    expect(text('  riga 1\nriga 2 ')).toEqual({ value: 'riga 1\nriga 2' });
  });

  it('mends registry web sites and lower-cases emails', () => {
    expect(website('https//www.iccastellucchio.edu.it')).toEqual({ value: 'https://www.iccastellucchio.edu.it' });
    expect(website('http//www.icparazziviadana.gov.it/')).toEqual({ value: 'http://www.icparazziviadana.gov.it/' });
    expect(website('WWW.ICBOZZOLO.GOV.IT')).toEqual({ value: 'www.icbozzolo.gov.it' });
    expect(website('https//icmantova1.edu.it/Primaria-Allende/')).toEqual({ value: 'https://icmantova1.edu.it/Primaria-Allende/' });
    expect(email('MN1A00900R@GMAIL.COM')).toEqual({ value: 'mn1a00900r@gmail.com' });
  });
});
