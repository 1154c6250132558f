import type { Socket } from 'node:net';
import { protocol } from '@electric-sql/pglite';
import type { PgliteDatabase } from './pglite-database.js';
import { CANCEL_REQUEST, errorResponse, FLUSH, GSSENC_REQUEST, PROTOCOL_3, QUERY, ResponseTail, SSL_REQUEST, SYNC, TERMINATE } from './wire.js';

export interface SessionLimits {
  /**
   * How long a client may keep the store, inside a transaction or halfway through a query, without
   * sending anything. PGlite has one backend: meanwhile nobody else, the server's turns included, gets it.
   */
  idleInTransactionMs: number;
}

/** CopyDone, CopyFail, FunctionCall: like Sync and Query, the client waits for the backend after them. */
const WAITS_AFTER = new Set([SYNC, QUERY, FLUSH, 0x63, 0x66, 0x46]);
const EMPTY = Buffer.alloc(0);

/**
 * One client of the embedded store's socket. Its messages run in the order they came, each run
 * going up to a message the client then waits on (a Sync, a simple Query), as one call into the
 * backend. The session takes the store's session gate for each run and keeps it until the
 * backend reports the session idle again (ReadyForQuery 'I'): statements of others never land
 * inside its transaction, and between its transactions others take their turn.
 */
export class SocketSession {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes needed before the next message is complete: a large message is joined once, not at every chunk. */
  private need = 1;
  private started = false;
  private pumping: Promise<void> | null = null;
  /** The call into the backend under way, if any: an ending session waits for it. */
  private running: Promise<void> | null = null;
  private idle: NodeJS.Timeout | undefined;
  private ending: Promise<void> | null = null;

  constructor(
    private readonly db: PgliteDatabase,
    private readonly socket: Socket,
    private readonly limits: SessionLimits,
    private readonly onEnd: (session: SocketSession) => void,
  ) {
    socket.on('data', (data) => this.receive(data));
    socket.on('error', () => void this.end());
    socket.on('close', () => void this.end());
  }

  private receive(data: Buffer): void {
    if (this.ending) return;
    clearTimeout(this.idle);
    this.chunks.push(data);
    this.size += data.length;
    this.pump();
  }

  private pump(): void {
    if (this.pumping || this.ending || this.size < this.need) return;
    this.pumping = this.drain()
      .catch(() => this.end())
      .finally(() => {
        this.pumping = null;
        if (this.ending) return;
        if (this.size >= this.need) this.pump();
        // Waiting for the client while holding the store: the clock of idle-in-transaction starts.
        else if (this.db.gate.currentOwner === this) this.idle = setTimeout(() => void this.timeOut(), this.limits.idleInTransactionMs);
      });
  }

  private async drain(): Promise<void> {
    while (!this.ending && this.size >= this.need) {
      const buffer = this.joined();
      if (!this.started) {
        if (!(await this.startup(buffer))) return;
        continue;
      }
      const { run, consumed, terminate } = this.nextRun(buffer);
      if (consumed === 0) return;
      this.consume(consumed);
      if (run.length > 0) await this.execute(run);
      if (terminate) {
        await this.end();
        return;
      }
    }
  }

  /** The startup exchange: SSL and GSS encryption are declined, a cancel request is not supported (PGlite cannot be interrupted). */
  private async startup(buffer: Buffer): Promise<boolean> {
    if (buffer.length < 8) {
      this.need = 8;
      return false;
    }
    const length = buffer.readInt32BE(0);
    const code = buffer.readInt32BE(4);
    if (length < 8 || length > 10_000) {
      await this.end();
      return false;
    }
    if (buffer.length < length) {
      this.need = length;
      return false;
    }
    const message = buffer.subarray(0, length);
    this.consume(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
    } else if (code === CANCEL_REQUEST) {
      await this.end();
      return false;
    } else if (code === PROTOCOL_3) {
      this.started = true;
      await this.execute(message);
    } else {
      this.socket.write(errorResponse('FATAL', '0A000', `unsupported frontend protocol ${code >> 16}.${code & 0xffff}: the embedded store speaks 3.0`));
      await this.end();
      return false;
    }
    return true;
  }

  /** Whole messages from the start of the buffer up to one the client waits on; nothing while that one is still arriving. */
  private nextRun(buffer: Buffer): { run: Buffer; consumed: number; terminate: boolean } {
    let at = 0;
    for (;;) {
      if (buffer.length - at < 5) break;
      const type = buffer[at]!;
      const next = at + 1 + buffer.readInt32BE(at + 1);
      if (next > buffer.length) {
        this.need = next;
        return { run: EMPTY, consumed: 0, terminate: false };
      }
      if (type === TERMINATE) return { run: buffer.subarray(0, at), consumed: next, terminate: true };
      at = next;
      if (WAITS_AFTER.has(type)) return { run: buffer.subarray(0, at), consumed: at, terminate: false };
    }
    this.need = this.size + 1;
    return { run: EMPTY, consumed: 0, terminate: false };
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0] ?? EMPTY;
  }

  private consume(bytes: number): void {
    const rest = this.joined().subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    this.need = 1;
  }

  private async execute(messages: Uint8Array): Promise<void> {
    await this.db.gate.acquire(this, true);
    if (this.ending) return;
    const tail = new ResponseTail();
    this.running = this.db.pglite.runExclusive(() =>
      this.db.pglite.execProtocolRawStream(messages, {
        onRawData: (data: Uint8Array) => {
          tail.push(data);
          // The backend reuses this memory: copied before it goes out.
          if (this.socket.writable) this.socket.write(Buffer.from(data));
        },
      }),
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (tail.readyStatus() === 'I') this.db.gate.release(this);
  }

  private async timeOut(): Promise<void> {
    if (this.ending || this.db.gate.currentOwner !== this) return;
    const ms = this.limits.idleInTransactionMs;
    this.socket.write(
      errorResponse(
        'FATAL',
        '25P03',
        `terminating connection due to idle-in-transaction timeout: nothing was sent for ${ms} ms while the session kept the embedded store, ` +
          'which the running Orienta server cannot use meanwhile; the transaction was rolled back',
      ),
    );
    await this.end();
  }

  /** Ends the session once: a run under way finishes (the backend cannot be interrupted), an open transaction is rolled back. */
  end(): Promise<void> {
    this.ending ??= this.finish();
    return this.ending;
  }

  private async finish(): Promise<void> {
    clearTimeout(this.idle);
    // What was written (a FATAL error) goes out first; a client that never closes its side is cut off after.
    this.socket.end(() => this.socket.destroy());
    this.db.gate.forget(this, new Error('the socket session ended'));
    await this.running?.catch(() => {});
    try {
      if (this.db.gate.currentOwner === this) await this.reset();
    } finally {
      this.db.gate.release(this);
      this.chunks = [];
      this.onEnd(this);
    }
  }

  /** Leaves the backend as a new session would find it: no half-run extended query, no transaction. */
  private async reset(): Promise<void> {
    if (this.db.pglite.closed) return;
    await this.db.pglite.runExclusive(async () => {
      await this.db.pglite.execProtocolRawStream(protocol.serialize.sync(), { onRawData: () => {} });
      if (this.db.pglite.isInTransaction()) await this.db.pglite.execProtocolRawStream(protocol.serialize.query('ROLLBACK'), { onRawData: () => {} });
    });
  }
}
