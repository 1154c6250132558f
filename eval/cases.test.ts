import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseFileError, loadCases } from './cases.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-cases-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function problemsOf(paths: string[]): string[] {
  try {
    loadCases(paths);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseFileError);
    expect((error as CaseFileError).code).toBe('INPUT_INVALID');
    return (error as Error).message.split('\n');
  }
  throw new Error('the cases were accepted');
}

describe('case files', () => {
  it('merges the defaults into every case, tags added up and the case winning', () => {
    const dir = dirWith({
      'a.yaml': `defaults:
  tags: [topic:courses, lang:it]
  now: 2026-12-01T09:00:00+01:00
cases:
  - id: one
    tags: [audience:student, lang:it]
    turns:
      - say: corsi di stampa 3d
        expect: { intent: find_course, cites: C008, says: ["stampa 3d", ["3 febbraio", "03/02/2027"]] }
  - id: two
    now: 2027-01-10T10:00:00+01:00
    locale: en
    turns:
      - say: 42
      - press: 1
`,
    });
    const { cases, files } = loadCases([dir]);
    expect(files).toEqual([relative(process.cwd(), join(dir, 'a.yaml'))]);
    expect(cases.map((c) => [c.id, c.tags, c.now, c.locale ?? null, c.line])).toEqual([
      ['one', ['topic:courses', 'lang:it', 'audience:student'], '2026-12-01T09:00:00+01:00', null, 5],
      ['two', ['topic:courses', 'lang:it'], '2027-01-10T10:00:00+01:00', 'en', 10],
    ]);
    // A single id is a list of one; a number typed as text is text.
    expect(cases[0]!.turns[0]!.expect).toEqual({ intent: ['find_course'], cites: ['C008'], says: ['stampa 3d', ['3 febbraio', '03/02/2027']] });
    expect(cases[1]!.turns[0]).toEqual({ say: '42' });
  });

  it('names file, line, case, turn and field of every problem', () => {
    const dir = dirWith({
      'bad.yaml': `cases:
  - id: typo
    turns:
      - say: ciao
        expect:
          cite: [C001]
  - id: wrong-values
    tags: [lang it]
    now: domani
    turns:
      - say: corsi
        expect:
          intent: find_courses
          booking: maybe
          retrieved: { ids: [C001], k: 50 }
      - press: 0
  - id: two-inputs
    turns:
      - say: ciao
        press: 1
      - action: details:course:C001
        expect: { retrieved: { ids: [C001] } }
  - description: no id
    turns: []
`,
    });
    const file = relative(process.cwd(), join(dir, 'bad.yaml'));
    expect(problemsOf([dir])).toEqual([
      `${file}:6: case "typo", turn 1, expect: unknown field "cite" (check the spelling against eval/cases/README.md)`,
      `${file}:8: case "wrong-values", tags[0]: must be a key:value word such as lang:it or topic:courses (lower-case key, no spaces)`,
      `${file}:9: case "wrong-values", now: must be a date and time with its offset, such as 2026-11-25T10:00:00+01:00`,
      expect.stringMatching(new RegExp(`^${file}:13: case "wrong-values", turn 1, expect\\.intent\\[0\\]: "find_courses" is not an intent; use one of find_course, `)),
      `${file}:14: case "wrong-values", turn 1, expect.booking: "maybe" is not a booking effect; use one of created, waitlisted, cancelled, none`,
      `${file}:15: case "wrong-values", turn 1, expect.retrieved.k: must be at most 10`,
      `${file}:16: case "wrong-values", turn 2, press: must be 1 or more (1 = first choice)`,
      `${file}:20: case "two-inputs", turn 1, press: a turn has exactly one of say, press or action, not say and press`,
      `${file}:22: case "two-inputs", turn 2, expect.retrieved: needs a say turn: retrieval runs on what the person typed`,
      `${file}:23: case "#4", id: is missing: every case needs an id`,
      `${file}:24: case "#4", turns: must hold at least one turn`,
    ]);
  });

  it('says where YAML is broken, and refuses an id used twice across files', () => {
    const broken = dirWith({ 'x.yaml': 'cases:\n  - id: [oops\n' });
    expect(problemsOf([broken])).toEqual([expect.stringMatching(/x\.yaml:3: not valid YAML: /)]);

    const twice = dirWith({ 'a.yaml': 'cases:\n  - id: same\n    turns: [{ say: ciao }]\n', 'sub/b.yaml': 'cases:\n  - id: same\n    turns: [{ say: salve }]\n' });
    const [line] = problemsOf([twice]);
    expect(line).toMatch(/sub\/b\.yaml:2: case "same", id: is already used by a case in .*a\.yaml:2; ids must be unique across all files$/);
  });

  it('refuses paths that hold no cases', () => {
    const empty = dirWith({ 'notes.txt': 'nothing here' });
    expect(problemsOf([join(empty, 'missing.yaml'), empty, join(empty, 'notes.txt')])).toEqual([
      `${join(empty, 'missing.yaml')}: no such file or directory`,
      `${empty}: holds no .yaml case files`,
      `${join(empty, 'notes.txt')}: is not a .yaml case file`,
    ]);
    expect(problemsOf([dirWith({ 'a.yaml': 'defaults: {}\n' })])).toEqual([expect.stringMatching(/a\.yaml:1: cases: is missing: must be a list of cases$/)]);
  });
});
