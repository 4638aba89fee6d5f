// Wording for the dashboard's numbers, kept pure so singular/plural and warning thresholds are unit tested.
import type { FailedSignIn } from './bridge/contract.ts';

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

// Making an Intl.DateTimeFormat costs far more than formatting with one (a quarter of a millisecond against a few
// microseconds): the Activity table formats two times for every row it draws while scrolling, so one formatter is
// kept per locale and time zone (the console uses one of each; the tests a few).
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale?: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''} ${timeZone ?? ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      timeZone,
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

// The one date format of the console: date, time and time zone in the user's locale ("Mar 4, 2025, 3:06 PM UTC"),
// or null when the value is not a valid date.
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return dateTimeFormat(locale, timeZone).format(date);
}

// What went wrong in one failed sign-in, in the terms that say what to do next.
export function failedSignInCause(failure: FailedSignIn): string {
  switch (failure.cause) {
    case 'password':
      return 'Wrong password';
    case 'second_factor':
      return 'Right password, wrong one-time code — your password is known to someone';
    case 'recovery_code':
      return 'Right password, wrong recovery code — your password is known to someone';
    case 'rate_limited':
      return `${failure.count} ${failure.count === 1 ? 'attempt' : 'attempts'} refused by the rate limit, unchecked`;
    default:
      return 'Failed sign-in';
  }
}

// Groups of four for reading a TOTP secret aloud or typing it by hand: "JBSW Y3DP EHPK 3PXP".
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
