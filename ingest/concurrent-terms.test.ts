import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../knowledge/db/migrate.js';
import { afterEachStatement, freshPostgres, inCi, type OpenedTestStore } from '../test/support/stores.js';
import { ingestPaths } from './pipeline.js';

const SHARED = resolve(fileURLToPath(new URL('../../shared/data/', import.meta.url)));
const LTO = join(SHARED, 'lto-export');
const url = process.env.TEST_DATABASE_URL;
const unavailable = url ? undefined : 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
const skip = unavailable !== undefined && !inCi;
if (skip) console.warn(`skipping concurrent ingest on the PostgreSQL server: ${unavailable}`);

/** A corsi.csv with three of the export's courses under new codes (prefix + 1..3): the same names, so the same terms. */
function courses(dir: string, prefix: string): string {
  const [header, ...lines] = readFileSync(join(LTO, 'corsi.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const simple = lines.filter((l) => /^C\d{3};/.test(l) && !l.includes('"')).slice(0, 3);
  const path = join(dir, `corsi-${prefix}.csv`);
  writeFileSync(path, `\uFEFF${[header, ...simple.map((l, i) => l.replace(/^C\d{3};/, `${prefix}${i + 1};`))].join('\r\n')}\r\n`);
  return path;
}

describe.skipIf(skip)('two sources loading at once on the PostgreSQL server', () => {
  let store: OpenedTestStore;
  let dir: string;
  beforeAll(async () => {
    if (unavailable) throw new Error(`CI needs the PostgreSQL server: ${unavailable}`);
    store = await freshPostgres(url!);
    await migrate(store.db);
    await ingestPaths(store.db, [join(SHARED, 'istat/comuni_mantova_coordinate.json'), join(LTO, 'sedi.csv')]);
    dir = mkdtempSync(join(tmpdir(), 'orienta-concurrent-'));
  }, 60_000);
  afterAll(async () => {
    await store?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('count the search terms they share one after the other, so every term adds up', async () => {
    const { db } = store;
    // B has counted its terms and not committed yet when A, holding the same terms, comes to count
    // its own; B commits only once A is seen waiting for it.
    let second: Promise<unknown> | undefined;
    const waitingBackends = async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))[0]!.n;
    const b = afterEachStatement(db, async (text) => {
      if (!text.includes('INSERT INTO search_terms')) return;
      second = ingestPaths(db, [courses(dir, 'RA')]);
      const until = Date.now() + 15_000;
      while ((await waitingBackends()) === 0) {
        if (Date.now() > until) throw new Error('the second source never waited for the first');
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const [first] = await ingestPaths(b, [courses(dir, 'RB')]);
    const [other] = (await second) as Awaited<ReturnType<typeof ingestPaths>>;
    expect(first).toMatchObject({ status: 'loaded', created: 3 });
    expect(other).toMatchObject({ status: 'loaded', created: 3 });
    const [row] = await db.query<{ stored: string; counted: string }>(
      `SELECT (SELECT string_agg(term || ':' || df, ',' ORDER BY term) FROM search_terms) AS stored,
              (SELECT string_agg(term || ':' || n, ',' ORDER BY term) FROM (SELECT term, count(*) AS n FROM search_index, unnest(name_terms) AS term GROUP BY term) c) AS counted`,
    );
    expect(row!.stored).toBe(row!.counted);
  }, 60_000);
});
