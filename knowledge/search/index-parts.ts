import type { Sql } from '../db/database.js';
import { TABLES, type TableSpec } from '../catalogue/tables.js';
import type { Comune, Course, DocumentChunk, Initiative, RecordKind, School, Service, Site } from '../../domain/model/index.js';
import { FEEDS, vectorsTable, writeRows } from './index-sync.js';
import { courseDoc, documentDoc, initiativeDoc, schoolDoc, serviceDoc, type Places, type SearchRow } from './search-docs.js';
import { shiftSearchTerms, termOccurrences } from './search-terms.js';

/** How a record of a kind that feeds only its own search row becomes that row. */
const DOCS: Partial<Record<RecordKind, (record: never, places: Places) => SearchRow>> = {
  course: (c: Course, p) => courseDoc(c, p),
  service: (s: Service, p) => serviceDoc(s, p),
  initiative: (i: Initiative, p) => initiativeDoc(i, p),
  school: (s: School, p) => schoolDoc(s, p),
  doc: (d: DocumentChunk) => documentDoc(d),
};

/** Kinds whose records feed no search row but their own: a load of them can be written in parts. */
export const PART_KINDS: readonly RecordKind[] = (Object.keys(FEEDS) as RecordKind[]).filter((k) => FEEDS[k].every((fed) => fed === k));

/**
 * Writes the search rows of just these records, in the caller's transaction: for a load written
 * in parts, where looking at every row of the kind (as syncSearchIndex does) at each part would
 * cost the whole table each time. Only rows whose content changed are written; their terms are
 * counted again and their vectors dropped, as syncSearchIndex does. Returns the rows written.
 */
export async function syncSearchRowsOf(tx: Sql, kind: RecordKind, records: readonly unknown[]): Promise<number> {
  if (!PART_KINDS.includes(kind)) throw new Error(`${kind} records feed other search rows: use syncSearchIndex`);
  const doc = DOCS[kind] as ((record: unknown, places: Places) => SearchRow) | undefined;
  if (!doc || records.length === 0) return 0;
  const places = kind === 'doc' ? { sites: new Map(), comuni: new Map(), comuniByCadastral: new Map() } : await placesNow(tx);
  const spec = TABLES[kind] as unknown as TableSpec<unknown>;
  const existing = new Map(
    (await tx.query<{ id: string; h: string }>('SELECT id, content_hash AS h FROM search_index WHERE kind = $1 AND id = ANY($2::text[])', [kind, records.map((r) => spec.id(r))])).map((r) => [r.id, r.h]),
  );
  const changed = records.map((r) => doc(r, places)).filter((row) => existing.get(row.id) !== row.content_hash);
  if (changed.length === 0) return 0;
  const replaced = changed.filter((row) => existing.has(row.id)).map((row) => row.id);
  // The terms the replaced rows held, read before they are rewritten: their counts go down by them.
  const before = await termOccurrences(tx, kind, replaced);
  await writeRows(tx, [changed]);
  if (replaced.length > 0 && (await vectorsTable(tx))) await tx.query('DELETE FROM search_vectors WHERE kind = $1 AND id = ANY($2::text[])', [kind, replaced]);
  await shiftSearchTerms(tx, kind, changed.map((r) => r.id), before);
  return changed.length;
}

/** Removes the search rows of records of one kind that were deleted (pruned), with their terms. */
export async function removeSearchRowsOf(tx: Sql, kind: RecordKind, ids: readonly string[]): Promise<void> {
  if (ids.length === 0 || !DOCS[kind]) return;
  const before = await termOccurrences(tx, kind, ids);
  await tx.query('DELETE FROM search_index WHERE kind = $1 AND id = ANY($2::text[])', [kind, ids]);
  await shiftSearchTerms(tx, kind, [], before);
}

async function placesNow(tx: Sql): Promise<Places> {
  const comuni = (await tx.query<{ data: Comune }>('SELECT data FROM comuni')).map((r) => r.data);
  const sites = (await tx.query<{ data: Site }>('SELECT data FROM sites')).map((r) => r.data);
  return { sites: new Map(sites.map((s) => [s.id, s])), comuni: new Map(comuni.map((c) => [c.code, c])), comuniByCadastral: new Map(comuni.map((c) => [c.cadastralCode, c])) };
}
