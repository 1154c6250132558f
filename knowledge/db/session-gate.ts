/**
 * PGlite has a single backend session. Whoever opens a transaction (an in-process caller or a
 * client on the socket) must own that session until it is idle again, or statements of others
 * would run inside it. The gate hands the session to one owner at a time, in arrival order.
 */
export class SessionGate {
  private owner: unknown = null;
  private readonly waiting: { owner: unknown; grant: () => void; deny: (e: Error) => void }[] = [];

  get currentOwner(): unknown {
    return this.owner;
  }

  acquire(owner: unknown): Promise<void> {
    if (this.owner === owner) return Promise.resolve();
    if (this.owner === null) {
      this.owner = owner;
      return Promise.resolve();
    }
    return new Promise((grant, deny) => this.waiting.push({ owner, grant, deny }));
  }

  release(owner: unknown): void {
    if (this.owner !== owner) return;
    const next = this.waiting.shift();
    this.owner = next ? next.owner : null;
    next?.grant();
  }

  /** Drops an owner's place in the queue (its client went away). */
  forget(owner: unknown, reason: Error): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i]!;
      if (w.owner === owner) {
        this.waiting.splice(i, 1);
        w.deny(reason);
      }
    }
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const token = {};
    await this.acquire(token);
    try {
      return await fn();
    } finally {
      this.release(token);
    }
  }
}
