import { describe, expect, it } from 'vitest';
import { extractFacts, parseAmount, type FactKind } from './facts.js';

const keys = (text: string, mode: 'claim' | 'source' = 'claim') => extractFacts(text, mode).map((f) => `${f.kind}:${f.key}`);
const only = (kind: FactKind, text: string) => extractFacts(text).filter((f) => f.kind === kind).map((f) => f.key);

describe('extractFacts: dates', () => {
  it.each([
    ['Inizia il 12/01/2027.', '2027-01-12'],
    ['Inizia il 2/3/2027', '2027-03-02'],
    ['Inizia il 12.01.2027', '2027-01-12'],
    ['Inizia il 12-01-2027', '2027-01-12'],
    ['Inizia il 12/01/27', '2027-01-12'],
    ['Start: 2027-01-12', '2027-01-12'],
    ['start 2027-01-12T14:30:00+01:00', '2027-01-12'],
    ['martedì 12 gennaio 2027', '2027-01-12'],
    ['dal 1° marzo 2027', '2027-03-01'],
    ['Starts on 12 January 2027', '2027-01-12'],
    ['Starts on January 12, 2027', '2027-01-12'],
    ['Starts on January 12th', '--01-12'],
    ['on the 12th of January', '--01-12'],
    ['Starts 12 Jan 2027', '2027-01-12'],
    ['entro il 20 dicembre', '--12-20'],
    ['iscrizioni entro il 20/12', '--12-20'],
    ['da marzo 2027', '2027-03'],
    ['from March 2027', '2027-03'],
    ['il 12 Gennaio 2027', '2027-01-12'],
  ])('%s -> %s', (text, key) => {
    expect(only('date', text)).toEqual([key]);
  });

  it('reads both ends of a range that has them', () => {
    expect(only('date', 'dal 12/01/2027 al 16/02/2027')).toEqual(['2027-01-12', '2027-02-16']);
  });

  it('does not read impossible dates', () => {
    expect(only('date', 'il 45/13/2027 e il 2027-13-40')).toEqual([]);
  });
});

describe('extractFacts: amounts', () => {
  it.each([
    ['costa 120 €', '120'],
    ['costa 120€', '120'],
    ['costa € 350', '350'],
    ['costa €350.00', '350'],
    ['costa 120,00 euro', '120'],
    ['costa 120 Euro', '120'],
    ['costa EUR 90', '90'],
    ['quota: 1.200,50 €', '1200.5'],
    ['fee € 1,200.50', '1200.5'],
    ['costa € 1.200', '1200'],
    ['costa 120 €', '120'],
    ['il corso è gratuito', '0'],
    ['it is free of charge', '0'],
    ['the course is free.', '0'],
    ["it's completely free", '0'],
  ])('%s -> %s', (text, key) => {
    expect(only('amount', text)).toEqual([key]);
  });

  it('parses Italian and English number styles', () => {
    expect([parseAmount('1.200'), parseAmount('1,200'), parseAmount('350.00'), parseAmount('120,5'), parseAmount('1.200,50')]).toEqual([1200, 1200, 350, 120.5, 1200.5]);
  });
});

describe('extractFacts: phones, emails, URLs, codes, times', () => {
  it.each([
    ['tel. 0376 123456', '0376123456'],
    ['tel. 0376123456', '0376123456'],
    ['tel. 0376.123456', '0376123456'],
    ['tel. 0376-123456', '0376123456'],
    ['tel. +39 0376 123456', '0376123456'],
    ['tel. 0039 0376 123456', '0376123456'],
    ['cell. 333 1234567', '3331234567'],
    ['cell. +39 333 123 4567', '3331234567'],
    ['tel. (0376) 12 34 56', '0376123456'],
    ['numero verde 800 123456', '800123456'],
    ['tel. 02 1234567', '021234567'],
  ])('phone %s -> %s', (text, key) => {
    expect(only('phone', text)).toEqual([key]);
  });

  it('does not glue a following number to a phone', () => {
    expect(only('phone', 'chiama 0376 123456 24 ore su 24')).toEqual(['0376123456']);
  });

  it('reads emails, lower-cased, and not as URLs', () => {
    expect(keys('Scrivi a Orientamento@LTO.Mantova.it.')).toEqual(['email:orientamento@lto.mantova.it']);
  });

  it.each([
    ['vedi https://www.lto.mantova.it/corsi/', 'lto.mantova.it/corsi'],
    ['vedi http://lto.mantova.it/corsi?id=1.', 'lto.mantova.it/corsi?id=1'],
    ['vedi www.comune.mantova.it, poi', 'comune.mantova.it'],
    ['vedi informagiovani.mantova.it', 'informagiovani.mantova.it'],
  ])('url %s -> %s', (text, key) => {
    expect(only('url', text)).toEqual([key]);
  });

  it.each([['C001'], ['S02'], ['SV01'], ['I01'], ['SL001'], ['MNIS01100E'], ['LTO-7K3P']])('code %s', (code) => {
    expect(only('code', `Il codice è ${code}, come da scheda.`)).toEqual([code]);
  });

  it('does not read a code inside a URL or an email', () => {
    expect(only('code', 'https://lto.mantova.it/corsi/C001 e c001@lto.it')).toEqual([]);
  });

  it.each([
    ['alle 14:30', '14:30'],
    ['alle 9:00', '9:00'],
    ['dalle 09:00', '9:00'],
    ['alle 14.30', '14:30'],
    ['at 18:30', '18:30'],
    ['at 2:30 pm', '14:30'],
    ['at 9:15 a.m.', '9:15'],
    ['at 12:00 am', '0:00'],
  ])('time %s -> %s', (text, key) => {
    expect(only('time', text)).toEqual([key]);
  });

  it('reads a schedule as two times', () => {
    expect(only('time', 'martedì 14:30-18:30')).toEqual(['14:30', '18:30']);
  });
});

describe('extractFacts: no false positives on ordinary text', () => {
  it.each([
    'La classe 4B viene con 24 studenti.',
    'Corso di stampa 3D e modellazione.',
    'Livello B1 o B2 di inglese, 24 ore in 6 incontri.',
    'Il servizio è attivo 24/7.',
    'Industria 4.0 e Python 3.12 per il 20% del tempo.',
    'Ci vediamo alle 9 in aula 12.',
    'Il corso è riservato a 20 partecipanti dai 14 anni.',
    'You may bring a friend; march to the lab with 3 people.',
    'Classi 3A e 5C, terzo anno, 2° livello.',
    'Paga con il modello F24; uscita A22.',
    'Feel free to ask: there are 120 places and 30000 visitors.',
    'Scrivi il tuo nome e cognome.',
    '3 places are free; the lab is free on Tuesday.',
  ])('%s', (text) => {
    expect(keys(text)).toEqual([]);
  });
});

describe('extractFacts: sources', () => {
  it('reads record fields a model would restate', () => {
    expect(keys('cost: 0; "price":120; orario 14.30; ore 9; start 2027-01-12T14:30:00+01:00', 'source')).toEqual(
      expect.arrayContaining(['amount:0', 'amount:120', 'time:14:30', 'time:9:00', 'date:2027-01-12']),
    );
  });

  it('reads "gratuito" in a record as a cost of 0', () => {
    expect(keys('Corso gratuito per disoccupati', 'source')).toEqual(['amount:0']);
    expect(keys('price: free', 'source')).toEqual(['amount:0']);
  });

  it('does not read free places as a free price', () => {
    expect(keys('7 places free, free parking', 'source')).toEqual([]);
  });
});
