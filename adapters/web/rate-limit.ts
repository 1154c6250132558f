/**
 * A token bucket per key (an IP, a conversation): `burst` requests at once, refilled at `perMinute`.
 * In memory and per process, which is what a public chat endpoint needs against floods; replicas
 * behind a balancer each keep their own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; false when the key has none left. */
  take(key: string): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
    b.at = t;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    // Forget full buckets now and then so a crowd of one-time visitors does not grow the map forever.
    if (this.buckets.size > 10_000) for (const [k, v] of this.buckets) if (v.tokens >= this.burst - 1) this.buckets.delete(k);
    return ok;
  }
}
