// Event times arrive as toISOString() text ("2026-01-05T08:00:00.000Z"). Date.parse costs more than everything
// else the analyzer does with an event, so, like the registry's isoFormatter in reverse, the date is parsed once a
// day (events come in time order, so one remembered day serves them all) and the time of day by arithmetic.
// Anything not in exactly that form goes to Date.parse.
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const units = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : Number.NaN;
}

function isIsoShape(text: string): boolean {
  return (
    text.length === 24 &&
    text.charCodeAt(4) === 45 /* - */ &&
    text.charCodeAt(7) === 45 /* - */ &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(13) === 58 /* : */ &&
    text.charCodeAt(16) === 58 /* : */ &&
    text.charCodeAt(19) === 46 /* . */ &&
    text.charCodeAt(23) === 90 /* Z */
  );
}

/** Milliseconds since the epoch, or NaN when `value` is not a time. */
export type EventTimeParser = (value: unknown) => number;

export function createEventTimeParser(): EventTimeParser {
  // The remembered day as YYYYMMDD and its first millisecond.
  let day = -1;
  let dayStart = Number.NaN;
  return (value) => {
    if (typeof value !== 'string') return Number.NaN;
    if (!isIsoShape(value)) return Date.parse(value);
    const date = (twoDigits(value, 0) * 100 + twoDigits(value, 2)) * 10_000 + twoDigits(value, 5) * 100 + twoDigits(value, 8);
    if (date !== day) {
      const start = Date.parse(`${value.slice(0, 10)}T00:00:00.000Z`);
      if (!Number.isFinite(start)) return Date.parse(value);
      day = date;
      dayStart = start;
    }
    const hours = twoDigits(value, 11);
    const minutes = twoDigits(value, 14);
    const seconds = twoDigits(value, 17);
    const centis = twoDigits(value, 20);
    const millis = value.charCodeAt(22) - 48;
    if (!(hours <= 23 && minutes <= 59 && seconds <= 59 && centis >= 0 && millis >= 0 && millis <= 9)) return Date.parse(value);
    return dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000 + centis * 10 + millis;
  };
}
