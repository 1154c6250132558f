import type { CatalogueReader, CatalogueRecord, Place, RecordRef } from '../../bot/ports.js';
import type { Sql } from '../db/database.js';
import type { Course, Site, Slot } from '../model/index.js';
import { TABLES } from './tables.js';

/** Record kinds stored in their own table; search kinds and table kinds coincide. */
const READABLE = ['course', 'site', 'service', 'initiative', 'school', 'doc'] as const;

/** The engine's read side of the catalogue, straight from the tables ingest writes. */
export class PgCatalogueReader implements CatalogueReader {
  constructor(private readonly db: Sql) {}

  async get(refs: readonly RecordRef[]): Promise<Map<string, CatalogueRecord>> {
    const out = new Map<string, CatalogueRecord>();
    const byKind = new Map<string, string[]>();
    for (const r of refs) if ((READABLE as readonly string[]).includes(r.kind)) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.id]);
    // One statement for every kind asked: a turn reads its records in one round trip.
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [kind, ids] of byKind) {
      const spec = TABLES[kind as (typeof READABLE)[number]];
      params.push(ids);
      const comune =
        kind === 'school' ? `(SELECT c.name FROM comuni c WHERE c.cadastral_code = t.cadastral_code)` : 'NULL::text';
      parts.push(`SELECT '${kind}' AS kind, t.${spec.key} AS id, t.data, ${comune} AS comune_name FROM ${spec.table} t WHERE t.${spec.key} = ANY($${params.length}::text[])`);
    }
    if (parts.length === 0) return out;
    const rows = await this.db.query<{ kind: CatalogueRecord['kind']; id: string; data: Record<string, unknown>; comune_name: string | null }>(parts.join(' UNION ALL '), params);
    for (const row of rows) {
      const record = row.kind === 'school' && row.comune_name && !row.data.comuneName ? { ...row.data, comuneName: row.comune_name } : row.data;
      out.set(`${row.kind}:${row.id}`, { kind: row.kind, record } as CatalogueRecord);
    }
    return out;
  }

  async withContext(refs: readonly RecordRef[], after: string): Promise<{ records: Map<string, CatalogueRecord>; sites: Map<string, Site>; slots: Slot[] }> {
    const records = new Map<string, CatalogueRecord>();
    const sites = new Map<string, Site>();
    const slots: Slot[] = [];
    const wanted = refs.filter((r) => (READABLE as readonly string[]).includes(r.kind));
    if (wanted.length === 0) return { records, sites, slots };
    // One statement for the records, the sites they are held at and their slots: PGlite answers
    // one query at a time, so a turn's answer costs one round trip instead of three.
    const rows = await this.db.query<{ kind: string; id: string; data: Record<string, unknown>; extra: string | null }>(
      `WITH wanted(kind, id) AS (SELECT * FROM unnest($1::text[], $2::text[])),
       recs AS (
         SELECT 'course' AS kind, t.id, t.data, NULL::text AS extra, ARRAY[t.site_id] AS site_ids FROM courses t JOIN wanted w ON w.kind = 'course' AND w.id = t.id
         UNION ALL SELECT 'site', t.id, t.data, NULL, ARRAY[t.id] FROM sites t JOIN wanted w ON w.kind = 'site' AND w.id = t.id
         UNION ALL SELECT 'service', t.id, t.data, NULL, t.site_ids FROM services t JOIN wanted w ON w.kind = 'service' AND w.id = t.id
         UNION ALL SELECT 'initiative', t.id, t.data, NULL, array_remove(ARRAY[t.site_id], NULL) FROM initiatives t JOIN wanted w ON w.kind = 'initiative' AND w.id = t.id
         UNION ALL SELECT 'school', t.id, t.data, (SELECT c.name FROM comuni c WHERE c.cadastral_code = t.cadastral_code), '{}'::text[] FROM schools t JOIN wanted w ON w.kind = 'school' AND w.id = t.id
         UNION ALL SELECT 'doc', t.id, t.data, NULL, '{}'::text[] FROM document_chunks t JOIN wanted w ON w.kind = 'doc' AND w.id = t.id
       )
       SELECT kind, id, data, extra FROM recs
       UNION ALL
       SELECT '+site', s.id, s.data, NULL FROM sites s WHERE s.id IN (SELECT unnest(site_ids) FROM recs)
       UNION ALL
       SELECT '+slot', sl.id, sl.data || jsonb_build_object('taken', sl.taken), NULL FROM slots sl
        WHERE sl.ref_id IN (SELECT id FROM recs WHERE kind IN ('course', 'service', 'initiative')) AND sl.end_at > $3::timestamptz`,
      [wanted.map((r) => r.kind), wanted.map((r) => r.id), after],
    );
    for (const row of rows) {
      if (row.kind === '+site') sites.set(row.id, row.data as Site);
      else if (row.kind === '+slot') slots.push(row.data as Slot);
      else {
        const record = row.kind === 'school' && row.extra && !row.data.comuneName ? { ...row.data, comuneName: row.extra } : row.data;
        records.set(`${row.kind}:${row.id}`, { kind: row.kind, record } as CatalogueRecord);
      }
    }
    slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
    return { records, sites, slots };
  }

  async slotsFor(refIds: readonly string[], after: string): Promise<Slot[]> {
    if (refIds.length === 0) return [];
    const rows = await this.db.query<{ data: Slot; taken: number }>(
      'SELECT data, taken FROM slots WHERE ref_id = ANY($1::text[]) AND end_at > $2::timestamptz ORDER BY start_at, id',
      [refIds, after],
    );
    // `taken` is the live counter (bookings move it); `data` keeps the value the partner exported.
    return rows.map((r) => ({ ...r.data, taken: r.taken }));
  }

  async sitesNear(lat: number, lon: number, limit: number): Promise<{ site: Site; km: number }[]> {
    const rows = await this.db.query<{ data: Site; km: number }>(
      `SELECT s.data, orienta_km(ARRAY[coalesce(s.lat, c.lat)], ARRAY[coalesce(s.lon, c.lon)], $1, $2) AS km
         FROM sites s JOIN comuni c ON c.code = s.comune_code
        WHERE coalesce(s.lat, c.lat) IS NOT NULL
        ORDER BY km, s.id LIMIT $3`,
      [lat, lon, limit],
    );
    return rows.map((r) => ({ site: r.data, km: r.km }));
  }

  async coursesAfter(courseId: string): Promise<Course[]> {
    const rows = await this.db.query<{ data: Course }>(
      `SELECT data FROM courses WHERE data->'after' ? $1 ORDER BY start_date, id`,
      [courseId],
    );
    return rows.map((r) => r.data);
  }

  async vocabulary(): Promise<{ records: { id: string; kind: string; title: string }[]; comuni: Place[] }> {
    const [records, comuni] = await Promise.all([
      this.db.query<{ id: string; kind: string; title: string }>("SELECT id, kind, title FROM search_index WHERE kind <> 'doc'"),
      this.db.query<Place>('SELECT code, name, lat, lon FROM comuni'),
    ]);
    const slots = await this.db.query<{ id: string; title: string }>("SELECT id, kind || ' ' || ref_id AS title FROM slots");
    return { records: [...records, ...slots.map((s) => ({ ...s, kind: 'slot' }))], comuni };
  }

  async version(): Promise<string> {
    const [row] = await this.db.query<{ v: string }>(
      `SELECT concat_ws('/', (SELECT count(*) FROM search_index), (SELECT max(updated_at) FROM courses), (SELECT max(updated_at) FROM sites),
              (SELECT max(updated_at) FROM services), (SELECT max(updated_at) FROM initiatives), (SELECT count(*) FROM slots)) AS v`,
    );
    return row?.v ?? '';
  }
}
