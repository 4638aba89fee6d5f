// About four weeks of plausible sign-in history for the demo account, computed relative to "now" so the demo
// always looks recent, and the sessions still open on other devices. IPs come from the documentation ranges
// (RFC 5737); it is only sample data.
import type { EventDetails } from '../store/event-repository.ts';
import type { EventType } from '../contract/schemas.ts';

export interface HistoryEvent {
  type: EventType;
  time: number;
  ip: string;
  userAgent: string;
  details: EventDetails;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const home = {
  ip: '203.0.113.24',
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0',
};
export const office = {
  ip: '198.51.100.77',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
export const homeCli = { ip: home.ip, userAgent: 'Vigil/0.1.0 (Electron 45; macOS 14.6)' };
const attacker = { ip: '192.0.2.146', userAgent: 'python-requests/2.31.0' };
// Devices with a session still open: a laptop on café Wi-Fi and the CI runner that publishes releases.
const laptop = {
  ip: '203.0.113.181',
  userAgent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
};
export const ciRunner = { ip: '198.51.100.203', userAgent: 'npm/10.9.2 node/v22.12.0 linux x64 workspaces/false ci/github-actions' };

/** How many days ago the demo's burned recovery code was used. */
export const recoveryCodeUsedDaysAgo = 14;
/** How many days ago the demo's current recovery codes were made (they replaced the first set). */
export const recoveryCodesGeneratedDaysAgo = 24;
/** How many days ago the demo account turned 2FA on. */
export const twoFactorEnabledDaysAgo = 398;

export interface DemoSession {
  createdAt: number;
  lastSeenAt: number;
  ip: string;
  userAgent: string;
}

/** Sessions of the demo account still open on other devices, each started by a sign-in in the history. */
export function demoActiveSessions(now: number): DemoSession[] {
  return [
    { ...laptop, createdAt: now - 2 * hour - 40 * minute, lastSeenAt: now - 25 * minute },
    { ...ciRunner, createdAt: now - 50 * minute, lastSeenAt: now - 4 * minute },
  ];
}

type Place = { ip: string; userAgent: string };

export function demoHistory(now: number): HistoryEvent[] {
  const today = Math.floor(now / day) * day;
  const events: HistoryEvent[] = [];
  const at = (place: Place, time: number, type: EventType, details: EventDetails) =>
    events.push({ type, time, ip: place.ip, userAgent: place.userAgent, details });
  const success = (place: Place, time: number, method = 'totp') => at(place, time, 'login.success', { method });
  const failure = (place: Place, time: number, reason: string) => at(place, time, 'login.failure', { reason });
  const ended = (place: Place, time: number) => at(place, time, 'session.ended', { reason: 'sign_out' });
  const confirmed = (place: Place, time: number) => at(place, time, 'session.confirmed', { method: 'totp' });

  for (let daysAgo = 27; daysAgo >= 0; daysAgo -= 1) {
    const start = today - daysAgo * day;
    const weekday = new Date(start).getUTCDay();
    const jitter = ((daysAgo * 37) % 19) * minute;
    if (weekday === 0 || weekday === 6) {
      if (daysAgo % 2 === 0) success(homeCli, start + 10 * hour + 40 * minute + jitter);
      continue;
    }
    if (daysAgo === 16) failure(office, start + 9 * hour + 2 * minute + jitter, 'invalid_totp');
    success(office, start + 9 * hour + 4 * minute + jitter);
    if (daysAgo % 2 === 1) ended(office, start + 17 * hour + 35 * minute + jitter);
    if (daysAgo % 3 === 0) {
      if (daysAgo === 9) failure(home, start + 20 * hour + 31 * minute + jitter, 'invalid_password');
      success(home, start + 20 * hour + 32 * minute + jitter);
      ended(home, start + 21 * hour + 10 * minute + jitter);
    }
  }

  // The first set of recovery codes had gone missing in a move: replaced with a new set, access confirmed first.
  const regenerated = today - recoveryCodesGeneratedDaysAgo * day + 20 * hour + 44 * minute;
  success(home, regenerated - 6 * minute);
  confirmed(home, regenerated - minute);
  at(home, regenerated, 'recovery_codes.generated', { reason: 'regenerated', count: 8 });

  // Phone left at the office: signed in at home with a recovery code, then checked which codes still work.
  const recoveryTime = today - recoveryCodeUsedDaysAgo * day + 19 * hour + 5 * minute;
  at(home, recoveryTime, 'recovery_code.used', { remaining: 7 });
  success(home, recoveryTime, 'recovery_code');
  at(home, recoveryTime + 3 * minute, 'recovery_code.checked', { status: 'used' });
  at(home, recoveryTime + 4 * minute, 'recovery_code.checked', { status: 'valid' });

  // The next evening, a new password, to be safe.
  const passwordChanged = today - (recoveryCodeUsedDaysAgo - 1) * day + 20 * hour + 12 * minute;
  success(home, passwordChanged - 4 * minute);
  confirmed(home, passwordChanged - minute);
  at(home, passwordChanged, 'password.changed', { sessionsEnded: 0 });

  for (const session of demoActiveSessions(now)) success(session, session.createdAt);

  // A password-guessing burst from abroad at about 2 a.m., cut off by the rate limit: the script kept going, and
  // its 212 refused attempts in the next five minutes are one summary event.
  const burst = today - 3 * day + 2 * hour + 11 * minute;
  for (let attempt = 0; attempt < 10; attempt += 1) failure(attacker, burst + attempt * 17_000, 'invalid_password');
  const refusedFrom = burst + 10 * 17_000;
  const refusedUntil = refusedFrom + 4 * minute + 52_000;
  at(attacker, refusedFrom, 'login.rate_limited', {
    count: 212,
    firstAt: new Date(refusedFrom).toISOString(),
    lastAt: new Date(refusedUntil).toISOString(),
    retryAfterSeconds: 1,
  });

  return events.filter((event) => event.time < now - minute).sort((a, b) => a.time - b.time);
}
