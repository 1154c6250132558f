import { toSql } from 'pgvector';
import { italianDate, type Clock } from '../../domain/clock.js';
import { OrientaError } from '../../domain/errors.js';
import type { Retriever, SearchFilters, SearchHit, SearchRequest, SearchResult, Signal } from '../../domain/ports.js';
import type { Database, QueryOptions } from '../db/database.js';
import type { VectorCapability } from '../db/vector.js';
import type { Embedder } from '../embedders/embedder.js';
import { CatalogueSnapshot, type KnownCatalogue } from '../catalogue/catalogue-snapshot.js';
import { understandQuery, type Understood } from './query-understanding.js';
import type { SearchKind } from '../../domain/ports.js';

export const MAX_QUERY_CHARS = 500;
const CANDIDATES = 50;
/**
 * Name terms held by more records than this are left to full text: matching them fuzzily would
 * score thousands of rows ("lavoro", "corso") to rank a word that tells the records apart poorly.
 */
const COMMON_TERM = 300;
const RRF_K = 60;
/** Up to this many records a search is planned once for every query (see planFor). */
const GENERIC_PLAN_RECORDS = 5_000;
/** A name word this close to a query word counts as that word, for judging how well a record matches. */
// "liceo" is 0.40 from "licenza", "pyton" 0.44 from "python": the shorter the word, the less a typo may change.
const COVER_SIMILARITY = { short: 0.5, medium: 0.44, long: 0.4 };
/** Bonuses on the RRF scale (one signal's first place is 1/61 ≈ 0.016). */
const BONUS = { code: 0.05, preferredComune: 0.012, preferredKind: 0.006, nearness: 0.01 };
/**
 * Full text is the most precise signal; names by trigram and vectors are fuzzier helpers. With
 * equal weights a record found only by a loose name resemblance ties one that full text ranks first.
 */
const WEIGHT: Record<string, number> = { fts: 1, trigram: 0.85, vector: 0.85, filter: 1 };
const weightCase = `CASE sig ${Object.entries(WEIGHT).map(([k, w]) => `WHEN '${k}' THEN ${w}`).join(' ')} ELSE 1 END`;

export interface PgRetrieverOptions {
  db: Database;
  vector: VectorCapability;
  embedder: Embedder;
  clock: Clock;
  /** The catalogue's facts, shared with the catalogue reader (one per store); by default its own. */
  catalogue?: CatalogueSnapshot;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * Hybrid search in one SQL statement: Italian full text, trigram similarity of names and codes,
 * and vector similarity each rank up to 50 candidates; reciprocal rank fusion merges them.
 */
export class PgRetriever implements Retriever {
  /** What a search needs to know of the catalogue beyond the query: its comuni, its size, the embedder of its vectors. */
  private readonly catalogue: CatalogueSnapshot;

  constructor(private readonly o: PgRetrieverOptions) {
    this.catalogue = o.catalogue ?? new CatalogueSnapshot(o.db);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const raw = request.text ?? '';
    if (raw.length > MAX_QUERY_CHARS) {
      throw new OrientaError('INPUT_INVALID', `The query is ${raw.length} characters long; the limit is ${MAX_QUERY_CHARS}. Ask a shorter question.`);
    }
    const limit = Math.max(1, Math.min(request.limit ?? 10, 100));
    const today = italianDate(this.o.clock.now());
    const known = await this.catalogue.current();
    let understood: Understood = request.query
      ? request.query
      : request.understand === false
        ? { text: raw, literal: raw, cover: [], codes: [], filters: {}, preferComuni: [], preferKinds: [] }
        : understandQuery(raw, today, known.comuneNames);
    const filters: SearchFilters = { ...understood.filters, ...request.filters };
    // Read words that left nothing to match by besides filters ("ho lasciato la scuola e non lavoro,
    // cosa posso fare?" is only who asks): what passes the filters, not passages holding "cosa".
    const filtered = Object.entries(filters).some(([k, v]) => k !== 'kinds' && v !== undefined && !(Array.isArray(v) && v.length === 0));
    if (request.understand !== false && understood.cover.length === 0 && understood.codes.length === 0 && filtered) understood = { ...understood, text: '', literal: '' };
    // Only filters and the name of a kind ("sedi vicino a Ostiglia", "eventi a dicembre"): that kind.
    if (!understood.text.trim() && understood.codes.length === 0 && understood.preferKinds.length > 0 && !filters.kinds?.length) filters.kinds = understood.preferKinds;
    const signals = new Set<Signal>(request.signals ?? ['fts', 'trigram', 'vector']);
    let hits = await this.run(known, understood, filters, signals, limit, today);
    let widened: string | undefined;
    if (hits.length === 0 && filters.comune) {
      // Nothing in that comune: look around it rather than answer "nothing".
      const { comune, ...rest } = filters;
      const around = { ...rest, near: { ...comune, radiusKm: 25 } };
      hits = await this.run(known, understood, around, signals, limit, today);
      if (hits.length > 0) widened = `nothing in ${comune.name}; nearby within 25 km`;
    }
    return { hits, query: { text: understood.text, filters }, ...(widened ? { widened } : {}) };
  }

  /** Vectors made by another embedder (another model) cannot be compared with this one's. */
  private vectorsUsable(known: KnownCatalogue): boolean {
    return this.o.vector === 'available' && known.embedder === this.o.embedder.id;
  }

  /**
   * On a catalogue of a few thousand records planning the search costs about what running it does,
   * and one plan fits every query; on a large one a plan made for the query's own words and filters
   * is worth making (measured on 20,000 records: a generic plan made the slowest searches slower).
   */
  private planFor(known: KnownCatalogue): QueryOptions['plan'] {
    return known.records <= GENERIC_PLAN_RECORDS ? 'generic' : 'per-call';
  }

  private async run(known: KnownCatalogue, u: Understood, f: SearchFilters, signals: Set<Signal>, limit: number, today: string): Promise<SearchHit[]> {
    const p = new Params();
    const where = filterSql(f, p, today);
    const lists: string[] = [];
    const text = p.add(u.text);
    const useVector = signals.has('vector') && u.text.trim() !== '' && this.vectorsUsable(known);
    if (signals.has('fts') && u.text.trim() !== '') {
      lists.push(`(SELECT kind, id, 'fts' AS sig, v FROM (
          SELECT s.kind, s.id, ts_rank(s.tsv, q.tsq, 1) AS v FROM search_index s, q
           WHERE q.tsq IS NOT NULL AND s.tsv @@ q.tsq AND ${where} ORDER BY v DESC, s.id LIMIT ${CANDIDATES}) x)`);
    }
    const terms = u.literal.split(' ').filter((w) => w.length >= 3);
    if (signals.has('trigram') && terms.length > 0) {
      // Each query word finds the catalogue's words it resembles ("saldatira" -> "saldatura");
      // a record scores the best similarity of each query word among its names' words, summed.
      const words = p.add(terms);
      lists.push(`(WITH m AS (SELECT w, term, sim FROM tm WHERE w = ANY(${words}::text[]) AND df <= ${COMMON_TERM})
          SELECT kind, id, 'trigram' AS sig, v FROM (
            SELECT s.kind, s.id,
                   (SELECT sum(best) FROM (SELECT max(m.sim) AS best FROM m WHERE m.term = ANY(s.name_terms) GROUP BY m.w) b) AS v
              FROM search_index s
             WHERE s.name_terms && (SELECT array_agg(DISTINCT m.term) FROM m) AND ${where}
             ORDER BY v DESC, s.id LIMIT ${CANDIDATES}) x)`);
    }
    if (useVector) {
      const [embedding] = await this.o.embedder.embed([u.text]);
      const dims = this.o.embedder.dimensions;
      // One vector per search: its text form, cast in the statement, needs no type oid looked up first.
      const vec = p.add(toSql(embedding!) as string);
      const distance = `(v.embedding::vector(${dims}) <=> ${vec}::vector(${dims}))`;
      // Ordered by the bare distance expression so the HNSW index can serve it.
      lists.push(`(SELECT kind, id, 'vector' AS sig, 1 - d AS v FROM (
          SELECT s.kind, s.id, ${distance} AS d FROM search_vectors v JOIN search_index s ON s.kind = v.kind AND s.id = v.id
           WHERE ${where} ORDER BY ${distance} LIMIT ${CANDIDATES}) x)`);
    }
    if (u.codes.length > 0) {
      lists.push(`(SELECT s.kind, s.id, 'code' AS sig, 1.0::float8 AS v FROM search_index s WHERE upper(s.id) = ANY(${p.add(u.codes)}::text[]) AND ${where})`);
    }
    const ranked = lists.length
      ? lists.join(' UNION ALL ')
      : // Only filters were asked ("corsi gratis online"): list what passes them, soonest first; asked
        // who it is for, what is for them alone before what is for everyone ("NEET" before "anyone looking for work").
        // The order is carried in v, as the fusion below ranks each list by it.
        `(SELECT s.kind, s.id, 'filter' AS sig, 1.0 / row_number() OVER (ORDER BY ${
          f.audience?.length ? `(SELECT count(*) FROM unnest(s.audience) a WHERE a = ANY(${p.add(f.audience)}::text[])) DESC, cardinality(s.audience) = 0, cardinality(s.audience), ` : ''
        }s.start_date NULLS LAST, s.id) AS v FROM search_index s WHERE ${where} ORDER BY v DESC LIMIT ${CANDIDATES})`;
    const preferKinds = p.add(u.preferKinds);
    const preferComuni = p.add(u.preferComuni.map((c) => c.code));
    const near = f.near ? `orienta_km(s.lats, s.lons, ${p.add(f.near.lat)}, ${p.add(f.near.lon)})` : 'NULL::float8';
    const radius = f.near ? p.add(f.near.radiusKm) : 'NULL';
    const todayParam = p.add(today);
    // How many of the words a match is judged by each record holds, by full text (with their
    // synonyms) or by a name resembling them; and how many in its title, keywords or names, where
    // a record says what it is about (a passage is all text). See NOT_TOPICAL.
    const cover = p.add(u.cover);
    // The words looked up among the names: those the trigram list ranks by and those a match is judged by.
    const coverWords = u.cover.map((e) => e.split(' ')[0]!).filter((w) => w.length >= 3);
    const lookup = p.add([...new Set([...(signals.has('trigram') ? terms : []), ...coverWords])]);
    const sql = `
      WITH q AS (
        SELECT CASE WHEN x.t = '' THEN NULL ELSE x.t::tsquery END AS tsq
          FROM (SELECT replace(plainto_tsquery('orienta_it', ${text})::text, '&', '|') AS t) x
      ),
      tm AS (
        -- Each word once, through the trigram index: the bare % inside a LATERAL the planner may not
        -- flatten (OFFSET 0), rather than the similarity of every term computed.
        SELECT q.w, t.term, t.df, t.sim FROM unnest(${lookup}::text[]) AS q(w)
          CROSS JOIN LATERAL (SELECT term, df, similarity(term, q.w) AS sim FROM search_terms WHERE term % q.w OFFSET 0) t
      ),
      cw AS (
        SELECT y.ord, y.w, CASE WHEN y.t = '' THEN NULL ELSE y.t::tsquery END AS tsq
          FROM (SELECT x.ord, split_part(x.e, ' ', 1) AS w, replace(plainto_tsquery('orienta_it', x.e)::text, '&', '|') AS t
                  FROM unnest(${cover}::text[]) WITH ORDINALITY AS x(e, ord)) y
      ),
      ct AS (
        -- Longer words keep enough trigrams through a typo: "saldatrua" is 0.43 from "saldatura".
        SELECT cw.ord, t.term FROM cw JOIN tm t ON t.w = cw.w
         WHERE length(cw.w) >= 3
           AND t.sim >= CASE WHEN length(cw.w) >= 7 THEN ${COVER_SIMILARITY.long} WHEN length(cw.w) >= 5 THEN ${COVER_SIMILARITY.medium} ELSE ${COVER_SIMILARITY.short} END
      ),
      known AS (
        -- How many records hold each word: a word no record holds ("prof", "qui", "yoga") says
        -- nothing about which record fits best, and a word most records hold says little.
        SELECT cw.ord, (SELECT count(*) FROM search_index s2
                         WHERE (cw.tsq IS NOT NULL AND s2.tsv @@ cw.tsq)
                            OR s2.name_terms && ARRAY(SELECT ct.term FROM ct WHERE ct.ord = cw.ord))::int AS df
          FROM cw
      ),
      ranked AS (
        SELECT kind, id, sig, v, row_number() OVER (PARTITION BY sig ORDER BY v DESC, id) AS r FROM (${ranked}) u
      ),
      fused AS (
        SELECT kind, id, sum(CASE sig WHEN 'code' THEN ${BONUS.code} ELSE ${weightCase} / (${RRF_K} + r) END) AS rrf,
               jsonb_object_agg(sig, round(v::numeric, 3)) AS signals
          FROM ranked GROUP BY kind, id
      )
      SELECT f.kind, f.id, s.title, f.signals,
             ${near} AS km,
             s.comune_codes && ${preferComuni}::text[] AS preferred_comune,
             s.kind = ANY(${preferKinds}::text[]) AS preferred_kind,
             s.end_date < ${todayParam}::date AS ended,
             -- tsv weighs title A, keywords B, body C: filtering it is what to_tsvector of each field gives, without stemming again.
             (SELECT tsq FROM q) IS NOT NULL AND ts_filter(s.tsv, '{a}') @@ (SELECT tsq FROM q) AS in_title,
             (SELECT tsq FROM q) IS NOT NULL AND ts_filter(s.tsv, '{b}') @@ (SELECT tsq FROM q) AS in_keywords,
             (SELECT tsq FROM q) IS NOT NULL AND ts_filter(s.tsv, '{c}') @@ (SELECT tsq FROM q) AS in_body,
             ARRAY(SELECT cw.ord FROM cw WHERE (cw.tsq IS NOT NULL AND s.tsv @@ cw.tsq)
                 OR EXISTS (SELECT 1 FROM ct WHERE ct.ord = cw.ord AND ct.term = ANY(s.name_terms)))::int[] AS matched_ords,
             ARRAY(SELECT cw.ord FROM cw WHERE cw.tsq IS NOT NULL AND s.tsv @@ cw.tsq)::int[] AS exact_ords,
             ARRAY(SELECT cw.ord FROM cw WHERE (cw.tsq IS NOT NULL AND CASE WHEN s.kind = 'doc' THEN s.tsv @@ cw.tsq ELSE ts_filter(s.tsv, '{a,b}') @@ cw.tsq END)
                 OR EXISTS (SELECT 1 FROM ct WHERE ct.ord = cw.ord AND ct.term = ANY(s.name_terms)))::int[] AS key_ords,
             (SELECT array_agg(df ORDER BY ord) FROM known)::int[] AS dfs,
             (f.rrf
               + CASE WHEN s.comune_codes && ${preferComuni}::text[] THEN ${BONUS.preferredComune} ELSE 0 END
               + CASE WHEN s.kind = ANY(${preferKinds}::text[]) THEN ${BONUS.preferredKind} ELSE 0 END
               + COALESCE(${BONUS.nearness} * (1 - ${near} / ${radius}), 0)
             ) * CASE WHEN s.end_date < ${todayParam}::date THEN 0.5 ELSE 1 END AS score
        FROM fused f JOIN search_index s ON s.kind = f.kind AND s.id = f.id
       ORDER BY score DESC, f.id
       LIMIT ${p.add(Math.min(limit * 3, CANDIDATES))}`;
    const rows = await this.o.db.query<Row>(sql, p.values, { plan: this.planFor(known) });
    const words = u.cover.length;
    const size = Math.max(1, known.records);
    const hits = rows.map((r) => {
      // A word is worth more the fewer records hold it (idf). A word no record holds weighs a third
      // of the rarest: "Erasmus job shadowing abroad" is not answered by what holds only "job",
      // while a slang word or a typo beside a known topic still leaves it the answer.
      const dfs = r.dfs ?? [];
      const rarest = Math.log(1 + size);
      const weight = (ord: number) => (dfs[ord - 1] ? Math.log(1 + size / dfs[ord - 1]!) : rarest / 3);
      // A word matched only by resemblance ("election" to "selezione", a typo) counts half.
      const exact = new Set(r.exact_ords);
      const sum = (ords: number[]) => Math.round(ords.reduce((t, o) => t + weight(o) * (exact.has(o) ? 1 : 0.5), 0) * 100) / 100;
      const known = dfs.filter((d) => d > 0).length;
      const cover: Record<string, number> = words > 0
        ? { words, known, matched: r.matched_ords.length, key: r.key_ords.length, wknown: Math.round(dfs.reduce((t, _, i) => t + weight(i + 1), 0) * 100) / 100, wmatched: sum(r.matched_ords), wkey: sum(r.key_ords) }
        : {};
      return {
        kind: r.kind,
        id: r.id,
        title: r.title,
        score: Math.round(r.score * 10000) / 10000,
        why: explain(r, f, u),
        signals: { ...r.signals, ...cover, ...(r.ended ? { ended: 1 } : {}) },
      };
    });
    // Ranks fused from each signal's order say little of how much of the question a record holds:
    // a record holding every word ("a career guidance interview") goes before one that ranked high
    // on a single word held by many ("job centre"). Candidates are fetched beyond the limit for it.
    const rankOf = (h: (typeof hits)[number]) => {
      const sig = h.signals as Record<string, number | undefined>;
      // A code asked names its record: nothing goes before it.
      if (sig.code !== undefined) return Number.MAX_VALUE;
      return h.score * (0.6 + 0.4 * (sig.wknown ? (sig.wmatched ?? 0) / sig.wknown : 1));
    };
    return hits
      .map((h) => ({ h, rank: rankOf(h) }))
      .sort((a, b) => b.rank - a.rank || (a.h.id < b.h.id ? -1 : 1))
      .slice(0, limit)
      .map(({ h }) => h);
  }
}

interface Row {
  kind: SearchKind;
  id: string;
  title: string;
  signals: Record<string, number>;
  km: number | null;
  preferred_comune: boolean;
  preferred_kind: boolean;
  ended: boolean | null;
  in_title: boolean;
  in_keywords: boolean;
  in_body: boolean;
  matched_ords: number[];
  exact_ords: number[];
  key_ords: number[];
  dfs: number[] | null;
  score: number;
}

function filterSql(f: SearchFilters, p: Params, today: string): string {
  const c: string[] = ['true'];
  if (f.kinds?.length) c.push(`s.kind = ANY(${p.add(f.kinds)}::text[])`);
  if (f.comune) c.push(`s.comune_codes @> ARRAY[${p.add(f.comune.code)}::text]`);
  if (f.near) c.push(`orienta_km(s.lats, s.lons, ${p.add(f.near.lat)}, ${p.add(f.near.lon)}) <= ${p.add(f.near.radiusKm)}`);
  // Records without an audience (sites, passages) are for everyone.
  if (f.audience?.length) c.push(`(s.audience = '{}' OR s.audience && ${p.add(f.audience)}::text[])`);
  if (f.level) c.push(`s.level = ${p.add(f.level)}`);
  if (f.freeOnly) c.push('s.cost = 0');
  if (f.online) c.push('s.online IS TRUE');
  // A site is open on many dates, its sessions booked one by one: "un laboratorio prima di Natale"
  // is a site whose free dates are then offered, not none.
  if (f.from) c.push(`(s.kind = 'site' OR s.start_date >= ${p.add(f.from)}::date)`);
  if (f.to) c.push(`(s.kind = 'site' OR s.start_date <= ${p.add(f.to)}::date)`);
  if (f.openForEnrolment) {
    const t = p.add(today);
    c.push(`s.kind IN ('course', 'initiative') AND (s.deadline IS NULL OR s.deadline >= ${t}::date) AND (s.start_date IS NULL OR s.start_date >= ${t}::date)`);
  }
  return c.join(' AND ');
}

function explain(r: Row, f: SearchFilters, u: Understood): string[] {
  const why: string[] = [];
  if (r.signals.code !== undefined) why.push(`code ${r.id}`);
  if (r.signals.fts !== undefined) {
    const fields = [r.in_title && 'title', r.in_keywords && 'keywords', r.in_body && 'text'].filter(Boolean);
    why.push(`full text (${fields.join(', ') || 'text'})`);
  }
  if (r.signals.trigram !== undefined) why.push(`name match ${r.signals.trigram}`);
  if (r.signals.vector !== undefined) why.push(`vector similarity ${r.signals.vector}`);
  if (f.comune) why.push(`in ${f.comune.name}`);
  if (f.near && r.km !== null) why.push(`${r.km.toFixed(1)} km from ${f.near.name}`);
  if (r.preferred_comune) why.push(`in ${u.preferComuni.map((c) => c.name).join(' / ')}`);
  if (f.audience?.length) why.push(`audience: ${f.audience.join(', ')}`);
  if (f.level) why.push(`level: ${f.level}`);
  if (f.freeOnly) why.push('free');
  if (f.online) why.push('online or blended');
  if (f.from || f.to) why.push(`starts ${f.from ?? '…'} – ${f.to ?? '…'}`);
  if (f.openForEnrolment) why.push('open for enrolment');
  if (r.ended) why.push('already ended');
  return why;
}
