import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ComuneLookup } from '../../context.js';
import { detectCsvMapping, readMappedCsv } from '../read-mapped.js';

const ISTAT = fileURLToPath(new URL('../../../../shared/data/istat/ISTAT_codici_comuni_20230630_MANTOVA.csv', import.meta.url));

describe('the ISTAT list of comuni', () => {
  it('loads the 64 comuni of the province, Mantova 020030/E897', async () => {
    expect(await detectCsvMapping(ISTAT)).toBe('istat-comuni');
    const batch = await readMappedCsv(ISTAT, 'istat.csv', { comuni: new ComuneLookup() });
    expect(batch.problems).toEqual([]);
    const comuni = batch.records.comuni!;
    expect(comuni).toHaveLength(64);
    expect(comuni.find((c) => c.code === '020030')).toEqual({ code: '020030', cadastralCode: 'E897', name: 'Mantova', province: 'MN' });
    expect(comuni.find((c) => c.cadastralCode === 'C312')!.name).toBe('Castiglione delle Stiviere');
  });

  it('keeps the coordinates of comuni already known', async () => {
    const known = new ComuneLookup([{ code: '020030', cadastralCode: 'E897', name: 'Mantova', province: 'MN', lat: 45.1566683, lon: 10.7917191 }]);
    const comuni = (await readMappedCsv(ISTAT, 'istat.csv', { comuni: known })).records.comuni!;
    expect(comuni.find((c) => c.code === '020030')).toMatchObject({ lat: 45.1566683, lon: 10.7917191 });
    expect(comuni.find((c) => c.code === '020047')!.lat).toBeUndefined();
  });
});
