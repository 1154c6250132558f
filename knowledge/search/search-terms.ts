import type { Sql } from '../db/database.js';

/** Search rows by key: parallel lists of kinds and ids. */
export interface RowKeys {
  kinds: string[];
  ids: string[];
}

/**
 * The words of the stored terms that rows no longer hold or now hold (`touched` rows, `oldTerms`
 * read before they were rewritten), counted again. `few`: count only those terms, each through the
 * GIN index; otherwise every term is counted whole, which is cheaper once many rows changed or the
 * store is small. Run after the rows are written, in the same transaction.
 */
export async function refreshSearchTerms(tx: Sql, touched: RowKeys, oldTerms: readonly string[], few: boolean): Promise<void> {
  if (touched.ids.length === 0) return;
  // Concurrent sources on a server recount their terms one after the other (the lock is held to
  // commit), so each count sees the rows the others committed: no term is left short or deleted.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('orienta.search_terms'))");
  // In both statements the DELETE (terms no row holds any more) and the INSERT touch disjoint
  // terms, so sharing one snapshot is safe.
  if (few) {
    await tx.query(
      `WITH a AS (SELECT unnest($1::text[]) AS term UNION SELECT unnest(name_terms) FROM search_index WHERE (kind, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))),
        c AS MATERIALIZED (SELECT a.term, (SELECT count(*)::int FROM search_index s WHERE s.name_terms @> ARRAY[a.term]) AS df FROM a),
        gone AS (DELETE FROM search_terms t USING c WHERE t.term = c.term AND c.df = 0)
      INSERT INTO search_terms (term, df) SELECT term, df FROM c WHERE df > 0 ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df WHERE search_terms.df <> EXCLUDED.df`,
      [oldTerms, touched.kinds, touched.ids],
    );
    return;
  }
  await tx.exec(`WITH c AS MATERIALIZED (SELECT term, count(*)::int AS df FROM search_index, unnest(name_terms) AS term GROUP BY term),
      gone AS (DELETE FROM search_terms t WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.term = t.term))
    INSERT INTO search_terms (term, df) SELECT term, df FROM c ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df WHERE search_terms.df <> EXCLUDED.df`);
}

/** The terms the given rows hold now: read before they are rewritten or removed. */
export async function termsOfRows(tx: Sql, rows: RowKeys): Promise<string[]> {
  const found = await tx.query<{ term: string }>('SELECT DISTINCT unnest(name_terms) AS term FROM search_index WHERE (kind, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
    rows.kinds,
    rows.ids,
  ]);
  return found.map((r) => r.term);
}

/** Every term the given rows hold, once per row holding it: what they add to the counts. */
export async function termOccurrences(tx: Sql, kind: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await tx.query<{ term: string }>('SELECT unnest(name_terms) AS term FROM search_index WHERE kind = $1 AND id = ANY($2::text[])', [kind, ids])).map((r) => r.term);
}

/**
 * Moves the counts by what some rows of one kind changed: `ids` are the rows as written now (they
 * add their terms), `before` the terms those rows and removed ones held (they take theirs away).
 * For a load written in parts on a store that runs one transaction at a time: each part costs
 * its own rows, where counting a term through the index costs every row holding it (a common
 * word of 20,000 course names took a second at each part).
 */
export async function shiftSearchTerms(tx: Sql, kind: string, ids: readonly string[], before: readonly string[]): Promise<void> {
  if (ids.length === 0 && before.length === 0) return;
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('orienta.search_terms'))");
  await tx.query(
    `INSERT INTO search_terms (term, df)
      SELECT term, sum(n)::int FROM (SELECT unnest(name_terms) AS term, 1 AS n FROM search_index WHERE kind = $1 AND id = ANY($2::text[])
        UNION ALL SELECT unnest($3::text[]), -1) x GROUP BY term HAVING sum(n) <> 0
      ON CONFLICT (term) DO UPDATE SET df = search_terms.df + EXCLUDED.df`,
    [kind, ids, before],
  );
  if (before.length > 0) await tx.query('DELETE FROM search_terms WHERE term = ANY($1::text[]) AND df <= 0', [[...new Set(before)]]);
}
