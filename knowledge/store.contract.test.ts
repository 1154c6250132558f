import { toSql } from 'pgvector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isOrientaError } from '../domain/errors.js';
import { upsertRecords, countRecords } from './catalogue/catalogue-writer.js';
import { PgCatalogueReader } from './catalogue/pg-catalogue-reader.js';
import { contentHash } from './catalogue/content-hash.js';
import { currentVersion, loadMigrations, migrate } from './db/migrate.js';
import { enableVector } from './db/vector.js';
import { encodeVectorArray, vectorTypeOid } from './db/vector-binary.js';
import { applyInTransaction } from '../ingest/apply.js';
import { readSample } from '../ingest/sample.js';
import { inCi, storeVariants, type VariantStore } from '../test/support/stores.js';
import { prepareSampleStore, sampleRetriever } from '../test/support/sample-store.js';
import type { PgRetriever } from './search/pg-retriever.js';
import type { VectorCapability } from './db/vector.js';
import { embedPending } from './search/embed-pending.js';
import { HashedNgramEmbedder } from './embedders/hashed-ngram-embedder.js';

// One contract, every way Orienta reaches PostgreSQL.
for (const variant of storeVariants()) {
  const skip = variant.unavailable !== undefined && !inCi;
  if (skip) console.warn(`skipping store contract on "${variant.name}": ${variant.unavailable}`);

  describe.skipIf(skip)(`store contract: ${variant.name}`, () => {
    let store: VariantStore;
    let vector: VectorCapability;
    let retriever: PgRetriever;

    beforeAll(async () => {
      if (variant.unavailable) throw new Error(`CI needs this store: ${variant.unavailable}`);
      store = await variant.open();
      ({ vector } = await prepareSampleStore(store.db));
      retriever = await sampleRetriever(store.db, vector);
    });
    afterAll(async () => {
      await store?.cleanup();
    });

    it('migrates to the latest version, and a second run changes nothing', async () => {
      const latest = loadMigrations().at(-1)!.version;
      expect(await currentVersion(store.db)).toBe(latest);
      const again = await migrate(store.db);
      expect(again.applied).toEqual([]);
    });

    it('refuses a store written by a newer schema, and leaves it untouched', async () => {
      await store.db.query("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future')");
      const before = await countRecords(store.db);
      const error = await migrate(store.db).catch((e: unknown) => e);
      expect(isOrientaError(error, 'SCHEMA_TOO_NEW')).toBe(true);
      expect((error as Error).message).toMatch(/newer Orienta.*9999.*Nothing was changed/s);
      expect(await countRecords(store.db)).toEqual(before);
      await store.db.query('DELETE FROM schema_migrations WHERE version = 9999');
    });

    it('reports vector search as the server allows it', async () => {
      const hasExtension = (await store.db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).length > 0;
      expect(vector).toBe(hasExtension ? 'available' : 'unavailable');
      expect(await enableVector(store.db)).toBe(vector);
      const embedded = await store.db.query<{ n: number }>(
        vector === 'available' ? 'SELECT count(*)::int AS n FROM search_vectors' : 'SELECT 0 AS n',
      );
      if (vector === 'available') expect(embedded[0]!.n).toBeGreaterThan(100);
    });

    it('runs the statements a transaction posts without waiting for each, in the order posted, with no driver warning', async () => {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
      process.on('warning', onWarning);
      try {
        const order = await store.db.transaction(async (tx) => {
          await tx.exec('CREATE TEMP TABLE posted (n int, at serial) ON COMMIT DROP');
          const answers = await Promise.all([3, 1, 2, 5, 4].map((n) => tx.query<{ n: number }>('INSERT INTO posted (n) VALUES ($1) RETURNING n', [n])));
          expect(answers.map((r) => r[0]!.n)).toEqual([3, 1, 2, 5, 4]);
          return (await tx.query<{ n: number }>('SELECT n FROM posted ORDER BY at')).map((r) => r.n);
        });
        expect(order).toEqual([3, 1, 2, 5, 4]);
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    });

    it('stores vectors sent in binary exactly as their text form would be', async () => {
      if (vector !== 'available') return;
      const vectors = Array.from({ length: 40 }, (_, i) => new HashedNgramEmbedder(32).embedOne(`corso ${i} di saldatura a Mantova, città ${i * 7}`));
      vectors.push([0.1, -0.2, 1e-6, -0.999999, 0.333333, 0, 0.5, 0.000001]);
      // The same vector object again (editions sharing a text): its bytes are copied, not re-encoded.
      vectors.push(vectors[3]!, vectors[40]!, vectors[3]!);
      const oid = await vectorTypeOid(store.db);
      const rows = await store.db.query<{ same: boolean; dims: number }>(
        'SELECT b = t::vector AS same, vector_dims(b) AS dims FROM unnest($1::vector[], $2::text[]) AS x(b, t)',
        [encodeVectorArray(vectors, oid), vectors.map((v) => toSql(v) as string)],
      );
      expect(rows.map((r) => r.dims)).toEqual(vectors.map((v) => v.length));
      expect(rows.every((r) => r.same)).toBe(true);
    });

    it('holds the sample catalogue, keyed by the partner codes', async () => {
      const counts = await countRecords(store.db);
      expect(counts.course).toBeGreaterThanOrEqual(40);
      expect(counts.site).toBeGreaterThanOrEqual(15);
      expect(counts.service).toBeGreaterThanOrEqual(10);
      expect(counts.initiative).toBeGreaterThanOrEqual(6);
      const [row] = await store.db.query<{ id: string; site_id: string; start_date: string; cost: number }>(
        "SELECT id, site_id, start_date, cost FROM courses WHERE id = 'C014'",
      );
      expect(row).toMatchObject({ id: 'C014', site_id: expect.stringMatching(/^S\d+/), start_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(typeof row!.cost).toBe('number');
    });

    it('keeps each record whole as data, with the content hash of that record and where it came from', async () => {
      const sample = readSample();
      const stored = new Map(
        (await store.db.query<{ id: string; data: unknown; source: string; content_hash: string }>('SELECT id, data, source, content_hash FROM courses')).map((r) => [r.id, r]),
      );
      for (const course of sample.courses!) {
        const row = stored.get(course.id);
        expect(row?.data).toEqual(JSON.parse(JSON.stringify(course)));
        expect(row).toMatchObject({ source: 'sample', content_hash: contentHash(course) });
      }
    });

    it('lists every record of the kinds asked, by kind and id, a school with the name of its comune', async () => {
      const school = { id: 'MNTEST0001', name: 'SCUOLA DI PROVA', type: 'SCUOLA PRIMARIA', cadastralCode: 'E897', address: 'VIA DI PROVA 1', state: true };
      await applyInTransaction(store.db, { schools: [school] }, 'list-test');
      try {
        const reader = new PgCatalogueReader(store.db);
        const all = await reader.listRecords();
        const counts = await countRecords(store.db);
        const ofKind = (k: string) => all.filter((r) => r.kind === k);
        for (const k of ['course', 'site', 'service', 'initiative', 'school'] as const) expect(ofKind(k).length, k).toBe(counts[k]);
        expect(all.some((r) => (r.kind as string) === 'doc')).toBe(false);
        const ids = ofKind('course').map((r) => r.record.id);
        expect(ids).toEqual([...ids].sort());
        expect(ofKind('course').find((r) => r.record.id === 'C014')?.record).toEqual(readSample().courses!.find((c) => c.id === 'C014'));
        expect(ofKind('school')[0]!.record).toMatchObject({ ...school, comuneName: 'Mantova' });
        const some = await reader.listRecords(['school', 'doc']);
        expect(new Set(some.map((r) => r.kind))).toEqual(new Set(['school', 'doc']));
        expect(some.filter((r) => r.kind === 'doc').length).toBe(counts.doc);
      } finally {
        await store.db.query("DELETE FROM schools WHERE id = 'MNTEST0001'");
        await applyInTransaction(store.db, {}, 'list-test');
      }
    });

    it('re-applying the same records writes nothing', async () => {
      const again = await applyInTransaction(store.db, readSample(), 'sample');
      for (const result of Object.values(again.written)) {
        expect(result.created).toEqual([]);
        expect(result.updated).toEqual([]);
      }
      expect(again.index.written).toBe(0);
      expect(again.index.removed).toBe(0);
    });

    it('rolls back a failed transaction completely', async () => {
      const before = await countRecords(store.db);
      const sample = readSample();
      const error = await store.db
        .transaction(async (tx) => {
          await upsertRecords(tx, 'course', [{ ...sample.courses![0]!, id: 'ZZ999' }], 'test');
          throw new Error('boom');
        })
        .catch((e: Error) => e);
      expect((error as Error).message).toBe('boom');
      expect(await countRecords(store.db)).toEqual(before);
      expect(await store.db.query("SELECT 1 FROM courses WHERE id = 'ZZ999'")).toEqual([]);
    });

    it('makes overbooking impossible in the database itself', async () => {
      const [slot] = await store.db.query<{ id: string; capacity: number }>('SELECT id, capacity FROM slots ORDER BY id LIMIT 1');
      const error = await store.db.query('UPDATE slots SET taken = capacity + 1 WHERE id = $1', [slot!.id]).catch((e: Error) => e);
      expect(String((error as Error).message)).toMatch(/slots_taken_within_capacity/);
    });

    it('updates only what changed, and refreshes dependent search rows', async () => {
      const sample = readSample();
      const site = sample.sites!.find((s) => s.id === 'S03')!;
      const moved = { ...site, description: `${site.description ?? ''} Nuovo ingresso accessibile dal cortile delle magnolie.` };
      const result = await applyInTransaction(store.db, { sites: [moved] }, 'test');
      expect(result.written.site).toEqual({ created: [], updated: ['S03'], unchanged: [] });
      expect(result.index.written).toBe(1);
      // As after every ingest: the changed row's vector was dropped and is computed again.
      expect((await embedPending(store.db, vector, new HashedNgramEmbedder())).embedded).toBe(vector === 'available' ? 1 : 0);
      const { hits } = await retriever.search({ text: 'cortile delle magnolie', limit: 3 });
      expect(hits[0]?.id).toBe('S03');
      await applyInTransaction(store.db, { sites: [site] }, 'test');
    });

    it('finds records by words, typos, codes and place', async () => {
      const top = async (text: string) => (await retriever.search({ text, limit: 3 })).hits.map((h) => h.id);
      expect(await top('corsi di stampa 3d a viadana')).toContain('C008');
      expect(await top('carello elevatore')).toContain('C014');
      expect((await top('C019'))[0]).toBe('C019');
      expect(await top("centro per l'impiego di suzzara")).toContain('S14');
    });

    it('applies filters read from the text and says why', async () => {
      const free = await retriever.search({ text: 'corsi gratis online', limit: 20 });
      expect(free.query.filters).toMatchObject({ freeOnly: true, online: true });
      expect(free.hits.length).toBeGreaterThan(0);
      const ids = free.hits.map((h) => h.id);
      const rows = await store.db.query<{ id: string; cost: number; mode: string }>('SELECT id, cost, mode FROM courses WHERE id = ANY($1)', [ids]);
      expect(rows.length).toBe(ids.length);
      for (const r of rows) {
        expect(r.cost).toBe(0);
        expect(r.mode).not.toBe('presence');
      }
      expect(free.hits[0]!.why).toContain('free');

      const near = await retriever.search({ text: 'corsi vicino a Suzzara', limit: 10 });
      expect(near.query.filters.near?.name).toBe('Suzzara');
      expect(near.hits.length).toBeGreaterThan(0);
      for (const h of near.hits) {
        const km = Number(h.why.find((w) => w.endsWith('km from Suzzara'))?.split(' ')[0]);
        expect(km).toBeLessThanOrEqual(20);
      }

      const january = await retriever.search({ text: 'corsi che iniziano a gennaio', limit: 20, filters: { kinds: ['course'] } });
      expect(january.hits.length).toBeGreaterThan(0);
      const starts = await store.db.query<{ start_date: string }>('SELECT start_date FROM courses WHERE id = ANY($1)', [january.hits.map((h) => h.id)]);
      for (const s of starts) expect(s.start_date.slice(0, 7)).toBe('2027-01');

      const foreigners = await retriever.search({ text: 'corsi per stranieri', limit: 10, filters: { kinds: ['course'] } });
      const audiences = await store.db.query<{ audience: string[] }>('SELECT audience FROM courses WHERE id = ANY($1)', [foreigners.hits.map((h) => h.id)]);
      expect(audiences.length).toBeGreaterThan(0);
      for (const a of audiences) expect(a.audience).toContain('foreigners');

      const open = await retriever.search({ text: 'corsi con iscrizioni aperte', limit: 50, filters: { kinds: ['course'] } });
      const ended = await store.db.query<{ id: string }>("SELECT id FROM courses WHERE end_date < '2026-11-25' OR start_date < '2026-11-25'");
      expect(ended.length).toBeGreaterThan(0);
      for (const e of ended) expect(open.hits.map((h) => h.id)).not.toContain(e.id);
    });

    it('loads thousands of records at once and keeps its indexes', async () => {
      const sample = readSample();
      const many = Array.from({ length: 2500 }, (_, i) => ({ ...sample.courses![0]!, id: `BULK${i}`, title: `Corso di liuteria cremonese ${i}`, after: [] }));
      const result = await applyInTransaction(store.db, { courses: many }, 'bulk-test');
      expect(result.index.written).toBe(2500);
      const indexes = (await store.db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_index'")).map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['search_index_tsv_idx', 'search_index_name_terms_idx', 'search_index_comuni_idx']));
      const { hits } = await retriever.search({ text: 'liuteria cremonese 1234', limit: 5 });
      expect(hits.map((h) => h.id)).toContain('BULK1234');
      await store.db.query("DELETE FROM courses WHERE id LIKE 'BULK%'");
      await applyInTransaction(store.db, {}, 'bulk-test');
    });

    it('keeps each name term with the number of records holding it', async () => {
      const rows = await store.db.query<{ term: string; df: number; actual: number }>(
        `SELECT t.term, t.df, (SELECT count(*)::int FROM search_index s WHERE s.name_terms @> ARRAY[t.term]) AS actual
           FROM search_terms t ORDER BY t.df DESC, t.term LIMIT 20`,
      );
      expect(rows.length).toBe(20);
      for (const r of rows) expect(r.df, r.term).toBe(r.actual);
      expect(rows[0]!.df).toBeGreaterThan(1);
      // Exactly the terms some record holds: those of the removed BULK courses went with them.
      const [sets] = await store.db.query<{ stored: string; held: string }>(
        `SELECT (SELECT string_agg(term, ',' ORDER BY term) FROM search_terms) AS stored,
                (SELECT string_agg(DISTINCT term, ',' ORDER BY term) FROM search_index, unnest(name_terms) AS term) AS held`,
      );
      expect(sets!.stored).toBe(sets!.held);
    });

    it('treats hostile text as words, never as SQL', async () => {
      const before = await countRecords(store.db);
      for (const text of ["'; DROP TABLE courses; --", 'robotica\\ %_ $1 :: || &&', '🎓🤖📚', "o'reilly \"quoted\" (paren"]) {
        const result = await retriever.search({ text, limit: 5 });
        expect(Array.isArray(result.hits)).toBe(true);
      }
      expect(await countRecords(store.db)).toEqual(before);
    });

    it('refuses a batch holding one code twice, naming it, and writes nothing of it', async () => {
      const course = readSample().courses![0]!;
      const before = await countRecords(store.db);
      await expect(store.db.transaction((tx) => upsertRecords(tx, 'course', [{ ...course, id: 'DUP1' }, { ...course, id: 'DUP2' }, { ...course, id: 'DUP1' }], 'test'))).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('code DUP1 comes twice'),
      });
      expect(await countRecords(store.db)).toEqual(before);
    });

    it('keeps concurrent transactions apart', async () => {
      // Two writers interleaving: each sees only its own uncommitted row; both commit.
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
      let firstWrote!: () => void;
      const firstHasWritten = new Promise<void>((r) => (firstWrote = r));
      const sample = readSample();
      const a = store.db.transaction(async (tx) => {
        await upsertRecords(tx, 'course', [{ ...sample.courses![0]!, id: 'TXA1' }], 'test');
        firstWrote();
        await firstMayCommit;
        return (await tx.query("SELECT id FROM courses WHERE id IN ('TXA1', 'TXB1') ORDER BY id")).length;
      });
      const b = (async () => {
        await firstHasWritten;
        const seenB = store.db.transaction(async (tx) => {
          await upsertRecords(tx, 'course', [{ ...sample.courses![0]!, id: 'TXB1' }], 'test');
          return (await tx.query("SELECT id FROM courses WHERE id IN ('TXA1', 'TXB1') ORDER BY id")).length;
        });
        // PGlite has one session: its gate queues B until A ends. A server runs B on a session of
        // its own, where B ends first or waits for a lock of A's. A is let go once B is seen
        // waiting for it or B is done; a store that ran B's statements inside A's open transaction
        // lets B end, and is caught below.
        let done = false;
        const ended = () => (done = true);
        void seenB.then(ended, ended);
        try {
          await vi.waitFor(
            async () => {
              if (!done && (await store.waiting()) === 0) throw new Error('B neither waits for A nor ends');
            },
            { timeout: 15_000, interval: 5 },
          );
        } finally {
          releaseFirst();
        }
        return seenB;
      })();
      const [seenA, seenB] = await Promise.all([a, b]);
      expect(seenA).toBeGreaterThanOrEqual(1);
      expect(seenB).toBeGreaterThanOrEqual(1);
      // Were B's statements run inside A's open transaction (one shared PGlite session), both would see both rows.
      expect(seenA + seenB).toBeLessThanOrEqual(3);
      expect((await store.db.query("SELECT id FROM courses WHERE id IN ('TXA1', 'TXB1')")).length).toBe(2);
      await store.db.query("DELETE FROM courses WHERE id IN ('TXA1', 'TXB1')");
    });
  });
}
