import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../adapters/cli/main.js';
import { runCli } from '../test/support/cli.js';
import type { EvalResult } from './result.js';

/** The CLI in this process, with its output kept: the store and the engine are the real ones. */
async function orienta(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) });
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

// Each run prepares a store and trains the engine: seconds, more on a busy machine.
describe('orienta eval', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-eval-cli-'));
  const cases = join(dir, 'cases.yaml');
  const json = join(dir, 'out', 'result.json');
  const report = join(dir, 'out', 'report.html');
  let first: Awaited<ReturnType<typeof orienta>>;

  beforeAll(async () => {
    // One case that passes, one that cannot: the 3D printing course of Viadana is C008, not C001.
    writeFileSync(
      cases,
      `defaults:
  tags: [lang:it, topic:courses]
cases:
  - id: right
    turns: [{ say: "corsi di stampa 3d a viadana", expect: { cites: [C008] } }]
  - id: wrong
    turns: [{ say: "corsi di stampa 3d a viadana", expect: { cites: [C001] } }]
`,
    );
    first = await orienta(['eval', cases, '--min-pass', '0.5', '--json', json, '--report', report]);
  }, 240_000);

  it('runs the cases, prints the summary, writes the JSON and the report, and passes at --min-pass 0.5', () => {
    expect(first.stderr).toContain('eval: 2 cases; preparing the store (sample catalogue)');
    expect(first.stderr).toMatch(/eval: 2\/2 cases \(100%\), 1 failed/);
    expect(first.stdout).toMatch(/pass rate\s+50\.0%\s+1\/2\s+\(--min-pass 50\.0%\)/);
    expect(first.stdout).toMatch(/wrong \(.*cases\.yaml:6\): turn 1: cites: C001 not cited \(cited: C008/);
    expect(first.stdout).toMatch(/\n {2}OK\n$/);
    expect(first.code).toBe(0);
    const result = JSON.parse(readFileSync(json, 'utf8')) as EvalResult;
    expect(result).toMatchObject({ format: 'orienta-eval/1', store: { kind: 'sample' }, now: '2026-11-25T10:00:00+01:00', gate: { minPass: 0.5, passed: true } });
    expect(result.cases.map((c) => [c.id, c.passed])).toEqual([['right', true], ['wrong', false]]);
    expect(readFileSync(report, 'utf8')).toContain('<strong>wrong</strong>');
  });

  it('exits 1 below --min-pass', async () => {
    const r = await orienta(['eval', cases, '--min-pass', '60%']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED: pass rate 50.0% is below --min-pass 60.0%');
  });

  it('exits 1 on a regression against the baseline, through the real executable', async () => {
    // The same run as a baseline where "wrong" used to pass.
    const baseline = JSON.parse(readFileSync(json, 'utf8')) as EvalResult;
    baseline.cases.find((c) => c.id === 'wrong')!.passed = true;
    baseline.metrics.passRate = 1;
    const previous = join(dir, 'previous.json');
    writeFileSync(previous, JSON.stringify(baseline));
    const r = await runCli(['eval', cases, '--baseline', previous]);
    expect(r.stdout).toContain('REGRESSION wrong: turn 1: cites: C001 not cited');
    expect(r.stdout).toContain('FAILED: 1 case passed in the baseline and fail now (wrong); pass rate went down from 100.0% to 50.0% against the baseline');
    expect(r.code).toBe(1);
    // Against itself nothing regressed.
    expect((await orienta(['eval', cases, '--baseline', json])).code).toBe(0);
  });

  it.each([
    [['--min-pass', '1.5'], /^orienta: --min-pass must be the share of cases that must pass, from 0 to 1 \(such as 0\.9 or 90%\), not "1\.5"\n$/],
    [['--baseline', '/nonexistent/previous.json'], /^orienta: --baseline \/nonexistent\/previous\.json: cannot read it \(ENOENT\)\n$/],
    [['--now', 'domani'], /ORIENTA_NOW: an ISO date-time/],
    [['--llm-judge'], /^orienta: --llm-judge needs an OpenAI-compatible chat endpoint: set LLM_BASE_URL and LLM_MODEL/],
  ])('exits 2 for misuse %#, with the reason', async (args, message) => {
    const r = await orienta(['eval', cases, ...args]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('exits 2 naming the file and the field of a bad case, before preparing any store', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'cases:\n  - id: x\n    turns:\n      - say: ciao\n        expect: { intent: saluto }\n');
    const r = await orienta(['eval', bad]);
    expect(r.stderr).toMatch(/^orienta: .*bad\.yaml:5: case "x", turn 1, expect\.intent\[0\]: "saluto" is not an intent; use one of /);
    expect(r.stderr).not.toContain('preparing the store');
    expect(r.code).toBe(2);
    writeFileSync(join(dir, 'notjson.json'), '{"format": "something else"');
    expect((await orienta(['eval', cases, '--baseline', join(dir, 'notjson.json')])).stderr).toMatch(/--baseline .*notjson\.json: not JSON/);
    writeFileSync(join(dir, 'other.json'), '{"format": "something else"}');
    expect((await orienta(['eval', cases, '--baseline', join(dir, 'other.json')])).stderr).toMatch(/--baseline .*other\.json: format must be "orienta-eval\/1" \(a file written by orienta eval --json\)/);
  });

  it('--coverage asks questions made from the ingested catalogue, alone or with case files, and reports them by kind, field and phrasing', async () => {
    const tiny = join(dir, 'tiny-catalogue.yaml');
    writeFileSync(
      tiny,
      `format: orienta/v1
comuni:
  - { code: "020030", cadastralCode: E897, name: Mantova, lat: 45.1567, lon: 10.7917 }
sites:
  - id: T01
    name: Laboratorio Meccatronica Borgo
    kind: school_lab
    provider: Istituto Borgo
    address: Via dei Tornitori 4, 46100 Mantova
    comune: "020030"
    labs: [{ name: Officina, equipment: [tornio parallelo, fresatrice], capacity: 12 }]
    hours: lun-ven 8:30-16:30
    contacts: { phone: 0376 123456, email: officina@borgo.example.it }
courses:
  - id: T100
    title: "Tornitura di precisione: dal disegno al pezzo"
    provider: Istituto Borgo
    site: T01
    topic: Meccanica
    level: beginner
    audience: [adults]
    mode: presence
    hours: 30
    startDate: 2027-02-03
    endDate: 2027-03-31
    schedule: mercoledì 17:00-20:00
    cost: 150
    seats: 12
    enrolmentDeadline: 2027-01-20
    description: Si impara a leggere il disegno tecnico e a lavorare al tornio pezzi su misura.
services:
  - id: TS1
    title: Sportello tirocini Borgo
    category: job
    provider: Istituto Borgo
    sites: [T01]
    howToAccess: Scrivi allo sportello e fissa un colloquio.
    documents: [curriculum aggiornato]
    bookable: true
    appointmentMinutes: 40
    description: Aiuta a trovare un tirocinio nelle officine della zona.
initiatives:
  - id: TI1
    title: Giornata delle officine aperte
    kind: open_day
    organizer: Istituto Borgo
    site: T01
    startDate: 2027-03-06
    description: Le officine del Borgo aprono le porte a ragazzi e famiglie.
schools:
  - { id: MNIS99900X, name: ISTITUTO BORGO, type: ISTITUTO SUPERIORE, address: VIA DEI TORNITORI 4, cadastralCode: E897, state: true }
`,
    );
    const own = join(dir, 'tiny-cases.yaml');
    writeFileSync(own, 'cases:\n  - id: tornitura\n    turns: [{ say: "corso di tornitura", expect: { cites: [T100] } }]\n');
    const out = join(dir, 'out', 'coverage.json');
    const page = join(dir, 'out', 'coverage.html');
    const alone = await orienta(['eval', '--coverage', '--ingest', tiny, '--json', out, '--report', page]);
    expect(alone.stderr).toContain(`eval: the coverage questions; preparing the store (ingesting ${tiny})`);
    expect(alone.stderr).toMatch(/eval: \d+ coverage questions generated from 1 course, 1 site, 1 service, 1 initiative, 1 school in \d+ ms/);
    expect(alone.stderr).toMatch(/eval: \d+ cases run in [\d.]+ s/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as EvalResult;
    expect(result.files).toEqual([]);
    expect(result.coverage!.cases).toBe(result.metrics.cases);
    expect(result.cases.every((c) => c.id.startsWith('cov.'))).toBe(true);
    expect(result.metrics.coverage!.byKind.map((k) => k.name)).toEqual(['course', 'site', 'service', 'initiative', 'school', 'not-in-catalogue']);
    expect(result.metrics.coverage!.byField.map((f) => f.name)).toEqual(expect.arrayContaining(['course/start', 'course/cost', 'site/phone', 'service/appointment', 'initiative/dates', 'school/address']));
    expect(alone.stdout).toMatch(new RegExp(`Orienta eval: ${result.metrics.cases} cases \\(${result.metrics.cases} generated from the catalogue\\)`));
    expect(alone.stdout).toMatch(/coverage: \d+ questions generated from 1 course, 1 site, 1 service, 1 initiative, 1 school/);
    expect(alone.stdout).toMatch(/coverage pass rate\s+[\d.]+%\s+\d+\/\d+/);
    for (const heading of ['by kind', 'by phrasing', 'by language', 'by field']) expect(alone.stdout).toContain(`    ${heading}`);
    expect(alone.stdout).toMatch(/\n {4}course\/start\s+3\s+\d\s+[\d.]+%\n/);
    expect(alone.stdout).toMatch(/\n {4}follow-up\s+5\s+/);
    expect(alone.stdout).toContain('schools: every one of the 1 asked its address');
    expect(alone.stdout).not.toMatch(/^ {2}coverage:kind/m);
    expect(readFileSync(page, 'utf8')).toContain('<h2>Coverage of the catalogue</h2>');
    expect(alone.code).toBe(0);

    const both = await orienta(['eval', own, '--coverage', '--ingest', tiny]);
    expect(both.stderr).toContain(`eval: 1 cases and the coverage questions; preparing the store (ingesting ${tiny})`);
    expect(both.stdout).toContain(`Orienta eval: ${result.metrics.cases + 1} cases (1 file and ${result.metrics.cases} generated from the catalogue)`);
  });
});

