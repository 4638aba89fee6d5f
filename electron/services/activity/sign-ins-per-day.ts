// The Activity page's chart: sign-ins per UTC day, successes and failures. The tally is kept as the analysis reads
// the log (every event passes through it once), so the chart costs no read of its own. A login.rate_limited event
// stands for `count` attempts refused unchecked, which are failures too.
export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  successes: number;
  failures: number;
}

const dayMs = 24 * 60 * 60 * 1000;

interface CountedEvent {
  type: string;
  time: string;
  details: Record<string, unknown>;
}

/** Sign-ins by UTC day number (days since 1970-01-01). */
export type SignInTally = Map<number, { successes: number; failures: number }>;

export function tallySignIn(tally: SignInTally, event: CountedEvent): void {
  let successes = 0;
  let failures = 0;
  if (event.type === 'login.success') successes = 1;
  else if (event.type === 'login.failure') failures = 1;
  else if (event.type === 'login.rate_limited') {
    const count = event.details.count;
    failures = typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 1;
  } else return;
  const day = Math.floor(Date.parse(event.time) / dayMs);
  if (!Number.isFinite(day)) return;
  const slot = tally.get(day) ?? { successes: 0, failures: 0 };
  slot.successes += successes;
  slot.failures += failures;
  tally.set(day, slot);
}

/** The last `days` days up to today, the oldest first. */
export function signInsPerDay(tally: SignInTally, now: number, days = 90): DayCount[] {
  const first = Math.floor(now / dayMs) - days + 1;
  return Array.from({ length: days }, (_, index) => ({
    day: new Date((first + index) * dayMs).toISOString().slice(0, 10),
    successes: tally.get(first + index)?.successes ?? 0,
    failures: tally.get(first + index)?.failures ?? 0,
  }));
}
