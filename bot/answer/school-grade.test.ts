import { describe, expect, it } from 'vitest';
import type { School } from '../../domain/model/index.js';
import { factAnswer, type FactContext } from './facts.js';

// Asked what kind of school it is, a school of the registry answers with its grade in the words
// people use ("la materna", "le medie"), then the registry's own type: never "the listing doesn't say".

const school = (type: string): School => ({ id: 'MNAA00000A', name: 'CASA DEL SOLE', type, cadastralCode: 'E089', state: true });
const ctx = (lang: 'it' | 'en'): FactContext => ({ lang, today: '2026-11-25', sites: new Map(), slots: new Map(), comuni: new Map() });
const answer = (type: string, lang: 'it' | 'en') => factAnswer({ kind: 'school', record: school(type) }, ['what'], ctx(lang)).text;

describe('the grade of a school', () => {
  it.each([
    ['SCUOLA INFANZIA NON STATALE', 'materna', 'nursery'],
    ['SCUOLA PRIMARIA', 'elementari', 'primary'],
    ['SCUOLA PRIMO GRADO', 'medie', 'middle school'],
    ['LICEO SCIENTIFICO', 'superiori', 'high school'],
    ['IST PROF INDUSTRIA E ARTIGIANATO', 'superiori', 'high school'],
    ['ISTITUTO COMPRENSIVO', 'istituto comprensivo', 'comprehensive'],
    ['CENTRO TERRITORIALE', 'adulti', 'adult education'],
  ])('%s is said in everyday words in both languages, with the registry type', (type, it_, en) => {
    expect(answer(type, 'it')).toContain(it_);
    expect(answer(type, 'it')).toContain(type);
    expect(answer(type, 'en')).toContain(en);
  });

  it('a type of no known grade is said as the registry has it', () => {
    expect(answer('CONVITTO', 'it')).toContain('CONVITTO');
  });
});
