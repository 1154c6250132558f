import { describe, expect, it } from 'vitest';
import { allMatches, eachOf, firstMatch, oneOf } from './keywords.js';
import { AUDIENCE, LANGUAGE, LEVEL, MODE } from './mappings/lto-vocabulary.js';

describe('keyword tables', () => {
  it('match whole words, ignoring case and accents', () => {
    expect(firstMatch('Blended (in presenza e online)', MODE)).toBe('blended');
    expect(firstMatch('IN PRESENZA', MODE)).toBe('presence');
    expect(firstMatch('Post-diploma (ITS)', LEVEL)).toBe('advanced');
    expect(firstMatch('Diploma', LEVEL)).toBe('intermediate');
    expect(allMatches('Adulti occupati e disoccupati', AUDIENCE)).toEqual(['unemployed', 'adults']);
  });

  it('give every caller its own list: a value added to one answer is not in the next (the answers are remembered)', () => {
    const first = allMatches('Adulti occupati', AUDIENCE);
    first.push('students');
    expect(allMatches('Adulti occupati', AUDIENCE)).toEqual(['adults']);
    expect(firstMatch('Adulti occupati', AUDIENCE)).toBe('adults');
  });

  it('do not count a phrase right after "non"', () => {
    expect(allMatches('Giovani e adulti non più studenti', AUDIENCE)).toEqual(['adults']);
  });

  it('say which words are known when a value is not', () => {
    const level = oneOf(LEVEL, 'level');
    expect(level('Esperto')).toEqual({ error: expect.stringContaining('"Esperto" is not a known level (known: "avanzato"') });
    expect(eachOf(LANGUAGE, 'language')(['Italiano', 'inglese', 'Punjabi'])).toEqual({ value: ['it', 'en', 'pa'] });
    expect(eachOf(LANGUAGE, 'language')(['Italiano', 'klingon'])).toHaveProperty('error');
  });
});
