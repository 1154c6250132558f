import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDatabase } from './pglite-database.js';
import { PREPARED_CAPACITY } from './pglite-prepared.js';

let db: PgliteDatabase;

beforeAll(async () => {
  db = await PgliteDatabase.open();
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], at date, price numeric, data bytea)');
});
afterAll(() => db.close());

describe('PGlite queries as prepared statements', () => {
  it('keeps one statement per text and binds each call its own values, types parsed as before', async () => {
    const before = db.prepared.size;
    for (let i = 1; i <= 5; i++) {
      await db.query('INSERT INTO t (id, name, tags, at, price) VALUES ($1, $2, $3, $4, $5)', [i, `n${i}`, [`a${i}`, 'b'], '2026-12-0' + i, i * 1.5]);
    }
    expect(db.prepared.size).toBe(before + 1);
    const rows = await db.query<{ id: number; name: string; tags: string[]; at: string; price: number }>('SELECT id, name, tags, at, price FROM t WHERE id = ANY($1::int[]) ORDER BY id', [[2, 4]]);
    expect(rows).toEqual([
      { id: 2, name: 'n2', tags: ['a2', 'b'], at: '2026-12-02', price: 3 },
      { id: 4, name: 'n4', tags: ['a4', 'b'], at: '2026-12-04', price: 6 },
    ]);
    expect(await db.query('SELECT name FROM t WHERE id = ANY($1::int[]) ORDER BY id', [[5]])).toEqual([{ name: 'n5' }]);
    expect(await db.query('SELECT name FROM t WHERE name = $1', [null])).toEqual([]);
  });

  it('sends bytes in binary and gives them back', async () => {
    await db.query('UPDATE t SET data = $1 WHERE id = 1', [new Uint8Array([0, 1, 255])]);
    const [row] = await db.query<{ data: Uint8Array }>('SELECT data FROM t WHERE id = 1');
    expect([...row!.data]).toEqual([0, 1, 255]);
  });

  it('reports an error with its SQLSTATE and stays usable, also for the statement that failed', async () => {
    const insert = 'INSERT INTO t (id, name) VALUES ($1, $2)';
    await expect(db.query(insert, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
    await db.query(insert, [6, 'six']);
    await expect(db.query('SELEC nonsense')).rejects.toMatchObject({ code: '42601' });
    expect(await db.query('SELECT name FROM t WHERE id = $1', [6])).toEqual([{ name: 'six' }]);
  });

  it('follows a table whose columns change under a statement already prepared', async () => {
    const all = 'SELECT * FROM t WHERE id = $1';
    expect(Object.keys((await db.query<object>(all, [1]))[0]!)).not.toContain('extra');
    await db.exec("ALTER TABLE t ADD COLUMN extra text DEFAULT 'x'");
    expect((await db.query<{ extra: string }>(all, [1]))[0]!.extra).toBe('x');
  });

  it('runs inside transactions and rolls back with them', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('UPDATE t SET name = $1 WHERE id = $2', ['changed', 1]);
        expect(await tx.query('SELECT name FROM t WHERE id = $1', [1])).toEqual([{ name: 'changed' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.query('SELECT name FROM t WHERE id = $1', [1])).toEqual([{ name: 'n1' }]);
  });

  it('closes the least recently used statement past its capacity', async () => {
    for (let i = 0; i < PREPARED_CAPACITY + 20; i++) await db.query(`SELECT $1::int + ${i} AS v`, [1]);
    expect(db.prepared.size).toBe(PREPARED_CAPACITY);
    const [{ n }] = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'orienta_s%'")) as [{ n: number }];
    expect(n).toBe(PREPARED_CAPACITY);
    expect(await db.query('SELECT $1::int + 3 AS v', [1])).toEqual([{ v: 4 }]);
  });

  it('plans a statement once for any values when asked to, and per call otherwise', async () => {
    const counts = async (text: string) =>
      (await db.query<{ generic_plans: number; custom_plans: number }>('SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement = $1', [text]))[0]!;
    const generic = 'SELECT name FROM t WHERE id = $1 AND name <> $2';
    const perCall = 'SELECT name FROM t WHERE id = $1 AND name <> $3 OR $2 = 0';
    for (let i = 0; i < 8; i++) await db.query(generic, [i, 'x'], { plan: 'generic' });
    for (let i = 0; i < 8; i++) await db.query(perCall, [i, 1, 'x'], { plan: 'per-call' });
    expect(await counts(generic)).toMatchObject({ generic_plans: 8, custom_plans: 0 });
    expect((await counts(perCall)).custom_plans).toBeGreaterThanOrEqual(5);
  });
});
