import type { CatalogueFacts, NameSource, Place } from '../../domain/ports.js';
import type { Sql } from '../db/database.js';
import { comuneVocabulary, type ComuneName } from '../search/query-understanding.js';
import { TABLES } from './tables.js';

/**
 * How often the catalogue's version is asked: an ingest by another process (a socket client, a
 * second `orienta`) is seen within this long; checking costs a query, so not at every turn.
 */
export const CHECK_EVERY_MS = 30_000;

/** The facts of the port, with the comuni as query understanding reads them (derived once per snapshot). */
export interface KnownCatalogue extends CatalogueFacts {
  readonly comuneNames: ComuneName[];
}

export interface CatalogueSnapshotOptions {
  checkEveryMs?: number;
  /** A clock in ms (tests move it by hand). */
  now?: () => number;
}

/**
 * The catalogue facts that a turn and a search read beyond the records themselves (the names of
 * records and comuni, the number of search rows, the embedder of the stored vectors), held as one
 * object with one refresh rule: the version is asked at most every CHECK_EVERY_MS, and when it
 * changed every fact is read again and replaces the object whole. Whoever derives something from
 * a snapshot (the engine its understanding) keeps it with that object and derives again when
 * `current()` gives another.
 */
export class CatalogueSnapshot {
  private known: KnownCatalogue | null = null;
  private checkedAt = -Infinity;
  private checking: Promise<KnownCatalogue> | null = null;
  private readonly checkEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Sql,
    options: CatalogueSnapshotOptions = {},
  ) {
    this.checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
    this.now = options.now ?? (() => performance.now());
  }

  /** The catalogue as last read: the same object until a check finds its version changed. */
  current(): Promise<KnownCatalogue> {
    if (this.checking) return this.checking;
    if (this.known && this.now() - this.checkedAt < this.checkEveryMs) return Promise.resolve(this.known);
    const checking = this.check();
    this.checking = checking;
    const done = () => {
      if (this.checking === checking) this.checking = null;
    };
    checking.then(done, done);
    return checking;
  }

  /** The next `current()` asks the version again (after an ingest in this very process). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  private async check(): Promise<KnownCatalogue> {
    // The version first: were it read after the facts, an ingest in between would pair new
    // version and old facts, and the facts would never be read again.
    const version = await catalogueVersion(this.db);
    const known = this.known?.version === version.version ? this.known : await readFacts(this.db, version);
    this.known = known;
    this.checkedAt = this.now();
    return known;
  }
}

interface Version {
  version: string;
  records: number;
  embedder: string | null;
}

/**
 * What changes whenever a fact of the snapshot does: the time of the last write to each catalogue
 * table, the number of search rows and of slots, and the embedder the vectors were made with.
 */
async function catalogueVersion(db: Sql): Promise<Version> {
  // Slots by their number only: what the snapshot holds of them is their ids, and bookings move their counters.
  const tables = Object.entries(TABLES)
    .filter(([kind]) => kind !== 'slot')
    .map(([, t]) => `(SELECT max(updated_at) FROM ${t.table})`);
  const [row] = await db.query<{ v: string; records: number; embedder: string | null }>(
    `SELECT concat_ws('/', (SELECT count(*) FROM slots), (SELECT value FROM store_meta WHERE key = 'embedder'), ${tables.join(', ')}) AS v,
            (SELECT count(*)::int FROM search_index) AS records,
            (SELECT value FROM store_meta WHERE key = 'embedder') AS embedder`,
  );
  return { version: `${row?.records ?? 0}/${row?.v ?? ''}`, records: row?.records ?? 0, embedder: row?.embedder ?? null };
}

/** The comuni now; the names of records when first asked (a search needs none), once per snapshot. */
async function readFacts(db: Sql, version: Version): Promise<KnownCatalogue> {
  const comuni = await readComuni(db);
  let names: Promise<NameSource[]> | null = null;
  const vocabulary = async () => {
    names ??= readNames(db);
    try {
      return { records: await names, comuni };
    } catch (error) {
      names = null;
      throw error;
    }
  };
  return { ...version, comuni, comuneNames: comuneVocabulary(comuni), vocabulary };
}

/** Ids and names of every record but passages, and the comuni: what understanding learns the catalogue's words from. */
export async function readVocabulary(db: Sql): Promise<{ records: NameSource[]; comuni: Place[] }> {
  const [records, comuni] = await Promise.all([readNames(db), readComuni(db)]);
  return { records, comuni };
}

const readComuni = (db: Sql) => db.query<Place>('SELECT code, name, lat, lon FROM comuni');

async function readNames(db: Sql): Promise<NameSource[]> {
  const [records, slots] = await Promise.all([
    // What people name records by: titles, and for sites their labs, school, kind and town.
    db.query<NameSource>(
      `SELECT s.id, s.kind, s.title,
              CASE WHEN s.kind = 'site' THEN (SELECT array_agg(l->>'name') FROM jsonb_array_elements(t.data->'labs') l) END AS labs,
              CASE WHEN s.kind = 'site' THEN t.data->>'provider' END AS provider,
              CASE WHEN s.kind = 'site' THEN t.data->>'kind' WHEN s.kind = 'initiative' THEN i.data->>'kind' WHEN s.kind = 'school' THEN h.type END AS type,
              CASE WHEN s.kind IN ('site', 'course') THEN c.name WHEN s.kind = 'school' THEN sc.name END AS comune
         FROM search_index s
         LEFT JOIN courses k ON s.kind = 'course' AND k.id = s.id
         LEFT JOIN sites t ON t.id = CASE s.kind WHEN 'site' THEN s.id WHEN 'course' THEN k.site_id END
         LEFT JOIN comuni c ON c.code = t.comune_code
         LEFT JOIN initiatives i ON s.kind = 'initiative' AND i.id = s.id
         LEFT JOIN schools h ON s.kind = 'school' AND h.id = s.id
         LEFT JOIN comuni sc ON sc.cadastral_code = h.cadastral_code
        WHERE s.kind <> 'doc'`,
    ),
    db.query<{ id: string; title: string }>("SELECT id, kind || ' ' || ref_id AS title FROM slots"),
  ]);
  const clean = records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as unknown as NameSource);
  return [...clean, ...slots.map((s) => ({ ...s, kind: 'slot' }))];
}
