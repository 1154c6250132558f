import { createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import type { PgliteDatabase } from './pglite-database.js';
import { SocketSession, type SessionLimits } from './socket-session.js';

/** Long enough for any command's own work between two statements, short enough that a stuck one is noticed. */
export const DEFAULT_SOCKET_LIMITS: SessionLimits = { idleInTransactionMs: 2000 };

/**
 * Serves the embedded store on a Unix socket so other `orienta` commands can use it while the
 * server runs. Each client is a SocketSession: its messages run in order and it holds the store's
 * session gate from its first statement until PostgreSQL reports it idle again.
 */
export class PgliteSocketServer {
  private server: Server | null = null;
  private readonly sessions = new Set<SocketSession>();

  /** `socketPath` is the full path, `<dir>/.s.PGSQL.5432`, so `pg` finds it with `host: <dir>`. */
  constructor(
    private readonly db: PgliteDatabase,
    readonly socketPath: string,
    private readonly limits: SessionLimits = DEFAULT_SOCKET_LIMITS,
  ) {}

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    const server = createServer((socket) => {
      this.sessions.add(new SocketSession(this.db, socket, this.limits, (s) => this.sessions.delete(s)));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.socketPath, () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    await Promise.all([...this.sessions].map((s) => s.end()));
    await closed;
    rmSync(this.socketPath, { force: true });
  }
}
