import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { countRecords } from '../knowledge/catalogue/catalogue-writer.js';
import { TABLES } from '../knowledge/catalogue/tables.js';
import type { Database } from '../knowledge/db/database.js';
import { migrate } from '../knowledge/db/migrate.js';
import { PgliteDatabase } from '../knowledge/db/pglite-database.js';
import { enableVector, type VectorCapability } from '../knowledge/db/vector.js';
import { HashedNgramEmbedder } from '../knowledge/embedders/hashed-ngram-embedder.js';
import type { RecordKind } from '../domain/model/index.js';
import { embedPending } from '../knowledge/search/embed-pending.js';
import { PgRetriever } from '../knowledge/search/pg-retriever.js';
import { SEARCH_ROWS_VERSION } from '../knowledge/search/search-docs.js';
import { afterEachStatement } from '../test/support/stores.js';
import { ingestPaths, type SourceResult } from './pipeline.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The real data, read where it lives (../shared/data from the project root), never copied into the project. */
const SHARED = resolve(ROOT, '..', 'shared', 'data');
const LTO = join(SHARED, 'lto-export');
const ISTAT = join(SHARED, 'istat');
const NOW = new Date('2026-11-25T10:00:00+01:00');

// ---------------------------------------------------------------- helpers

async function emptyStore(): Promise<{ db: PgliteDatabase; vector: VectorCapability }> {
  const db = await PgliteDatabase.open();
  await migrate(db);
  const vector = await enableVector(db);
  return { db, vector };
}

/** The result line of the source whose label ends with `name` (exactly one must). */
function result(results: SourceResult[], name: string): SourceResult {
  const found = results.filter((r) => r.source === name || r.source.endsWith(`/${name}`));
  expect(found, `one result for ${name} in ${results.map((r) => r.source).join(', ')}`).toHaveLength(1);
  return found[0]!;
}

/** Every record of every table and every search row, with its content hash: equal snapshots, equal stores. */
async function snapshot(db: Database): Promise<string[]> {
  const rows: string[] = [];
  for (const kind of Object.keys(TABLES) as RecordKind[]) {
    const { table, key } = TABLES[kind];
    const list = await db.query<{ id: string; h: string }>(`SELECT ${key} AS id, content_hash AS h FROM ${table}`);
    for (const r of list) rows.push(`${kind}:${r.id}=${r.h}`);
  }
  for (const r of await db.query<{ kind: string; id: string; h: string }>('SELECT kind, id, content_hash AS h FROM search_index')) {
    rows.push(`index:${r.kind}:${r.id}=${r.h}`);
  }
  return rows.sort();
}

/** search_terms, term:df in order. */
async function terms(db: Database): Promise<string | null> {
  return (await db.query<{ t: string | null }>("SELECT string_agg(term || ':' || df, ',' ORDER BY term) AS t FROM search_terms"))[0]!.t;
}

/** search_terms is what a whole recount makes: every term some row's names hold, with how many rows hold it. */
async function expectTermsCounted(db: Database): Promise<void> {
  const [row] = await db.query<{ t: string | null }>(
    "SELECT string_agg(term || ':' || n, ',' ORDER BY term) AS t FROM (SELECT term, count(*) AS n FROM search_index, unnest(name_terms) AS term GROUP BY term) c",
  );
  expect(await terms(db)).toBe(row!.t);
}

function diff(before: string[], after: string[]) {
  const b = new Map(before.map((r) => r.split('=') as [string, string]));
  const a = new Map(after.map((r) => r.split('=') as [string, string]));
  return {
    added: [...a.keys()].filter((k) => !b.has(k)).sort(),
    removed: [...b.keys()].filter((k) => !a.has(k)).sort(),
    changed: [...a.keys()].filter((k) => b.has(k) && b.get(k) !== a.get(k)).sort(),
  };
}

/** Copies a directory's files as new, writable files (the shared data is read-only). */
function copyFiles(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) writeFileSync(join(to, name), readFileSync(join(from, name)));
}

/** 1-based physical line on which the CSV record with this code starts. */
function lineOf(text: string, code: string): number {
  const index = text.split(/\r?\n/).findIndex((l) => l.replace(/^\uFEFF/, '').startsWith(`${code};`));
  expect(index, `a row for ${code}`).toBeGreaterThan(0);
  return index + 1;
}

/** The records of an LTO export as cells (header first). */
function cellsOf(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
}

/** Writes cells the way Excel does: quotes only where needed, CRLF between records. */
function toCsv(rows: string[][], separator: ';' | ','): string {
  const cell = (c: string) => (/["\r\n;,]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}

const BOM = '\uFEFF';
const figures = (rs: SourceResult[]) => rs.map(({ source, type, read, created, updated, unchanged, rejected, pruned }) => ({ source, type, read, created, updated, unchanged, rejected, pruned }));
const original = (name: string) => readFileSync(join(LTO, name), 'utf8');

// ---------------------------------------------------------------- the real data into an empty store

describe('ingest ../shared/data into an empty store', () => {
  let db: PgliteDatabase;
  let vector: VectorCapability;
  let retriever: PgRetriever;
  let results: SourceResult[];

  beforeAll(async () => {
    ({ db, vector } = await emptyStore());
    results = await ingestPaths(db, ['../shared/data'], { cwd: ROOT });
    await embedPending(db, vector, new HashedNgramEmbedder());
    retriever = new PgRetriever({ db, vector, embedder: new HashedNgramEmbedder(), clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads every source, rejecting nothing', () => {
    expect(results.map((r) => r.source).sort()).toEqual(
      [
        '../shared/data/istat/ISTAT_codici_comuni_20230630_MANTOVA.csv',
        '../shared/data/istat/comuni_mantova_coordinate.json',
        '../shared/data/lto-export/calendario.csv',
        '../shared/data/lto-export/corsi.csv',
        '../shared/data/lto-export/faq.md',
        '../shared/data/lto-export/guida-servizi-lavoro.pdf',
        '../shared/data/lto-export/iniziative.csv',
        '../shared/data/lto-export/sedi.csv',
        '../shared/data/lto-export/servizi.csv',
        '../shared/data/miur/SCUANAGRAFEPAR20232420230901_MANTOVA.csv',
        '../shared/data/miur/SCUANAGRAFESTAT20252620250901_MANTOVA.csv',
      ].sort(),
    );
    for (const r of results) {
      expect(r, r.source).toMatchObject({ status: 'loaded', rejected: 0, pruned: 0, problems: [] });
      expect(r.error, r.source).toBeUndefined();
    }
    expect(result(results, 'sedi.csv')).toMatchObject({ type: 'csv:lto-sedi', read: 21, created: 21 });
    expect(result(results, 'corsi.csv')).toMatchObject({ type: 'csv:lto-corsi', read: 38, created: 38 });
    expect(result(results, 'calendario.csv')).toMatchObject({ type: 'csv:lto-calendario', read: 114, created: 114 });
    expect(result(results, 'guida-servizi-lavoro.pdf')).toMatchObject({ type: 'pdf' });
  });

  it('holds exactly the partner data, and none of the sample catalogue', async () => {
    const counts = await countRecords(db);
    expect(counts).toMatchObject({ site: 21, course: 38, service: 13, initiative: 8, slot: 114, school: 422, comune: 64 });
    expect(counts.doc).toBeGreaterThan(0);
    // The sample's own records: its courses have other titles, and it has sites S22-S27.
    const sampleTitles = ['Coding base: pensiero computazionale e primi programmi', "Carrello elevatore: abilitazione all'uso", 'HACCP per alimentaristi'];
    expect(await db.query('SELECT id FROM courses WHERE title = ANY($1)', [sampleTitles])).toEqual([]);
    expect(await db.query("SELECT id FROM sites WHERE id IN ('S22', 'S23', 'S24', 'S25', 'S26', 'S27')")).toEqual([]);
    expect(await db.query("SELECT DISTINCT source FROM courses WHERE source <> $1", [join(LTO, 'corsi.csv')])).toEqual([]);
    const [c001] = await db.query<{ title: string; site_id: string }>("SELECT title, site_id FROM courses WHERE id = 'C001'");
    expect(c001).toEqual({ title: 'Stampa 3D: dalla modellazione al prototipo', site_id: 'S02' });
  });

  const top = async (text: string, n = 3) => (await retriever.search({ text, limit: n })).hits.map((h) => h.id);

  it.each([
    ['stampa 3d fermi', 'C001'],
    ['fablab viadana', 'S03'],
    ['itis galilei ostiglia', 'MNTF002018'],
    ['come faccio la DID', 'SV02'],
  ])('acceptance: "%s" finds %s in the top 3', async (query, id) => {
    expect(await top(query)).toContain(id);
  });

  it('acceptance: "quanto prende un tirocinante in Lombardia" finds the brochure passage on the 500 euro allowance', async () => {
    const { hits } = await retriever.search({ text: 'quanto prende un tirocinante in Lombardia', limit: 3 });
    const docs = hits.filter((h) => h.kind === 'doc');
    expect(docs.length).toBeGreaterThan(0);
    const bodies = await db.query<{ body: string }>('SELECT body FROM document_chunks WHERE id = ANY($1)', [docs.map((d) => d.id)]);
    expect(bodies.some((b) => /500 euro/.test(b.body) && /Lombardia/.test(b.body))).toBe(true);
  });

  it.each([
    // sites by comune and by what they have
    ["centro per l'impiego di Asola", 'S18'],
    ["orari centro per l'impiego suzzara", 'S16'],
    ['laboratorio fotovoltaico asola', 'S06'],
    ['laboratori a Ostiglia', 'S05'],
    ['sede di viadana del cpia', 'S14'],
    // services by the documents they ask for
    ['verbale di invalidità', 'SV13'],
    ['permesso di soggiorno mediatori linguistici', 'SV11'],
    ['co-working gratuito', 'SV10'],
    // schools, with typos
    ['liceo classico virgilo mantova', 'MNPC02000G'],
    ['licei Galileo Ostilia', 'MNPS002016'],
    // initiatives by a sponsor company, by name
    ['Confartigianato', 'I02'],
    ['Job Day', 'I08'],
    ['hackathon', 'I05'],
    // courses by words, colloquial words and English
    ['muletto', 'C033'],
    ['welding course', 'C012'],
    ['forklift licence', 'C033'],
    ['droni agricoltura di precisione', 'C009'],
    ['realtà virtuale turismo', 'C017'],
    ['corso serale elettronica', 'C028'],
    ['saldatura a Castiglione delle Stiviere', 'C012'],
  ])('"%s" finds %s in the top 3', async (query, id) => {
    expect(await top(query)).toContain(id);
  });

  it('an initiative is found by either of the companies that sponsor it', async () => {
    expect(await top('AgriTech Padana')).toEqual(expect.arrayContaining(['I01', 'I05']));
    expect(await top('Officine del Mincio')).toEqual(expect.arrayContaining(['I01', 'I02']));
  });

  it('a course or school code comes first', async () => {
    expect((await top('C033'))[0]).toBe('C033');
    expect((await top('MNTF01150B'))[0]).toBe('MNTF01150B');
  });

  it('an English query with an audience finds the Italian courses for foreigners', async () => {
    const res = await retriever.search({ text: 'italian course for foreigners', limit: 3 });
    expect(res.query.filters.audience).toEqual(['foreigners']);
    expect(res.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['C007', 'C008']));
  });

  it('"corsi a Suzzara" keeps to Suzzara and puts its two courses first', async () => {
    const res = await retriever.search({ text: 'corsi a Suzzara', limit: 5 });
    expect(res.query.filters.comune?.name).toBe('Suzzara');
    const inSuzzara = await db.query<{ id: string }>(
      "SELECT c.id FROM courses c JOIN sites s ON s.id = c.site_id JOIN comuni m ON m.code = s.comune_code WHERE m.name = 'Suzzara' ORDER BY c.id",
    );
    expect(inSuzzara.map((r) => r.id)).toEqual(['C005', 'C016']);
    expect(res.hits.slice(0, 2).map((h) => h.id).sort()).toEqual(['C005', 'C016']);
    for (const h of res.hits) expect(h.why).toContain('in Suzzara');
  });

  it('a question answered in the FAQ finds its passage', async () => {
    const { hits } = await retriever.search({ text: 'posso disdire una prenotazione', limit: 1 });
    expect(hits[0]?.kind).toBe('doc');
    const [chunk] = await db.query<{ body: string; source: string }>('SELECT body, source FROM document_chunks WHERE id = $1', [hits[0]!.id]);
    expect(chunk!.source).toBe(join(LTO, 'faq.md'));
    expect(chunk!.body).toMatch(/Posso disdire una prenotazione\?/);
    expect(chunk!.body).toMatch(/24 ore prima/);
  });

  it('a second ingest of the same paths writes nothing', async () => {
    const hashes = async () => db.query<{ kind: string; id: string; content_hash: string }>('SELECT kind, id, content_hash FROM search_index ORDER BY kind, id');
    const before = await hashes();
    const store = await snapshot(db);
    const again = await ingestPaths(db, ['../shared/data'], { cwd: ROOT });
    expect(again).toHaveLength(11);
    for (const r of again) {
      expect(r, r.source).toMatchObject({ status: 'loaded', created: 0, updated: 0, rejected: 0, pruned: 0 });
      expect(r.unchanged, r.source).toBe(r.read);
    }
    expect(await hashes()).toEqual(before);
    expect(await snapshot(db)).toEqual(store);
    expect((await embedPending(db, vector, new HashedNgramEmbedder())).embedded).toBe(0);
  });
});

// ---------------------------------------------------------------- changing a partner export

describe('re-ingesting a changed copy of the LTO export', () => {
  let root: string;
  let work: string;
  /** A migrated empty store; comuni + sites only; comuni + the whole LTO export as loaded from `work`. */
  let empty: File | Blob;
  let sitesOnly: File | Blob;
  let loaded: File | Blob;
  const open: PgliteDatabase[] = [];

  const storeFrom = async (dump: File | Blob) => {
    const db = await PgliteDatabase.open({ loadDataDir: dump });
    open.push(db);
    return db;
  };
  const workFile = (name: string) => join(work, name);
  const edit = (name: string, change: (text: string) => string) => {
    const before = original(name);
    const after = change(before);
    expect(after, `the edit of ${name} changed something`).not.toBe(before);
    writeFileSync(workFile(name), after);
  };
  const ingest = (db: Database, paths: string[], options: { dryRun?: boolean; prune?: boolean; strict?: boolean } = {}) =>
    ingestPaths(db, paths, { ...options, cwd: root });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'orienta-ingest-'));
    work = join(root, 'lto');
    copyFiles(LTO, work);
    const { db } = await emptyStore();
    empty = await db.dump();
    await ingestPaths(db, [ISTAT, workFile('sedi.csv')], { cwd: root });
    sitesOnly = await db.dump();
    const rest = await ingestPaths(db, [work], { cwd: root });
    for (const r of rest) expect(r, r.source).toMatchObject({ status: 'loaded', rejected: 0 });
    loaded = await db.dump();
    await db.close();
  });
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    copyFiles(LTO, work);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('updates the one course whose title changed, keeping the file as Excel wrote it, and nothing else', async () => {
    const db = await storeFrom(loaded);
    const before = await snapshot(db);
    const termsBefore = await terms(db);
    edit('corsi.csv', (t) => t.replace('C001;Stampa 3D: dalla modellazione al prototipo;', 'C001;Stampa 3D: dal modello digitale al prototipo;'));
    const bytes = readFileSync(workFile('corsi.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFFCodice corso;Titolo;/);

    const results = await ingest(db, [work]);
    expect(result(results, 'corsi.csv')).toMatchObject({ status: 'loaded', read: 38, created: 0, updated: 1, unchanged: 37, rejected: 0, pruned: 0 });
    for (const r of results) {
      expect(r.status, r.source).toBe('loaded');
      expect(r.created, r.source).toBe(0);
      expect(r.pruned, r.source).toBe(0);
    }
    expect(results.reduce((n, r) => n + r.updated, 0)).toBe(1);
    expect(diff(before, await snapshot(db))).toEqual({ added: [], removed: [], changed: ['course:C001', 'index:course:C001'] });
    const [row] = await db.query<{ title: string }>("SELECT title FROM courses WHERE id = 'C001'");
    expect(row!.title).toBe('Stampa 3D: dal modello digitale al prototipo');
    // The name terms followed the title: only C001's were counted again, and they add up.
    expect(await terms(db)).not.toBe(termsBefore);
    await expectTermsCounted(db);
  });

  it('keeps a course removed from the file unless --prune, which removes it and its search row', async () => {
    const db = await storeFrom(loaded);
    // C026 has no slot in calendario.csv.
    expect(original('calendario.csv')).not.toMatch(/;C026;/);
    edit('corsi.csv', (t) => t.replace(/\r\nC026;[^\r\n]*/, ''));

    const kept = await ingest(db, [work]);
    expect(result(kept, 'corsi.csv')).toMatchObject({ status: 'loaded', read: 37, unchanged: 37, pruned: 0 });
    expect(await db.query("SELECT id FROM courses WHERE id = 'C026'")).toEqual([{ id: 'C026' }]);

    const before = await snapshot(db);
    const pruned = await ingest(db, [work], { prune: true });
    expect(result(pruned, 'corsi.csv')).toMatchObject({ status: 'loaded', read: 37, created: 0, updated: 0, unchanged: 37, pruned: 1 });
    for (const r of pruned.filter((r) => !r.source.endsWith('corsi.csv'))) expect(r, r.source).toMatchObject({ status: 'loaded', pruned: 0, created: 0, updated: 0 });
    expect(await db.query("SELECT id FROM courses WHERE id = 'C026'")).toEqual([]);
    expect(diff(before, await snapshot(db))).toEqual({ added: [], removed: ['course:C026', 'index:course:C026'], changed: [] });
  });

  it('re-derives the search rows of the courses held at a site renamed in a sites file loaded on its own', async () => {
    const db = await storeFrom(loaded);
    edit('sedi.csv', (t) => t.replace('\r\nS03;Micro-FabLab Sanfelice;', '\r\nS03;Officina Digitale Sanfelice;'));
    const before = await snapshot(db);
    const results = await ingest(db, [workFile('sedi.csv')]);
    expect(result(results, 'sedi.csv')).toMatchObject({ status: 'loaded', updated: 1 });
    // What names the site: its courses, services and initiatives.
    const held = (
      await db.query<{ k: string }>(
        `SELECT 'index:course:' || id AS k FROM courses WHERE site_id = 'S03' UNION ALL SELECT 'index:service:' || id FROM services WHERE 'S03' = ANY(site_ids)
         UNION ALL SELECT 'index:initiative:' || id FROM initiatives WHERE site_id = 'S03'`,
      )
    ).map((r) => r.k);
    expect(held.filter((k) => k.startsWith('index:course:')).length).toBeGreaterThan(0);
    expect(held.filter((k) => k.startsWith('index:service:')).length).toBeGreaterThan(0);
    expect(diff(before, await snapshot(db))).toEqual({ added: [], removed: [], changed: [...held, 'index:site:S03', 'site:S03'].sort() });
    const body = await db.query<{ ok: boolean }>("SELECT bool_and(body LIKE '%Officina Digitale Sanfelice%') AS ok FROM search_index WHERE kind = 'course' AND id IN (SELECT id FROM courses WHERE site_id = 'S03')");
    expect(body).toEqual([{ ok: true }]);
    await expectTermsCounted(db);
  });

  it('derives every search row again once when the store\'s rows were made by another version', async () => {
    const db = await storeFrom(loaded);
    const [{ h }] = (await db.query<{ h: string }>("SELECT content_hash AS h FROM search_index WHERE kind = 'course' AND id = 'C001'")) as [{ h: string }];
    await db.query("UPDATE search_index SET content_hash = 'stale' WHERE kind = 'course' AND id = 'C001'");
    const hashOf = async () => (await db.query<{ h: string }>("SELECT content_hash AS h FROM search_index WHERE kind = 'course' AND id = 'C001'"))[0]!.h;
    // Same version: a file of slots looks at no search row.
    await ingest(db, [workFile('calendario.csv')]);
    expect(await hashOf()).toBe('stale');
    // A store from another version: the same file brings every row up to date, once.
    await db.query("UPDATE store_meta SET value = '0' WHERE key = 'search_rows'");
    await ingest(db, [workFile('calendario.csv')]);
    expect(await hashOf()).toBe(h);
    expect(await db.query("SELECT value FROM store_meta WHERE key = 'search_rows'")).toEqual([{ value: String(SEARCH_ROWS_VERSION) }]);
  });

  it('removes a pruned course from search also when its file is the only source', async () => {
    const db = await storeFrom(loaded);
    edit('corsi.csv', (t) => t.replace(/\r\nC026;[^\r\n]*/, ''));
    const before = await snapshot(db);
    const pruned = await ingest(db, [workFile('corsi.csv')], { prune: true });
    expect(result(pruned, 'corsi.csv')).toMatchObject({ status: 'loaded', unchanged: 37, pruned: 1 });
    expect(diff(before, await snapshot(db))).toEqual({ added: [], removed: ['course:C026', 'index:course:C026'], changed: [] });
    await expectTermsCounted(db);
  });

  it('refuses to prune a site that courses still use, with a clear message, and leaves the store as it was', async () => {
    const db = await storeFrom(loaded);
    const before = await snapshot(db);
    edit('sedi.csv', (t) => t.replace(/\r\nS21;[^\r\n]*/, ''));
    const results = await ingest(db, [work], { prune: true });
    const sedi = result(results, 'sedi.csv');
    expect(sedi.status).toBe('failed');
    expect(sedi.error).toMatch(/a record still in use cannot be removed/);
    expect(sedi.error).toMatch(/S21/);
    expect(sedi.error).toMatch(/courses/);
    expect(sedi.error).toMatch(/Remove or move what refers to it first/);
    for (const r of results.filter((r) => r !== sedi)) expect(r, r.source).toMatchObject({ status: 'loaded', created: 0, updated: 0, pruned: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses to prune a course that bookable slots still refer to, and leaves no slot pointing at nothing', async () => {
    const db = await storeFrom(loaded);
    const before = await snapshot(db);
    // C001 is booked through slot P001 in calendario.csv; its description spans two lines.
    edit('corsi.csv', (t) => t.slice(0, t.indexOf('\r\nC001;')) + t.slice(t.indexOf('\r\nC002;')));
    const results = await ingest(db, [workFile('corsi.csv')], { prune: true });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'failed', read: 37 });
    expect(results[0]!.error).toMatch(/C001 \(slot P001\)/);
    expect(results[0]!.error).toMatch(/bookable slots still refer to/);
    expect(await snapshot(db)).toEqual(before);
    const orphans = await db.query<{ id: string; ref: string }>(
      `SELECT id, data->>'ref' AS ref FROM slots s WHERE NOT EXISTS (
         SELECT 1 FROM courses WHERE id = s.data->>'ref' UNION ALL SELECT 1 FROM services WHERE id = s.data->>'ref'
         UNION ALL SELECT 1 FROM initiatives WHERE id = s.data->>'ref' UNION ALL SELECT 1 FROM sites WHERE id = s.data->>'ref')`,
    );
    expect(orphans).toEqual([]);
  });

  it('a dry run reports what a real run would do and writes nothing', async () => {
    const db = await storeFrom(loaded);
    edit('corsi.csv', (t) => t.replace('C001;Stampa 3D: dalla modellazione al prototipo;', 'C001;Stampa 3D in una settimana;').replace(/\r\nC026;[^\r\n]*/, ''));
    const counts = await countRecords(db);
    const before = await snapshot(db);

    const dry = await ingest(db, [work], { dryRun: true, prune: true });
    for (const r of dry) expect(r.status, r.source).toBe('checked');
    expect(result(dry, 'corsi.csv')).toMatchObject({ read: 37, created: 0, updated: 1, unchanged: 36, rejected: 0, pruned: 1 });
    expect(await countRecords(db)).toEqual(counts);
    expect(await snapshot(db)).toEqual(before);

    const real = await ingest(db, [work], { prune: true });
    expect(figures(real)).toEqual(figures(dry));
    expect(real.every((r) => r.status === 'loaded')).toBe(true);
    expect(await snapshot(db)).not.toEqual(before);
  });

  it('a dry run into an empty store gives the figures of a real run, parents and children together, and leaves it empty', async () => {
    const dryStore = await storeFrom(empty);
    const dry = await ingest(dryStore, [ISTAT, work], { dryRun: true });
    expect(Object.values(await countRecords(dryStore)).every((n) => n === 0)).toBe(true);
    expect(await dryStore.query('SELECT 1 FROM search_index LIMIT 1')).toEqual([]);
    for (const r of dry) expect(r.status, r.source).toBe('checked');

    const realStore = await storeFrom(empty);
    const real = await ingest(realStore, [ISTAT, work]);
    for (const r of real) expect(r, r.source).toMatchObject({ status: 'loaded', rejected: 0 });
    expect(result(real, 'corsi.csv')).toMatchObject({ created: 38 });
    // The sites need the comuni, the courses the sites, the slots the courses: all in this one run.
    expect(figures(dry)).toEqual(figures(real));
  });

  it('--strict refuses a source with one bad row; without it the row is rejected and the rest loads', async () => {
    const text = original('corsi.csv');
    edit('corsi.csv', (t) => t.replace('C001;Stampa 3D: dalla modellazione al prototipo;', 'C001;Stampa 3D per tutti;').replace('In presenza;30;02/02/2027;23/03/2027', 'In presenza;30;31/02/2027;23/03/2027'));
    const badRow = expect.objectContaining({ file: 'lto/corsi.csv', line: lineOf(text, 'C005'), column: 'Data inizio', message: expect.stringMatching(/"31\/02\/2027" is not a date/) });

    // A clean source in the same run: --strict judges each source on its own.
    edit('iniziative.csv', (t) => t.replace('I06;Alumni Maker;', 'I06;Alumni Maker 2027;'));
    const db = await storeFrom(loaded);
    const before = await snapshot(db);
    const strict = await ingest(db, [workFile('corsi.csv'), workFile('iniziative.csv')], { strict: true });
    expect(strict).toHaveLength(2);
    const corsi = result(strict, 'corsi.csv');
    expect(corsi).toMatchObject({ status: 'failed', rejected: 1, created: 0, updated: 0 });
    expect(corsi.error).toMatch(/--strict: 1 row\(s\) rejected, so nothing of this source was written/);
    expect(corsi.problems).toEqual([badRow]);
    expect(result(strict, 'iniziative.csv')).toMatchObject({ status: 'loaded', updated: 1, unchanged: 7, rejected: 0 });
    expect(diff(before, await snapshot(db))).toEqual({ added: [], removed: [], changed: ['index:initiative:I06', 'initiative:I06'] });
    const afterStrict = await snapshot(db);

    const lenient = await ingest(db, [workFile('corsi.csv')]);
    expect(lenient[0]).toMatchObject({ status: 'loaded', read: 38, rejected: 1, created: 0, updated: 1, unchanged: 36 });
    expect(lenient[0]!.problems).toEqual([badRow]);
    expect(diff(afterStrict, await snapshot(db)).changed).toEqual(['course:C001', 'index:course:C001']);
    // The rejected row leaves the course as it was, it is not removed.
    const [c005] = await db.query<{ start_date: string }>("SELECT start_date FROM courses WHERE id = 'C005'");
    expect(c005!.start_date).toBe('2027-02-02');
  });

  it('rejects a course at an unknown site and a slot of an unknown course, saying where, and loads the others', async () => {
    const corsi = original('corsi.csv');
    const calendario = original('calendario.csv');
    edit('corsi.csv', (t) => t.replace('C003;Coding con Python per principianti;FRANCESCO GONZAGA;S07;', 'C003;Coding con Python per principianti;FRANCESCO GONZAGA;S99;'));
    edit('calendario.csv', (t) => t.replace('P010;Iscrizione corso;C010;S05;', 'P010;Iscrizione corso;C404;S05;'));
    const db = await storeFrom(sitesOnly);

    const results = await ingest(db, [work]);
    for (const r of results) expect(r.status, r.source).toBe('loaded');
    const courses = result(results, 'corsi.csv');
    expect(courses).toMatchObject({ read: 38, created: 37, rejected: 1 });
    expect(courses.problems).toEqual([
      { file: 'lto/corsi.csv', line: lineOf(corsi, 'C003'), column: 'Codice sede', message: expect.stringMatching(/^C003: site S99 is not known/) },
    ]);
    const slots = result(results, 'calendario.csv');
    // P003 is the enrolment slot of C003, rejected above: it is rejected in turn.
    expect(slots).toMatchObject({ read: 114, created: 112, rejected: 2 });
    expect(slots.problems).toEqual(
      expect.arrayContaining([
        { file: 'lto/calendario.csv', line: lineOf(calendario, 'P010'), column: 'Riferimento', message: expect.stringMatching(/^P010: refers to C404, which is not a known course/) },
        { file: 'lto/calendario.csv', line: lineOf(calendario, 'P003'), column: 'Riferimento', message: expect.stringMatching(/^P003: refers to C003/) },
      ]),
    );
    expect(slots.problems).toHaveLength(2);
    expect(await db.query("SELECT id FROM courses WHERE id = 'C003' UNION ALL SELECT id FROM slots WHERE id IN ('P003', 'P010')")).toEqual([]);
    expect(await countRecords(db)).toMatchObject({ course: 37, slot: 112, service: 13, initiative: 8, site: 21 });
  });

  // -------------------------------------------------------------- bad input next to a good file

  describe('bad input next to a good file', () => {
    let dir: string;
    let good: string;
    let db: PgliteDatabase;
    let before: string[];

    const GOOD = '# Novità della rete\n\n## Laboratorio di ceramica\n\nIl nuovo laboratorio di ceramica digitale di Sabbioneta apre il giovedì pomeriggio.\n';

    /**
     * Runs the bad files with the good one: the good one loads, and the store changes by its chunks
     * only (plus, where a bad file still loads some rows, the records named in `changes`).
     */
    const run = async (bad: string[], changes: string[] = []) => {
      const results = await ingest(db, [...bad, good]);
      const g = result(results, 'good.md');
      expect(g).toMatchObject({ status: 'loaded', created: 1, problems: [] });
      const change = diff(before, await snapshot(db));
      expect(change.removed).toEqual([]);
      expect(change.changed).toEqual(changes);
      expect(change.added.every((k) => k.startsWith('doc:') || k.startsWith('index:doc:'))).toBe(true);
      expect(change.added).toHaveLength(2);
      return results;
    };

    beforeAll(() => {
      dir = join(root, 'bad');
      mkdirSync(dir, { recursive: true });
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    });
    // Each test opens its own store from the loaded dump; the outer afterEach closes it.
    beforeEach(async () => {
      good = join(dir, 'good.md');
      writeFileSync(good, GOOD);
      db = await storeFrom(loaded);
      before = await snapshot(db);
    });

    it('a missing path', async () => {
      const missing = join(dir, 'non-esiste', 'corsi.csv');
      const results = await run([missing]);
      expect(result(results, missing)).toMatchObject({ status: 'failed', type: 'unknown', error: 'no such file or directory', created: 0 });
    });

    it('a binary file renamed .csv', async () => {
      const bin = join(dir, 'corsi.csv');
      // The start of an .xlsx (a zip archive), as when someone renames the workbook.
      writeFileSync(bin, Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'), Buffer.alloc(2048, 0x00), Buffer.from('[Content_Types].xml')]));
      const results = await run([bin]);
      const r = result(results, 'bad/corsi.csv');
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/binary file, not a CSV.*export it as CSV/);
    });

    it('an LTO export saved with "," as separator, quoted properly, reads the same records', async () => {
      const file = join(dir, 'corsi.csv');
      writeFileSync(file, BOM + toCsv(cellsOf(original('corsi.csv')), ','));
      const results = await run([file]);
      expect(result(results, 'bad/corsi.csv')).toMatchObject({ status: 'loaded', type: 'csv:lto-corsi', read: 38, created: 0, updated: 0, unchanged: 38, rejected: 0, problems: [] });
    });

    it('an LTO export whose ";" were blindly replaced by ",": each broken row is reported with its line, the others load', async () => {
      const file = join(dir, 'corsi.csv');
      const text = original('corsi.csv').replaceAll(';', ',');
      writeFileSync(file, text);
      const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
      const broken = records.filter((r) => r.length !== 19);
      expect(broken.length).toBeGreaterThan(0);
      // A row that still has 19 cells loads as the file now reads: C002's "Destinatari" had a ";"
      // inside quotes, which became ",": its text changed, so the course is updated, and so is its
      // search row, which holds who the course is for in those words.
      const results = await run([file], ['course:C002', 'index:course:C002']);
      const r = result(results, 'bad/corsi.csv');
      expect(r).toMatchObject({ status: 'loaded', type: 'csv:lto-corsi', read: 38, created: 0, updated: 1, rejected: broken.length });
      expect(r.unchanged).toBe(38 - broken.length - 1);
      expect(r.problems).toHaveLength(broken.length);
      for (const p of r.problems) {
        expect(p.file).toBe('bad/corsi.csv');
        expect(p.line).toBeGreaterThan(1);
        expect(p.message).toMatch(/^the row has \d+ cells but the header has 19; check for a "," inside an unquoted cell or a missing one$/);
      }
    });

    it('a Latin-1 copy of the LTO sites and services loads the very same records', async () => {
      const sedi = join(dir, 'sedi.csv');
      const servizi = join(dir, 'servizi.csv');
      writeFileSync(sedi, Buffer.from(original('sedi.csv').replace(/^\uFEFF/, ''), 'latin1'));
      writeFileSync(servizi, Buffer.from(original('servizi.csv').replace(/^\uFEFF/, ''), 'latin1'));
      // Really Latin-1: "Accessibilità" is one byte 0xE0, which is not valid UTF-8 here.
      expect(readFileSync(sedi).includes(Buffer.from('Accessibilit\u00e0', 'latin1'))).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(sedi))).toThrow();
      const results = await run([sedi, servizi]);
      expect(result(results, 'bad/sedi.csv')).toMatchObject({ status: 'loaded', type: 'csv:lto-sedi', read: 21, created: 0, updated: 0, unchanged: 21, problems: [] });
      expect(result(results, 'bad/servizi.csv')).toMatchObject({ status: 'loaded', type: 'csv:lto-servizi', read: 13, created: 0, updated: 0, unchanged: 13, problems: [] });
    });

    it('a truncated PDF (the first 40% of the brochure)', async () => {
      const pdf = readFileSync(join(LTO, 'guida-servizi-lavoro.pdf'));
      const file = join(dir, 'guida-servizi-lavoro.pdf');
      writeFileSync(file, pdf.subarray(0, Math.floor(pdf.length * 0.4)));
      const results = await run([file]);
      const r = result(results, 'bad/guida-servizi-lavoro.pdf');
      expect(r).toMatchObject({ status: 'failed', type: 'pdf', created: 0 });
      expect(r.error).toMatch(/nothing could be read from this source/);
      expect(r.problems).toEqual([{ file: 'bad/guida-servizi-lavoro.pdf', message: expect.stringMatching(/^not a readable PDF/) }]);
    });

    it('a 50 MB .csv and a 50 MB .md are refused before they are read', async () => {
      // Just over the documented limit for documents (50 MB); CSVs are refused from 20 MB.
      const size = 50 * 1024 * 1024 + 1024;
      const csv = join(dir, 'corsi-enorme.csv');
      const lines = original('corsi.csv').split('\r\n');
      const row = Buffer.from(`${lines.find((l) => l.startsWith('C002;'))!}\r\n`);
      writeFileSync(csv, Buffer.concat([Buffer.from(`${lines[0]}\r\n`), Buffer.alloc(size, row)]));
      const md = join(dir, 'enorme.md');
      writeFileSync(md, Buffer.concat([Buffer.from('# Enorme\n\n'), Buffer.alloc(size, 'Una riga di testo ripetuta per fare volume.\n')]));
      try {
        const results = await run([csv, md]);
        const c = result(results, 'bad/corsi-enorme.csv');
        expect(c.status).toBe('failed');
        expect(c.error).toMatch(/the file is 50\.\d MB; CSV files over 20 MB are refused \(split it\)/);
        const m = result(results, 'bad/enorme.md');
        expect(m).toMatchObject({ status: 'failed', type: 'markdown', created: 0 });
        expect(m.problems).toEqual([{ file: 'bad/enorme.md', message: expect.stringMatching(/^file too large to read \(50\.\d MB, the limit is 50 MB\)$/) }]);
      } finally {
        rmSync(csv, { force: true });
        rmSync(md, { force: true });
      }
    });

    it('a code repeated in one file keeps the first row and reports the other', async () => {
      const text = original('corsi.csv');
      const c002 = text.split('\r\n').find((l) => l.startsWith('C002;'))!;
      const file = join(dir, 'corsi.csv');
      writeFileSync(file, `${text}${c002.replace('C002;Robotica collaborativa e PLC;', 'C001;Un altro corso con lo stesso codice;')}\r\n`);
      const results = await run([file]);
      const r = result(results, 'bad/corsi.csv');
      expect(r).toMatchObject({ status: 'loaded', read: 39, created: 0, updated: 0, unchanged: 38, rejected: 1 });
      expect(r.problems).toEqual([
        { file: 'bad/corsi.csv', line: text.split(/\r?\n/).length, column: 'Codice corso', message: 'duplicate code C001: already on line 2; this row is skipped' },
      ]);
      const [c001] = await db.query<{ title: string }>("SELECT title FROM courses WHERE id = 'C001'");
      expect(c001!.title).toBe('Stampa 3D: dalla modellazione al prototipo');
    });

    it('an extra column is reported once and the rows load', async () => {
      const [header, ...rows] = cellsOf(original('corsi.csv'));
      const file = join(dir, 'corsi.csv');
      writeFileSync(file, BOM + toCsv([[...header!, 'Note interne'], ...rows.map((r, i) => [...r, `nota ${i}`])], ';'));
      const results = await run([file]);
      const r = result(results, 'bad/corsi.csv');
      expect(r).toMatchObject({ status: 'loaded', type: 'csv:lto-corsi', read: 38, created: 0, updated: 0, unchanged: 38, rejected: 0 });
      expect(r.problems).toEqual([{ file: 'bad/corsi.csv', line: 1, column: 'Note interne', message: expect.stringMatching(/^unknown column, its values are ignored/) }]);
    });

    it('a CSV nobody mapped: "header not recognised"', async () => {
      const file = join(dir, 'rubrica.csv');
      writeFileSync(file, 'Nome;Cognome;Telefono\r\nMario;Rossi;0376 123456\r\nAnna;Verdi;0376 654321\r\n');
      const results = await run([file]);
      const r = result(results, 'bad/rubrica.csv');
      expect(r).toMatchObject({ status: 'failed', type: 'csv:unknown', created: 0 });
      expect(r.error).toMatch(/nothing could be read from this source/);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ file: 'bad/rubrica.csv', line: 1 });
      expect(r.problems[0]!.message).toMatch(/^header not recognised: expected the columns of one of .*the LTO courses export \(corsi\.csv\).*; unknown columns: Nome, Cognome$/);
    });
  });
});

describe('ingest of the project’s own orienta/v1 files', () => {
  it('loads the sample directory whole, whatever the files are called: sites before courses, courses before slots', async () => {
    const { db } = await emptyStore();
    try {
      const results = await ingestPaths(db, [join(ROOT, 'data', 'sample')]);
      expect(results.filter((r) => r.rejected > 0).map((r) => `${r.source}: ${r.rejected} rejected`)).toEqual([]);
      const order = results.map((r) => r.source.split('/').at(-1));
      expect(order.indexOf('sites.yaml')).toBeLessThan(order.indexOf('courses.yaml'));
      expect(order.indexOf('courses.yaml')).toBeLessThan(order.indexOf('slots.yaml'));
      const counts = await countRecords(db);
      expect(counts.course).toBe(46);
    } finally {
      await db.close();
    }
  });
});

describe('a large load', () => {
  const work = mkdtempSync(join(tmpdir(), 'orienta-large-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A corsi.csv of `rows` courses built from the real export's single-line rows, codes L0000…, from `from` on. */
  function generatedCorsi(name: string, from: number, rows: number): string {
    const [header, ...lines] = original('corsi.csv').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const simple = lines.filter((l) => /^C\d{3};/.test(l) && !l.includes('"'));
    const out = [header!];
    for (let i = from; i < from + rows; i++) out.push(simple[i % simple.length]!.replace(/^C\d{3};/, `L${String(i).padStart(4, '0')};`));
    const path = join(work, name);
    writeFileSync(path, `${BOM}${out.join('\r\n')}\r\n`);
    return path;
  }

  /** Every search row as stored, tsvector and terms included, with the search_index indexes. */
  async function searchRows(db: Database) {
    const rows = await db.query<{ r: string }>(
      "SELECT concat_ws('|', kind, id, content_hash, tsv::text, array_to_string(name_terms, ','), array_to_string(comune_codes, ',')) AS r FROM search_index ORDER BY kind, id",
    );
    const indexes = await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_index' ORDER BY 1");
    const terms = await db.query<{ t: string }>("SELECT string_agg(term || ':' || df, ',' ORDER BY term) AS t FROM search_terms");
    return { rows: rows.map((x) => x.r), indexes: indexes.map((i) => i.name), terms: terms[0]!.t };
  }

  it('derives the same search rows whether 2,600 new courses come at once (indexes rebuilt) or in two halves', async () => {
    const context = [join(ISTAT, 'comuni_mantova_coordinate.json'), join(LTO, 'sedi.csv')];
    const whole = await emptyStore();
    const halves = await emptyStore();
    try {
      await ingestPaths(whole.db, context);
      await ingestPaths(halves.db, context);
      const all = await ingestPaths(whole.db, [generatedCorsi('all.csv', 0, 2600)]);
      expect(figures(all)[0]).toMatchObject({ read: 2600, created: 2600, rejected: 0 });
      for (const [name, from] of [['first.csv', 0], ['second.csv', 1300]] as const) {
        const half = await ingestPaths(halves.db, [generatedCorsi(name, from, 1300)]);
        expect(figures(half)[0]).toMatchObject({ read: 1300, created: 1300, rejected: 0 });
      }
      const a = await searchRows(whole.db);
      const b = await searchRows(halves.db);
      expect(a.rows.filter((r) => r.startsWith('course|L'))).toHaveLength(2600);
      expect(a.indexes).toEqual(expect.arrayContaining(['search_index_tsv_idx', 'search_index_name_terms_idx', 'search_index_comuni_idx']));
      expect(a).toEqual(b);

      // The same file again changes nothing; search finds a generated course by its code.
      const again = await ingestPaths(whole.db, [join(work, 'all.csv')]);
      expect(figures(again)[0]).toMatchObject({ created: 0, updated: 0, unchanged: 2600 });
      expect(await searchRows(whole.db)).toEqual(a);
      const retriever = new PgRetriever({ db: whole.db, vector: whole.vector, embedder: new HashedNgramEmbedder(), clock: fixedClock(NOW) });
      await embedPending(whole.db, whole.vector, new HashedNgramEmbedder());
      const { hits } = await retriever.search({ text: 'L2599', limit: 3 });
      expect(hits[0]?.id).toBe('L2599');
    } finally {
      await whole.db.close();
      await halves.db.close();
    }
  }, 120_000);
});

describe('a writer racing the ingest', () => {
  it('fails the source cleanly when another writer stores the same new codes meanwhile', async () => {
    const { db } = await emptyStore();
    try {
      await ingestPaths(db, [join(ISTAT, 'comuni_mantova_coordinate.json'), join(LTO, 'sedi.csv')]);
      const before = await snapshot(db);
      // Right after the ingest has asked which courses exist, "someone else" stores C001.
      const racing = afterEachStatement(db, async (text, tx) => {
        if (!text.includes('content_hash AS h FROM courses')) return;
        await tx.query(
          `INSERT INTO courses (id, title, provider, site_id, topic, level, audience, mode, start_date, end_date, data, source, content_hash)
           VALUES ('C001', 'x', 'x', 'S01', 'x', 'beginner', '{}', 'presence', '2027-01-01', '2027-01-02', '{}', 'elsewhere', 'h')`,
        );
      });
      const [courses] = await ingestPaths(racing, [join(LTO, 'corsi.csv')]);
      expect(courses).toMatchObject({ status: 'failed' });
      expect(courses!.error).toMatch(/another writer stored the same records .*C001.*Run the command again/);
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});

describe('a new record clashing with a stored one on another unique field', () => {
  it('names the clash, not a racing writer, and leaves the store as it was', async () => {
    const { db } = await emptyStore();
    const dir = mkdtempSync(join(tmpdir(), 'orienta-clash-'));
    try {
      await ingestPaths(db, [join(ISTAT, 'comuni_mantova_coordinate.json')]);
      const before = await snapshot(db);
      // A refreshed list where Acquanegra sul Chiese got a new ISTAT code but kept its cadastral code.
      const list = JSON.parse(readFileSync(join(ISTAT, 'comuni_mantova_coordinate.json'), 'utf8')) as { comuni: Record<string, unknown>[] };
      list.comuni.push({ ...list.comuni[0]!, codice_istat: '020999', codice_istat_numerico: 20999 });
      const path = join(dir, 'comuni_mantova_coordinate.json');
      writeFileSync(path, JSON.stringify(list));
      const [r] = await ingestPaths(db, [path]);
      expect(r).toMatchObject({ status: 'failed' });
      expect(r!.error).toMatch(/^conflicts with a stored record: .*A038.*Correct the file or the stored record/);
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
