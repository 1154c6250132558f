import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { NativeFile, RecordSchemas, sectionKind, type Catalogue } from '../../domain/model/index.js';
import type { Problem } from '../problems.js';
import type { SourceBatch } from '../records.js';

/**
 * The project's own format (`format: orienta/v1`, YAML or JSON): one section per kind of record.
 * Each record is validated on its own, so one bad entry is reported and the others load.
 */
export function readNativeFile(path: string, label = path): SourceBatch {
  const problems: Problem[] = [];
  const source = readFileSync(path, 'utf8');
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { source: label, records: {}, read: 0, problems: [{ file: label, line: e.linePos?.[0]?.line, message: `not valid YAML: ${e.message.split('\n')[0]}` }] };
  }
  const parsed = NativeFile.safeParse(doc.toJS());
  if (!parsed.success) {
    return { source: label, records: {}, read: 0, problems: parsed.error.issues.map((i) => ({ file: label, column: i.path.join('.') || undefined, message: i.message })) };
  }
  const records: Partial<Catalogue> = {};
  const lines: Record<string, number> = {};
  const lineStarts = startsOfLines(source);
  let read = 0;
  for (const [section, kind] of Object.entries(sectionKind) as [keyof typeof sectionKind, keyof typeof RecordSchemas][]) {
    const entries = parsed.data[section];
    const schema = RecordSchemas[kind] as z.ZodType;
    const seen = new Set<string>();
    const valid: unknown[] = [];
    entries.forEach((entry, index) => {
      read++;
      const line = lineOf(doc, lineStarts, [section, index]);
      const result = schema.safeParse(entry);
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({ file: label, line, column: `${section}[${index}].${issue.path.join('.')}`, message: issue.message });
        }
        return;
      }
      const record = result.data as { id?: string; code?: string };
      const id = record.id ?? record.code!;
      if (seen.has(id)) {
        problems.push({ file: label, line, column: `${section}[${index}]`, message: `duplicate code ${id} in this file; the first one is kept` });
        return;
      }
      seen.add(id);
      if (line !== undefined) lines[`${kind}:${id}`] = line;
      valid.push(record);
    });
    (records as Record<string, unknown[]>)[section] = valid;
  }
  return { source: label, records, read, problems, lines };
}

function lineOf(doc: ReturnType<typeof parseDocument>, lineStarts: number[], path: (string | number)[]): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  // Binary search in the offsets of line starts: a 30,000-entry file stays linear overall.
  const offset = node.range[0];
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
