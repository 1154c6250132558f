import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { OrientaError } from '../domain/errors.js';
import { CaseFile, CaseSpec, type TurnSpec } from './case-schema.js';

/** A case ready to run: the file's defaults merged in, and where it was written. */
export interface EvalCase {
  id: string;
  description?: string;
  tags: string[];
  user?: string;
  locale?: 'it' | 'en';
  /** The clock of this case, when the case or its file sets one. */
  now?: string;
  turns: TurnSpec[];
  /**
   * False where retrieval is not searched again on the turns' text for the retrieval figures: the
   * thousands of generated coverage cases, which check only what the engine answered.
   */
  retrieval?: boolean;
  file: string;
  line: number;
}

export interface CaseProblem {
  file: string;
  line?: number;
  caseId?: string;
  /** 1-based, as staff count turns. */
  turn?: number;
  field?: string;
  message: string;
}

export function formatCaseProblem(p: CaseProblem): string {
  const where = [p.caseId ? `case "${p.caseId}"` : undefined, p.turn ? `turn ${p.turn}` : undefined, p.field].filter(Boolean).join(', ');
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${where ? `${where}: ` : ''}${p.message}`;
}

/** Every problem of every file at once, so staff fix them in one go; the first line says the first. */
export class CaseFileError extends OrientaError {
  constructor(readonly problems: CaseProblem[]) {
    const shown = problems.slice(0, 20).map(formatCaseProblem);
    if (problems.length > 20) shown.push(`… and ${problems.length - 20} more problems`);
    super('INPUT_INVALID', shown.join('\n'), { details: { problems } });
  }
}

/** What `orienta eval` runs when no file is named. */
export const SAMPLE_CASES = join(dirname(fileURLToPath(import.meta.url)), 'cases', 'sample');

const display = (path: string) => relative(process.cwd(), path) || path;

/** The YAML files of the paths given: a file as it is, a directory with everything under it, sorted. */
export function caseFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const problems: CaseProblem[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(name)) files.push(full);
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) problems.push({ file: path, message: 'no such file or directory' });
    else if (statSync(path).isDirectory()) {
      const before = files.length;
      walk(path);
      if (files.length === before) problems.push({ file: path, message: 'holds no .yaml case files' });
    } else if (!/\.ya?ml$/i.test(path)) problems.push({ file: path, message: 'is not a .yaml case file' });
    else files.push(path);
  }
  if (problems.length > 0) throw new CaseFileError(problems);
  return [...new Set(files)];
}

/** Reads and checks every case of the paths; throws a CaseFileError naming file, line, case, turn and field. */
export function loadCases(paths: readonly string[]): { cases: EvalCase[]; files: string[] } {
  const files = caseFiles(paths);
  const cases: EvalCase[] = [];
  const problems: CaseProblem[] = [];
  for (const file of files) {
    const read = readCaseFile(file);
    cases.push(...read.cases);
    problems.push(...read.problems);
  }
  const seen = new Map<string, EvalCase>();
  for (const c of cases) {
    const first = seen.get(c.id);
    if (first) problems.push({ file: c.file, line: c.line, caseId: c.id, field: 'id', message: `is already used by a case in ${first.file}:${first.line}; ids must be unique across all files` });
    else seen.set(c.id, c);
  }
  if (problems.length > 0) throw new CaseFileError(problems);
  return { cases, files: files.map(display) };
}

export function readCaseFile(path: string): { cases: EvalCase[]; problems: CaseProblem[] } {
  const file = display(path);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { cases: [], problems: doc.errors.map((e) => ({ file, line: e.linePos?.[0].line, message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` })) };
  }
  const lineOf = (path: (string | number)[]) => nodeLine(doc, lines, path);
  const top = CaseFile.safeParse(doc.toJS());
  if (!top.success) return { cases: [], problems: top.error.issues.map((i) => problemOf(file, i, [], lineOf)) };

  const defaults = top.data.defaults ?? {};
  const cases: EvalCase[] = [];
  const problems: CaseProblem[] = [];
  top.data.cases.forEach((raw, index) => {
    const base = ['cases', index];
    const rawId = isRecord(raw) && (typeof raw.id === 'string' || typeof raw.id === 'number') ? String(raw.id) : undefined;
    const parsed = CaseSpec.safeParse(raw);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => problemOf(file, i, base, lineOf, rawId ?? `#${index + 1}`)));
      return;
    }
    const c = parsed.data;
    const user = c.user ?? defaults.user;
    const locale = c.locale ?? defaults.locale;
    const now = c.now ?? defaults.now;
    cases.push({
      id: c.id,
      ...(c.description ? { description: c.description } : {}),
      tags: [...new Set([...(defaults.tags ?? []), ...(c.tags ?? [])])],
      ...(user ? { user } : {}),
      ...(locale ? { locale } : {}),
      ...(now ? { now } : {}),
      turns: c.turns,
      file,
      line: lineOf(base) ?? 1,
    });
  });
  return { cases, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** Turns a zod issue into "case x, turn 2, expect.cites: …", with the line of the value at fault. */
function problemOf(file: string, issue: z.core.$ZodIssue, base: (string | number)[], lineOf: (p: (string | number)[]) => number | undefined, caseId?: string): CaseProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let turn: number | undefined;
  let rest = path;
  if (path[0] === 'turns' && typeof path[1] === 'number') {
    turn = path[1] + 1;
    rest = path.slice(2);
  }
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against eval/cases/README.md)`;
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = `is missing: ${message.replace(/^Invalid input: /, '')}`;
  }
  const field = rest.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
  return {
    file,
    line: lineOf([...base, ...path]),
    ...(caseId ? { caseId } : {}),
    ...(turn ? { turn } : {}),
    ...(field ? { field } : base.length === 0 && path.length === 0 ? {} : {}),
    message,
  };
}

/** The line of the deepest node of the path that exists: a missing field points at its parent. */
function nodeLine(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if ((isMap(node) || isSeq(node) || isScalar(node)) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
