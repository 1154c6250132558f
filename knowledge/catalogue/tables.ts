import type { Comune, Course, DocumentChunk, Initiative, RecordKind, School, Service, Site, Slot } from '../../domain/model/index.js';

/** How each kind of record is laid out in its table: typed columns for SQL, the whole record as `data`. */
export interface TableSpec<R> {
  table: string;
  key: string;
  columns: Record<string, string>; // column -> SQL type
  row(record: R): Record<string, unknown>;
  id(record: R): string;
}

const spec = <R>(s: TableSpec<R>) => s;

export const TABLES = {
  comune: spec<Comune>({
    table: 'comuni',
    key: 'code',
    columns: { code: 'text', cadastral_code: 'text', name: 'text', province: 'text', lat: 'float8', lon: 'float8' },
    row: (c) => ({ code: c.code, cadastral_code: c.cadastralCode, name: c.name, province: c.province, lat: c.lat ?? null, lon: c.lon ?? null }),
    id: (c) => c.code,
  }),
  site: spec<Site>({
    table: 'sites',
    key: 'id',
    columns: { id: 'text', name: 'text', kind: 'text', provider: 'text', comune_code: 'text', lat: 'float8', lon: 'float8' },
    row: (s) => ({ id: s.id, name: s.name, kind: s.kind, provider: s.provider, comune_code: s.comune, lat: s.lat ?? null, lon: s.lon ?? null }),
    id: (s) => s.id,
  }),
  course: spec<Course>({
    table: 'courses',
    key: 'id',
    columns: {
      id: 'text', title: 'text', provider: 'text', site_id: 'text', topic: 'text', level: 'text', audience: 'text[]', mode: 'text',
      hours: 'numeric', start_date: 'date', end_date: 'date', cost: 'numeric', seats: 'int', enrolment_deadline: 'date', min_age: 'int',
    },
    row: (c) => ({
      id: c.id, title: c.title, provider: c.provider, site_id: c.site, topic: c.topic, level: c.level, audience: c.audience, mode: c.mode,
      hours: c.hours ?? null, start_date: c.startDate, end_date: c.endDate, cost: c.cost ?? null, seats: c.seats ?? null,
      enrolment_deadline: c.enrolmentDeadline ?? null, min_age: c.minAge ?? null,
    }),
    id: (c) => c.id,
  }),
  service: spec<Service>({
    table: 'services',
    key: 'id',
    columns: { id: 'text', title: 'text', category: 'text', provider: 'text', site_ids: 'text[]', audience: 'text[]', bookable: 'boolean' },
    row: (s) => ({ id: s.id, title: s.title, category: s.category, provider: s.provider, site_ids: s.sites, audience: s.audience, bookable: s.bookable }),
    id: (s) => s.id,
  }),
  initiative: spec<Initiative>({
    table: 'initiatives',
    key: 'id',
    columns: {
      id: 'text', title: 'text', kind: 'text', organizer: 'text', site_id: 'text', start_date: 'date', end_date: 'date',
      application_deadline: 'date', audience: 'text[]',
    },
    row: (i) => ({
      id: i.id, title: i.title, kind: i.kind, organizer: i.organizer, site_id: i.site ?? null, start_date: i.startDate,
      end_date: i.endDate ?? null, application_deadline: i.applicationDeadline ?? null, audience: i.audience,
    }),
    id: (i) => i.id,
  }),
  school: spec<School>({
    table: 'schools',
    key: 'id',
    columns: { id: 'text', name: 'text', type: 'text', cadastral_code: 'text', state: 'boolean' },
    row: (s) => ({ id: s.id, name: s.name, type: s.type, cadastral_code: s.cadastralCode, state: s.state }),
    id: (s) => s.id,
  }),
  slot: spec<Slot>({
    table: 'slots',
    key: 'id',
    columns: { id: 'text', kind: 'text', ref_id: 'text', site_id: 'text', start_at: 'timestamptz', end_at: 'timestamptz', capacity: 'int', taken: 'int' },
    row: (s) => ({ id: s.id, kind: s.kind, ref_id: s.ref, site_id: s.site, start_at: s.start, end_at: s.end, capacity: s.capacity, taken: s.taken }),
    id: (s) => s.id,
  }),
  doc: spec<DocumentChunk>({
    table: 'document_chunks',
    key: 'id',
    columns: { id: 'text', title: 'text', headings: 'text[]', page: 'int', position: 'int', body: 'text', language: 'text' },
    row: (d) => ({ id: d.id, title: d.title, headings: d.headings, page: d.page ?? null, position: d.position, body: d.text, language: d.language }),
    id: (d) => d.id,
  }),
} satisfies Record<RecordKind, TableSpec<never>>;
