/** One thing wrong with the input, precise enough to fix: which file, which row, which field. */
export interface Problem {
  file: string;
  /** 1-based line (CSV) or record position (YAML section entry). */
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : '', p.field ? `field ${p.field}` : ''].filter(Boolean).join(', ');
  return `${where}: ${p.message}`;
}
