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
 * content hash is unchanged is not touched, so ingesting the same file twice writes nothing.
 */
export async function upsertRecords<R>(tx: Sql, kind: RecordKind, records: readonly R[], source: string): Promise<WriteResult> {
  const spec = TABLES[kind] as unknown as TableSpec<R>;
  const result: WriteResult = { created: [], updated: [], unchanged: [] };
  const cols = Object.keys(spec.columns);
  const all = [...cols, 'data', 'source', 'content_hash'];
  const defs = [...cols.map((c) => `${c} ${spec.columns[c]}`), 'data jsonb', 'source text', 'content_hash text'];
  const assignments = all.filter((c) => c !== spec.key).map((c) => `${c} = EXCLUDED.${c}`);
  // document_chunks keeps the document's own `source` inside data; the column means "where it came from" everywhere.
  const sql =
    `INSERT INTO ${spec.table} (${all.join(', ')}) ` +
    `SELECT ${all.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${defs.join(', ')}) ` +
    `ON CONFLICT (${spec.key}) DO UPDATE SET ${assignments.join(', ')}, updated_at = now() ` +
    `WHERE ${spec.table}.content_hash IS DISTINCT FROM EXCLUDED.content_hash ` +
    `RETURNING ${spec.key} AS id, (xmax = 0) AS inserted`;
  const batches: (readonly R[])[] = [];
  for (let i = 0; i < records.length; i += BATCH) batches.push(records.slice(i, i + BATCH));
  // A record's canonical JSON is both what its hash is taken of and its `data` (jsonb keeps no key
  // order): written once, not a second time by JSON.stringify of the whole batch.
  const sourceJson = JSON.stringify(source);
  const rowJson = (r: R) => {
    const data = canonicalJson(r);
    const columns = JSON.stringify(spec.row(r));
    return `${columns.slice(0, -1)}${columns.length > 2 ? ',' : ''}"data":${data},"source":${sourceJson},"content_hash":"${hashText(data)}"}`;
  };
  // Batch n+1 is hashed and encoded while batch n is written (see inFlight).
  const answers = await inFlight(batches, LOAD_DEPTH, (batch) =>
    tx.query<{ id: string; inserted: boolean }>(sql, [jsonbText(`[${batch.map(rowJson).join(',')}]`)]),
  );
  batches.forEach((batch, b) => {
    const touched = new Map(answers[b]!.map((w) => [w.id, w.inserted]));
    for (const r of batch) {
      const id = spec.id(r);
      const inserted = touched.get(id);
      if (inserted === undefined) result.unchanged.push(id);
      else (inserted ? result.created : result.updated).push(id);
    }
  });
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
