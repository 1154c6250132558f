import type { Sql } from '../db/database.js';
import type { RecordKind } from '../model/index.js';
import { canonicalJson, hashText } from './content-hash.js';
import { inFlight, LOAD_DEPTH } from '../db/in-flight.js';
import { jsonbText } from './jsonb-param.js';
import { TABLES, type TableSpec } from './tables.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';
export interface WriteResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

const BATCH = 500;

/**
 * Upserts validated records of one kind in batches (one statement per 500 rows). A row whose
 * content hash is unchanged is not sent at all, so ingesting the same file twice writes nothing.
 */
export async function upsertRecords<R>(tx: Sql, kind: RecordKind, records: readonly R[], source: string): Promise<WriteResult> {
  const spec = TABLES[kind] as unknown as TableSpec<R>;
  const result: WriteResult = { created: [], updated: [], unchanged: [] };
  const cols = Object.keys(spec.columns);
  const all = [...cols, 'data', 'source', 'content_hash'];
  const defs = [...cols.map((c) => `${c} ${spec.columns[c]}`), 'data jsonb', 'source text', 'content_hash text'];
  const assignments = all.filter((c) => c !== spec.key).map((c) => `${c} = EXCLUDED.${c}`);
  // What is stored is asked once, up front: the outcome of each record is known before writing,
  // unchanged ones are left out, and no statement sends back a row per record (for a 20,000-row
  // load into an empty table the answer is empty). The upsert's own conditions stay, so a
  // concurrent writer of the same codes (another ingest on a server) is still merged, not refused.
  const ids = records.map((r) => spec.id(r));
  const stored = new Map(
    (await tx.query<{ id: string; h: string }>(`SELECT ${spec.key} AS id, content_hash AS h FROM ${spec.table} WHERE ${spec.key} = ANY($1::text[])`, [ids])).map((r) => [r.id, r.h]),
  );
  // document_chunks keeps the document's own `source` inside data; the column means "where it came from" everywhere.
  const sql =
    `INSERT INTO ${spec.table} (${all.join(', ')}) ` +
    `SELECT ${all.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${defs.join(', ')}) ` +
    `ON CONFLICT (${spec.key}) DO UPDATE SET ${assignments.join(', ')}, updated_at = now() ` +
    `WHERE ${spec.table}.content_hash IS DISTINCT FROM EXCLUDED.content_hash`;
  // A record's canonical JSON is both what its hash is taken of and its `data` (jsonb keeps no key
  // order): written once, not a second time by JSON.stringify of the whole batch.
  const sourceJson = JSON.stringify(source);
  // Batch n+1 is hashed and encoded while batch n is written (see inFlight).
  function* batches(): Generator<string> {
    let rows: string[] = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const id = ids[i]!;
      const data = canonicalJson(r);
      const hash = hashText(data);
      const before = stored.get(id);
      if (before === hash) {
        result.unchanged.push(id);
        continue;
      }
      (before === undefined ? result.created : result.updated).push(id);
      const columns = JSON.stringify(spec.row(r));
      rows.push(`${columns.slice(0, -1)}${columns.length > 2 ? ',' : ''}"data":${data},"source":${sourceJson},"content_hash":"${hash}"}`);
      if (rows.length === BATCH) {
        yield `[${rows.join(',')}]`;
        rows = [];
      }
    }
    if (rows.length > 0) yield `[${rows.join(',')}]`;
  }
  await inFlight(batches(), LOAD_DEPTH, (batch) => tx.query(sql, [jsonbText(batch)]));
  return result;
}

export async function deleteRecords(tx: Sql, kind: RecordKind, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const spec = TABLES[kind];
  const rows = await tx.query(`DELETE FROM ${spec.table} WHERE ${spec.key} = ANY($1::text[]) RETURNING 1`, [ids]);
  return rows.length;
}

export async function countRecords(sql: Sql): Promise<Record<RecordKind, number>> {
  const kinds = Object.keys(TABLES) as RecordKind[];
  const parts = kinds.map((k) => `(SELECT count(*)::int FROM ${TABLES[k].table}) AS ${k}`);
  const [row] = await sql.query<Record<RecordKind, number>>(`SELECT ${parts.join(', ')}`);
  return row!;
}
