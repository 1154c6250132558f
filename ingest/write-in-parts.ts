import { upsertRecords, type WriteResult } from '../knowledge/catalogue/catalogue-writer.js';
import type { Sql } from '../knowledge/db/database.js';
import type { Catalogue, RecordKind } from '../domain/model/index.js';
import { PART_KINDS, removeSearchRowsOf, syncSearchRowsOf } from '../knowledge/search/index-parts.js';
import { analyzeSearch, syncSearchIndex } from '../knowledge/search/index-sync.js';
import { kindsOf, ORDER, writeRecords } from './apply.js';
import { prune } from './prune.js';
import { CATALOGUE_KEYS } from './records.js';

export type Unit = <T>(fn: (tx: Sql) => Promise<T>) => Promise<T>;

export interface Written {
  created: number;
  updated: number;
  unchanged: number;
  pruned: number;
}

/** A source written in parts failed after some of them were committed: those stay, and say how far it got. */
export class PartsFailure extends Error {
  constructor(
    readonly written: Written,
    readonly records: number,
    readonly failure: unknown,
  ) {
    super('a part of the source could not be written', { cause: failure });
  }
}

/** Analyzing costs a few hundred ms on a large store: only after loads that changed this many rows. */
const ANALYZE_FROM = 100;

/**
 * Writes checked records in transactions of at most `partSize` records, each with its search
 * rows: for the embedded store reached through a running server, which runs one statement at a
 * time for everyone and answers people between these transactions. The records others' search
 * rows are made of (comuni, sites: few) go first, in one transaction with the rows they feed.
 * Indexes stay in place: rebuilding one would stop the server for seconds.
 * `check` runs in the first transaction and gives the records to write.
 */
export async function writeInParts(
  unit: Unit,
  check: (tx: Sql) => Promise<Partial<Catalogue>>,
  sourceKey: string,
  options: { partSize: number; prune: boolean },
): Promise<Written> {
  const written: Written = { created: 0, updated: 0, unchanged: 0, pruned: 0 };
  const add = (r: WriteResult) => {
    written.created += r.created.length;
    written.updated += r.updated.length;
    written.unchanged += r.unchanged.length;
  };
  let total = 0;
  let committed = false;
  /** Search rows changed since the statistics were last taken, and how many rows there were then. */
  let rows = 0;
  let analyzed = 0;
  // PGlite has no autovacuum: statistics of a table a tenth of its size make the server's searches
  // plan scans of every row while the load goes on. Taken again each time the rows grew by half.
  const analyze = async (force: boolean) => {
    if (rows < ANALYZE_FROM || (!force && rows < analyzed / 2)) return;
    analyzed = await unit(async (tx) => {
      const [{ n }] = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
      await analyzeSearch(tx, n);
      return n;
    });
    rows = 0;
  };
  try {
    const first = await unit(async (tx) => {
      const records = await check(tx);
      const parents: Partial<Catalogue> = {};
      for (const kind of ORDER) if (!PART_KINDS.includes(kind)) (parents as Record<string, unknown>)[CATALOGUE_KEYS[kind]] = records[CATALOGUE_KEYS[kind]];
      const results = await writeRecords(tx, parents, sourceKey);
      // Also brings rows made by an older version of search-docs.ts up to date, whatever the kinds.
      const index = await syncSearchIndex(tx, parents, kindsOf(parents));
      return { records, results, rows: index.written + index.removed, total: index.total };
    });
    committed = true;
    for (const r of Object.values(first.results)) add(r);
    rows += first.rows;
    analyzed = first.total;
    const records = first.records;
    total = ORDER.reduce((n, kind) => n + (records[CATALOGUE_KEYS[kind]]?.length ?? 0), 0);
    for (const kind of ORDER.filter((k) => PART_KINDS.includes(k))) {
      const list = records[CATALOGUE_KEYS[kind]] as readonly unknown[] | undefined;
      for (let i = 0; i < (list?.length ?? 0); i += options.partSize) {
        const part = list!.slice(i, i + options.partSize);
        const done = await unit(async (tx) => ({ result: await upsertRecords(tx, kind, part, sourceKey), rows: await syncSearchRowsOf(tx, kind, part) }));
        add(done.result);
        rows += done.rows;
        await analyze(false);
      }
    }
    if (options.prune) {
      const pruned = await unit(async (tx) => {
        const { removed, gone } = await prune(tx, sourceKey, records);
        const others: RecordKind[] = [];
        for (const [kind, ids] of gone) {
          if (PART_KINDS.includes(kind)) await removeSearchRowsOf(tx, kind, ids);
          else others.push(kind);
        }
        if (others.length > 0) await syncSearchIndex(tx, {}, others);
        return removed;
      });
      written.pruned = pruned;
      rows += pruned;
    }
    await analyze(true);
    return written;
  } catch (error) {
    if (!committed) throw error;
    throw new PartsFailure(written, total, error);
  }
}
