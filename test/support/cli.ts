import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countRecords } from '../../knowledge/catalogue/catalogue-writer.js';
import { PgliteDatabase } from '../../knowledge/db/pglite-database.js';
import { prepareSampleStore } from './sample-store.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'orienta.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `orienta` executable, as staff would. */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A data dir holding the sample catalogue, as `npm start` leaves it. */
export async function sampleDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'orienta-data-'));
  const db = await PgliteDatabase.open({ dataDir: join(dir, 'pglite') });
  await prepareSampleStore(db);
  await db.close();
  return dir;
}

export async function countsIn(dataDir: string) {
  const db = await PgliteDatabase.open({ dataDir: join(dataDir, 'pglite') });
  try {
    return await countRecords(db);
  } finally {
    await db.close();
  }
}

/** ../shared/data beside the project: the partner data the shared, held-out and coverage runs ingest. */
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');

/**
 * Skips a test that needs ../shared/data where it is not (a laptop), saying so; in CI its absence
 * is an error, as CI must run with the shared data next to the project.
 */
export function needSharedData(ctx: { skip(): void }): void {
  if (existsSync(SHARED_DATA)) return;
  if (process.env.CI === 'true') throw new Error(`${SHARED_DATA} is missing: CI must run with the shared test data next to the project`);
  console.log(`skipped: ${SHARED_DATA} is not here (CI requires it)`);
  ctx.skip();
}
