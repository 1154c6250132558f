import type { z } from 'zod';
import { fold } from '../../text/normalize.js';
import { RecordSchemas, type Catalogue, type RecordKind } from '../../domain/model/index.js';
import type { IngestContext } from '../context.js';
import type { Problem } from '../problems.js';
import { CATALOGUE_KEYS, type SourceBatch } from '../records.js';
import { isError, isPlaceholder, type CellParser, type Parsed } from './parse-values.js';
import type { CsvTable } from './read-csv.js';

type FieldOf<K extends RecordKind> = keyof z.input<(typeof RecordSchemas)[K]> & string;

/** One model field from one column: parse the cell, then optionally a small pure transform. */
export interface ColumnRule<T = unknown> {
  from: string;
  parse: CellParser<T>;
  required?: boolean;
  /** Method syntax on purpose: a rule for strings still fits a table of rules of any value. */
  then?(value: T, ctx: IngestContext): Parsed<unknown>;
}

export function col<T>(from: string, parse: CellParser<T>, options: { required?: boolean; then?: (value: T, ctx: IngestContext) => Parsed<unknown> } = {}): ColumnRule<T> {
  return { from, parse, ...options };
}

/** Several model fields from several columns (a date and two times -> start, end, allDay). */
export interface CombinedRule {
  from: readonly string[];
  /** Which column a schema complaint about each field should name; default the first of `from`. */
  columnOf?: Readonly<Record<string, string>>;
  /** Cells by header (placeholders already emptied; "" when the column is absent or empty). */
  build: (cells: Readonly<Record<string, string>>, ctx: IngestContext) => Combined;
}
export type Combined = { value: Record<string, unknown> } | { error: string; column: string };

/**
 * A partner's file layout, declared: which headers identify it and where each model field comes
 * from. A new partner template is a new object of this type, not new code.
 */
export interface CsvMapping<K extends RecordKind = RecordKind> {
  /** Stable name used by source detection and in messages, e.g. "lto-sedi". */
  name: string;
  kind: K;
  /** What the file is, for people: "the LTO sites export (sedi.csv)". */
  title: string;
  /** All of these headers must be present for the file to be read with this mapping. */
  identify: readonly string[];
  /** Headers the file has that are known and deliberately not used (not reported as unknown). */
  ignore?: readonly string[];
  /** The field holding the partner's code, checked for duplicates. */
  idField: FieldOf<K>;
  fields: { [F in FieldOf<K>]?: ColumnRule };
  combine?: readonly CombinedRule[];
  /** Values the file type implies (the state school registry: `state: true`). */
  constant?: { [F in FieldOf<K>]?: unknown };
}

/** Any mapping, whatever its kind (a list of mappings holds these). */
export type AnyCsvMapping = { [K in RecordKind]: CsvMapping<K> }[RecordKind];

/** Header comparison ignores case, accents, punctuation and spacing ("Modalità" = "MODALITA"). */
export const headerKey = (h: string) => fold(h);

export function headersOf(m: AnyCsvMapping): string[] {
  const used = [
    ...m.identify,
    ...(m.ignore ?? []),
    ...Object.values(m.fields as Record<string, ColumnRule | undefined>).flatMap((r) => (r ? [r] : [])).map((r) => r.from),
    ...(m.combine ?? []).flatMap((c) => c.from),
  ];
  return [...new Set(used)];
}

/** How well a header fits a mapping: null if an identifying column is missing, else how many it has. */
export function matchScore(m: AnyCsvMapping, header: readonly string[]): number | null {
  const have = new Set(header.map(headerKey));
  return m.identify.every((h) => have.has(headerKey(h))) ? m.identify.length : null;
}

/** The mapping whose identifying headers are all present; the most specific one when several are. */
export function pickMapping(mappings: readonly AnyCsvMapping[], header: readonly string[]): AnyCsvMapping | null {
  let best: AnyCsvMapping | null = null;
  let bestScore = -1;
  for (const m of mappings) {
    const score = matchScore(m, header);
    if (score !== null && score > bestScore) [best, bestScore] = [m, score];
  }
  return best;
}

/**
 * Turns the rows of a table into records of the mapping's kind. Each row is built, then validated
 * with the model's schema on its own: a bad row is reported (file, line, column, why) and skipped,
 * the others load. Unknown columns are reported once; a repeated code keeps the first row.
 */
export function applyMapping(table: CsvTable, mapping: AnyCsvMapping, ctx: IngestContext): SourceBatch {
  const file = table.file;
  const problems: Problem[] = [...table.problems];
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    const key = headerKey(h);
    if (index.has(key)) problems.push({ file, line: 1, column: h, message: 'this column appears twice; the first one is used' });
    else index.set(key, i);
  });

  const known = new Set(headersOf(mapping).map(headerKey));
  for (const h of table.header) {
    if (!known.has(headerKey(h))) problems.push({ file, line: 1, column: h, message: `unknown column, its values are ignored (not part of ${mapping.title})` });
  }
  const rules = Object.entries(mapping.fields as Record<string, ColumnRule | undefined>).flatMap(([f, r]) => (r ? [[f, r] as const] : []));
  const missing = rules.filter(([, r]) => r.required && !index.has(headerKey(r.from))).map(([, r]) => r.from);
  if (missing.length > 0) {
    for (const h of missing) problems.push({ file, line: 1, column: h, message: `required column missing: no row can be read without it` });
    return { source: file, records: {}, problems, read: table.rows.length + table.problems.length };
  }

  const schema = RecordSchemas[mapping.kind] as z.ZodType;
  const seen = new Map<string, number>();
  const lines: Record<string, number> = {};
  const records: unknown[] = [];
  // Header keys are folded once per file, not once per cell.
  const columnIndex = new Map<string, number | undefined>();
  const indexOf = (header: string) => {
    if (!columnIndex.has(header)) columnIndex.set(header, index.get(headerKey(header)));
    return columnIndex.get(header);
  };
  // Defined once, not once per row: a closure made per row costs more than the row's cells.
  let row = table.rows[0]!;
  const cell = (header: string): string => {
    const i = indexOf(header);
    const v = i === undefined ? '' : (row.cells[i] ?? '');
    return isPlaceholder(v) ? '' : v;
  };
  const at = (column: string, message: string): Problem => ({ file, line: row.line, column: headerIn(table, column), message });
  // Which rule fills each field, so a row keeps only its raw cells (an object per cell made a large file slow).
  const ruleOf = new Map(rules.map(([field], i) => [field, i]));
  const memos = rules.map(() => new Map<string, Parsed<unknown>>());
  for (row of table.rows) {
    const draft: Record<string, unknown> = { ...(mapping.constant as Record<string, unknown> | undefined) };
    const rowProblems: Problem[] = [];
    const raws: string[] = new Array(rules.length);
    /** Fields a combined rule set, with the column a complaint about them should name. */
    let combinedColumn: Record<string, string> | undefined;

    for (let i = 0; i < rules.length; i++) {
      const [field, rule] = rules[i]!;
      const raw = cell(rule.from);
      raws[i] = raw;
      const parsed = parseCell(rule, raw, memos[i]!, ctx);
      if (isError(parsed)) rowProblems.push(at(rule.from, parsed.error));
      else if (parsed.value !== undefined) draft[field] = parsed.value;
      else if (rule.required) rowProblems.push(at(rule.from, 'required, but the cell is empty'));
    }
    for (const rule of mapping.combine ?? []) {
      const cells: Record<string, string> = {};
      for (const h of rule.from) cells[h] = cell(h);
      const built = rule.build(cells, ctx);
      if ('error' in built) {
        rowProblems.push(at(built.column, built.error));
        continue;
      }
      for (const field in built.value) {
        const value = built.value[field];
        if (value !== undefined) draft[field] = value;
        (combinedColumn ??= {})[field] = rule.columnOf?.[field] ?? rule.from[0]!;
      }
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    // The column a complaint about a field names, and the cell it read (for rules, not combinations).
    const sourceOf = (field: string): { column: string; raw?: string } | undefined => {
      if (combinedColumn?.[field] !== undefined) return { column: combinedColumn[field] };
      const i = ruleOf.get(field);
      return i === undefined ? undefined : { column: rules[i]![1].from, raw: raws[i] };
    };

    const result = schema.safeParse(draft);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const source = sourceOf(field);
        const detail = issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : '';
        const value = source?.raw ? `"${source.raw}": ` : '';
        problems.push(at(source?.column ?? field, `${value}${issue.message}${detail}`));
      }
      continue;
    }
    const idField: string = mapping.idField;
    const id = String((result.data as Record<string, unknown>)[idField]);
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(at(sourceOf(idField)?.column ?? idField, `duplicate code ${id}: already on line ${first}; this row is skipped`));
      continue;
    }
    seen.set(id, row.line);
    lines[`${mapping.kind}:${id}`] = row.line;
    records.push(result.data);
  }
  const key = CATALOGUE_KEYS[mapping.kind];
  const columns: Record<string, string> = {};
  for (const [field, rule] of Object.entries(mapping.fields) as [string, ColumnRule | undefined][]) if (rule) columns[field] = headerIn(table, rule.from);
  return { source: file, records: { [key]: records } as Partial<Catalogue>, problems, read: table.rows.length + table.problems.length, lines, columns };
}

/** Cells remembered per column: enough for the dates, prices, codes and flags a file repeats. */
const MEMO_PER_COLUMN = 1_000;

/**
 * A cell parsed by its rule (parse, then its transform). Columns repeat the same few values row
 * after row, and rules are pure, so each value is parsed once per file. A remembered list may be
 * shared by drafts: nothing changes a draft, and validation gives each record lists of its own.
 */
function parseCell(rule: ColumnRule, raw: string, memo: Map<string, Parsed<unknown>>, ctx: IngestContext): Parsed<unknown> {
  const known = memo.get(raw);
  if (known !== undefined) return known;
  let parsed: Parsed<unknown> = rule.parse(raw);
  if (!isError(parsed) && parsed.value !== undefined && rule.then) parsed = rule.then(parsed.value, ctx);
  if (memo.size < MEMO_PER_COLUMN && shareable(parsed)) memo.set(raw, parsed);
  return parsed;
}

const primitive = (v: unknown) => v === null || typeof v !== 'object';
const shareable = (p: Parsed<unknown>) => isError(p) || primitive(p.value) || (Array.isArray(p.value) && p.value.every(primitive));

/** The file's own spelling of a header, for messages. */
function headerIn(table: CsvTable, header: string): string {
  return table.header.find((h) => headerKey(h) === headerKey(header)) ?? header;
}
