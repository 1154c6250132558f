import { isOrientaError } from '../domain/errors.js';
import type { WriteResult } from '../knowledge/catalogue/catalogue-writer.js';
import type { Database, Sql } from '../knowledge/db/database.js';
import type { Comune } from '../domain/model/index.js';
import { syncSearchIndex } from '../knowledge/search/index-sync.js';
import { kindsOf, writeRecords } from './apply.js';
import { ComuneLookup, type IngestContext } from './context.js';
import { readMappedCsv } from './csv/read-mapped.js';
import { detectSources, type DetectedSource } from './detect.js';
import type { Problem } from './problems.js';
import type { SourceBatch } from './records.js';
import { checkReferences } from './references.js';
import { readComuniCoordinates } from './sources/comuni-coordinates.js';
import { readMarkdown } from './sources/markdown.js';
import { readNativeFile } from './sources/native.js';
import { readPdf } from './sources/pdf.js';
import { prune } from './prune.js';
import { PartsFailure, writeInParts, type Unit } from './write-in-parts.js';

export interface IngestOptions {
  dryRun?: boolean;
  prune?: boolean;
  strict?: boolean;
  cwd?: string;
  /**
   * Records written per transaction, for the embedded store reached through a running server: it
   * runs one statement at a time for everyone and answers people between the parts. A source that
   * fails midway keeps the parts already written; the command run again writes the rest (unchanged
   * records are skipped). Unset: each source in one transaction, all or nothing.
   */
  partSize?: number;
}

/** One line of the result table: what happened to one source. Failures are data, not exceptions. */
export interface SourceResult {
  source: string;
  type: string;
  status: 'loaded' | 'checked' | 'failed';
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  pruned: number;
  problems: Problem[];
  /** Why the source failed as a whole (nothing of it was written). */
  error?: string;
}

class DryRun extends Error {}

/**
 * Reads every source and writes each in its own transaction: a source that fails, or a process
 * killed midway, leaves the store exactly as it was before that source.
 */
export async function ingestPaths(db: Database, paths: readonly string[], options: IngestOptions = {}): Promise<SourceResult[]> {
  const { sources, undetected } = await detectSources(paths, options.cwd);
  const results: SourceResult[] = undetected.map((u) => ({ ...empty(u.label, 'unknown'), status: 'failed', error: u.message }));
  const comuni = new ComuneLookup((await db.query<{ data: Comune }>('SELECT data FROM comuni')).map((r) => r.data));
  const ctx: IngestContext = { comuni };
  if (!options.dryRun) {
    for (const source of sources) results.push(await ingestSource(source, ctx, options, (fn) => db.transaction(fn)));
    return results;
  }
  // A dry run is one transaction rolled back at the end, with a savepoint per source: later
  // sources see what earlier ones would have written (courses see the sites), and nothing stays.
  await db
    .transaction(async (tx) => {
      for (const source of sources) results.push(await ingestSource(source, ctx, options, (fn) => inSavepoint(tx, fn)));
      throw new DryRun();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRun)) throw error;
    });
  return results;
}


async function inSavepoint<T>(tx: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  await tx.exec('SAVEPOINT orienta_source');
  try {
    const result = await fn(tx);
    await tx.exec('RELEASE SAVEPOINT orienta_source');
    return result;
  } catch (error) {
    await tx.exec('ROLLBACK TO SAVEPOINT orienta_source');
    throw error;
  }
}

async function ingestSource(source: DetectedSource, ctx: IngestContext, options: IngestOptions, unit: Unit): Promise<SourceResult> {
  const result = empty(source.label, source.type);
  let batch: SourceBatch;
  try {
    batch = await read(source, ctx);
  } catch (error) {
    return { ...result, status: 'failed', error: messageOf(error) };
  }
  result.read = batch.read;
  result.problems.push(...batch.problems);
  const rowProblems = new Set(batch.problems.filter((p) => p.line !== undefined && p.line > 1).map((p) => p.line)).size;
  const nothing = Object.values(batch.records).every((list) => !list?.length);
  if (nothing && batch.problems.length > 0) {
    return { ...result, status: 'failed', rejected: rowProblems, error: 'nothing could be read from this source (see the problems below)' };
  }
  const pruning = !!options.prune || source.type === 'markdown' || source.type === 'pdf';
  let rejected = rowProblems;
  // In the transaction that writes (the first one, when written in parts): what it refers to is checked where it is written.
  const check = async (tx: Sql) => {
    const checked = await checkReferences(tx, batch);
    rejected = rowProblems + checked.rejected;
    result.problems.push(...checked.problems);
    if (options.strict && rejected > 0) throw new StrictFailure(rejected);
    return checked.records;
  };
  try {
    const outcome =
      options.partSize && !options.dryRun
        ? { ...(await writeInParts(unit, check, source.path, { partSize: options.partSize, prune: pruning })), rejected }
        : await unit(async (tx) => {
            const records = await check(tx);
            const written = await writeRecords(tx, records, source.path);
            const pruned = pruning ? (await prune(tx, source.path, records)).removed : 0;
            // After the prune, so removed records leave search too; only the rows derived from what this source holds.
            await syncSearchIndex(tx, records, kindsOf(records));
            return { ...sum(Object.values(written)), rejected, pruned };
          });
    for (const c of (batch.records.comuni ?? []) as Comune[]) ctx.comuni.add(c);
    // A dry run measures by really writing, then rolls everything back at the end of the run.
    return { ...result, ...outcome, status: options.dryRun ? 'checked' : 'loaded' };
  } catch (error) {
    if (error instanceof PartsFailure) {
      const { created, updated, unchanged } = error.written;
      return {
        ...result,
        ...error.written,
        rejected,
        status: 'failed',
        error:
          `${messageOf(error.failure).replace(/\.$/, '')}. Written in parts while the assistant runs: ${created + updated + unchanged} of ${error.records} record(s) ` +
          'were stored before this and stay; run the command again to write the rest.',
      };
    }
    if (error instanceof StrictFailure) {
      return { ...result, status: 'failed', rejected: error.rejected, error: `--strict: ${error.rejected} row(s) rejected, so nothing of this source was written` };
    }
    return { ...result, status: 'failed', error: messageOf(error) };
  }
}

class StrictFailure extends Error {
  constructor(readonly rejected: number) {
    super('strict');
  }
}

async function read(source: DetectedSource, ctx: IngestContext): Promise<SourceBatch> {
  if (source.type === 'native') return readNativeFile(source.path, source.label);
  if (source.type === 'markdown') return readMarkdown(source.path, source.label);
  if (source.type === 'pdf') return readPdf(source.path, source.label);
  if (source.type === 'comuni-coordinates') return readComuniCoordinates(source.path, source.label);
  return readMappedCsv(source.path, source.label, ctx);
}

function sum(results: WriteResult[]) {
  return {
    created: results.reduce((n, r) => n + r.created.length, 0),
    updated: results.reduce((n, r) => n + r.updated.length, 0),
    unchanged: results.reduce((n, r) => n + r.unchanged.length, 0),
  };
}

function empty(source: string, type: string): SourceResult {
  return { source, type, status: 'failed', read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, pruned: 0, problems: [] };
}

function messageOf(error: unknown): string {
  if (isOrientaError(error)) return error.message;
  const e = error as { code?: string; message?: string; detail?: string; constraint?: string };
  // A record still used by others (pruning a site that courses are held at) is PostgreSQL's 23503.
  if (e?.code === '23503') return `a record still in use cannot be removed: ${(e.detail ?? e.message ?? '').replace(/\.$/, '')}. Remove or move what refers to it first.`;
  // New records go in by plain INSERT (see catalogue-writer.ts): a primary key already taken means
  // someone else wrote the same codes meanwhile; another unique field (a comune's cadastral code) is the data's own conflict.
  if (e?.code === '23505' && !e.constraint?.endsWith('_pkey')) {
    return `conflicts with a stored record: ${(e.detail ?? e.message ?? '').replace(/\.$/, '')}. Correct the file or the stored record, then run the command again.`;
  }
  if (e?.code === '23505') return `another writer stored the same records while this source was loading (${(e.detail ?? e.message ?? '').replace(/\.$/, '')}); nothing of this source was written. Run the command again.`;
  return `could not be written: ${e?.message ?? String(error)}`;
}
