import { OrientaError } from '../domain/errors.js';
import { deleteRecords } from '../knowledge/catalogue/catalogue-writer.js';
import { TABLES } from '../knowledge/catalogue/tables.js';
import type { Sql } from '../knowledge/db/database.js';
import type { Catalogue, RecordKind } from '../domain/model/index.js';
import { CATALOGUE_KEYS } from './records.js';

export interface Pruned {
  removed: number;
  /** The codes removed, by kind: whoever keeps rows derived from them removes those too. */
  gone: Map<RecordKind, string[]>;
}

/** Removes this source's records of the kinds it carries that are no longer in it. */
export async function prune(tx: Sql, sourceKey: string, records: Partial<Catalogue>): Promise<Pruned> {
  const result: Pruned = { removed: 0, gone: new Map() };
  for (const [kind, key] of Object.entries(CATALOGUE_KEYS) as [RecordKind, keyof Catalogue][]) {
    const list = records[key] as { id?: string; code?: string }[] | undefined;
    if (!list) continue;
    const spec = TABLES[kind];
    const keep = list.map((r) => r.id ?? r.code!);
    const gone = (await tx.query<{ id: string }>(`SELECT ${spec.key} AS id FROM ${spec.table} WHERE source = $1 AND NOT (${spec.key} = ANY($2::text[]))`, [sourceKey, keep])).map((g) => g.id);
    if (gone.length === 0) continue;
    // A slot's ref has no foreign key (it may name a course, a service, an initiative or a site): checked here.
    const used = await tx.query<{ id: string; ref_id: string }>('SELECT id, ref_id FROM slots WHERE ref_id = ANY($1::text[]) ORDER BY id', [gone]);
    if (used.length > 0) {
      const list = used.slice(0, 5).map((u) => `${u.ref_id} (slot ${u.id})`).join(', ');
      throw new OrientaError('INPUT_INVALID', `cannot prune ${list}${used.length > 5 ? ' and others' : ''}: bookable slots still refer to them. Remove those slots from the calendar first, then prune again.`);
    }
    result.removed += await deleteRecords(tx, kind, gone);
    result.gone.set(kind, gone);
  }
  return result;
}
