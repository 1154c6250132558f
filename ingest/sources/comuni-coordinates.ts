import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { OrientaError } from '../../domain/errors.js';
import { Comune } from '../../domain/model/index.js';
import type { Problem } from '../problems.js';
import type { SourceBatch } from '../records.js';

/**
 * The comuni with coordinates joined from two public sources (`comuni_mantova_coordinate.json`):
 * `lat`/`lon` from one, `lat_nominatim`/`lon_nominatim` from OpenStreetMap by name, and a
 * `coord_warning` where the two disagree saying, in words, which one is right.
 */
const Entry = z.looseObject({
  codice_istat: z.union([z.string(), z.number()]),
  denominazione: z.string(),
  codice_catastale: z.string(),
  sigla_provincia: z.string().optional(),
  lat: z.number().nullish(),
  lon: z.number().nullish(),
  lat_nominatim: z.number().nullish(),
  lon_nominatim: z.number().nullish(),
  coord_warning: z.string().nullish(),
});
type Entry = z.infer<typeof Entry>;

const CoordinatesFile = z.looseObject({ comuni: z.array(z.unknown()) });

export type CoordinatePair = 'lat/lon' | 'nominatim';

/**
 * Which pair a warning vouches for. The warning is a few clauses ("lat/lon (opendatasicilia) points
 * west of the city, lat_nominatim/lon_nominatim matches the historic centre"): the pair named in a
 * clause that says it "matches" wins; failing that, the pair not named in a clause calling the
 * other "wrong"; a warning that settles nothing leaves lat/lon, the default the data's notes give.
 */
export function trustedPair(warning: string | null | undefined): { pair: CoordinatePair; decided: boolean } {
  if (!warning) return { pair: 'lat/lon', decided: true };
  const clauses = warning.toLowerCase().split(/[;,]/);
  const named = (clause: string): CoordinatePair | null => (/nominatim/.test(clause) ? 'nominatim' : /\blat\s*\/\s*lon\b/.test(clause) ? 'lat/lon' : null);
  for (const clause of clauses) {
    const pair = named(clause);
    if (pair && /\bmatch(es)?\b|\bis (right|correct)\b/.test(clause)) return { pair, decided: true };
  }
  for (const clause of clauses) {
    const pair = named(clause);
    if (pair && /\b(wrong|incorrect)\b/.test(clause)) return { pair: pair === 'nominatim' ? 'lat/lon' : 'nominatim', decided: true };
  }
  return { pair: 'lat/lon', decided: false };
}

function coordinatesOf(e: Entry, pair: CoordinatePair): { lat: number; lon: number } | undefined {
  const [lat, lon] = pair === 'nominatim' ? [e.lat_nominatim, e.lon_nominatim] : [e.lat, e.lon];
  return typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : undefined;
}

export async function readComuniCoordinates(path: string, label = path): Promise<SourceBatch> {
  const source = await readFile(path, 'utf8').catch((e: unknown) => {
    throw new OrientaError('INPUT_INVALID', `${label}: cannot read the file (${(e as Error).message})`, { cause: e });
  });
  const fail = (message: string): SourceBatch => ({ source: label, records: {}, read: 0, problems: [{ file: label, message }] });
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  const file = CoordinatesFile.safeParse(json);
  if (!file.success) return fail('not a comuni coordinates file: expected {"comuni": [{codice_istat, denominazione, codice_catastale, lat, lon, …}]}');

  const problems: Problem[] = [];
  const comuni: Comune[] = [];
  const seen = new Set<string>();
  file.data.comuni.forEach((raw, i) => {
    const at = (field: string, message: string) => problems.push({ file: label, column: `comuni[${i}]${field ? `.${field}` : ''}`, message });
    const entry = Entry.safeParse(raw);
    if (!entry.success) {
      for (const issue of entry.error.issues) at(issue.path.join('.'), issue.message);
      return;
    }
    const e = entry.data;
    const { pair, decided } = trustedPair(e.coord_warning);
    if (!decided) at('coord_warning', `cannot tell which coordinates the warning vouches for ("${e.coord_warning}"); lat/lon used`);
    const other: CoordinatePair = pair === 'nominatim' ? 'lat/lon' : 'nominatim';
    const coordinates = coordinatesOf(e, pair) ?? coordinatesOf(e, other);
    const result = Comune.safeParse({
      code: String(e.codice_istat).trim().padStart(6, '0'),
      cadastralCode: e.codice_catastale.trim().toUpperCase(),
      name: e.denominazione,
      province: e.sigla_provincia?.trim().toUpperCase(),
      ...coordinates,
    });
    if (!result.success) {
      for (const issue of result.error.issues) at(String(issue.path[0] ?? ''), issue.message);
      return;
    }
    if (seen.has(result.data.code)) {
      at('codice_istat', `duplicate code ${result.data.code}; the first one is kept`);
      return;
    }
    seen.add(result.data.code);
    comuni.push(result.data);
  });
  return { source: label, records: { comuni }, problems, read: file.data.comuni.length };
}

/** Whether a parsed JSON document looks like the coordinates file (for source detection). */
export function isComuniCoordinates(json: unknown): boolean {
  const comuni = typeof json === 'object' && json !== null ? (json as { comuni?: unknown }).comuni : undefined;
  const first: unknown = Array.isArray(comuni) ? comuni[0] : undefined;
  return typeof first === 'object' && first !== null && 'codice_istat' in first && 'lat' in first;
}

/** The same check on a file; a file that is not JSON is simply not one. */
export async function detectComuniCoordinates(path: string): Promise<boolean> {
  try {
    return isComuniCoordinates(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return false;
  }
}
