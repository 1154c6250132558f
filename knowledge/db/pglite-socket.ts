import { createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import type { PgliteDatabase } from './pglite-database.js';

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': no transaction open

/**
 * Serves the embedded store on a Unix socket so other `orienta` commands can use it while the
 * server runs. The package's own queue lets statements of in-process callers slip into a
 * client's open transaction; this queue makes every client take the store's session gate and
 * keep it until PostgreSQL reports the session idle again (ReadyForQuery 'I').
 */
class GatedQueue {
  constructor(private readonly db: PgliteDatabase) {}

  async enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const owner = ownerOf(handlerId);
    await this.db.gate.acquire(owner);
    const tail = new Uint8Array(6);
    let bytes = 0;
    try {
      await this.db.pglite.runExclusive(() =>
        this.db.pglite.execProtocolRawStream(message, {
          onRawData: (data: Uint8Array) => {
            bytes += data.length;
            keepTail(tail, data);
            onData(data);
          },
        }),
      );
    } catch (error) {
      this.db.gate.release(owner);
      throw error;
    }
    const endsReady = bytes >= 6 && tail[0] === READY_FOR_QUERY && tail[4] === 5;
    if (endsReady && tail[5] === IDLE) this.db.gate.release(owner);
    return bytes;
  }

  clearQueueForHandler(handlerId: number): void {
    this.db.gate.forget(ownerOf(handlerId), new Error('client disconnected'));
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    const owner = ownerOf(handlerId);
    if (this.db.gate.currentOwner !== owner) return;
    try {
      if (this.db.pglite.isInTransaction()) await this.db.pglite.exec('ROLLBACK');
    } finally {
      this.db.gate.release(owner);
    }
  }
}

/** A socket client's identity at the gate; in-process callers use object tokens, so these never collide. */
const ownerOf = (handlerId: number) => `socket:${handlerId}`;

function keepTail(tail: Uint8Array, data: Uint8Array): void {
  if (data.length >= tail.length) {
    tail.set(data.subarray(data.length - tail.length));
  } else {
    tail.copyWithin(0, data.length);
    tail.set(data, tail.length - data.length);
  }
}

export class PgliteSocketServer {
  private server: Server | null = null;
  private readonly handlers = new Set<PGLiteSocketHandler>();
  private readonly queue: GatedQueue;

  /** `socketPath` is the full path, `<dir>/.s.PGSQL.5432`, so `pg` finds it with `host: <dir>`. */
  constructor(
    private readonly db: PgliteDatabase,
    readonly socketPath: string,
  ) {
    this.queue = new GatedQueue(db);
  }

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve());
    });
    this.server = server;
  }

  private accept(socket: Socket): void {
    const handler = new PGLiteSocketHandler({
      queryQueue: this.queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    this.handlers.add(handler);
    handler.addEventListener('close', () => this.handlers.delete(handler));
    handler.addEventListener('error', () => this.handlers.delete(handler));
    void handler.attach(socket);
  }

  async stop(): Promise<void> {
    for (const handler of this.handlers) await handler.detach(true).catch(() => {});
    this.handlers.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }
}
