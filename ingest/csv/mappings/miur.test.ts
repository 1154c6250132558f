import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComuneLookup } from '../../context.js';
import { detectCsvMapping, readMappedCsv } from '../read-mapped.js';

const MIUR = fileURLToPath(new URL('../../../../shared/data/miur/', import.meta.url));
const STATE = join(MIUR, 'SCUANAGRAFESTAT20252620250901_MANTOVA.csv');
const PRIVATE = join(MIUR, 'SCUANAGRAFEPAR20232420230901_MANTOVA.csv');
const ctx = { comuni: new ComuneLookup() };

describe('the MIUR school registry', () => {
  it('tells the state file from the private one by its columns', async () => {
    expect(await detectCsvMapping(STATE)).toBe('miur-state');
    expect(await detectCsvMapping(PRIVATE)).toBe('miur-private');
  });

  it('loads the 376 state schools, MNTF002018 in Ostiglia (G186)', async () => {
    const batch = await readMappedCsv(STATE, 'stat.csv', ctx);
    expect(batch.problems).toEqual([]);
    const schools = batch.records.schools!;
    expect(schools).toHaveLength(376);
    expect(schools.every((s) => s.state)).toBe(true);
    expect(schools.find((s) => s.id === 'MNTF002018')).toEqual({
      id: 'MNTF002018', name: 'ITIS GALILEI OSTIGLIA', type: 'ISTITUTO TECNICO INDUSTRIALE', institute: 'MNIS00200Q', address: 'VIA COLLODI 24/26',
      cadastralCode: 'G186', comuneName: 'OSTIGLIA', email: 'mnis00200q@istruzione.it', website: 'www.galileiostiglia.gov.it', state: true,
    });
  });

  it('empties "Non Disponibile", mends "https//" and keeps what makes an evening course one', async () => {
    const schools = new Map((await readMappedCsv(STATE, 'stat.csv', ctx)).records.schools!.map((s) => [s.id, s]));
    expect(schools.get('MNEE827012')).toMatchObject({ website: 'https://www.iccastellucchio.edu.it', cadastralCode: 'C195' });
    expect(schools.get('MNEE827012')!.pec).toBeUndefined();
    expect(schools.get('MNTF01150B')!.type).toBe('ISTITUTO TECNICO INDUSTRIALE (PERCORSO II LIVELLO)');
    expect([...schools.values()].some((s) => /Non Disponibile|https?\/\/|[A-Z]/.test(`${s.pec ?? ''}${s.website ?? ''}${s.email ?? ''}`))).toBe(false);
    expect([...schools.keys()].filter((id) => id.startsWith('MNCT'))).toHaveLength(13);
  });

  it('loads the 46 private schools', async () => {
    const batch = await readMappedCsv(PRIVATE, 'par.csv', ctx);
    expect(batch.problems).toEqual([]);
    expect(batch.records.schools).toHaveLength(46);
    expect(batch.records.schools!.every((s) => !s.state && s.institute === undefined)).toBe(true);
    expect(batch.records.schools!.find((s) => s.id === 'MN1A00900R')).toMatchObject({ email: 'mn1a00900r@gmail.com', pec: 'scs.piox@pec.it', cadastralCode: 'E089' });
  });
});
