/**
 * PGlite has a single backend session. Whoever opens a transaction (an in-process caller or a
 * client on the socket) must own that session until it is idle again, or statements of others
 * would run inside it. The gate hands the session to one owner at a time.
 *
 * Owners are of two kinds. The process's own callers (a chat turn's statements) come first; the
 * socket's clients (another `orienta` command: an ingest, a purge) are in the background. When a
 * background owner lets go, the process's callers get the store for as long as that owner had it
 * (up to MAX_YIELD_MS), so a turn runs its statements one after the other instead of waiting for
 * the client before each; a background owner then takes its turn even if callers are waiting,
 * so neither side starves. Between two statements of a turn the gate is free for a moment: a
 * background owner waits GRACE_MS of quiet before it takes it within that window.
 */
export const MAX_YIELD_MS = 500;
export const GRACE_MS = 5;

interface Waiter {
  owner: unknown;
  grant: () => void;
  deny: (e: Error) => void;
}

export class SessionGate {
  private owner: unknown = null;
  private ownerInBackground = false;
  private since = 0;
  private readonly foreground: Waiter[] = [];
  private readonly background: Waiter[] = [];
  /** Until when the process's own callers go before background owners. */
  private yieldUntil = 0;
  /** When one of the process's callers last let go. */
  private lastForeground = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  /** `now`: a clock in ms (tests move it by hand). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  get currentOwner(): unknown {
    return this.owner;
  }

  /** Owners queued for the session: the process's callers and the socket's clients. */
  get waiting(): number {
    return this.foreground.length + this.background.length;
  }

  /** `background`: a client of the socket, which yields to the process's own callers (see above). */
  acquire(owner: unknown, background = false): Promise<void> {
    if (this.owner === owner) return Promise.resolve();
    return new Promise((grant, deny) => {
      (background ? this.background : this.foreground).push({ owner, grant, deny });
      this.next();
    });
  }

  release(owner: unknown): void {
    if (this.owner !== owner) return;
    const now = this.now();
    if (this.ownerInBackground) this.yieldUntil = now + Math.min(now - this.since, MAX_YIELD_MS);
    else this.lastForeground = now;
    this.owner = null;
    this.next();
  }

  /** Drops an owner's place in the queue (its client went away). */
  forget(owner: unknown, reason: Error): void {
    for (const queue of [this.foreground, this.background]) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const w = queue[i]!;
        if (w.owner === owner) {
          queue.splice(i, 1);
          w.deny(reason);
        }
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

  /**
   * Hands a free session to whoever is next: a background owner whose wait is over, else the
   * process's callers, else a background owner once the process is quiet. A background owner is
   * let in only after the event loop has read its sockets once more: while the store ran the
   * previous statement nothing was read, and requests that came meanwhile go first.
   */
  private next(afterPoll = false): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.owner !== null) return;
    const now = this.now();
    const due = this.background.length > 0 && now >= this.yieldUntil;
    if (!due && this.foreground.length > 0) return this.give(this.foreground.shift()!, false, now);
    if (this.background.length === 0) return;
    const at = due ? now : Math.min(this.yieldUntil, this.lastForeground + GRACE_MS);
    if (now < at) {
      this.timer = setTimeout(() => this.next(), Math.ceil(at - now));
      // A waiting client keeps its socket, and so the process, alive; this timer need not.
      this.timer.unref();
      return;
    }
    if (afterPoll) return this.give(this.background.shift()!, true, now);
    if (this.polling) return;
    // Two hops: from wherever this runs, the second comes after a poll phase of the event loop.
    this.polling = true;
    setImmediate(() =>
      setImmediate(() => {
        this.polling = false;
        this.next(true);
      }),
    );
  }

  private give(waiter: Waiter, background: boolean, now: number): void {
    this.owner = waiter.owner;
    this.ownerInBackground = background;
    this.since = now;
    waiter.grant();
  }
}
