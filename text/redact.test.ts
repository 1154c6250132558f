import { describe, expect, it } from 'vitest';
import { keepPairs, redact } from './redact.js';

const keep = keepPairs(['IIS Enrico Fermi', 'Castel Goffredo', 'San Giorgio Bigarello', "Liceo Isabella d'Este"]);
const r = (text: string) => redact(text, { keep });

describe('redact', () => {
  it('replaces emails, also written the way people dodge spam filters', () => {
    expect(r('scrivete a mario.rossi@gmail.com')).toBe('scrivete a <email>');
    expect(r('Mario.Rossi+lto@Scuola.Edu.IT, grazie')).toBe('<email>, grazie');
    expect(r('mario.rossi(at)gmail.com o mario chiocciola gmail punto com')).toBe('<email> o <email>');
    expect(r('info [at] officine [dot] it')).toBe('<email>');
  });

  it('replaces Italian and foreign phone numbers however they are grouped, but not dates, years or counts', () => {
    expect(r('chiamatemi al 333 123 4567')).toBe('chiamatemi al <telefono>');
    expect(r('cell. 3331234567 oppure +39 0376 123456')).toBe('cell. <telefono> oppure <telefono>');
    expect(r('0039-345-12.34.567')).toBe('<telefono>');
    expect(r('ufficio (0376) 22 33 44')).toBe('ufficio <telefono>');
    expect(r('0376/123456')).toBe('<telefono>');
    expect(r('my number is +44 20 7946 0958')).toBe('my number is <telefono>');
    expect(r('corsi dal 03/12/2026 al 15/02/2027')).toBe('corsi dal 03/12/2026 al 15/02/2027');
    expect(r('anno scolastico 2026 2027, 24 studenti, 300 ore')).toBe('anno scolastico 2026 2027, 24 studenti, 300 ore');
    expect(r('il 2026-11-25 alle 10:30')).toBe('il 2026-11-25 alle 10:30');
  });

  it('replaces fiscal codes (omocodia too), IBANs, long numbers and handles', () => {
    expect(r('il mio codice fiscale è RSSMRA80A01E897X')).toBe('il mio codice fiscale è <codice-fiscale>');
    expect(r('cf rssmra80a01e89tx')).toBe('cf <codice-fiscale>');
    expect(r('IBAN IT60 X054 2811 1010 0000 0123 456')).toBe('IBAN <iban>');
    expect(r('pratica numero 12345678')).toBe('pratica numero <numero>');
    expect(r('scrivimi su telegram @mario_rossi99')).toBe('scrivimi su telegram <utente>');
    // A word of 16 letters is no fiscal code.
    expect(r('precipitevolissimevolmente')).toBe('precipitevolissimevolmente');
  });

  it('replaces booking codes, but not "LTO" followed by a word', () => {
    expect(r('annulla LTO-7K3P per favore')).toBe('annulla <codice-prenotazione> per favore');
    expect(r('annulla lto kmpr')).toBe('annulla <codice-prenotazione>');
    expect(r('cancel:LTO-KMPR')).toBe('cancel:<codice-prenotazione>');
    expect(r('la rete LTO sede di Mantova')).toBe('la rete LTO sede di Mantova');
  });

  it('replaces birth dates after the words that introduce them, and leaves other dates alone', () => {
    expect(r('sono nata il 12/03/2008 a Mantova')).toBe('sono nata il <data-di-nascita> a Mantova');
    expect(r('nato a Viadana il 3 marzo 2009')).toBe('nato a Viadana il <data-di-nascita>');
    expect(r('born on March 3, 2008')).toBe('born on <data-di-nascita>');
    expect(r('il corso inizia il 12 gennaio 2027')).toBe('il corso inizia il 12 gennaio 2027');
  });

  it('replaces street addresses, but not courses, "via email" or a square without a name', () => {
    expect(r('abito in via Roma 12, Mantova')).toBe('abito in <indirizzo>, Mantova');
    expect(r('abito in via roma 12/a a Suzzara')).toBe('abito in <indirizzo> a Suzzara');
    expect(r('Corso Vittorio Emanuele II 15')).toBe('<indirizzo>');
    expect(r('vicino a piazza Sordello')).toBe('vicino a <indirizzo>');
    expect(r('via della Repubblica, 3')).toBe('<indirizzo>');
    expect(r('I live at 12 Baker Street')).toBe('I live at <indirizzo>');
    expect(r('corso di saldatura a Mantova')).toBe('corso di saldatura a Mantova');
    expect(r('corso C014 mi iscrivo')).toBe('corso C014 mi iscrivo');
    expect(r('corso Excel base')).toBe('corso Excel base');
    expect(r('ci sentiamo via email')).toBe('ci sentiamo via email');
    expect(r('in piazza ci sono 3 sedi')).toBe('in piazza ci sono 3 sedi');
  });

  it('replaces names after "mi chiamo", "sono", a title, or around a known given name', () => {
    expect(r('mi chiamo Giulia Rossi e vorrei iscrivermi')).toBe('mi chiamo <nome> e vorrei iscrivermi');
    expect(r('mi chiamo giulia rossi')).toBe('mi chiamo <nome>');
    expect(r('Ciao, sono Luca Neri, il mio numero è 333 123 4567')).toBe('Ciao, sono <nome>, il mio numero è <telefono>');
    expect(r('my name is sarah connor')).toBe('my name is <nome>');
    expect(r("I'm John Smith from London")).toBe("I'm <nome> from London");
    expect(r('Prof.ssa Anna Bianchi, classe 4B')).toBe('<nome>, classe 4B');
    expect(r('sono la prof. Tagliaferri della 4B')).toBe('sono la <nome> della 4B');
    expect(r('per mia figlia giulia, 15 anni')).toBe('per mia figlia <nome>, 15 anni');
    expect(r('Rossi Giulia')).toBe('<nome>');
    expect(r('Gurpreet Kaur cerca un corso di italiano')).toBe('<nome> cerca un corso di italiano');
    expect(r('nome: Ionut Popescu')).toBe('nome: <nome>');
    expect(r('Chiara Ferrari')).toBe('<nome>');
  });

  it('keeps what only looks like a name: words, nationalities, schools and towns', () => {
    expect(r('risposta chiara, grazie')).toBe('risposta chiara, grazie');
    expect(r('I am Italian and unemployed')).toBe('I am Italian and unemployed');
    expect(r('sono di Suzzara e sono interessato')).toBe('sono di Suzzara e sono interessato');
    expect(r("all'IIS Enrico Fermi di Mantova")).toBe("all'IIS Enrico Fermi di Mantova");
    expect(r('corsi a Castel Goffredo o a San Giorgio Bigarello')).toBe('corsi a Castel Goffredo o a San Giorgio Bigarello');
    expect(r('prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio')).toBe('prenota il FabLab del Fermi per la mia 4B, 24 studenti, a gennaio');
    expect(r('corsi di stampa 3d a viadana')).toBe('corsi di stampa 3d a viadana');
  });

  it('takes a whole answer as a name or a contact when that is what the assistant asked for', () => {
    expect(redact('Tagliaferri Ornella', { whole: 'name' })).toBe('<nome>');
    expect(redact('Wang Xiu', { whole: 'name' })).toBe('<nome>');
    expect(redact('annulla', { whole: 'name' })).toBe('annulla');
    expect(redact('voglio parlare con una persona adesso', { whole: 'name' })).toBe('voglio parlare con una persona adesso');
    expect(redact('333 12 34 567', { whole: 'contact' })).toBe('<telefono>');
    expect(redact('mario at casa 12', { whole: 'contact' })).toBe('<contatto>');
  });

  it('leaves no digit of a phone and no part of an email in a long mixed message', () => {
    const text =
      'Buongiorno, sono Marco Bianchi (RSSMRA80A01E897X), abito in via Verdi 4 a Suzzara. Mia figlia Sofia, nata il 02/05/2010, ' +
      'vorrebbe il corso C014: scrivetemi a marco.b@example.com o chiamate il 347-555-1234. Prenotazione LTO-7K3P.';
    const out = r(text);
    for (const leaked of ['Marco', 'Bianchi', 'RSSMRA', 'Verdi', 'Sofia', '02/05/2010', 'marco.b', 'example.com', '347', '555', '1234', '7K3P']) expect(out).not.toContain(leaked);
    expect(out).toContain('corso C014');
    expect(out).toContain('Suzzara');
  });
});
