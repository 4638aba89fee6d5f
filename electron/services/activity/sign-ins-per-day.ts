// The Activity page's chart: sign-ins per UTC day over the last `days` days, successes and failures. A
// login.rate_limited event stands for `count` attempts refused unchecked, which are failures too.
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

export function signInsPerDay(events: Iterable<CountedEvent>, now: number, days = 90): DayCount[] {
  const today = Math.floor(now / dayMs);
  const first = today - days + 1;
  const counts: DayCount[] = Array.from({ length: days }, (_, index) => ({
    day: new Date((first + index) * dayMs).toISOString().slice(0, 10),
    successes: 0,
    failures: 0,
  }));
  for (const event of events) {
    const index = Math.floor(Date.parse(event.time) / dayMs) - first;
    if (!(index >= 0 && index < days)) continue;
    const slot = counts[index]!;
    if (event.type === 'login.success') slot.successes += 1;
    else if (event.type === 'login.failure') slot.failures += 1;
    else if (event.type === 'login.rate_limited') {
      const count = event.details.count;
      slot.failures += typeof count === 'number' && Number.isSafeInteger(count) && count > 0 ? count : 1;
    }
  }
  return counts;
}
