// Wording for the dashboard's numbers, kept pure so singular/plural and warning thresholds are unit tested.

// The words after the big number: "8 | recovery codes remaining".
export function recoveryCodesUnit(count: number): string {
  return count === 1 ? 'recovery code remaining' : 'recovery codes remaining';
}

// Shown when the overview flags the codes as low (the registry decides the threshold; 2 or fewer today).
export function recoveryCodesLowText(count: number): string {
  if (count === 0) return 'No recovery codes left — generate new ones.';
  return `Only ${count} recovery ${count === 1 ? 'code' : 'codes'} left — generate new ones.`;
}

// `rateLimited` of the `count` were refused by the registry's rate limit without being checked: worth saying, since
// the limit, not luck, is what stopped them.
export function failedSignInsText(count: number, rateLimited = 0): string {
  if (count === 0) return 'No failed sign-ins in the last 30 days.';
  const attempts = count === 1 ? '1 failed sign-in' : `${count} failed sign-ins`;
  const refused = rateLimited === 0 ? '' : `, ${rateLimited === count ? 'all' : rateLimited} of them refused by the rate limit`;
  return `${attempts} in the last 30 days${refused}. If ${count === 1 ? "that wasn't" : "those weren't"} you, change your password.`;
}

// The locale-formatted date and time of an ISO timestamp, or null when the value is not a valid date.
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

export function formatDate(iso: string, locale?: string, timeZone?: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
}
