import { describe, expect, it } from 'vitest';
import { fold, words } from './normalize.js';

/** The definition, without the ASCII shortcut. */
const slowFold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('fold', () => {
  it('folds accents, case and punctuation', () => {
    expect(fold('  Perché l’Università?  ')).toBe('perche l universita');
    expect(words('Stampa 3D, a VIADANA!')).toEqual(['stampa', '3d', 'a', 'viadana']);
    expect(words(' ;; ')).toEqual([]);
  });

  it('gives the same as its definition on every ASCII character and on mixed text', () => {
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    for (const text of [ascii, `a${ascii}b`, 'Corso_di-saldatura\tC012\n(base)', 'Sede: Via Roma 1; MN', '', '   ', 'città', 'CAFÉ déjà-vu', 'ﬁ ß Ω'])
      expect(fold(text)).toBe(slowFold(text));
  });
});
