import { describe, expect, it } from 'vitest';
import type { Place } from '../../domain/ports.js';
import { comuneVocabulary, isVerbForm, understandQuery } from './query-understanding.js';

const MANTOVA: Place = { code: '020030', name: 'Mantova', lat: 45.1567, lon: 10.7917 };
const VIADANA: Place = { code: '020066', name: 'Viadana', lat: 44.926, lon: 10.5197 };
const SUZZARA: Place = { code: '020065', name: 'Suzzara', lat: 44.993, lon: 10.744 };
const OSTIGLIA: Place = { code: '020039', name: 'Ostiglia', lat: 45.069, lon: 11.136 };
const ASOLA: Place = { code: '020002', name: 'Asola', lat: 45.221, lon: 10.413 };
const CASTIGLIONE: Place = { code: '020017', name: 'Castiglione delle Stiviere', lat: 45.389, lon: 10.488 };
const PORTO: Place = { code: '020045', name: 'Porto Mantovano', lat: 45.188, lon: 10.787 };
const GONZAGA: Place = { code: '020027', name: 'Gonzaga', lat: 44.953, lon: 10.82 };

const COMUNI = [MANTOVA, VIADANA, SUZZARA, OSTIGLIA, ASOLA, CASTIGLIONE, PORTO, GONZAGA];
const vocabulary = comuneVocabulary(COMUNI);
const TODAY = '2026-11-25';
const understand = (raw: string) => understandQuery(raw, TODAY, vocabulary);

describe('comuneVocabulary', () => {
  it('folds names and gives long names a unique first-word alias', () => {
    const byCode = Object.fromEntries(vocabulary.map((c) => [c.code, c]));
    expect(byCode['020017']!.folded).toBe('castiglione delle stiviere');
    expect(byCode['020017']!.aliases).toEqual(['castiglione']);
    expect(byCode['020045']!.folded).toBe('porto mantovano');
    expect(byCode['020045']!.aliases).toEqual(['porto']);
    expect(byCode['020030']!.aliases).toEqual([]);
  });

  it('gives no alias when two comuni share the first word', () => {
    const v = comuneVocabulary([
      { code: '1', name: 'San Benedetto Po', lat: 0, lon: 0 },
      { code: '2', name: 'San Giorgio Bigarello', lat: 0, lon: 0 },
      { code: '3', name: 'Castel Goffredo', lat: 0, lon: 0 },
      { code: '4', name: 'Castellucchio', lat: 0, lon: 0 },
    ]);
    // "san" is too short, "castel" is long enough and unique among first words.
    expect(v.map((c) => c.aliases)).toEqual([[], [], ['castel'], []]);
  });
});

describe('understandQuery: comuni', () => {
  it('reads "a Viadana" as a comune filter and removes it from the topic', () => {
    const u = understand('corsi a Viadana');
    expect(u.filters).toEqual({ comune: VIADANA });
    expect(u.text).toBe('');
    expect(u.literal).toBe('');
    expect(u.text).not.toContain('viadana');
    expect(u.preferComuni).toEqual([]);
    expect(u.preferKinds).toEqual(['course']);
  });

  it('reads "vicino a Suzzara" as a 20 km proximity filter', () => {
    const u = understand('corsi vicino a Suzzara');
    expect(u.filters).toEqual({ near: { ...SUZZARA, radiusKm: 20 } });
    expect(u.filters.comune).toBeUndefined();
    expect(u.text).toBe('');
  });

  it('reads English "near Suzzara" the same way', () => {
    const u = understand('welding near Suzzara');
    expect(u.filters).toEqual({ near: { ...SUZZARA, radiusKm: 20 } });
    expect(u.text).toBe('welding saldatura');
    expect(u.literal).toBe('welding');
  });

  it('treats a bare comune name as a preference, kept in the text', () => {
    const u = understand('fablab viadana');
    expect(u.filters).toEqual({});
    expect(u.filters.comune).toBeUndefined();
    expect(u.preferComuni).toEqual([VIADANA]);
    expect(u.text).toBe('fablab viadana');
    expect(u.text.split(' ')).toContain('viadana');
    expect(u.preferKinds).toEqual(['site']);
  });

  it('does not read "porto mantovano" as Mantova', () => {
    const filtered = understand('corsi a porto mantovano');
    expect(filtered.filters).toEqual({ comune: PORTO });
    expect(filtered.preferComuni).toEqual([]);
    expect(filtered.text).toBe('');

    const bare = understand('fablab porto mantovano');
    expect(bare.filters).toEqual({});
    expect(bare.preferComuni).toEqual([PORTO]);
    expect(bare.preferComuni.map((p) => p.code)).not.toContain(MANTOVA.code);
  });

  it('still reads "Mantova" alone as Mantova', () => {
    const u = understand('corsi a Mantova');
    expect(u.filters).toEqual({ comune: MANTOVA });
  });

  it('reads the alias "castiglione" as Castiglione delle Stiviere', () => {
    const u = understand('corsi a castiglione');
    expect(u.filters).toEqual({ comune: CASTIGLIONE });
    expect(u.text).toBe('');

    const full = understand('corsi a Castiglione delle Stiviere');
    expect(full.filters).toEqual({ comune: CASTIGLIONE });
    expect(full.text).toBe('');
  });
});

describe('understandQuery: filters', () => {
  it('reads free, online and foreigners out of the text', () => {
    const u = understand('corsi gratis online per stranieri');
    expect(u.filters).toEqual({ freeOnly: true, online: true, audience: ['foreigners'] });
    expect(u.text).toBe('');
    expect(u.literal).toBe('');
  });

  it('reads "per principianti" as beginner level', () => {
    const u = understand('corso di inglese per principianti');
    expect(u.filters).toEqual({ level: 'beginner' });
    expect(u.literal).toBe('inglese');
  });

  it('reads "a gennaio" as next January', () => {
    const u = understand('corsi a gennaio');
    expect(u.filters).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(u.text).toBe('');
  });

  it('reads "questo mese" as today to the end of the month', () => {
    const u = understand('corsi questo mese');
    expect(u.filters).toEqual({ from: '2026-11-25', to: '2026-11-30' });
    expect(u.text).toBe('');
  });

  it('reads "iscrizioni aperte"', () => {
    const u = understand('corsi di saldatura con iscrizioni aperte');
    expect(u.filters).toEqual({ openForEnrolment: true });
    expect(u.literal).toBe('saldatura');
  });

  it('combines many filters in one query', () => {
    const u = understand('corsi gratis per stranieri vicino a Suzzara a gennaio');
    expect(u.filters).toEqual({
      near: { ...SUZZARA, radiusKm: 20 },
      audience: ['foreigners'],
      freeOnly: true,
      from: '2027-01-01',
      to: '2027-01-31',
    });
    expect(u.text).toBe('');
  });
});

describe('understandQuery: codes, synonyms, words', () => {
  it('finds record codes, upper-cased', () => {
    const u = understand('info su C001 e sv02');
    expect(u.codes).toEqual(['C001', 'SV02']);
    expect(u.codes).toContain('C001');
    expect(u.codes).toContain('SV02');
  });

  it('finds no codes in plain words', () => {
    expect(understand('corsi di saldatura').codes).toEqual([]);
  });

  it('expands "muletto" with the catalogue words', () => {
    const u = understand('muletto');
    expect(u.text).toBe('muletto carrello elevatore');
    expect(u.text.split(' ')).toEqual(expect.arrayContaining(['carrello', 'elevatore']));
    expect(u.literal).toBe('muletto');
  });

  it('expands English "welding course" to Italian', () => {
    const u = understand('welding course');
    expect(u.text).toBe('welding saldatura');
    expect(u.preferKinds).toContain('course');
    expect(u.text.split(' ')).toContain('saldatura');
    expect(u.literal).toBe('welding');
  });

  it('removes stopwords from literal', () => {
    const u = understand('vorrei un corso di saldatura per il lavoro');
    expect(u.literal).toBe('saldatura lavoro');
    for (const w of ['vorrei', 'un', 'di', 'per', 'il']) expect(u.literal.split(' ')).not.toContain(w);
  });

  it('does not expand words that are names on Object.prototype', () => {
    // Regression: SYNONYMS["constructor"] was the Object constructor and .split threw.
    for (const word of ['constructor', 'tostring', 'valueof', 'hasownproperty']) {
      const u = understand(`${word} course`);
      expect(u.text).toBe(word);
    }
  });

  it('survives SQL metacharacters and emoji', () => {
    const raw = "'; DROP TABLE courses; -- 🎓";
    let u: ReturnType<typeof understand> | undefined;
    expect(() => {
      u = understand(raw);
    }).not.toThrow();
    expect(u!.text).toMatch(/^[\p{L}\p{N} ]*$/u);
    expect(u!.text).toBe('drop table');
    expect(u!.literal).toBe('drop table');
    expect(u!.codes).toEqual([]);
    expect(u!.filters).toEqual({});
  });

  it('gives an empty topic for an empty or punctuation-only query', () => {
    for (const raw of ['', '   ', '?!…', '🎓🎓']) {
      const u = understand(raw);
      expect(u.text).toBe('');
      expect(u.literal).toBe('');
      expect(u.filters).toEqual({});
    }
  });
});

describe('understandQuery: a comune without coordinates', () => {
  it('reads "vicino a" as "in", since no distance can be measured', () => {
    const vocabulary = comuneVocabulary([{ code: '020047', name: 'Quistello', lat: null as unknown as number, lon: null as unknown as number }]);
    const u = understandQuery('corsi vicino a Quistello', '2026-11-25', vocabulary);
    expect(u.filters.near).toBeUndefined();
    expect(u.filters.comune?.code).toBe('020047');
  });
});

describe('understandQuery: the words a match is judged by', () => {
  it('leaves out words that only say what is wanted, and words with digits', () => {
    expect(understand('corso per diventare infermiere').cover).toEqual(['infermiere']);
    expect(understand('quando scade Mantova Innova Giovani?').cover).toEqual(['mantova', 'innova', 'giovani']);
    expect(understand('prenota il laboratorio di robotica per la 2A, 18 studenti').cover).toEqual(['laboratorio', 'robotica']);
  });

  it('keeps each word with its synonyms, as one word', () => {
    expect(understand('corso per il muletto').cover).toEqual(['muletto carrello elevatore']);
  });

  it('reads the name of a kind as a hint, not a topic', () => {
    const u = understand('sedi vicino a Suzzara');
    expect(u.literal).toBe('');
    expect(u.preferKinds).toEqual(['site']);
    expect(understand('eventi a dicembre')).toMatchObject({ literal: '', preferKinds: ['initiative'] });
  });

  it('reads "people" as no topic', () => {
    expect(understand('which courses are free for unemployed people?')).toMatchObject({ literal: '', cover: [], filters: { freeOnly: true, audience: ['unemployed'] } });
  });
});

describe('verb forms', () => {
  it('a verb with a pronoun or a gerund is no topic; nouns ending alike are', () => {
    for (const w of ['prenderlo', 'richiederlo', 'iscrivermi', 'frequentando', 'portandoli', 'candidarsi']) expect(isVerbForm(w), w).toBe(true);
    for (const w of ['reparti', 'esperti', 'commerci', 'esterne', 'fermi', 'quando', 'alimentare', 'infermiere']) expect(isVerbForm(w), w).toBe(false);
  });
});
