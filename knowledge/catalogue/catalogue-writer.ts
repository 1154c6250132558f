import { OrientaError } from '../../domain/errors.js';
import type { Sql } from '../db/database.js';
import type { RecordKind } from '../../domain/model/index.js';
import { canonicalJson, hashText } from './content-hash.js';
import { inFlight, LOAD_DEPTH } from '../db/in-flight.js';
import { ParamBuffers } from '../db/param-buffers.js';
import { TABLES, type TableSpec } from './tables.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';
export interface WriteResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

const BATCH = 500;

/**
 * Writes validated records of one kind in batches of up to 500 rows, new ones and changed ones in
 * statements of their own. A record whose content hash is unchanged is not sent at all, so
 * ingesting the same file twice writes nothing.
 */
export async function upsertRecords<R>(tx: Sql, kind: RecordKind, records: readonly R[], source: string): Promise<WriteResult> {
  const spec = TABLES[kind] as unknown as TableSpec<R>;
  const result: WriteResult = { created: [], updated: [], unchanged: [] };
  const cols = Object.keys(spec.columns);
  const all = [...cols, 'data', 'source', 'content_hash'];
  const defs = [...cols.map((c) => `${c} ${spec.columns[c]}`), 'data jsonb', 'source text', 'content_hash text'];
  const assignments = all.filter((c) => c !== spec.key).map((c) => `${c} = EXCLUDED.${c}`);
  // What is stored is asked once, up front: the outcome of each record is known before writing,
  // unchanged ones are left out, new ones go in by plain INSERT (cheaper than an upsert, and no
  // statement sends back a row per record). A concurrent writer of the same new codes (another
  // ingest on a server) makes that INSERT fail, and with it this source's transaction: nothing is
  // merged blindly, and running the command again finds them stored.
  const ids = records.map((r) => spec.id(r));
  // Readers drop repeated codes with a problem each; one reaching here is a reader's bug, named as such.
  const seen = new Set<string>();
  const repeated = ids.find((id) => seen.size === seen.add(id).size);
  if (repeated !== undefined) throw new OrientaError('INTERNAL', `${spec.table}: code ${repeated} comes twice in one batch; nothing of it was written`);
  const stored = new Map(
    (await tx.query<{ id: string; h: string }>(`SELECT ${spec.key} AS id, content_hash AS h FROM ${spec.table} WHERE ${spec.key} = ANY($1::text[])`, [ids])).map((r) => [r.id, r.h]),
  );
  // document_chunks keeps the document's own `source` inside data; the column means "where it came from" everywhere.
  const insert = `INSERT INTO ${spec.table} (${all.join(', ')}) SELECT ${all.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${defs.join(', ')})`;
  const upsert = `${insert} ON CONFLICT (${spec.key}) DO UPDATE SET ${assignments.join(', ')}, updated_at = now()`;
  // A record's hash is taken of its canonical JSON; its `data` is the record itself (jsonb keeps no
  // key order, so the order JSON.stringify writes is as good).
  // Batch n+1 is hashed and encoded while batch n is written (see inFlight).
  function* batches(): Generator<{ sql: string; rows: string[] }> {
    const pending = { created: [] as string[], updated: [] as string[] };
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const id = ids[i]!;
      const hash = hashText(canonicalJson(r));
      const before = stored.get(id);
      if (before === hash) {
        result.unchanged.push(id);
        continue;
      }
      const outcome = before === undefined ? 'created' : 'updated';
      result[outcome].push(id);
      const rows = pending[outcome];
      rows.push(JSON.stringify({ ...spec.row(r), data: r, source, content_hash: hash }));
      if (rows.length === BATCH) {
        yield { sql: outcome === 'created' ? insert : upsert, rows };
        pending[outcome] = [];
      }
    }
    if (pending.created.length > 0) yield { sql: insert, rows: pending.created };
    if (pending.updated.length > 0) yield { sql: upsert, rows: pending.updated };
  }
  const buffers = new ParamBuffers();
  await inFlight(batches(), LOAD_DEPTH, (batch) => buffers.withJsonbArray(batch.rows, (param) => tx.query(batch.sql, [param])));
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
