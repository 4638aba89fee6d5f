// Sign-in attempts refused while rate limited, summarised instead of logged one by one: a client hammering a
// locked account would otherwise grow the append-only audit log without bound (5,000 refusals, 5,000 rows).
// Each account and source address gets one tally per window (the rate limit's, 5 minutes, from its first
// refusal). The tally is counted on disk as refusals arrive, so a crash loses none of them, and becomes a single
// `login.rate_limited` event with the exact count and the first and last time once its window has ended. Reading
// the log never splits a tally; readers that count add the open tallies to the events.
import { transaction } from '../store/database.ts';
import type { TallyRecord } from '../store/refusal-tally-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import { iso } from './iso-time.ts';
import type { RequestContext } from './request-context.ts';

export class RefusalTallies {
  private readonly store: RegistryStore;
  private readonly clock: () => number;
  private readonly windowMs: number;

  constructor(options: { store: RegistryStore; clock: () => number; windowMs: number }) {
    this.store = options.store;
    this.clock = options.clock;
    this.windowMs = options.windowMs;
  }

  record(accountId: number, who: RequestContext, retryAfterSeconds: number): void {
    const now = this.clock();
    const { refusalTallies } = this.store;
    transaction(this.store.db, () => {
      const open = refusalTallies.find(accountId, who.ip);
      if (open && now - open.firstAt >= this.windowMs) this.close(open);
      refusalTallies.add(accountId, who.ip, who.userAgent, now, retryAfterSeconds);
    });
  }

  /** Turns every tally whose window has ended into its event. */
  closeEnded(): void {
    for (const tally of this.store.refusalTallies.startedBy(this.clock() - this.windowMs)) {
      transaction(this.store.db, () => this.close(tally));
    }
  }

  private close(tally: TallyRecord): void {
    this.store.refusalTallies.remove(tally.accountId, tally.ip);
    this.store.events.append({
      accountId: tally.accountId,
      type: 'login.rate_limited',
      time: tally.firstAt,
      ip: tally.ip,
      userAgent: tally.userAgent,
      details: {
        count: tally.count,
        firstAt: iso(tally.firstAt),
        lastAt: iso(tally.lastAt),
        retryAfterSeconds: tally.retryAfterSeconds,
      },
    });
  }
}
