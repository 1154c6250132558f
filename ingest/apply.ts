import type { Database, Sql } from '../knowledge/db/database.js';
import { upsertRecords, type WriteResult } from '../knowledge/catalogue/catalogue-writer.js';
import type { Catalogue, RecordKind } from '../domain/model/index.js';
import { syncSearchIndex, type SyncResult } from '../knowledge/search/index-sync.js';
import { CATALOGUE_KEYS } from './records.js';

/** Parents before children, so a reader of a half-applied batch could never see an orphan. */
export const ORDER: RecordKind[] = ['comune', 'site', 'course', 'service', 'initiative', 'school', 'slot', 'doc'];

export type Written = Partial<Record<RecordKind, WriteResult>>;

export interface ApplyResult {
  written: Written;
  index: SyncResult;
}

/** Upserts records of every kind, parents first, in the caller's transaction; the search index is left to the caller. */
export async function writeRecords(tx: Sql, records: Partial<Catalogue>, source: string): Promise<Written> {
  const written: Written = {};
  for (const kind of ORDER) {
    const list = records[CATALOGUE_KEYS[kind]];
    if (list?.length) written[kind] = await upsertRecords<unknown>(tx, kind, list, source);
  }
  return written;
}

/** The kinds a batch carries (a list, even empty, means "this source holds these"). */
export function kindsOf(records: Partial<Catalogue>): RecordKind[] {
  return ORDER.filter((kind) => records[CATALOGUE_KEYS[kind]] !== undefined);
}

/** Writes records of every kind and refreshes the whole search index, in the caller's transaction. */
export async function applyRecords(tx: Sql, records: Partial<Catalogue>, source: string): Promise<ApplyResult> {
  const written = await writeRecords(tx, records, source);
  return { written, index: await syncSearchIndex(tx, records) };
}

export function applyInTransaction(db: Database, records: Partial<Catalogue>, source: string): Promise<ApplyResult> {
  return db.transaction((tx) => applyRecords(tx, records, source));
}
