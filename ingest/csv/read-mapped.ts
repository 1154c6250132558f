import type { IngestContext } from '../context.js';
import type { SourceBatch } from '../records.js';
import { applyMapping, headerKey, headersOf, pickMapping, type AnyCsvMapping } from './mapping.js';
import { istatComuni } from './mappings/istat.js';
import { LTO_MAPPINGS } from './mappings/lto-export.js';
import { MIUR_MAPPINGS } from './mappings/miur.js';
import { readCsv, readCsvHeader } from './read-csv.js';

/** Every CSV layout Orienta knows. A new partner template is one more entry here. */
export const CSV_MAPPINGS: readonly AnyCsvMapping[] = [...LTO_MAPPINGS, ...MIUR_MAPPINGS, istatComuni];

/** The name of the mapping that fits the file's header ("lto-corsi"), or null when none does. */
export async function detectCsvMapping(path: string, mappings: readonly AnyCsvMapping[] = CSV_MAPPINGS): Promise<string | null> {
  return pickMapping(mappings, await readCsvHeader(path))?.name ?? null;
}

/**
 * Reads a partner CSV with the mapping its header fits. A header that fits none is one problem
 * naming what was expected, not an exception: the other files of the same run still load.
 */
export async function readMappedCsv(path: string, label: string, ctx: IngestContext, mappings: readonly AnyCsvMapping[] = CSV_MAPPINGS): Promise<SourceBatch> {
  const table = await readCsv(path, label);
  const mapping = pickMapping(mappings, table.header);
  if (!mapping) {
    const known = new Set(mappings.flatMap(headersOf).map(headerKey));
    const unknown = table.header.filter((h) => !known.has(headerKey(h)));
    const expected = mappings.map((m) => `${m.title} (${m.identify.join(', ')})`).join('; ');
    return {
      source: label,
      records: {},
      read: table.rows.length + table.problems.length,
      problems: [{ file: label, line: 1, message: `header not recognised: expected the columns of one of ${expected}; unknown columns: ${unknown.join(', ') || 'none'}` }],
    };
  }
  return applyMapping(table, mapping, ctx);
}
