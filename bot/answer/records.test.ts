import { describe, expect, it } from 'vitest';
import { passageExcerpt } from './records.js';

const APPOINTMENTS =
  'I sei Centri per l’Impiego della provincia ricevono su appuntamento. Scegli il servizio, la sede più comoda e un orario libero: ' +
  'gli appuntamenti durano da 30 a 60 minuti. Riceverai un promemoria con i documenti da portare. Se non puoi venire, annulla o ' +
  'sposta l’appuntamento il prima possibile, così il posto torna libero per altre persone. In caso di ritardo superiore a 15 minuti ' +
  'potrebbe essere necessario riprenotare.';

describe('passageExcerpt', () => {
  it('keeps the opening when the words asked are in it', () => {
    expect(passageExcerpt(APPOINTMENTS, ['appuntamento'], 200)).toBe(passageExcerpt(APPOINTMENTS, [], 200));
    expect(passageExcerpt(APPOINTMENTS, ['appuntamento'], 200).startsWith('I sei Centri')).toBe(true);
  });

  it('brings in a later sentence that holds a word asked, within the length', () => {
    const cut = passageExcerpt(APPOINTMENTS, ['ritardo', 'appuntamento'], 200);
    expect(cut).toContain('15 minuti');
    expect(cut.startsWith('I sei Centri')).toBe(true);
    expect(cut).toContain('…');
    expect(cut.length).toBeLessThanOrEqual(200);
  });

  it('is the whole text when it is short, and never fails on odd words', () => {
    expect(passageExcerpt('Breve.', ['ritardo'], 200)).toBe('Breve.');
    expect(() => passageExcerpt(APPOINTMENTS, ['(((', '\\\\', 'a+b'], 100)).not.toThrow();
  });
});
