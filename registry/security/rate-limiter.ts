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
    this.record(key, this.clock());
  }

  // Counts a failure now and returns a function that takes it back. A sign-in counts its attempt before the slow
  // (asynchronous) password or code check and takes it back on success: were failures only counted afterwards,
  // many concurrent guesses could all pass check() before the first of them was counted.
  reserve(key: string): () => void {
    const time = this.record(key, this.clock());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const recent = this.hits.get(key);
      const index = recent ? recent.lastIndexOf(time) : -1;
      if (!recent || index === -1) return;
      recent.splice(index, 1);
      if (recent.length === 0) this.hits.delete(key);
    };
  }

  private record(key: string, now: number): number {
    const recent = this.current(key, now);
    recent.push(now);
    this.hits.set(key, recent);
    // Keys are only pruned when touched; sweep now and then so many one-off IPs cannot grow the map forever.
    if (this.hits.size > sweepThreshold) for (const other of [...this.hits.keys()]) this.current(other, now);
    return now;
  }
}
