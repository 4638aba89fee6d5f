// Sign-in attempts refused while rate limited, summarised instead of logged one by one: a client hammering a
// locked account would otherwise grow the append-only audit log without bound (5,000 refusals, 5,000 rows). Each
// account and source address gets one tally per window; it becomes a single `login.rate_limited` event with the
// exact count and the first and last time when the window ends, when the account's log is read, or when the
// registry closes — so the log always accounts for every refused attempt.
import type { EventRepository } from '../store/event-repository.ts';
import type { RequestContext } from './request-context.ts';

interface Tally {
  accountId: number;
  ip: string;
  userAgent: string;
  firstAt: number;
  lastAt: number;
  count: number;
  retryAfterSeconds: number;
}

// Each open tally is one (account, address) pair that met the limit within one window; past this many the oldest
// are written out early, which keeps the count exact and memory bounded.
const maxOpenTallies = 50_000;

export class RefusalTallies {
  private readonly events: EventRepository;
  private readonly clock: () => number;
  private readonly windowMs: number;
  // Insertion order is age order, which the early write-out relies on.
  private readonly open = new Map<string, Tally>();

  constructor(options: { events: EventRepository; clock: () => number; windowMs: number }) {
    this.events = options.events;
    this.clock = options.clock;
    this.windowMs = options.windowMs;
  }

  record(accountId: number, who: RequestContext, retryAfterSeconds: number): void {
    const now = this.clock();
    const key = `${accountId}|${who.ip}`;
    let tally = this.open.get(key);
    if (tally && now - tally.firstAt >= this.windowMs) {
      this.write(key, tally);
      tally = undefined;
    }
    if (!tally) {
      tally = { accountId, ip: who.ip, userAgent: who.userAgent, firstAt: now, lastAt: now, count: 0, retryAfterSeconds };
      this.open.set(key, tally);
      if (this.open.size > maxOpenTallies) this.writeEnded();
      while (this.open.size > maxOpenTallies) {
        const [oldestKey, oldest] = this.open.entries().next().value!;
        this.write(oldestKey, oldest);
      }
    }
    tally.count += 1;
    tally.lastAt = now;
    tally.retryAfterSeconds = retryAfterSeconds;
  }

  /** Writes out the account's open tallies, so a reader of its log sees every refusal so far. */
  writeAccount(accountId: number): void {
    for (const [key, tally] of this.open) if (tally.accountId === accountId) this.write(key, tally);
  }

  /** Writes out the tallies whose window has ended. */
  writeEnded(): void {
    const now = this.clock();
    for (const [key, tally] of this.open) if (now - tally.firstAt >= this.windowMs) this.write(key, tally);
  }

  writeAll(): void {
    for (const [key, tally] of this.open) this.write(key, tally);
  }

  private write(key: string, tally: Tally): void {
    this.open.delete(key);
    this.events.append({
      accountId: tally.accountId,
      type: 'login.rate_limited',
      time: tally.firstAt,
      ip: tally.ip,
      userAgent: tally.userAgent,
      details: {
        count: tally.count,
        firstAt: new Date(tally.firstAt).toISOString(),
        lastAt: new Date(tally.lastAt).toISOString(),
        retryAfterSeconds: tally.retryAfterSeconds,
      },
    });
  }
}
