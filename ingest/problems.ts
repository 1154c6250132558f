/** One thing wrong with the input, precise enough to fix: which file, which line, which column, why. */
export interface Problem {
  file: string;
  /** 1-based line in the file where the record starts (CSV: the physical line; YAML: the entry's line). */
  line?: number;
  /** The column header (CSV) or the field path (YAML/JSON) at fault. */
  column?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.column ? `column "${p.column}"` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}
