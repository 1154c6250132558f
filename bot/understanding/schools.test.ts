import { describe, expect, it } from 'vitest';
import { gradeSaid } from './schools.js';

describe('gradeSaid: the grade a question says, against a school’s registry type', () => {
  it('reads the registry’s words and the everyday ones', () => {
    expect(gradeSaid('dove si trova la scuola secondaria di primo grado redentore', 'SCUOLA PRIMO GRADO')).toBe(2);
    expect(gradeSaid('dove sta la media redentore', 'SCUOLA PRIMO GRADO')).toBe(2);
    expect(gradeSaid('dove sta elementari casalmoro', 'SCUOLA PRIMARIA')).toBe(1);
    expect(gradeSaid('dove sta elementari casalmoro', 'SCUOLA INFANZIA')).toBe(0);
  });

  it('takes words that are names on Object.prototype as words', () => {
    expect(gradeSaid('constructor tostring scuola', 'SCUOLA PRIMARIA')).toBe(0);
  });
});
