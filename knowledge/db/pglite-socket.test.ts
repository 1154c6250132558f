import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocol } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SOCKET_NAME } from './connect.js';
import { PgliteDatabase } from './pglite-database.js';
import { PgliteSocketServer } from './pglite-socket.js';

const IDLE_MS = 300;
let db: PgliteDatabase;
let server: PgliteSocketServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orienta-socket-'));
  db = await PgliteDatabase.open();
  await db.exec('CREATE TABLE t (id int PRIMARY KEY)');
  server = new PgliteSocketServer(db, join(dir, SOCKET_NAME), { idleInTransactionMs: IDLE_MS });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });

/** Fails instead of waiting for ever: what these tests guard against is a wait that never ends. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A few turns of the event loop: the socket's server, in this process, has read what was written. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

/** A client speaking the wire protocol by hand, to control how its bytes arrive. */
async function rawClient(): Promise<{ socket: Socket; write(bytes: Uint8Array): Promise<void>; untilReady(): Promise<{ type: string; body: Buffer }[]> }> {
  const socket = connect(join(dir, SOCKET_NAME));
  let received = Buffer.alloc(0);
  let wake = () => {};
  socket.on('data', (d) => {
    received = Buffer.concat([received, d]);
    wake();
  });
  const write = (bytes: Uint8Array) => new Promise<void>((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve())));
  const untilReady = async () => {
    for (;;) {
      const messages: { type: string; body: Buffer }[] = [];
      for (let at = 0; at + 5 <= received.length; ) {
        const end = at + 1 + received.readInt32BE(at + 1);
        if (end > received.length) break;
        messages.push({ type: String.fromCharCode(received[at]!), body: received.subarray(at + 5, end) });
        at = end;
        if (messages.at(-1)!.type === 'Z') {
          received = received.subarray(at);
          return messages;
        }
      }
      await new Promise<void>((r) => (wake = r));
    }
  };
  await new Promise<void>((r) => socket.once('connect', () => r()));
  await write(protocol.serialize.startup({ user: 'postgres', database: 'postgres' }));
  await untilReady();
  return { socket, write, untilReady };
}

describe('the embedded store on a socket', () => {
  it("runs a client's messages in the order they came while they wait for the store", async () => {
    const raw = await rawClient();
    const text = 'x'.repeat(300_000);
    const parse = protocol.serialize.parse({ text: 'SELECT length($1::text) AS n' });
    const query = Buffer.concat([parse, protocol.serialize.bind({ values: [text] }), protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()]);
    // The Parse and part of the Bind arrive while the store is busy, the rest later: the Describe
    // and Execute must not overtake the Bind (they did: 'portal "" does not exist').
    const cut = parse.length + 1000;
    await db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await raw.write(query.subarray(0, cut));
      await settle();
      await raw.write(query.subarray(cut));
      await settle();
    });
    const messages = await within(raw.untilReady(), 20_000, 'the reply to the query');
    const errors = messages.filter((m) => m.type === 'E').map((m) => m.body.toString('utf8').replace(/\0/g, ' '));
    expect(errors).toEqual([]);
    const row = messages.find((m) => m.type === 'D')!;
    expect(row.body.subarray(6).toString()).toBe(String(text.length));
    raw.socket.destroy();
  });

  it('ends a client that keeps the store in a transaction and sends nothing, and rolls it back; the server goes on', async () => {
    const stuck = client();
    const told = new Promise<Error & { code?: string }>((resolve) => stuck.on('error', resolve));
    await stuck.connect();
    await stuck.query('BEGIN');
    await stuck.query('INSERT INTO t VALUES (1)');
    // The server's own statement waits for the store while the client holds it, but not for ever.
    expect(await within(db.query('SELECT count(*)::int AS n FROM t'), 20_000, "the server's query")).toEqual([{ n: 0 }]);
    const error = await within(told, 10_000, 'the error to the stuck client');
    expect(error.code).toBe('25P03');
    expect(error.message).toMatch(/idle-in-transaction timeout.*rolled back/);
    expect(db.pglite.isInTransaction()).toBe(false);
    // The next client finds the store as a new session would.
    const next = client();
    await next.connect();
    expect((await next.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await next.end();
    await stuck.end().catch(() => {});
  });

  it('lets a client work in a transaction as long as it keeps sending', async () => {
    const busy = client();
    await busy.connect();
    await busy.query('BEGIN');
    // From here the session's idle clock is the test's: after each statement the client keeps
    // quiet for all but 1 ms of the limit, five times over, which a clock not started again at
    // each message would not allow. The clock armed after BEGIN, a real one, is cleared for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
    try {
      for (let i = 0; i < 5; i++) {
        await busy.query('INSERT INTO t VALUES ($1)', [100 + i]);
        await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
      }
      await busy.query('COMMIT');
    } finally {
      vi.useRealTimers();
    }
    expect(await db.query('SELECT count(*)::int AS n FROM t WHERE id >= 100')).toEqual([{ n: 5 }]);
    await busy.end();
  });

  it('rolls back the transaction of a client that goes away in the middle of it', async () => {
    const gone = client();
    await gone.connect();
    await gone.query('BEGIN');
    await gone.query('INSERT INTO t VALUES (2)');
    gone.on('error', () => {});
    (gone as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect(await within(db.query('SELECT count(*)::int AS n FROM t WHERE id = 2'), 20_000, "the server's query")).toEqual([{ n: 0 }]);
  });
});
