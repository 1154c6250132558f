import type { CatalogueFacts, CatalogueReader, CatalogueRecord, NameSource, Place, RecordRef, SearchKind } from '../../domain/ports.js';
import type { Sql } from '../db/database.js';
import { CatalogueSnapshot, readVocabulary } from './catalogue-snapshot.js';
import type { Course, Site, Slot } from '../../domain/model/index.js';

/** Record kinds stored in their own table; search kinds and table kinds coincide. */
const READABLE = ['course', 'site', 'service', 'initiative', 'school', 'doc'] as const;
/** What listRecords gives when no kind is named: every record but passages. */
const LISTED = ['course', 'initiative', 'school', 'service', 'site'] as const;

/** The engine's read side of the catalogue, straight from the tables ingest writes. */
export class PgCatalogueReader implements CatalogueReader {
  /** `facts`: the snapshot shared with the retriever (one per store); by default one of its own. */
  constructor(
    private readonly db: Sql,
    private readonly facts: CatalogueSnapshot = new CatalogueSnapshot(db),
  ) {}

  snapshot(): Promise<CatalogueFacts> {
    return this.facts.current();
  }

  async withContext(refs: readonly RecordRef[], after: string): Promise<{ records: Map<string, CatalogueRecord>; sites: Map<string, Site>; slots: Slot[] }> {
    const records = new Map<string, CatalogueRecord>();
    const sites = new Map<string, Site>();
    const slots: Slot[] = [];
    const wanted = refs.filter((r) => (READABLE as readonly string[]).includes(r.kind));
    if (wanted.length === 0) return { records, sites, slots };
    // One statement for the records, the sites they are held at and their slots: PGlite answers
    // one query at a time, so a turn's answer costs one round trip instead of three. Only the
    // branches of the kinds asked for: planning a six-way union costs more than running it.
    const kinds = new Set(wanted.map((r) => r.kind));
    // Every branch names and types its columns, so whichever comes first sets the union's.
    const cols = (kind: string, extra: string, sites: string) => `'${kind}'::text AS kind, t.id, t.data, ${extra}::text AS extra, ${sites}::text[] AS site_ids`;
    const branch: Record<string, string> = {
      course: `SELECT ${cols('course', 'NULL', 'ARRAY[t.site_id]')} FROM courses t`,
      site: `SELECT ${cols('site', 'NULL', 'ARRAY[t.id]')} FROM sites t`,
      service: `SELECT ${cols('service', 'NULL', 't.site_ids')} FROM services t`,
      initiative: `SELECT ${cols('initiative', 'NULL', 'array_remove(ARRAY[t.site_id], NULL)')} FROM initiatives t`,
      school: `SELECT ${cols('school', '(SELECT c.name FROM comuni c WHERE c.cadastral_code = t.cadastral_code)', "'{}'")} FROM schools t`,
      doc: `SELECT ${cols('doc', 'NULL', "'{}'")} FROM document_chunks t`,
    };
    const recs = READABLE.filter((k) => kinds.has(k)).map((k) => `${branch[k]} JOIN wanted w ON w.kind = '${k}' AND w.id = t.id`);
    const placed = kinds.has('course') || kinds.has('site') || kinds.has('service') || kinds.has('initiative');
    const bookable = kinds.has('course') || kinds.has('service') || kinds.has('initiative');
    const rows = await this.db.query<{ kind: string; id: string; data: Record<string, unknown>; extra: string | null }>(
      `WITH wanted(kind, id) AS (SELECT * FROM unnest($1::text[], $2::text[])),
       recs AS (${recs.join(' UNION ALL ')})
       SELECT kind, id, data, extra FROM recs
       ${placed ? `UNION ALL SELECT '+site', s.id, s.data, NULL FROM sites s WHERE s.id IN (SELECT unnest(site_ids) FROM recs)` : ''}
       ${bookable ? `UNION ALL SELECT '+slot', sl.id, sl.data || jsonb_build_object('taken', sl.taken), NULL FROM slots sl
        WHERE sl.ref_id IN (SELECT id FROM recs WHERE kind IN ('course', 'service', 'initiative')) AND sl.end_at > $3::timestamptz` : ''}`,
      bookable ? [wanted.map((r) => r.kind), wanted.map((r) => r.id), after] : [wanted.map((r) => r.kind), wanted.map((r) => r.id)],
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

  vocabulary(): Promise<{ records: NameSource[]; comuni: Place[] }> {
    return readVocabulary(this.db);
  }

  async listRecords(kinds: readonly SearchKind[] = LISTED): Promise<CatalogueRecord[]> {
    const wanted = READABLE.filter((k) => kinds.includes(k));
    if (wanted.length === 0) return [];
    // Every branch names and types its columns, so whichever comes first sets the union's.
    const branch = (kind: string, table: string, comune = 'NULL') => `SELECT '${kind}'::text AS kind, t.id, t.data, ${comune}::text AS comune FROM ${table} t`;
    const table: Record<(typeof READABLE)[number], string> = {
      course: branch('course', 'courses'),
      site: branch('site', 'sites'),
      service: branch('service', 'services'),
      initiative: branch('initiative', 'initiatives'),
      school: branch('school', 'schools', '(SELECT c.name FROM comuni c WHERE c.cadastral_code = t.cadastral_code)'),
      doc: branch('doc', 'document_chunks'),
    };
    const rows = await this.db.query<{ kind: string; id: string; data: Record<string, unknown>; comune: string | null }>(
      `${wanted.map((k) => table[k]).join(' UNION ALL ')} ORDER BY 1, 2`,
    );
    return rows.map((row) => ({
      kind: row.kind,
      record: row.kind === 'school' && row.comune && !row.data.comuneName ? { ...row.data, comuneName: row.comune } : row.data,
    }) as CatalogueRecord);
  }
}
