import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectComuniCoordinates, readComuniCoordinates, trustedPair } from './comuni-coordinates.js';

const COORDS = fileURLToPath(new URL('../../../shared/data/istat/comuni_mantova_coordinate.json', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'orienta-coords-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the comuni coordinates', () => {
  it('loads the 64 comuni with coordinates, Mantova at its historic centre', async () => {
    expect(await detectComuniCoordinates(COORDS)).toBe(true);
    const batch = await readComuniCoordinates(COORDS, 'coords.json');
    expect(batch.problems).toEqual([]);
    const comuni = batch.records.comuni!;
    expect(comuni).toHaveLength(64);
    expect(comuni.every((c) => c.lat !== undefined && c.lon !== undefined)).toBe(true);
    // lat/lon (opendatasicilia) is 9.6 km west of the city; the warning vouches for the OSM pair.
    expect(comuni.find((c) => c.code === '020030')).toEqual({ code: '020030', cadastralCode: 'E897', name: 'Mantova', province: 'MN', lat: 45.1566683, lon: 10.7917191 });
    // For Quistello the OSM pair is the wrong one (north of Mantova).
    expect(comuni.find((c) => c.code === '020047')).toMatchObject({ lat: 45.006579, lon: 10.98046 });
    expect(comuni.find((c) => c.code === '020001')).toMatchObject({ lat: 45.162475, lon: 10.43468 });
  });

  it('decides from the warning text which pair is right', () => {
    expect(trustedPair(null)).toEqual({ pair: 'lat/lon', decided: true });
    expect(trustedPair('sources disagree by 9.6 km; lat/lon (opendatasicilia) points west of the city, lat_nominatim/lon_nominatim matches the historic centre')).toEqual({ pair: 'nominatim', decided: true });
    expect(trustedPair('sources disagree by 36 km; lat_nominatim/lon_nominatim is wrong (north of Mantova), lat/lon (opendatasicilia) matches Quistello')).toEqual({ pair: 'lat/lon', decided: true });
    expect(trustedPair('lat/lon is wrong')).toEqual({ pair: 'nominatim', decided: true });
    expect(trustedPair('sources disagree by 2 km')).toEqual({ pair: 'lat/lon', decided: false });
  });

  it('reports what it cannot use and loads the rest', async () => {
    const path = join(tmp, 'coords.json');
    writeFileSync(path, JSON.stringify({ comuni: [
      { codice_istat: '020030', denominazione: 'Mantova', codice_catastale: 'E897', sigla_provincia: 'MN', lat: 45.1, lon: 10.7, coord_warning: 'sources disagree by 2 km' },
      { codice_istat: '020030', denominazione: 'Mantova', codice_catastale: 'E897', sigla_provincia: 'MN', lat: 45.1, lon: 10.7 },
      { codice_istat: '20047', denominazione: 'Quistello', codice_catastale: 'h143', sigla_provincia: 'MN', lat: 95, lon: 10.9 },
      { denominazione: 'Senza codice' },
    ] }));
    const batch = await readComuniCoordinates(path, 'coords.json');
    expect(batch.read).toBe(4);
    expect(batch.records.comuni).toEqual([{ code: '020030', cadastralCode: 'E897', name: 'Mantova', province: 'MN', lat: 45.1, lon: 10.7 }]);
    expect(batch.problems.map((p) => p.column)).toEqual(['comuni[0].coord_warning', 'comuni[1].codice_istat', 'comuni[2].lat', 'comuni[3].codice_istat', 'comuni[3].codice_catastale']);
  });

  it('returns one problem for a file that is not the coordinates file', async () => {
    const notJson = join(tmp, 'broken.json');
    writeFileSync(notJson, '{"comuni": [');
    expect((await readComuniCoordinates(notJson, 'broken.json')).problems).toEqual([{ file: 'broken.json', message: expect.stringMatching(/^not valid JSON/) }]);
    const other = join(tmp, 'other.json');
    writeFileSync(other, '{"format": "orienta/v1"}');
    expect(await detectComuniCoordinates(other)).toBe(false);
    expect((await readComuniCoordinates(other, 'other.json')).problems[0]!.message).toMatch(/^not a comuni coordinates file/);
  });
});
