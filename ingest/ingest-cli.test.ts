import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { countsIn, runCli, type CliResult } from '../test/support/cli.js';
import type { SourceResult } from './pipeline.js';

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const HEADER = /^source\s+type\s+read\s+created\s+updated\s+unchanged\s+rejected\s+pruned\s+status$/;

/** The rows of the result table, by source: the cells after the source's name. */
function tableRows(stdout: string): Map<string, string[]> {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => HEADER.test(l));
  expect(start, `a result table in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    // The table ends at a blank line or at the line about embeddings.
    if (!/\s(loaded|checked|failed)$/.test(line)) break;
    const [source, ...cells] = line.trim().split(/\s+/);
    rows.set(source!, cells);
  }
  return rows;
}

describe('orienta ingest (the real CLI)', () => {
  let root: string;
  let dataDir: string;
  let first: CliResult;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'orienta-ingest-cli-'));
    // A data dir that does not exist yet: ingest creates the store.
    dataDir = join(root, 'store');
    first = await runCli(['ingest', '../shared/data', '--data-dir', dataDir]);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('loads ../shared/data into a new data dir and prints the result table', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const rows = tableRows(first.stdout);
    expect(rows.size).toBe(11);
    for (const [source, cells] of rows) {
      expect(source).toMatch(/^\.\.\/shared\/data\//);
      // type, read, created, updated, unchanged, rejected, pruned, status
      expect(cells, source).toHaveLength(8);
      expect(cells[7], source).toBe('loaded');
      expect(cells[5], source).toBe('0');
    }
    expect(rows.get('../shared/data/lto-export/corsi.csv')).toEqual(['csv:lto-corsi', '38', '38', '0', '0', '0', '0', 'loaded']);
    expect(rows.get('../shared/data/lto-export/sedi.csv')).toEqual(['csv:lto-sedi', '21', '21', '0', '0', '0', '0', 'loaded']);
    expect(first.stdout).not.toMatch(/FAILED|problem\(s\)/);
    expect(first.stdout).toMatch(/^embeddings computed for \d+ changed record\(s\)$/m);
    expect(existsSync(join(dataDir, 'orienta.lock'))).toBe(false);
  });

  it('the new store holds the partner data and none of the sample catalogue', async () => {
    const counts = await countsIn(dataDir);
    expect(counts).toMatchObject({ site: 21, course: 38, service: 13, initiative: 8, slot: 114, school: 422, comune: 64 });
    const db = await PgliteDatabase.open({ dataDir: join(dataDir, 'pglite') });
    try {
      expect(await db.query("SELECT id FROM sites WHERE id IN ('S22', 'S23', 'S24', 'S25', 'S26', 'S27')")).toEqual([]);
      expect(await db.query("SELECT DISTINCT source FROM courses WHERE source NOT LIKE '%/shared/data/lto-export/corsi.csv'")).toEqual([]);
      expect(await db.query("SELECT id FROM courses WHERE title = 'HACCP per alimentaristi'")).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('--json prints {dryRun, sources, embedded}; a second run changes nothing', async () => {
    const r = await runCli(['ingest', '../shared/data/lto-export', '--json', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dryRun: boolean; sources: SourceResult[]; embedded: number };
    expect(Object.keys(out).sort()).toEqual(['dryRun', 'embedded', 'sources']);
    expect(out.dryRun).toBe(false);
    expect(out.embedded).toBe(0);
    expect(out.sources.map((s) => s.source).sort()).toEqual(
      ['calendario.csv', 'corsi.csv', 'faq.md', 'guida-servizi-lavoro.pdf', 'iniziative.csv', 'sedi.csv', 'servizi.csv'].map((f) => `../shared/data/lto-export/${f}`),
    );
    for (const s of out.sources) {
      expect(Object.keys(s).sort()).toEqual(['created', 'problems', 'pruned', 'read', 'rejected', 'source', 'status', 'type', 'unchanged', 'updated']);
      expect(s, s.source).toMatchObject({ status: 'loaded', created: 0, updated: 0, rejected: 0, pruned: 0, problems: [] });
      expect(s.unchanged).toBe(s.read);
    }
  });

  it('--dry-run --json says so, marks every source checked and writes nothing', async () => {
    const before = await countsIn(dataDir);
    const r = await runCli(['ingest', '../shared/data/lto-export/corsi.csv', '--dry-run', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { dryRun: boolean; sources: SourceResult[]; embedded: number };
    expect(out.dryRun).toBe(true);
    expect(out.embedded).toBe(0);
    expect(out.sources).toHaveLength(1);
    expect(out.sources[0]).toMatchObject({ source: '../shared/data/lto-export/corsi.csv', status: 'checked', read: 38, unchanged: 38 });
    expect(await countsIn(dataDir)).toEqual(before);

    const table = await runCli(['ingest', '../shared/data/lto-export/corsi.csv', '--dry-run', '--data-dir', dataDir]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('dry run: nothing was written; the figures say what would change');
    expect(tableRows(table.stdout).get('../shared/data/lto-export/corsi.csv')?.at(-1)).toBe('checked');
  });

  it('a failing source is reported, the others load, and the exit code is 1', async () => {
    const dir = join(root, 'partial');
    const missing = join(root, 'non-esiste.csv');
    const r = await runCli(['ingest', missing, '../shared/data/lto-export/faq.md', '--data-dir', dir]);
    const rows = tableRows(r.stdout);
    expect(rows.get(missing)).toEqual(['unknown', '0', '0', '0', '0', '0', '0', 'failed']);
    expect(rows.get('../shared/data/lto-export/faq.md')?.at(-1)).toBe('loaded');
    expect(r.stdout).toContain(`${missing}: FAILED, no such file or directory`);
    noStackTrace(r.stdout + r.stderr);
    const counts = await countsIn(dir);
    expect(counts.doc).toBeGreaterThan(0);
    expect(counts.course).toBe(0);
    // `orienta ingest` says a run with a failed source is not a success.
    expect(r.code).toBe(1);
  });

  it('with no path: exit code 2 and one line saying what is missing', async () => {
    const r = await runCli(['ingest', '--data-dir', join(root, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'paths'/);
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('--help describes the command and its options', async () => {
    const r = await runCli(['ingest', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: orienta ingest \[options\] <paths\.\.\.>/);
    for (const option of ['--dry-run', '--prune', '--strict', '--json']) expect(r.stdout).toContain(option);
    expect(r.stderr).toBe('');
  });
});
