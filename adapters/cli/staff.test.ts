import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaseFile } from '../../eval/cases.js';
import type { Insights } from '../../eval/staff/insights.js';
import { runCli, sampleDataDir } from '../../test/support/cli.js';

const NOW = '2026-11-25T10:00:00+01:00';

describe('orienta feedback export and orienta insights', () => {
  let dir: string;
  const cli = (args: string[], input?: string) => runCli(['--data-dir', dir, '--now', NOW, ...args], input === undefined ? {} : { input });

  beforeAll(async () => {
    dir = await sampleDataDir();
    // Two people talking to the assistant through the real command, as a terminal channel would.
    const a = await cli(['chat', '--user', 'telegram:555'], 'corso di pasticceria giapponese\nvoglio parlare con una persona\nmario.rossi@example.com\n');
    expect(a.code, a.stderr).toBe(0);
    const b = await cli(['chat', '--user', 'telegram:556'], 'mi chiamo Anna Verdi, corsi di stampa 3d a viadana\nrisposta sbagliata\n');
    expect(b.code, b.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('feedback export writes draft cases in the eval format, with no personal data', async () => {
    const out = join(dir, 'drafts.yaml');
    const r = await cli(['feedback', 'export', '--since', '7d', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 bozze di casi scritte in .*drafts\.yaml: 1 da riscontri negativi, 1 da richieste di una persona/);
    const read = readCaseFile(out);
    expect(read.problems).toEqual([]);
    expect(read.cases.map((c) => c.turns.map((t) => t.say))).toEqual([['corso di pasticceria giapponese'], ['mi chiamo <nome>, corsi di stampa 3d a viadana']]);
    expect(read.cases.every((c) => c.tags.includes('channel:cli'))).toBe(true);
    const yaml = readFileSync(out, 'utf8');
    for (const leaked of ['telegram:55', 'mario.rossi', 'example.com', 'Anna', 'Verdi']) expect(yaml).not.toContain(leaked);

    // An existing file is not overwritten unless asked.
    const again = await cli(['feedback', 'export', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*--force/);
  });

  it('feedback export prints to standard output, in English with --lang en', async () => {
    const r = await cli(['--lang', 'en', 'feedback', 'export']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Draft eval cases: 2 answers/);
    expect(r.stdout).toContain('# The answer to review (find_course, sources: none):');
  });

  it('insights --json groups the unmet demand by topic and comune; the table says the same', async () => {
    const r = await cli(['insights', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Insights;
    expect(report.totals).toMatchObject({ people: 2, unanswered: 1, negativeFeedback: 1, handoffs: 1, full: 0 });
    expect(report.groups).toEqual([
      expect.objectContaining({ area: 'courses', subject: 'pasticceria giapponese', comune: null, people: 1, total: 2, unanswered: 1, handoffs: 1 }),
      expect.objectContaining({ area: 'courses', subject: 'stampa 3d', comune: { code: '020066', name: 'Viadana' }, people: 1, total: 1, negativeFeedback: 1 }),
    ]);
    for (const leaked of ['telegram:55', 'mario.rossi', 'Anna', 'Verdi']) expect(r.stdout).not.toContain(leaked);

    const table = await cli(['--lang', 'en', 'insights', '--since', '2w']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^Unmet demand since 2026-11-11 10:00\n2 people: 1 without an answer, 1 answers judged wrong, 1 asked for a person, 0 found it full/);
    expect(table.stdout).toMatch(/\n\s+1\s+2\s+1\s+0\s+1\s+0\s+courses · pasticceria giapponese\s+—\n/);
    expect(table.stdout).toMatch(/courses · stampa 3d\s+Viadana\n/);
  });

  it('refuses a malformed --since and an --out in a missing folder with exit code 2', async () => {
    const bad = await cli(['insights', '--since', 'last week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since "last week" is neither a date .* nor a duration/);
    const missing = join(dir, 'no-such-folder', 'drafts.yaml');
    const r = await cli(['feedback', 'export', '--out', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*drafts\.yaml: the folder .*no-such-folder does not exist/);
    expect(existsSync(missing)).toBe(false);
  });
});
