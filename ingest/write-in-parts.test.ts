import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../knowledge/catalogue/tables.js';
import type { Database } from '../knowledge/db/database.js';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector } from '../knowledge/db/vector.js';
import type { RecordKind } from '../domain/model/index.js';
import { afterEachStatement } from '../test/support/stores.js';
import { ingestPaths, type SourceResult } from './pipeline.js';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
const LTO = join(SHARED, 'lto-export');
const CONTEXT = [join(SHARED, 'istat', 'comuni_mantova_coordinate.json'), join(LTO, 'sedi.csv')];
const work = mkdtempSync(join(tmpdir(), 'orienta-parts-'));
let context: File | Blob;

beforeAll(async () => {
  const db = await PgliteDatabase.open();
  await migrate(db);
  await enableVector(db);
  await ingestPaths(db, CONTEXT);
  context = await db.dump();
  await db.close();
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const open: PgliteDatabase[] = [];
async function store(): Promise<PgliteDatabase> {
  const db = await PgliteDatabase.open({ loadDataDir: context });
  open.push(db);
  return db;
}
afterAll(async () => {
  for (const db of open) await db.close();
});

/** A corsi.csv of the real export's single-line rows, `rows` of them with codes P0000… from `from`, `edit` applied to each line. */
function corsi(name: string, from: number, rows: number, edit: (line: string) => string = (l) => l): string {
  const [header, ...lines] = readFileSync(join(LTO, 'corsi.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const simple = lines.filter((l) => /^C\d{3};/.test(l) && !l.includes('"'));
  const out = [header!];
  for (let i = from; i < from + rows; i++) out.push(edit(simple[i % simple.length]!.replace(/^C\d{3};/, `P${String(i).padStart(4, '0')};`)));
  const path = join(work, name);
  writeFileSync(path, `\uFEFF${out.join('\r\n')}\r\n`);
  return path;
}

/** Every record, search row (its tsvector and terms too), term count and index: equal states, equal stores. */
async function state(db: Database) {
  const records: string[] = [];
  for (const kind of Object.keys(TABLES) as RecordKind[]) {
    const { table, key } = TABLES[kind];
    for (const r of await db.query<{ id: string; h: string }>(`SELECT ${key} AS id, content_hash AS h FROM ${table} ORDER BY 1`)) records.push(`${kind}:${r.id}=${r.h}`);
  }
  const rows = await db.query<{ r: string }>("SELECT concat_ws('|', kind, id, content_hash, tsv::text, array_to_string(name_terms, ',')) AS r FROM search_index ORDER BY kind, id");
  const terms = await db.query<{ t: string }>("SELECT string_agg(term || ':' || df, ',' ORDER BY term) AS t FROM search_terms");
  const indexes = await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
  return { records, rows: rows.map((x) => x.r), terms: terms[0]!.t, indexes: indexes.map((i) => i.name) };
}

/** search_terms as a whole recount makes it. */
async function recounted(db: Database): Promise<string> {
  const [row] = await db.query<{ t: string }>("SELECT string_agg(term || ':' || n, ',' ORDER BY term) AS t FROM (SELECT term, count(*) AS n FROM search_index, unnest(name_terms) AS term GROUP BY term) c");
  return row!.t;
}

/** The store, counting the transactions opened on it. */
function counting(db: Database): Database & { transactions: number } {
  const counted = {
    description: db.description,
    engine: db.engine,
    transactions: 0,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    close: db.close.bind(db),
    transaction: <T>(fn: Parameters<Database['transaction']>[0]) => {
      counted.transactions++;
      return db.transaction(fn) as Promise<T>;
    },
  };
  return counted as Database & { transactions: number };
}

const figures = (r: SourceResult) => ({ status: r.status, read: r.read, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, pruned: r.pruned });

describe('a load written in parts (the embedded store through a running server)', () => {
  it('leaves the store as one transaction per source would, in transactions of at most a part', async () => {
    const whole = await store();
    const statements: string[] = [];
    const parts = counting(afterEachStatement(await store(), async (text) => void statements.push(text)));
    const first = corsi('first.csv', 0, 600);
    const a = await ingestPaths(whole, [first, join(LTO, 'servizi.csv'), join(LTO, 'iniziative.csv'), join(LTO, 'calendario.csv')]);
    const b = await ingestPaths(parts, [first, join(LTO, 'servizi.csv'), join(LTO, 'iniziative.csv'), join(LTO, 'calendario.csv')], { partSize: 100 });
    expect(b.map(figures)).toEqual(a.map(figures));
    expect(b[0]).toMatchObject({ status: 'loaded', created: 600 });
    // 600 courses in parts of 100: six transactions for them alone.
    expect(parts.transactions).toBeGreaterThanOrEqual(6 + 4);
    // Statistics are taken again as search_index grows, not only at the end: the server plans its searches on them meanwhile.
    expect(statements.filter((t) => t.includes('ANALYZE search_index')).length).toBeGreaterThan(1);
    const expected = await state(whole);
    expect(await state(parts)).toEqual(expected);
    expect(expected.terms).toBe(await recounted(whole));

    // A changed copy: some titles change, some courses are gone and pruned.
    const changed = corsi('first.csv', 0, 550, (l) => (l.startsWith('P00') ? l.replace(';', ';Nuovo titolo ') : l));
    const c = await ingestPaths(whole, [changed], { prune: true });
    const d = await ingestPaths(parts, [changed], { prune: true, partSize: 100 });
    expect(d.map(figures)).toEqual(c.map(figures));
    expect(d[0]).toMatchObject({ status: 'loaded', updated: 100, pruned: 50 });
    expect(await state(parts)).toEqual(await state(whole));
    expect((await state(parts)).terms).toBe(await recounted(parts));
  }, 120_000);

  it('keeps the parts written before a failure, says how far it got, and the command run again writes the rest', async () => {
    const db = await store();
    const path = corsi('failing.csv', 1000, 500);
    let inserts = 0;
    const failing = afterEachStatement(db, async (text) => {
      if (text.startsWith('INSERT INTO courses') && ++inserts === 3) throw new Error('disk full');
    });
    const [failed] = await ingestPaths(failing, [path], { partSize: 100 });
    expect(failed).toMatchObject({ status: 'failed', created: 200 });
    expect(failed!.error).toMatch(/disk full\. Written in parts while the assistant runs: 200 of 500 record\(s\) were stored before this and stay; run the command again to write the rest\./);
    expect(await db.query("SELECT count(*)::int AS n FROM courses WHERE id LIKE 'P%'")).toEqual([{ n: 200 }]);
    expect(await db.query("SELECT count(*)::int AS n FROM search_index WHERE kind = 'course' AND id LIKE 'P%'")).toEqual([{ n: 200 }]);

    const [again] = await ingestPaths(db, [path], { partSize: 100 });
    expect(figures(again!)).toMatchObject({ status: 'loaded', created: 300, unchanged: 200 });
    expect(await db.query("SELECT count(*)::int AS n FROM search_index WHERE kind = 'course' AND id LIKE 'P%'")).toEqual([{ n: 500 }]);
    expect((await state(db)).terms).toBe(await recounted(db));
  }, 120_000);
});
