import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage: the asker’s words, not the catalogue’s', () => {
  it('reads around a quoted Italian title', () => {
    expect(detectLanguage('Can I follow «Arduino e IoT per la casa intelligente» from home?', 'it')).toBe('en');
    expect(detectLanguage('What language is «Fare impresa: dall’idea al business plan» taught in?', 'it')).toBe('en');
    expect(detectLanguage('Quanto costa «Coding con Python per principianti»?', 'en')).toBe('it');
  });

  it('reads the title itself when nothing else is said', () => {
    expect(detectLanguage('«Corso di saldatura per principianti»', 'en')).toBe('it');
  });
});
