import { describe, expect, it } from 'vitest';
import { checkTurn } from './expectations.js';
import { containsPhrase, readableText } from './reply-text.js';

describe('containsPhrase', () => {
  it('ignores case, accents and punctuation, starts at a word and lets the last word go on', () => {
    expect(containsPhrase('Perché? Iscrizioni entro il 20/12/2026.', 'perche')).toBe(true);
    expect(containsPhrase('Iscrizioni entro il 20/12/2026.', 'iscriz')).toBe(true);
    expect(containsPhrase('Ne resta uno.', 'no')).toBe(false);
  });

  it('reads a number whole: a seat count is not found in a year, nor an amount in a larger one', () => {
    expect(containsPhrase('Dal 12 gennaio 2027.', '20')).toBe(false);
    expect(containsPhrase('Costo: 1200,00 €', '120')).toBe(false);
    expect(containsPhrase('Costo: 120,00 €', '120')).toBe(true);
    expect(containsPhrase('Posti: 20 liberi su 24, dal 2027', '20')).toBe(true);
    expect(containsPhrase('Inizia il 13/01/2027', '13/01')).toBe(true);
    expect(containsPhrase('Inizia il 3/12/2027', '3/1')).toBe(false);
    expect(containsPhrase('It starts on January 1st', 'January 1')).toBe(true);
    expect(containsPhrase('2027 e poi 2026', '2026')).toBe(true);
  });
});

describe('readableText', () => {
  const reply = {
    intent: 'initiatives' as const,
    lang: 'it' as const,
    citations: [],
    messages: [{ type: 'card' as const, title: 'Open day', facts: [], actions: [{ label: 'Dettagli', action: 'details:initiative:IN03' }, { label: 'Sito', url: 'https://lto.example.it/iniziative/open-day' }] }],
  };

  it('holds where a card links to, for the text checks: a "Website" button gives the person the address', () => {
    const text = readableText(reply, { links: true });
    expect(text).toContain('Sito https://lto.example.it/iniziative/open-day');
    expect(containsPhrase(text, 'lto.example.it/iniziative/open-day')).toBe(true);
    expect(checkTurn({ says: [['lto.example.it/iniziative/open-day']] }, { reply: { ...reply, conversationId: 'c' }, bookingEffects: [] })[0]!.ok).toBe(true);
  });

  it('leaves the link targets out otherwise: grounding reads the labels', () => {
    expect(readableText(reply)).not.toContain('https://');
  });
});
