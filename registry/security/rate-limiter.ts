// Sliding-window failure counter, kept in memory like PyPI's. Only failures are recorded; once a key has `limit`
// failures inside the window every attempt is refused until the oldest of them ages out.
//
// Attempts whose outcome is not known yet (a password hash still being checked) are counted apart, as in flight:
// were they not counted at all, many concurrent guesses could all pass the check before the first was recorded;
// were they counted as failures, concurrent *correct* attempts would be refused. So an attempt takes a slot —
// failures plus attempts in flight never exceed the limit — and waits while the slots are taken; a success gives
// its slot back, a failure turns it into a recorded failure.
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
  private readonly inFlight = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

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

  /** Refused only by recorded failures; attempts in flight never make anyone wait for a Retry-After. */
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

  /** True when an attempt could take a slot now (failures plus attempts in flight below the limit). */
  hasFreeSlot(key: string): boolean {
    return this.current(key, this.clock()).length + (this.inFlight.get(key) ?? 0) < this.limit;
  }

  takeSlot(key: string): void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
  }

  /** Gives a slot back, recording a failure first when the attempt failed, and wakes whoever waits on the key. */
  releaseSlot(key: string, failed: boolean): void {
    if (failed) this.hit(key);
    const left = (this.inFlight.get(key) ?? 1) - 1;
    if (left <= 0) this.inFlight.delete(key);
    else this.inFlight.set(key, left);
    const waiting = this.waiters.get(key);
    this.waiters.delete(key);
    for (const wake of waiting ?? []) wake();
  }

  /** Resolves the next time a slot of `key` is given back. */
  slotReleased(key: string): Promise<void> {
    return new Promise((resolve) => {
      let waiting = this.waiters.get(key);
      if (!waiting) this.waiters.set(key, (waiting = new Set()));
      waiting.add(resolve);
    });
  }
}

export type LimiterKey = readonly [SlidingWindowLimiter, string];

export interface Attempt {
  succeeded(): void;
  failed(): void;
}

export type Admission = { admitted: true; attempt: Attempt } | { admitted: false; retryAfterSeconds: number };

/** The longest Retry-After among the keys refused by their recorded failures, or null when none is. */
export function refusal(keys: readonly LimiterKey[]): number | null {
  let wait: number | null = null;
  for (const [limiter, key] of keys) {
    const check = limiter.check(key);
    if (check.limited) wait = Math.max(wait ?? 0, check.retryAfterSeconds);
  }
  return wait;
}

/**
 * Admits one attempt against every key at once: refused when any key is limited by failures, otherwise it waits
 * until every key has a free slot and takes them all. Settle it with runAttempt, which cannot forget to.
 */
export async function admitAttempt(keys: readonly LimiterKey[]): Promise<Admission> {
  for (;;) {
    const retryAfterSeconds = refusal(keys);
    if (retryAfterSeconds !== null) return { admitted: false, retryAfterSeconds };
    const full = keys.find(([limiter, key]) => !limiter.hasFreeSlot(key));
    if (!full) break;
    await full[0].slotReleased(full[1]);
  }
  for (const [limiter, key] of keys) limiter.takeSlot(key);
  let settled = false;
  const settle = (failed: boolean) => {
    if (settled) return;
    settled = true;
    for (const [limiter, key] of keys) limiter.releaseSlot(key, failed);
  };
  return { admitted: true, attempt: { succeeded: () => settle(false), failed: () => settle(true) } };
}

/**
 * Runs `work` as an admitted attempt and settles it whatever happens: a success when `work` resolves to a value
 * `succeeded` accepts, a failure when it resolves to another or throws. A slot left unsettled would be held for
 * good, and every later attempt on its keys would wait for it forever.
 */
export async function runAttempt<T>(attempt: Attempt, work: () => Promise<T>, succeeded: (value: T) => boolean = () => true): Promise<T> {
  let ok = false;
  try {
    const value = await work();
    ok = succeeded(value);
    return value;
  } finally {
    if (ok) attempt.succeeded();
    else attempt.failed();
  }
}
