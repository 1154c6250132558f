import { inFlight, LOAD_DEPTH } from '../db/in-flight.js';
import { ParamBuffers } from '../db/param-buffers.js';
import type { Sql } from '../db/database.js';
import { TABLES, type TableSpec } from '../catalogue/tables.js';
import type { Catalogue, Comune, Course, DocumentChunk, Initiative, RecordKind, School, Service, Site } from '../../domain/model/index.js';
import { refreshSearchTerms, termsOfRows, type RowKeys } from './search-terms.js';
import { courseDoc, documentDoc, initiativeDoc, schoolDoc, serviceDoc, siteDoc, SEARCH_ROWS_VERSION, type Places, type SearchRow } from './search-docs.js';

export interface SyncResult {
  written: number;
  removed: number;
  total: number;
}

const COLUMNS: Record<string, string> = {
  kind: 'text', id: 'text', title: 'text', keywords: 'text', body: 'text', names: 'text', name_terms: 'text[]', comune_codes: 'text[]', lats: 'float8[]',
  lons: 'float8[]', audience: 'text[]', level: 'text', cost: 'numeric', online: 'boolean', start_date: 'date', end_date: 'date',
  deadline: 'date', content_hash: 'text',
};
const BATCH = 500;
/** When a sync rebuilds instead of going row by row: the one place its thresholds live. */
export interface SyncPolicy {
  /** Past this many rows to write, search_index's GIN indexes are dropped and built again after (see rebuildAll). */
  rebuildAbove: number;
  /** Past this many rows written or removed row by row, search_terms is counted again whole instead of term by term. */
  recountAbove: number;
  /** Counting one term through the index costs about as much as counting this many rows' terms whole. */
  termCostInRows: number;
}
export const SYNC_POLICY: SyncPolicy = { rebuildAbove: 2000, recountAbove: 1000, termCostInRows: 50 };

/** What is known of a sync before a single row is derived. */
export interface SyncCounts {
  /** Rows of the kinds looked at that are not in search_index yet. */
  fresh: number;
  /** Rows of the kinds looked at. */
  derived: number;
  /** The stored rows were made by another SEARCH_ROWS_VERSION: every row looked at is written again. */
  stale: boolean;
}

export type SyncStrategy = 'rebuildAll' | 'syncChanged';

/**
 * Building a GIN index once is far cheaper than inserting thousands of rows into it: a load of
 * many new rows (or all rows made again by a new SEARCH_ROWS_VERSION) is written as a rebuild.
 * Decided before any row is derived, so a large load's rows are derived batch by batch as written.
 */
export function chooseStrategy(counts: SyncCounts, policy: SyncPolicy = SYNC_POLICY): SyncStrategy {
  const toWrite = counts.stale ? counts.derived : counts.fresh;
  return toWrite > policy.rebuildAbove ? 'rebuildAll' : 'syncChanged';
}

/** Whether an incremental sync counts the touched rows' terms one by one rather than every term whole. */
export function termByTerm(touched: number, total: number, policy: SyncPolicy = SYNC_POLICY): boolean {
  return touched <= policy.recountAbove && touched * policy.termCostInRows < total;
}

/** The GIN indexes of search_index, as in the migration: rebuilt around large loads. */
const GIN_INDEXES: Record<string, string> = {
  search_index_tsv_idx: '(tsv)',
  search_index_name_terms_idx: '(name_terms)',
  search_index_comuni_idx: '(comune_codes)',
};

/** The search rows each kind of record feeds: a site's name and place are in its courses' rows, and so on. */
export const FEEDS: Record<RecordKind, readonly RecordKind[]> = {
  comune: ['course', 'site', 'service', 'initiative', 'school'],
  site: ['course', 'site', 'service', 'initiative'],
  course: ['course'],
  service: ['service'],
  initiative: ['initiative'],
  school: ['school'],
  doc: ['doc'],
  slot: [],
};
const ALL: readonly RecordKind[] = Object.keys(FEEDS) as RecordKind[];
/** The kinds that have search rows. */
const SEARCHED = [...new Set(ALL.flatMap((k) => FEEDS[k]))];

/**
 * Re-derives `search_index` from the catalogue tables inside the caller's transaction. Only rows
 * whose derived content changed are written (a site that moved updates its courses' positions);
 * rows of deleted records are removed. Embeddings of written rows become stale and are redone.
 * `written`: the records the caller has just upserted in this transaction, if any.
 * `kinds`: the kinds of record the transaction wrote or removed (default all); only the rows
 * derived from them are looked at, so a file of slots costs nothing here. A store whose rows
 * were made by another SEARCH_ROWS_VERSION has all of them looked at once.
 */
export async function syncSearchIndex(tx: Sql, written: Partial<Catalogue> = {}, kinds: readonly RecordKind[] = ALL, policy: SyncPolicy = SYNC_POLICY): Promise<SyncResult> {
  // Rows made by another version of search-docs.ts are all derived again once, whatever the source.
  const [meta] = await tx.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'search_rows'");
  const current = meta?.value === String(SEARCH_ROWS_VERSION);
  if (!current) {
    kinds = ALL;
    await tx.query(
      "INSERT INTO store_meta (key, value) VALUES ('search_rows', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
      [String(SEARCH_ROWS_VERSION)],
    );
  }
  const derive = new Set(kinds.flatMap((k) => FEEDS[k]));
  if (derive.size === 0) {
    const [{ n }] = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index')) as [{ n: number }];
    return { written: 0, removed: 0, total: n };
  }
  // Records the caller has just written are taken as they are instead of read back: reading and
  // parsing every `data` of a 20,000-row load was a good part of it. A written record is in its
  // table with the same content (or, left unchanged, with content of the same hash). Rows come in
  // the table's order, or in the list's when the table holds just the list.
  const data = async <T>(kind: RecordKind, list: readonly T[] | undefined): Promise<T[]> => {
    const spec = TABLES[kind] as unknown as TableSpec<T>;
    if (!list?.length) return (await tx.query<{ data: T }>(`SELECT data FROM ${spec.table}`)).map((r) => r.data);
    // Often the table holds just these records (a first load, a source that is the whole table):
    // then nothing needs reading back. Counted rather than assumed: on a server another writer
    // may have removed one of them (an unchanged record is not written, so not locked).
    const [{ n, listed }] = (await tx.query<{ n: number; listed: number }>(
      `SELECT count(*)::int AS n, sum(CASE WHEN ${spec.key} IN (SELECT unnest($1::text[])) THEN 1 ELSE 0 END)::int AS listed FROM ${spec.table}`,
      [list.map((r) => spec.id(r))],
    )) as [{ n: number; listed: number }];
    if (n === list.length && listed === list.length) return [...list];
    const mine = new Map(list.map((r) => [spec.id(r), r]));
    // IN (subquery) in the select list is a hashed subplan: one pass over the table, in its order.
    const rows = await tx.query<{ k: string; data: T | null }>(
      `SELECT ${spec.key} AS k, CASE WHEN ${spec.key} IN (SELECT unnest($1::text[])) THEN NULL ELSE data END AS data FROM ${spec.table}`,
      [[...mine.keys()]],
    );
    return rows.map((r) => r.data ?? mine.get(r.k)!);
  };
  const comuni = FEEDS.comune.some((k) => derive.has(k)) ? await data<Comune>('comune', written.comuni) : [];
  const sites = FEEDS.site.some((k) => derive.has(k)) ? await data<Site>('site', written.sites) : [];
  const places: Places = {
    sites: new Map(sites.map((s) => [s.id, s])),
    comuni: new Map(comuni.map((c) => [c.code, c])),
    comuniByCadastral: new Map(comuni.map((c) => [c.cadastralCode, c])),
  };
  // The records behind every search row looked at, in the order their rows are written.
  const groups: Group[] = [];
  if (derive.has('course')) groups.push(group('course', await data<Course>('course', written.courses), (c) => courseDoc(c, places)));
  if (derive.has('site')) groups.push(group('site', sites, (s) => siteDoc(s, places)));
  if (derive.has('service')) groups.push(group('service', await data<Service>('service', written.services), (s) => serviceDoc(s, places)));
  if (derive.has('initiative')) groups.push(group('initiative', await data<Initiative>('initiative', written.initiatives), (i) => initiativeDoc(i, places)));
  if (derive.has('school')) groups.push(group('school', await data<School>('school', written.schools), (s) => schoolDoc(s, places)));
  if (derive.has('doc')) groups.push(group('doc', await data<DocumentChunk>('doc', written.documents), (d) => documentDoc(d)));
  const existing = new Map(
    (await tx.query<{ kind: string; id: string; content_hash: string }>('SELECT kind, id, content_hash FROM search_index WHERE kind = ANY($1::text[])', [[...derive]])).map((r) => [
      `${r.kind}\u0000${r.id}`,
      r.content_hash,
    ]),
  );
  // With no rows of these kinds yet (a first load), every row is new and none is gone: no keys needed.
  const keep = existing.size === 0 ? null : new Set(groups.flatMap((g) => g.ids.map((id) => `${g.kind}\u0000${id}`)));
  const gone = keep ? [...existing.keys()].filter((k) => !keep.has(k)).map((k) => k.split('\u0000') as [string, string]) : [];
  const others = derive.size === SEARCHED.length ? 0 : (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index WHERE NOT (kind = ANY($1::text[]))', [[...derive]]))[0]!.n;
  const derived = groups.reduce((n, g) => n + g.ids.length, 0);
  const total = derived + others;

  const fresh = keep ? [...keep].reduce((n, k) => n + (existing.has(k) ? 0 : 1), 0) : derived;
  const plan: SyncPlan = { groups, existing: keep ? existing : null, gone, fresh, total, hasVectors: await vectorsTable(tx) };
  const strategy = chooseStrategy({ fresh, derived, stale: !current }, policy);
  const changed = strategy === 'rebuildAll' ? await rebuildAll(tx, plan) : await syncChanged(tx, plan, policy);
  // PGlite has no autovacuum: without fresh statistics after a big load the planner scans every
  // term instead of using the trigram index.
  if (changed.ids.length + gone.length >= 100) await analyzeSearch(tx, total);
  return { written: changed.ids.length, removed: gone.length, total };
}

/** The rows a sync looks at, and what it knows of the stored ones. */
interface SyncPlan {
  /** The records behind every search row looked at, in the order their rows are written. */
  groups: Group[];
  /** The stored rows' hashes by key; null when none of these kinds are stored (a first load). */
  existing: Map<string, string> | null;
  /** Stored rows whose record is gone. */
  gone: [string, string][];
  fresh: number;
  /** Rows in search_index once synced. */
  total: number;
  hasVectors: boolean;
}

/** The keys of the rows found changed, as they are derived; the rows themselves go once written. */
function changeTracker(plan: SyncPlan) {
  const changed: RowKeys = { kinds: [], ids: [] };
  const isChanged = (d: SearchRow) => {
    if (plan.existing && plan.existing.get(`${d.kind}\u0000${d.id}`) === d.content_hash) return false;
    changed.kinds.push(d.kind);
    changed.ids.push(d.id);
    return true;
  };
  return { changed, isChanged };
}

const touchedBy = (changed: RowKeys, gone: readonly [string, string][]): RowKeys => ({ kinds: [...changed.kinds, ...gone.map((g) => g[0])], ids: [...changed.ids, ...gone.map((g) => g[1])] });

/**
 * Bulk: search_index's GIN indexes are dropped, the changed rows written as they are derived, a
 * batch at a time, the indexes built again, and every term counted again.
 */
async function rebuildAll(tx: Sql, plan: SyncPlan): Promise<RowKeys> {
  const { changed, isChanged } = changeTracker(plan);
  for (const name of Object.keys(GIN_INDEXES)) await tx.exec(`DROP INDEX IF EXISTS ${name}`);
  await writeRows(tx, changedBatches(plan.groups, isChanged));
  for (const [name, definition] of Object.entries(GIN_INDEXES)) await tx.exec(`CREATE INDEX ${name} ON search_index USING gin ${definition}`);
  await dropReplaced(tx, plan, changed);
  // The rows are only known now that they are written: every term is counted.
  await refreshSearchTerms(tx, touchedBy(changed, plan.gone), [], false);
  return changed;
}

/**
 * Incremental: every row is derived first and only the changed ones are written, into the
 * indexes as they are; the terms of a few touched rows are counted again one by one (a whole
 * recount of a large store took tens of milliseconds per source), of many, all of them.
 */
async function syncChanged(tx: Sql, plan: SyncPlan, policy: SyncPolicy): Promise<RowKeys> {
  const { changed, isChanged } = changeTracker(plan);
  const rows: SearchRow[] = [];
  for (const g of plan.groups) for (const r of g.records) {
    const d = g.doc(r);
    if (isChanged(d)) rows.push(d);
  }
  const touched = touchedBy(changed, plan.gone);
  const few = termByTerm(touched.ids.length, plan.total, policy);
  // The old terms of rows that were there before must be read before they are rewritten.
  const oldTerms = few && touched.ids.length > plan.fresh ? await termsOfRows(tx, touched) : [];
  await writeRows(tx, Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH)));
  await dropReplaced(tx, plan, changed);
  await refreshSearchTerms(tx, touched, oldTerms, few);
  return changed;
}

/** Vectors of rewritten rows (they describe the old text; embedPending makes them again) and the rows of gone records. */
async function dropReplaced(tx: Sql, plan: SyncPlan, changed: RowKeys): Promise<void> {
  // Only rows that were there before can have a vector; removed rows lose theirs through the foreign key.
  if (plan.hasVectors && changed.ids.length > plan.fresh) {
    await tx.query('DELETE FROM search_vectors WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [changed.kinds, changed.ids]);
  }
  if (plan.gone.length > 0) {
    await tx.query('DELETE FROM search_index WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [plan.gone.map((g) => g[0]), plan.gone.map((g) => g[1])]);
  }
}

/** Fresh statistics for search_index and search_terms, in the caller's transaction. */
export async function analyzeSearch(tx: Sql, total: number): Promise<void> {
  const sample = total > 5000 ? 'SET LOCAL default_statistics_target = 10; ' : '';
  await tx.exec(`${sample}ANALYZE search_index; ${sample ? 'RESET default_statistics_target; ' : ''}ANALYZE search_terms`);
}

export const vectorsTable = async (tx: Sql) => (await tx.query("SELECT to_regclass('search_vectors')::text AS t"))[0]?.t != null;

const COLS = Object.keys(COLUMNS);
// tsv is stemmed once per distinct title, keywords and body of the batch (editions of a course,
// one description at several sites), not once per row; the expression is the one of migration
// 0001. A text missing from its list would leave tsv null, which the column refuses.
const stem = (field: string, weight: string) =>
  `${field[0]} AS MATERIALIZED (SELECT x, setweight(to_tsvector('orienta_it'::regconfig, x), '${weight}') AS v FROM (SELECT DISTINCT ${field} AS x FROM r) d)`;
const UPSERT_ROWS =
  `WITH r AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${COLS.map((c) => `${c} ${COLUMNS[c]}`).join(', ')})), ` +
  `${stem('title', 'A')}, ${stem('keywords', 'B')}, ${stem('body', 'C')} ` +
  `INSERT INTO search_index (${COLS.join(', ')}, tsv) SELECT ${COLS.map((c) => `r.${c}`).join(', ')}, t.v || k.v || b.v FROM r ` +
  'LEFT JOIN t ON t.x = r.title LEFT JOIN k ON k.x = r.keywords LEFT JOIN b ON b.x = r.body ' +
  `ON CONFLICT (kind, id) DO UPDATE SET ${COLS.filter((c) => c !== 'kind' && c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, tsv = EXCLUDED.tsv`;

export async function writeRows(tx: Sql, batches: Iterable<SearchRow[]>): Promise<void> {
  const buffers = new ParamBuffers();
  await inFlight(batches, LOAD_DEPTH, (batch) =>
    buffers.withJsonbArray(
      batch.map((r) => r.json),
      (param) => tx.query(UPSERT_ROWS, [param]),
    ),
  );
}

/** The records of one kind, their ids, and how each becomes its search row. */
interface Group {
  kind: string;
  records: readonly unknown[];
  ids: string[];
  doc: (record: unknown) => SearchRow;
}

function group<T>(kind: RecordKind, records: readonly T[], doc: (record: T) => SearchRow): Group {
  const spec = TABLES[kind] as unknown as TableSpec<T>;
  return { kind, records, ids: records.map((r) => spec.id(r)), doc: doc as (record: unknown) => SearchRow };
}

/** The changed rows, BATCH at a time, derived as they are taken. */
function* changedBatches(groups: readonly Group[], isChanged: (d: SearchRow) => boolean): Generator<SearchRow[]> {
  let batch: SearchRow[] = [];
  for (const g of groups) {
    for (const r of g.records) {
      const d = g.doc(r);
      if (!isChanged(d)) continue;
      batch.push(d);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
