import { describe, expect, it } from 'vitest';
import { cut, storable } from './storable.js';

describe('text as the store takes it', () => {
  it('cuts on code points: an emoji across the limit goes whole', () => {
    const text = `${'a'.repeat(9)}😀b`;
    expect(cut(text, 10)).toBe('a'.repeat(9));
    expect(cut(text, 11)).toBe(`${'a'.repeat(9)}😀`);
    expect(cut(text, 100)).toBe(text);
    expect(cut('😀', 1)).toBe('');
    expect(cut(text, 0)).toBe('');
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let max = 0; max <= text.length; max++) expect(cut(text, max)).not.toMatch(lone);
  });

  it('drops lone surrogates and control characters, keeps pairs, accents, tabs and line breaks', () => {
    expect(storable('ciao \uD83D mondo \uDE00!')).toBe('ciao  mondo !');
    expect(storable('\uDE00\uD83D')).toBe('');
    expect(storable('perché 😀\tè\r\nok')).toBe('perché 😀\tè\r\nok');
    expect(storable('a\u0000b\u0007c\u001Bd\u007Fe')).toBe('abcde');
  });
});
