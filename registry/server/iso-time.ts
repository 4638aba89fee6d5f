// Every time the API answers with is an ISO 8601 UTC string; the store keeps milliseconds since the epoch.
export const iso = (time: number): string => new Date(time).toISOString();

const dayMs = 86_400_000;
// From 1970 to the end of 9999, which toISOString writes as YYYY-MM-DD (the rest goes through iso()).
const plainYears = { from: 0, until: Date.UTC(9999, 11, 31, 23, 59, 59, 999) };
const two = (value: number) => (value < 10 ? `0${value}` : String(value));
const three = (value: number) => (value < 10 ? `00${value}` : value < 100 ? `0${value}` : String(value));

/**
 * iso() for many times at once (an estate's thousands of collaborators and tokens): each day's date is formatted
 * once and the time of day by arithmetic, several times faster than a Date per value. The same text as iso().
 */
export function isoFormatter(): (time: number) => string {
  const days = new Map<number, string>();
  return (time) => {
    if (!Number.isInteger(time) || time < plainYears.from || time > plainYears.until) return iso(time);
    const day = Math.floor(time / dayMs);
    let date = days.get(day);
    if (date === undefined) {
      date = iso(day * dayMs).slice(0, 11);
      days.set(day, date);
    }
    let rest = time - day * dayMs;
    const ms = rest % 1000;
    rest = (rest - ms) / 1000;
    const seconds = rest % 60;
    rest = (rest - seconds) / 60;
    const minutes = rest % 60;
    return `${date}${two((rest - minutes) / 60)}:${two(minutes)}:${two(seconds)}.${three(ms)}Z`;
  };
}
