// The sentences behind each flag, in one place so their wording stays consistent: each names the thing concerned
// (the address, device, place, token) so a maintainer can answer "was this you?" without opening the event.
import type { Burst } from './failure-bursts.ts';
import { placeLabel, type Place } from './geolocation.ts';
import type { Device } from './user-agent.ts';

const number = new Intl.NumberFormat('en');
const day = 24 * 60 * 60 * 1000;

function days(windowMs: number): string {
  return `${number.format(Math.round(windowMs / day))} days`;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const wholeDays = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${wholeDays} d` : `${wholeDays} d ${hours % 24} h`;
}

// Values from events are data, not markup; they are only bounded so a freak one cannot flood the table.
function bounded(value: unknown): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function quoted(value: unknown): string {
  return `“${bounded(value)}”`;
}

// token.created's projects: "all", or the names joined with ",".
function projectsText(projects: string): string {
  if (projects === 'all') return 'all projects';
  const names = projects.split(',');
  return names.length <= 3 ? `projects ${bounded(names.join(', '))}` : `${number.format(names.length)} projects`;
}

export const reasons = {
  newIp: (ip: string, network: string, windowMs: number) =>
    network === ip
      ? `New IP address ${ip}: no sign-in from it in the previous ${days(windowMs)}`
      : `New network: ${ip} is in ${network}, with no sign-in from it in the previous ${days(windowMs)}`,
  newDevice: (device: Device, windowMs: number) =>
    device.client === null && device.os === null
      ? `New device: a user agent no browser or tool recognisably sends, not used to sign in in the previous ${days(windowMs)}`
      : `New device: ${device.label}, not used to sign in in the previous ${days(windowMs)}`,
  newCountry: (place: Place & { kind: 'public' }, windowMs: number) =>
    `New country: ${place.countryName ?? place.country}, no sign-in from there in the previous ${days(windowMs)}`,
  impossibleTravel: (from: Place, to: Place, km: number, gapMs: number) => {
    const distance = `${number.format(Math.round(km))} km away`;
    if (gapMs <= 0) return `Impossible travel: ${placeLabel(to)} at the same moment as a sign-in from ${placeLabel(from)}, ${distance}`;
    const speed = `${number.format(Math.round(km / (gapMs / 3_600_000)))} km/h`;
    return `Impossible travel: ${placeLabel(to)} ${formatDuration(gapMs)} after a sign-in from ${placeLabel(from)}, ${distance} (${speed})`;
  },
  burst: (burst: Burst, windowMs: number) =>
    `${number.format(burst.failures)} failed sign-ins within ${formatDuration(windowMs)}, ${from(burst)}`,
  afterBurst: (burst: Burst, ip: string, gapMs: number) =>
    `Signed in ${formatDuration(gapMs)} after a burst of ${number.format(burst.failures)} failed sign-ins ` +
    `${from(burst)}${burst.addresses.has(ip) ? ', from the same address' : ''}: possibly a guessed or stolen password`,
  recoveryCodeUsed: (remaining: unknown) =>
    `A recovery code was used to sign in${typeof remaining === 'number' ? ` (${remaining} left)` : ''}`,
  twoFactorDisabled: () => 'Two-factor authentication was turned off',
  passwordChanged: (sessionsEnded: unknown) =>
    `Password changed${typeof sessionsEnded === 'number' && sessionsEnded > 0 ? `, ending ${number.format(sessionsEnded)} other session${sessionsEnded === 1 ? '' : 's'}` : ''}`,
  tokenCreated: (name: unknown, permission: unknown, projects: unknown) =>
    `Token ${quoted(name)} created` +
    (typeof permission === 'string' ? `: ${bounded(permission)}` : '') +
    (typeof projects === 'string' ? `, ${projectsText(projects)}` : ''),
  // The place is in the row's own column (describe): looking it up here would double the analyzer's work on an
  // account whose CI runs from a fresh cloud address every time.
  tokenNewIp: (name: unknown, ip: string) => `Token ${quoted(name)} used from a new address, ${bounded(ip) || 'not recorded'}`,
};

function from(burst: Burst): string {
  const [first] = burst.addresses;
  if (burst.addresses.size === 1 && !burst.moreAddresses) return `from ${first}`;
  return `from ${burst.moreAddresses ? 'more than ' : ''}${burst.addresses.size} addresses`;
}
