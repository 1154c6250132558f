import type { Catalogue, RecordKind } from '../domain/model/index.js';
import type { Problem } from './problems.js';

/** What a source yields: validated records by kind, and the rows it rejected. */
export interface SourceBatch {
  source: string;
  records: Partial<Catalogue>;
  problems: Problem[];
  read: number;
  /** Where each record starts in the file, by `${kind}:${id}`, for problems found after reading (references). */
  lines?: Record<string, number>;
  /** The file's own name for a model field ("site" -> "Codice sede"), for those problems. */
  columns?: Record<string, string>;
}

export const CATALOGUE_KEYS: Record<RecordKind, keyof Catalogue> = {
  comune: 'comuni',
  site: 'sites',
  course: 'courses',
  service: 'services',
  initiative: 'initiatives',
  school: 'schools',
  slot: 'slots',
  doc: 'documents',
};
