import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrientaError } from '../domain/errors.js';
import type { Database } from '../knowledge/db/database.js';
import { countRecords } from '../knowledge/catalogue/catalogue-writer.js';
import type { Catalogue } from '../domain/model/index.js';
import { applyInTransaction, type ApplyResult } from './apply.js';
import { formatProblem } from './problems.js';
import { readNativeFile } from './sources/native.js';

export const SAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'sample');

/** Reads the catalogue shipped with the project; it is ours, so any problem in it is a bug. */
export function readSample(dir = SAMPLE_DIR): Partial<Catalogue> {
  const merged: Record<string, unknown[]> = {};
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  for (const file of files) {
    const batch = readNativeFile(join(dir, file), relative(process.cwd(), join(dir, file)) || file);
    if (batch.problems.length > 0) {
      throw new OrientaError('INPUT_INVALID', `The sample catalogue has ${batch.problems.length} problem(s):\n${batch.problems.slice(0, 10).map(formatProblem).join('\n')}`);
    }
    for (const [key, list] of Object.entries(batch.records)) (merged[key] ??= []).push(...(list as unknown[]));
  }
  return merged as Partial<Catalogue>;
}

/** Loads the sample into a store that has no catalogue yet; a store with data is left alone. */
export async function loadSampleIfEmpty(db: Database, dir = SAMPLE_DIR): Promise<ApplyResult | null> {
  const counts = await countRecords(db);
  if (counts.course + counts.site + counts.service + counts.initiative + counts.doc > 0) return null;
  return applyInTransaction(db, readSample(dir), 'sample');
}
