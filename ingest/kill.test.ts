import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { BIN, ROOT, countsIn, runCli, sampleDataDir } from '../test/support/cli.js';

/** Observes the spawned process's transactions on stderr (see the file); changes nothing in it. */
const TRACE = pathToFileURL(join(ROOT, 'test', 'support', 'trace-transactions.mjs')).href;

const ROWS = 30_000;
/** Statements into the source's transaction when it is killed: past the 60 batches of 500 courses, inside the search-index refresh. */
const KILL_AT_STATEMENT = 70;

/** An LTO courses export (corsi.csv layout: UTF-8 with BOM, ";", CRLF) of `rows` valid courses at the sample's sites S01-S09. */
function writeBigCorsi(path: string, rows: number): void {
  const header =
    'Codice corso;Titolo;Ente erogatore;Codice sede;Area tematica;Livello;Destinatari;Modalità;Durata (ore);Data inizio;Data fine;' +
    'Giorni e orari;Costo;Posti;Scadenza iscrizioni;Certificazione;Requisiti;Descrizione;Lingua';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `K${String(i).padStart(5, '0')};Corso generato ${i};Ente di prova;S0${(i % 9) + 1};Prova;Base;Adulti;In presenza;10;10/01/2027;10/02/2027;` +
        `lunedì 9:00-12:00;Gratuito;20;05/01/2027;Attestato di frequenza;Nessuno;Corso generato per la prova di interruzione numero ${i}.;Italiano`,
    );
  }
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
}

interface Killed {
  pid: number;
  /** The process had not exited on its own when it was killed. */
  aliveAtKill: boolean;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs `orienta <args>` and SIGKILLs it once a transaction has run `statement` statements without committing. */
function killInsideTransaction(args: string[], statement: number, timeoutMs = 120_000): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRACE, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let pending = '';
    let aliveAtKill = false;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      aliveAtKill = child.exitCode === null && child.signalCode === null;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, timeoutMs);
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      if (lines.some((l) => new RegExp(`^\\[tx \\d+\\] statement ${statement}$`).test(l)) && !/committed/.test(stderr)) kill();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ pid: child.pid!, aliveAtKill, signal, code, stderr });
    });
  });
}

describe('an ingest killed inside its transaction', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('leaves the store exactly as before; the stale lock is taken over and search works', async () => {
    const dataDir = await sampleDataDir();
    const work = mkdtempSync(join(tmpdir(), 'orienta-kill-'));
    dirs.push(dataDir, work);
    const before = await countsIn(dataDir);
    expect(before.course).toBeGreaterThan(0);
    const big = join(work, 'corsi.csv');
    writeBigCorsi(big, ROWS);

    const run = await killInsideTransaction(['ingest', big, '--data-dir', dataDir], KILL_AT_STATEMENT);
    // Killed by us, while it was running, inside a transaction that had written every batch of courses.
    expect(run.aliveAtKill, run.stderr).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    expect(run.stderr).toMatch(new RegExp(`^\\[tx (\\d+)\\] begin$[\\s\\S]*^\\[tx \\1\\] statement ${KILL_AT_STATEMENT}$`, 'm'));
    expect(run.stderr).not.toMatch(/committed|rolled back/);

    // The dead process's lock is still there...
    const lockFile = join(dataDir, 'orienta.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: run.pid, command: 'ingest' });

    // ...and the next command takes it over, opens the store and searches the sample as before.
    const search = await runCli(['search', 'muletto', '--json', '--data-dir', dataDir]);
    expect(search.stderr).toBe('');
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { id: string }[];
    expect(hits.slice(0, 3).map((h) => h.id)).toContain('C014');
    expect(existsSync(lockFile)).toBe(false);

    const generated = await runCli(['search', 'Corso generato per la prova di interruzione', '--json', '--data-dir', dataDir]);
    expect(generated.code).toBe(0);
    expect((JSON.parse(generated.stdout) as { id: string }[]).filter((h) => h.id.startsWith('K'))).toEqual([]);

    expect(await countsIn(dataDir)).toEqual(before);
    const db = await PgliteDatabase.open({ dataDir: join(dataDir, 'pglite') });
    try {
      expect(await db.query("SELECT count(*)::int AS n FROM courses WHERE id LIKE 'K%'")).toEqual([{ n: 0 }]);
      expect(await db.query("SELECT count(*)::int AS n FROM search_index WHERE id LIKE 'K%'")).toEqual([{ n: 0 }]);
      expect(await db.query("SELECT count(*)::int AS n FROM courses WHERE source = $1", [big])).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
