import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { OrientaError } from '../../domain/errors.js';
import type { Problem } from '../problems.js';

export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export interface CsvRow {
  /** 1-based physical line where the row starts (a quoted cell may span several lines). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  encoding: 'utf-8' | 'latin1';
  separator: ';' | ',';
  /** Trimmed, line breaks inside a header cell collapsed to one space. */
  header: string[];
  rows: CsvRow[];
  /** Rows left out because their number of cells differs from the header's. */
  problems: Problem[];
}

/**
 * Reads a spreadsheet export whatever Excel or a registry did to it: UTF-8 with or without BOM or
 * Latin-1, ";" or "," as separator, CRLF, quoted cells spanning lines. Input that cannot be a CSV
 * at all (binary, empty, huge, one column) is refused with an INPUT_INVALID error naming the file.
 */
export async function readCsv(path: string, label = path): Promise<CsvTable> {
  return parseCsv(await readBytes(path, label), label);
}

/**
 * The header of a CSV, with the same checks as `readCsv` (binary, encoding, separator), without
 * reading the rows: detection only needs the header, and parsing a large file twice was a good
 * part of loading it. An unreadable row further down is reported when the file is read.
 */
export async function readCsvHeader(path: string, label = path): Promise<string[]> {
  return parseCsv(await readBytes(path, label), label, { headerOnly: true }).header;
}

async function readBytes(path: string, label: string): Promise<Uint8Array> {
  const unreadable = (e: unknown): never => {
    throw new OrientaError('INPUT_INVALID', `${label}: cannot read the file (${(e as Error).message})`, { cause: e });
  };
  const info = await stat(path).catch(unreadable);
  if (info.size > MAX_CSV_BYTES) {
    throw new OrientaError('INPUT_INVALID', `${label}: the file is ${(info.size / 1048576).toFixed(1)} MB; CSV files over 20 MB are refused (split it)`);
  }
  return readFile(path).catch(unreadable);
}

export function parseCsv(bytes: Uint8Array, label: string, options: { headerOnly?: boolean } = {}): CsvTable {
  if (bytes.length > MAX_CSV_BYTES) throw new OrientaError('INPUT_INVALID', `${label}: CSV files over 20 MB are refused (split it)`);
  if (bytes.includes(0)) throw new OrientaError('INPUT_INVALID', `${label}: this is a binary file, not a CSV (is it an .xlsx renamed? export it as CSV)`);
  const { text, encoding } = decode(bytes);
  // One line-break convention, so csv-parse's line count is the physical line count and a
  // cell's inner CRLF becomes a plain "\n".
  const source = text.replace(/\r\n?/g, '\n');
  if (source.trim() === '') throw new OrientaError('INPUT_INVALID', `${label}: the file is empty`);
  const separator = detectSeparator(source);
  if (!separator) {
    throw new OrientaError('INPUT_INVALID', `${label}: the header has a single column; the separator must be ";" or ","`);
  }
  const records = source.includes('"') ? parseQuoted(source, separator, label, options) : splitUnquoted(source, separator, options.headerOnly ? 1 : Infinity);
  const [first, ...rest] = records;
  const header = first!.record.map((h) => h.replace(/\s+/g, ' ').trim());
  const rows: CsvRow[] = [];
  const problems: Problem[] = [];
  for (const r of rest) {
    const line = startLine(r.raw, r.info.lines);
    const cells = r.record.map((c) => c.trim());
    if (cells.every((c) => c === '')) continue; // a row of bare separators, as Excel leaves below the data
    if (cells.length !== header.length) {
      problems.push({ file: label, line, message: `the row has ${cells.length} cells but the header has ${header.length}; check for a "${separator}" inside an unquoted cell or a missing one` });
      continue;
    }
    rows.push({ line, cells });
  }
  return { file: label, encoding, separator, header, rows, problems };
}

function decode(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  try {
    // The decoder drops a UTF-8 BOM by itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: the other encoding Italian registries use (ISTAT) is Latin-1.
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
  }
}

/** The separator that occurs more often in the header record (outside quotes), or null. */
function detectSeparator(source: string): CsvTable['separator'] | null {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of source) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  if (semicolons === 0 && commas === 0) return null;
  return semicolons >= commas ? ';' : ',';
}

type RawRecord = { record: string[]; raw: string; info: { lines: number } };

function parseQuoted(source: string, separator: string, label: string, options: { headerOnly?: boolean }): RawRecord[] {
  try {
    // With `info` and `raw` each record comes wrapped (the typings only know plain arrays).
    return parse(source, {
      delimiter: separator, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, ...(options.headerOnly ? { to: 1 } : {}),
    }) as unknown as RawRecord[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new OrientaError('INPUT_INVALID', `${label}${line ? `, line ${line}` : ''}: not a readable CSV (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
}

/**
 * What csv-parse makes of a text without a single quote (most exports): each non-empty line is a
 * record, its cells split on the separator. Same records, raw text and line numbers as csv-parse
 * with the options above, several times faster on a large file.
 */
function splitUnquoted(source: string, separator: string, limit: number): RawRecord[] {
  const out: RawRecord[] = [];
  let line = 0;
  for (let at = 0; at < source.length && out.length < limit; ) {
    const end = source.indexOf('\n', at);
    const stop = end < 0 ? source.length : end;
    line++;
    if (stop > at) {
      const raw = source.slice(at, stop);
      out.push({ record: raw.split(separator), raw, info: { lines: line } });
    }
    at = stop + 1;
  }
  return out;
}

/** csv-parse reports the line where a record ends; the raw text says how many lines it spans. */
function startLine(raw: string, endLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}
