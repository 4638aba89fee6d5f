// Sliding-window failure counter, kept in memory like PyPI's. Only failures are recorded; once a key has `limit`
// failures inside the window every attempt is refused until the oldest of them ages out.
const sweepThreshold = 10_000;

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  clock: () => number;
}

export type RateLimitCheck = { limited: false } | { limited: true; retryAfterSeconds: number };

export class SlidingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: () => number;
  private readonly hits = new Map<string, number[]>();

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.clock = options.clock;
  }

  private current(key: string, now: number): number[] {
    const recent = (this.hits.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (recent.length === 0) this.hits.delete(key);
    else this.hits.set(key, recent);
    return recent;
  }

  check(key: string): RateLimitCheck {
    const now = this.clock();
    const recent = this.current(key, now);
    if (recent.length < this.limit) return { limited: false };
    // One more attempt is allowed once enough of the oldest failures have left the window.
    const freeingHit = recent[recent.length - this.limit]!;
    const waitMs = freeingHit + this.windowMs - now;
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  hit(key: string): void {
    const now = this.clock();
    const recent = this.current(key, now);
    recent.push(now);
    this.hits.set(key, recent);
    // Keys are only pruned when touched; sweep now and then so many one-off IPs cannot grow the map forever.
    if (this.hits.size > sweepThreshold) for (const other of [...this.hits.keys()]) this.current(other, now);
  }
}
