// Five weeks of the demo account's sign-ins and account changes, relative to "now" so the demo always looks recent,
// on real addresses (demo-places.ts). The story gives the console's Activity page every kind of flag to show on a
// first run (electron/services/activity/activity-flags.ts), each for a reason a maintainer would recognise:
//
// - Every day: Chrome at the office on weekdays, Firefox on the MacBook at home some evenings, the Vigil console
//   at weekends, all in Berlin. The first week is the analyzer's warm-up, in which it only learns what is usual.
// - 24 days ago the phone broke: a sign-in with a recovery code (recovery_code_used) and 2FA turned off until a
//   new phone came (two_factor_disabled). The registry allowed it: no project of the demo required 2FA yet.
// - Two nights later a credential-stuffing script in Hanoi: ten wrong passwords (failed_sign_in_burst), 212 tries
//   refused by the rate limit, then the password, reused on a breached site, worked, and without 2FA it was in
//   (sign_in_after_burst; impossible_travel from Berlin six hours before; new_country, new_device, new_ip). The
//   script only checked that the password worked.
// - The next morning at home the owner's own sign-in is impossible travel the other way; the owner changes the
//   password, which ends the intruder's session (password_changed), and turns 2FA back on with the new phone,
//   getting the recovery codes the demo publishes. The script's retries the night after fail.
// - 16 days ago, phone left at the office: a sign-in with the first of those codes (recovery_code_used), the code
//   the README lists as used, and a drill checking which codes still work.
// - 13 to 11 days ago a conference in London, on the hotel's Wi-Fi (new_country, new_ip).
// - Today a second laptop signed in on café Wi-Fi and the CI runner at Hetzner signed in (new_device, new_ip);
//   both sessions are still open.
// Token events (token_created, token_new_ip) come with the tokens, in demo-projects.ts.
import type { EventType } from '../contract/schemas.ts';
import type { EventDetails } from '../store/event-repository.ts';
import { demoAddresses, demoUserAgents, placeOf, type DemoPlace } from './demo-places.ts';

export interface HistoryEvent {
  type: EventType;
  time: number;
  ip: string;
  userAgent: string;
  details: EventDetails;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export const home = placeOf(demoAddresses.home, demoUserAgents.macFirefox);
export const office = placeOf(demoAddresses.office, demoUserAgents.officeChrome);
export const homeCli = placeOf(demoAddresses.home, demoUserAgents.console);
export const ciRunner = placeOf(demoAddresses.ciRunner, demoUserAgents.ci);
const laptop = placeOf(demoAddresses.cafe, demoUserAgents.laptopSafari);
const londonHotel = placeOf(demoAddresses.londonHotel, demoUserAgents.macFirefox);
// python-requests, as credential-stuffing scripts send it.
const intruder = placeOf(demoAddresses.intruder, 'python-requests/2.31.0');

/** Days before today (UTC) of the story's turns; the rest of the history is everyday routine. */
const demoStoryDays = {
  firstDay: 34,
  phoneBroke: 24,
  /** The intruder got in in the small hours of this day; the owner locked it out that morning. */
  breakIn: 22,
  phoneLeftAtOffice: 16,
  /** The London trip, from the first day to the last. */
  tripFrom: 13,
  tripTo: 11,
} as const;

export interface DemoSession extends DemoPlace {
  createdAt: number;
  lastSeenAt: number;
}

/** Sessions of the demo account still open on other devices, each started by a sign-in in the history. */
export function demoActiveSessions(now: number): DemoSession[] {
  return [
    { ...laptop, createdAt: now - 2 * hour - 40 * minute, lastSeenAt: now - 25 * minute },
    { ...ciRunner, createdAt: now - 50 * minute, lastSeenAt: now - 4 * minute },
  ];
}

const startOfDay = (now: number, daysAgo: number) => Math.floor(now / day) * day - daysAgo * day;

/** The story's moments, for the seed to leave the account's 2FA, codes and sessions as the history says. */
export function demoStoryTimes(now: number) {
  const twoFactorOffAt = startOfDay(now, demoStoryDays.phoneBroke) + 19 * hour + 14 * minute;
  // The burst starts at 01:38:20 UTC: ten failures 17 s apart, then refusals until the oldest failure leaves the
  // rate limit's 5-minute window, and the next try succeeds.
  const burst = startOfDay(now, demoStoryDays.breakIn) + hour + 38 * minute + 20 * second;
  const intruderSignedIn = burst + 5 * minute + 4 * second;
  const passwordChangedAt = startOfDay(now, demoStoryDays.breakIn) + 6 * hour + 23 * minute;
  return {
    twoFactorOffAt,
    burst,
    intruderSignedIn,
    passwordChangedAt,
    /** When 2FA went back on, with the recovery codes the demo publishes. */
    twoFactorOnAt: passwordChangedAt + 4 * minute,
    /** When the first of those codes was used. */
    recoveryCodeUsedAt: startOfDay(now, demoStoryDays.phoneLeftAtOffice) + 19 * hour + 5 * minute,
  };
}

/** The intruder's session: started by the break-in, ended by the owner's password change. */
export function demoIntruderSession(now: number): DemoSession & { endedAt: number } {
  const { intruderSignedIn, passwordChangedAt } = demoStoryTimes(now);
  return { ...intruder, createdAt: intruderSignedIn, lastSeenAt: intruderSignedIn + 40 * second, endedAt: passwordChangedAt };
}

/** The history, oldest first and all before now; `intruderSessionId` is the id the seed gave demoIntruderSession(). */
export function demoHistory(now: number, intruderSessionId: string): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const add = (place: DemoPlace, time: number, type: EventType, details: EventDetails) =>
    events.push({ type, time, ip: place.ip, userAgent: place.userAgent, details });
  const dayStart = (daysAgo: number) => startOfDay(now, daysAgo);
  const { twoFactorOffAt, burst, intruderSignedIn, passwordChangedAt, twoFactorOnAt, recoveryCodeUsedAt } = demoStoryTimes(now);

  // While 2FA was off, a password was all a sign-in asked for.
  const method = (time: number) => (time >= twoFactorOffAt && time < twoFactorOnAt ? 'password' : 'totp');
  const success = (place: DemoPlace, time: number) => add(place, time, 'login.success', { method: method(time) });
  const failure = (place: DemoPlace, time: number, reason: string) => add(place, time, 'login.failure', { reason });
  const signedOut = (place: DemoPlace, time: number) => add(place, time, 'session.ended', { reason: 'sign_out' });

  routine(now, { success, failure, signedOut });

  // The phone broke: in with a recovery code from the old set, and 2FA off (a fresh sign-in counts as confirmed
  // access, so turning 2FA off needed no code).
  const broke = twoFactorOffAt - 4 * minute;
  add(home, broke, 'recovery_code.used', { remaining: 7 });
  add(home, broke, 'login.success', { method: 'recovery_code' });
  add(home, twoFactorOffAt, 'two_factor.disabled', { method: 'totp', recoveryCodesRevoked: 7 });
  signedOut(home, twoFactorOffAt + 20 * minute);
  // The next evening the new phone came, not set up yet: the last sign-in before the break-in.
  const evening = dayStart(demoStoryDays.breakIn + 1) + 20 * hour + 5 * minute;
  success(home, evening);
  signedOut(home, evening + 36 * minute);

  // The break-in: ten wrong passwords, the rate limit, then the right one. The refusals are one summary event.
  for (let attempt = 0; attempt < 10; attempt += 1) failure(intruder, burst + attempt * 17 * second, 'invalid_password');
  const refusedFrom = burst + 170 * second;
  add(intruder, refusedFrom, 'login.rate_limited', {
    count: 212,
    firstAt: new Date(refusedFrom).toISOString(),
    lastAt: new Date(burst + 299 * second).toISOString(),
    retryAfterSeconds: 130,
  });
  success(intruder, intruderSignedIn);

  // The next morning at home: the console shows a sign-in from Hanoi. A new password ends that session; 2FA goes
  // back on with the new phone, and with it the recovery codes the demo publishes.
  success(home, passwordChangedAt - 3 * minute);
  add(home, passwordChangedAt - minute, 'session.confirmed', { method: 'password' });
  add(home, passwordChangedAt, 'session.ended', { reason: 'password_changed', sessionId: intruderSessionId });
  add(home, passwordChangedAt, 'password.changed', { sessionsEnded: 1 });
  add(home, twoFactorOnAt, 'two_factor.enabled', { method: 'totp' });
  add(home, twoFactorOnAt, 'recovery_codes.generated', { reason: 'enabled', count: 8 });
  signedOut(home, twoFactorOnAt + 12 * minute);
  // The script came back the night after with the old password.
  const retried = dayStart(demoStoryDays.breakIn - 1) + hour + 52 * minute;
  for (let attempt = 0; attempt < 3; attempt += 1) failure(intruder, retried + attempt * 20 * second, 'invalid_password');

  // Phone left at the office: in at home with the first of the new codes, then a check of which codes still work.
  add(home, recoveryCodeUsedAt, 'recovery_code.used', { remaining: 7 });
  add(home, recoveryCodeUsedAt, 'login.success', { method: 'recovery_code' });
  add(home, recoveryCodeUsedAt + 3 * minute, 'recovery_code.checked', { status: 'used' });
  add(home, recoveryCodeUsedAt + 4 * minute, 'recovery_code.checked', { status: 'valid' });
  signedOut(home, recoveryCodeUsedAt + 25 * minute);

  // The conference in London: the MacBook on the hotel's Wi-Fi, the evening of arrival and the mornings after.
  success(londonHotel, dayStart(demoStoryDays.tripFrom) + 19 * hour + 10 * minute);
  for (let daysAgo: number = demoStoryDays.tripFrom - 1; daysAgo >= demoStoryDays.tripTo; daysAgo -= 1) {
    success(londonHotel, dayStart(daysAgo) + 7 * hour + 15 * minute);
  }

  for (const session of demoActiveSessions(now)) success(session, session.createdAt);

  return events.filter((event) => event.time < now - minute).sort((a, b) => a.time - b.time);
}

interface RoutineEvents {
  success(place: DemoPlace, time: number): void;
  failure(place: DemoPlace, time: number, reason: string): void;
  signedOut(place: DemoPlace, time: number): void;
}

// Evenings the story spends at home anyway, and days away.
const storyEvenings: ReadonlySet<number> = new Set([demoStoryDays.phoneBroke, demoStoryDays.breakIn + 1, demoStoryDays.phoneLeftAtOffice]);
const away = (daysAgo: number) => daysAgo <= demoStoryDays.tripFrom && daysAgo >= demoStoryDays.tripTo;

/** The everyday: the office on weekdays, home some evenings, the console at weekends, with a typo now and then. */
function routine(now: number, record: RoutineEvents): void {
  const { success, failure, signedOut } = record;
  for (let daysAgo: number = demoStoryDays.firstDay; daysAgo >= 0; daysAgo -= 1) {
    if (away(daysAgo)) continue;
    const start = startOfDay(now, daysAgo);
    const weekday = new Date(start).getUTCDay();
    const jitter = ((daysAgo * 37) % 19) * minute;
    if (weekday === 0 || weekday === 6) {
      if (daysAgo % 2 === 0) success(homeCli, start + 9 * hour + 40 * minute + jitter);
      continue;
    }
    if (daysAgo === 30 || daysAgo === 8) failure(office, start + 7 * hour + 2 * minute + jitter, 'invalid_totp');
    success(office, start + 7 * hour + 4 * minute + jitter);
    if (daysAgo % 2 === 1) signedOut(office, start + 16 * hour + 35 * minute + jitter);
    if (daysAgo % 3 === 0 && !storyEvenings.has(daysAgo)) {
      if (daysAgo === 9) failure(home, start + 19 * hour + 31 * minute + jitter, 'invalid_password');
      success(home, start + 19 * hour + 32 * minute + jitter);
      signedOut(home, start + 20 * hour + 10 * minute + jitter);
    }
  }
}
