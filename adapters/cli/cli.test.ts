import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countsIn, runCli, sampleDataDir } from '../../test/support/cli.js';

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('orienta CLI', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await sampleDataDir();
  });

  it('prints help for the program and for each command', async () => {
    for (const args of [['--help'], ['search', '--help'], ['serve', '--help']]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: orienta/);
    }
    const root = await runCli(['--help']);
    for (const option of ['--data-dir', '--now', '--lang']) expect(root.stdout).toContain(option);
  });

  it('search --json prints [{kind, id, title, score, why}]', async () => {
    const r = await runCli(['search', 'stampa 3d viadana', '--json', '--data-dir', dataDir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(hits.length).toBeGreaterThan(0);
    expect(Object.keys(hits[0]!).sort()).toEqual(['id', 'kind', 'score', 'title', 'why']);
    expect(hits.slice(0, 3).map((h) => h.id)).toContain('C008');
    expect((hits[0]!.why as string[]).join(' ')).toMatch(/full text|name match|vector/);
  });

  it('search --kind and --limit narrow the results', async () => {
    const r = await runCli(['search', 'laboratorio', '--kind', 'site', '--limit', '3', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as { kind: string }[];
    expect(hits.length).toBe(3);
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['site']));
  });

  it('prints a readable table without --json', async () => {
    const r = await runCli(['search', 'muletto', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s*1\. course\s+C014\s+Carrello elevatore/m);
  });

  it.each([
    [['search', '', '--data-dir'], /query is empty/],
    [['search', '   ', '--data-dir'], /query is empty/],
    [['search', 'x'.repeat(10_000), '--data-dir'], /10000 characters long; the limit is 500/],
    [['search', 'corsi', '--kind', 'pizza', '--data-dir'], /unknown --kind "pizza": use one of course, site, service, initiative, school, doc/],
    [['search', 'corsi', '--limit', 'tanti', '--data-dir'], /--limit must be a whole number/],
    [['search', 'corsi', '--signals', 'magic', '--data-dir'], /unknown signal "magic"/],
    [['search', 'corsi', '--now', 'domani', '--data-dir'], /ORIENTA_NOW/],
  ])('refuses misuse %# with one clear line and exit code 2', async (args, message) => {
    const r = await runCli([...args, dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    noStackTrace(r.stderr);
    expect(r.stdout).toBe('');
  });

  it('rejects an unknown command or option with exit code 2', async () => {
    expect((await runCli(['fly'])).code).toBe(2);
    expect((await runCli(['search', 'x', '--colour'])).code).toBe(2);
  });

  it('treats SQL metacharacters and emoji as text and changes nothing', async () => {
    const before = await countsIn(dataDir);
    for (const q of ["'; DROP TABLE courses; --", '🎓🤖', "robotica' OR 1=1 --", '%_\\']) {
      const r = await runCli(['search', q, '--json', '--data-dir', dataDir]);
      expect(r.code).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    }
    expect(await countsIn(dataDir)).toEqual(before);
  });

  it('does not create a store where there is none', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'orienta-missing-')), 'nothing-here');
    const r = await runCli(['search', 'corsi', '--data-dir', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/There is no Orienta store in .*nothing-here/);
    expect(existsSync(missing)).toBe(false);
  });

  it('explains an unreadable data dir in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orienta-broken-'));
    mkdirSync(join(dir, 'pglite'));
    writeFileSync(join(dir, 'pglite', 'PG_VERSION'), 'not a postgres data dir\n');
    const r = await runCli(['search', 'corsi', '--data-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^orienta: Cannot open the embedded store in .*Check that the directory/);
    noStackTrace(r.stderr);
    expect(existsSync(join(dir, 'orienta.lock'))).toBe(false);

    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r2 = await runCli(['search', 'corsi', '--data-dir', file]);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/^orienta: There is no Orienta store in .*a-file/);
  });
});
