// A long, realistic history for one account, for measuring and exercising the activity views at scale
// (`npm run registry -- seed history`, `npm run bench`). Deterministic for a seed and an end time, in time order.
//
// The person behind the account lives in Germany: a Windows workstation at the office on weekdays, a MacBook and an
// iPhone at home (whose address their ISP changes every few weeks), the npm CLI now and then, the Vigil console most
// days. They travel (the UK, France, the US, Japan), and signs in from there. Release automation publishes with a
// token from CI runners on EC2 in us-east-1 behind a couple of NAT addresses; the token is rotated every quarter
// (a forgotten job keeps trying the revoked one). Attackers in China, Vietnam, India and Russia guess passwords:
// single tries most days, and every few weeks a burst of ten failures in a few minutes cut off by the rate limit.
// Once a leaked publishing token is tried from abroad. And one story, at fixed points of the span so that every
// history of at least minHistoryEvents has it: a lost phone in Japan (recovery codes used, then a new
// authenticator), 2FA turned off to switch phones, a credential-stuffing burst that then succeeds (2FA was off),
// the attacker confirming access and creating a token, and the owner locking the account down hours later
// (password changed, the attacker's session ended, the token revoked, 2FA back on).
//
// Volume beyond the person's own ~10 events a day is release automation, spread so that the history spans about
// n / 400 days (at most ten years; 90 days at least once there are enough events), ending at the start of the UTC
// day of `until`.
import type { EventsHead } from '../contract/event-schemas.ts';
import type { EventType } from '../contract/schemas.ts';
import { toEventsHead } from '../server/audit-event.ts';
import { transaction } from '../store/database.ts';
import type { EventDetails } from '../store/event-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { HistoryEvent } from './demo-history.ts';
import {
  addressIn,
  attackNetworks,
  homeNetworks,
  networks,
  travelNetworks,
  userAgents,
  type Network,
} from './history-places.ts';
import { SeededRandom } from './seeded-random.ts';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export const minHistoryEvents = 1_000;
export const maxHistoryEvents = 10_000_000;

export interface HistoryOptions {
  events: number;
  seed: number;
  /** The history ends before the UTC day this time falls in. */
  until: number;
}

/** How many days a history of `events` spans. */
export function historyDays(events: number): number {
  if (events < 90 * 12) return Math.max(1, Math.floor(events / 12));
  return Math.min(3650, Math.max(90, Math.ceil(events / 400)));
}

const projects = ['acme-http', 'acme-schema', 'acme-testkit', 'acme-docs-theme', 'Acme.CLI', 'yaml-lint-rules'];

interface Place {
  net: Network;
  ip: string;
  userAgent: string;
}

interface Trip {
  from: number;
  days: number;
  net: Network;
}

interface Token {
  id: string;
  name: string;
}

/** The events of one UTC day, at local times of wherever they happen. */
class Day {
  readonly events: HistoryEvent[] = [];
  readonly start: number;
  private readonly random: SeededRandom;

  constructor(start: number, random: SeededRandom) {
    this.start = start;
    this.random = random;
  }

  /** A time between two local hours at `net`, inside this UTC day (a window the UTC day cuts wraps round). */
  local(net: Network, fromHour: number, toHour: number): number {
    const local = (fromHour + this.random.next() * (toHour - fromHour)) * hour;
    const utc = (((local - net.utcOffset * hour) % day) + day) % day;
    return this.start + Math.floor(utc);
  }

  /** Like local(), but early enough that `length` more ms still fall inside the day. */
  localSpan(net: Network, fromHour: number, toHour: number, length: number): number {
    return Math.min(this.local(net, fromHour, toHour), this.start + day - length - 1);
  }

  add(place: Place, time: number, type: EventType, details: EventDetails): void {
    this.events.push({ type, time, ip: place.ip, userAgent: place.userAgent, details });
  }
}

class HistoryPlan {
  readonly days: number;
  private readonly options: HistoryOptions;
  private readonly random: SeededRandom;
  private readonly firstDay: number;
  private readonly trips: Trip[];
  private readonly story: { lostPhone: number; phoneReplaced: number; twoFactorOff: number; breached: number };

  private homeIp: string;
  private homeIpUntil: number;
  private officeIp: string;
  private tripIp = '';
  private tripIpUntil = -1;
  private twoFactor = true;
  private recoveryCodesLeft = 8;
  private sessionIds = 4_000;
  private tokenIds = 100;
  private publishToken: Token | null = null;
  private readonly seenByToken = new Set<string>();
  private revokedToken: { token: Token; triesLeft: number } | null = null;
  private natIps: string[] = [];
  private nextNatChange = 0;
  private nextRotation = 0;
  private nextPasswordChange: number;
  private readonly releases = new Map<string, number>();

  constructor(options: HistoryOptions) {
    this.options = options;
    this.random = new SeededRandom(options.seed);
    this.days = historyDays(options.events);
    this.firstDay = Math.floor(options.until / day) * day - this.days * day;
    const at = (fraction: number) => Math.floor(this.days * fraction);
    this.story = { lostPhone: at(0.3), phoneReplaced: at(0.3) + 1, twoFactorOff: at(0.55), breached: at(0.62) };
    this.trips = this.planTrips();
    this.homeIp = addressIn(this.random.pick(homeNetworks), this.random);
    this.homeIpUntil = this.random.int(20, 60);
    this.officeIp = addressIn(networks.telekomOffice, this.random);
    this.nextPasswordChange = this.random.int(120, 300);
  }

  /** The day's events in time order; `produced` is how many the days before gave. */
  day(index: number, produced: number): HistoryEvent[] {
    const today = new Day(this.firstDay + index * day, this.random);
    this.person(today, index);
    // Automation makes up the rest of the share of the history that falls due by the end of this day.
    const due = Math.round((this.options.events * (index + 1)) / this.days);
    this.automation(today, due - produced - today.events.length);
    // Stable: events at the same moment keep the order they happened in.
    return today.events.sort((a, b) => a.time - b.time);
  }

  private planTrips(): Trip[] {
    const { lostPhone, twoFactorOff, breached } = this.story;
    // Japan ends the day the phone is lost; the US late in the span; others every few months in between.
    const trips: Trip[] = [
      { from: lostPhone - 4, days: 5, net: networks.softbank },
      { from: Math.floor(this.days * 0.8), days: 5, net: networks.comcast },
    ];
    const overlaps = (from: number, days: number, otherFrom: number, otherDays: number) =>
      from <= otherFrom + otherDays && otherFrom <= from + days;
    const busy = (from: number, days: number) =>
      overlaps(from, days, twoFactorOff - 1, breached - twoFactorOff + 3) ||
      trips.some((trip) => overlaps(from, days, trip.from - 1, trip.days + 2));
    for (let from = this.random.int(15, 60); from < this.days - 10; from += this.random.int(70, 150)) {
      const days = this.random.int(3, 9);
      if (!busy(from, days)) trips.push({ from, days, net: this.random.pick(travelNetworks) });
    }
    return trips;
  }

  private tripOn(index: number): Trip | undefined {
    return this.trips.find((trip) => index >= trip.from && index < trip.from + trip.days);
  }

  private person(today: Day, index: number): void {
    if (index === 0) this.firstTokens(today);
    if (index >= this.homeIpUntil) {
      this.homeIp = addressIn(this.random.pick(homeNetworks), this.random);
      this.homeIpUntil = index + this.random.int(20, 60);
    }
    const trip = this.tripOn(index);
    const home = (userAgent: string): Place => ({ net: networks.telekomHome, ip: this.homeIp, userAgent });
    if (trip) this.travelDay(today, index, trip);
    // Back home without the phone, the day goes into a new authenticator.
    else if (index !== this.story.phoneReplaced) this.homeDay(today, home);

    if (index === this.story.phoneReplaced) this.replaceAuthenticator(today, home(userAgents.laptop));
    if (index === this.story.twoFactorOff) this.turnTwoFactorOff(today, home(userAgents.laptop));
    if (index === this.story.breached) this.breach(today, home(userAgents.laptop));
    if (index === this.nextPasswordChange && !trip) {
      this.changePassword(today, home(userAgents.laptop), today.local(networks.telekomHome, 20, 22), null);
      this.nextPasswordChange = index + this.random.int(150, 400);
    }
    if (index >= this.nextRotation && !trip) this.rotateToken(today, home(userAgents.laptop));
    else if (index >= this.nextRotation) this.nextRotation = index + 1;

    if (this.random.chance(1 / 18)) this.burst(today);
    if (this.random.chance(0.3)) this.singleGuess(today);
    if (this.random.chance(0.01) && this.publishToken) this.leakedTokenTried(today, this.publishToken);
    if (this.twoFactor && !trip && this.random.chance(1 / 250)) this.recoveryCodeSignIn(today, home(userAgents.laptop));
  }

  private signInMethod(): string {
    return this.twoFactor ? 'totp' : 'password';
  }

  private homeDay(today: Day, home: (userAgent: string) => Place): void {
    const weekday = ![0, 6].includes(new Date(today.start).getUTCDay());
    if (weekday) {
      const office: Place = { net: networks.telekomOffice, ip: this.officeIp, userAgent: userAgents.workstation };
      const time = today.local(office.net, 8.3, 9.6);
      if (this.random.chance(0.04)) {
        const reason = this.twoFactor && this.random.chance(0.5) ? 'invalid_totp' : 'invalid_password';
        today.add(office, time - this.random.int(20, 90) * second, 'login.failure', { reason });
      }
      today.add(office, time, 'login.success', { method: this.signInMethod() });
      if (this.random.chance(0.6)) today.add(office, today.local(office.net, 17, 18.5), 'session.ended', { reason: 'sign_out' });
    }
    if (this.random.chance(0.7)) {
      const console = home(userAgents.console);
      today.add(console, today.local(console.net, this.random.chance(0.5) ? 7 : 21, this.random.chance(0.5) ? 8 : 22), 'login.success', {
        method: this.signInMethod(),
      });
    }
    if (this.random.chance(0.45)) {
      const laptop = home(userAgents.laptop);
      const time = today.localSpan(laptop.net, 19, 22.5, 2 * hour);
      today.add(laptop, time, 'login.success', { method: this.signInMethod() });
      if (this.random.chance(0.5)) today.add(laptop, time + this.random.int(20, 90) * minute, 'session.ended', { reason: 'sign_out' });
    }
    if (this.random.chance(0.15)) {
      const phone = home(userAgents.phone);
      today.add(phone, today.local(phone.net, 12, 23), 'login.success', { method: this.signInMethod() });
    }
    if (this.random.chance(0.06)) {
      // A release by hand from the npm CLI.
      const cli = home(userAgents.npmCli);
      const time = today.localSpan(cli.net, 10, 22, 15 * minute);
      today.add(cli, time, 'login.success', { method: this.signInMethod() });
      const project = this.random.pick(projects);
      today.add(cli, time + this.random.int(2, 10) * minute, 'release.published', {
        project,
        version: this.nextVersion(project),
        via: 'session',
        tokenId: null,
        tokenName: null,
      });
    }
  }

  private travelDay(today: Day, index: number, trip: Trip): void {
    if (index >= this.tripIpUntil) {
      this.tripIp = addressIn(trip.net, this.random);
      this.tripIpUntil = Math.min(trip.from + trip.days, index + this.random.int(2, 3));
    }
    const place = (userAgent: string): Place => ({ net: trip.net, ip: this.tripIp, userAgent });
    const laptop = place(userAgents.laptop);
    if (index === this.story.lostPhone) {
      // The phone is gone, and the authenticator with it: a recovery code it is.
      const time = today.local(trip.net, 9, 11);
      this.recoveryCodesLeft -= 1;
      today.add(laptop, time, 'recovery_code.used', { remaining: this.recoveryCodesLeft });
      today.add(laptop, time, 'login.success', { method: 'recovery_code' });
      today.add(laptop, time + 3 * minute, 'recovery_code.checked', { status: 'used' });
      return;
    }
    today.add(laptop, today.local(trip.net, 8, 10), 'login.success', { method: this.signInMethod() });
    if (this.random.chance(0.6)) today.add(place(userAgents.phone), today.local(trip.net, 12, 22), 'login.success', { method: this.signInMethod() });
    if (this.random.chance(0.5)) today.add(place(userAgents.console), today.local(trip.net, 20, 23), 'login.success', { method: this.signInMethod() });
  }

  private confirm(today: Day, place: Place, time: number): void {
    today.add(place, time, 'session.confirmed', { method: this.twoFactor ? 'totp' : 'password' });
  }

  private createToken(today: Day, place: Place, time: number, name: string, permission: string): Token {
    this.tokenIds += 1;
    const token = { id: String(this.tokenIds), name };
    today.add(place, time, 'token.created', {
      id: token.id,
      name,
      permission,
      projects: 'all',
      expiresAt: new Date(time + 90 * day).toISOString(),
    });
    return token;
  }

  private firstTokens(today: Day): void {
    const laptop: Place = { net: networks.telekomHome, ip: this.homeIp, userAgent: userAgents.laptop };
    const time = today.localSpan(laptop.net, 20, 21, 10 * minute);
    today.add(laptop, time, 'login.success', { method: 'totp' });
    this.confirm(today, laptop, time + minute);
    this.publishToken = this.createToken(today, laptop, time + 2 * minute, 'ci-publish', 'read-write');
    this.nextRotation = 90;
  }

  private rotateToken(today: Day, laptop: Place): void {
    const old = this.publishToken!;
    const time = today.localSpan(laptop.net, 20, 22, 10 * minute);
    today.add(laptop, time, 'login.success', { method: this.signInMethod() });
    this.confirm(today, laptop, time + minute);
    today.add(laptop, time + 2 * minute, 'token.revoked', { reason: 'user', id: old.id, name: old.name });
    this.publishToken = this.createToken(today, laptop, time + 3 * minute, 'ci-publish', 'read-write');
    this.revokedToken = { token: old, triesLeft: this.random.int(1, 3) };
    this.nextRotation += 90;
  }

  // Signing in confirms the session, so the new authenticator needs no code from the lost one.
  private replaceAuthenticator(today: Day, laptop: Place): void {
    const time = today.localSpan(laptop.net, 19, 21, 10 * minute);
    this.recoveryCodesLeft -= 1;
    today.add(laptop, time, 'recovery_code.used', { remaining: this.recoveryCodesLeft });
    today.add(laptop, time, 'login.success', { method: 'recovery_code' });
    today.add(laptop, time + 3 * minute, 'two_factor.replaced', { method: 'totp' });
    today.add(laptop, time + 4 * minute, 'recovery_codes.generated', { reason: 'regenerated', count: 8 });
    this.recoveryCodesLeft = 8;
  }

  private turnTwoFactorOff(today: Day, laptop: Place): void {
    const time = today.localSpan(laptop.net, 21, 22, 10 * minute);
    today.add(laptop, time, 'login.success', { method: 'totp' });
    this.confirm(today, laptop, time + minute);
    today.add(laptop, time + 2 * minute, 'two_factor.disabled', { method: 'totp', recoveryCodesRevoked: this.recoveryCodesLeft });
    this.twoFactor = false;
    this.recoveryCodesLeft = 0;
  }

  /** Credential stuffing at night: a burst, the rate limit, then the right password; the owner's lockdown at night. */
  private breach(today: Day, laptop: Place): void {
    const attacker: Place = { net: networks.vnpt, ip: addressIn(networks.vnpt, this.random), userAgent: 'python-requests/2.31.0' };
    const start = today.start + this.random.int(60, 150) * minute;
    const refusedFrom = this.failures(today, attacker, start, 10);
    today.add(attacker, refusedFrom, 'login.rate_limited', {
      count: 37,
      firstAt: new Date(refusedFrom).toISOString(),
      lastAt: new Date(refusedFrom + 4 * minute).toISOString(),
      retryAfterSeconds: 60,
    });
    const signedIn = refusedFrom + 6 * minute;
    const attackerSession = String((this.sessionIds += 1));
    today.add(attacker, signedIn, 'login.success', { method: 'password' });
    this.confirm(today, attacker, signedIn + 40 * second);
    const planted = this.createToken(today, attacker, signedIn + 2 * minute, 'deploy', 'read-write');

    const noticed = today.localSpan(laptop.net, 19, 20, 30 * minute);
    today.add(laptop, noticed, 'login.success', { method: 'password' });
    this.changePassword(today, laptop, noticed + 2 * minute, attackerSession);
    today.add(laptop, noticed + 4 * minute, 'token.revoked', { reason: 'user', id: planted.id, name: planted.name });
    this.confirm(today, laptop, noticed + 6 * minute);
    today.add(laptop, noticed + 8 * minute, 'two_factor.enabled', { method: 'totp' });
    today.add(laptop, noticed + 8 * minute, 'recovery_codes.generated', { reason: 'enabled', count: 8 });
    this.twoFactor = true;
    this.recoveryCodesLeft = 8;
  }

  private changePassword(today: Day, laptop: Place, time: number, otherSession: string | null): void {
    this.confirm(today, laptop, time);
    if (otherSession !== null) {
      today.add(laptop, time + minute, 'session.ended', { reason: 'password_changed', sessionId: otherSession });
    }
    today.add(laptop, time + minute, 'password.changed', { sessionsEnded: otherSession === null ? 0 : 1 });
  }

  private recoveryCodeSignIn(today: Day, laptop: Place): void {
    const time = today.localSpan(laptop.net, 19, 22, 10 * minute);
    this.recoveryCodesLeft -= 1;
    today.add(laptop, time, 'recovery_code.used', { remaining: this.recoveryCodesLeft });
    today.add(laptop, time, 'login.success', { method: 'recovery_code' });
    if (this.recoveryCodesLeft <= 2) {
      this.confirm(today, laptop, time + 2 * minute);
      today.add(laptop, time + 3 * minute, 'recovery_codes.generated', { reason: 'regenerated', count: 8 });
      this.recoveryCodesLeft = 8;
    }
  }

  /** Ten failed sign-ins some seconds apart (the rate limit's threshold); when the refusals began. */
  private failures(today: Day, attacker: Place, start: number, count: number): number {
    let time = start;
    for (let attempt = 0; attempt < count; attempt += 1) {
      today.add(attacker, time, 'login.failure', { reason: 'invalid_password' });
      time += this.random.int(15, 45) * second;
    }
    return time;
  }

  private attacker(): Place {
    const net = this.random.pick(attackNetworks);
    return { net, ip: addressIn(net, this.random), userAgent: this.random.pick(userAgents.attackScripts) };
  }

  private burst(today: Day): void {
    const attacker = this.attacker();
    const start = today.localSpan(networks.telekomHome, 0, 24, 20 * minute);
    const refusedFrom = this.failures(today, attacker, start, 10);
    const refusedFor = this.random.int(20, 290) * second;
    today.add(attacker, refusedFrom, 'login.rate_limited', {
      count: this.random.int(5, 400),
      firstAt: new Date(refusedFrom).toISOString(),
      lastAt: new Date(refusedFrom + refusedFor).toISOString(),
      retryAfterSeconds: this.random.int(1, 300),
    });
  }

  private singleGuess(today: Day): void {
    const attacker = this.attacker();
    today.add(attacker, today.local(networks.telekomHome, 0, 24), 'login.failure', { reason: 'invalid_password' });
  }

  private leakedTokenTried(today: Day, token: Token): void {
    const attacker = this.attacker();
    today.add(attacker, today.local(attacker.net, 0, 24), 'token.refused', {
      reason: 'ip_not_allowed',
      id: token.id,
      name: token.name,
      project: this.random.pick(projects),
    });
  }

  private nextVersion(project: string): string {
    const release = (this.releases.get(project) ?? 0) + 1;
    this.releases.set(project, release);
    return `2.${Math.floor(release / 100)}.${release % 100}`;
  }

  /** `count` events of release automation at any hour: publishes from CI, and what a token rotation brings. */
  private automation(today: Day, count: number): void {
    const token = this.publishToken;
    if (!token) return;
    if (today.start >= this.nextNatChange) {
      // New runners, new NAT gateways: two egress addresses for about a year.
      this.natIps = [addressIn(networks.awsUsEast, this.random), addressIn(networks.awsUsEast, this.random)];
      this.nextNatChange = today.start + this.random.int(300, 420) * day;
    }
    let added = 0;
    while (added < count) {
      const ci: Place = { net: networks.awsUsEast, ip: this.random.pick(this.natIps), userAgent: userAgents.ci };
      const time = today.local(ci.net, 0, 24);
      if (this.revokedToken && this.revokedToken.triesLeft > 0) {
        const { token: old } = this.revokedToken;
        today.add(ci, time, 'token.refused', { reason: 'token_revoked', id: old.id, name: old.name });
        this.revokedToken.triesLeft -= 1;
        added += 1;
        continue;
      }
      const seen = `${token.id} ${ci.ip}`;
      if (!this.seenByToken.has(seen)) {
        this.seenByToken.add(seen);
        today.add(ci, time, 'token.used_from_new_ip', { id: token.id, name: token.name });
        added += 1;
        if (added === count) break;
      }
      const project = this.random.pick(projects);
      today.add(ci, time, 'release.published', {
        project,
        version: this.nextVersion(project),
        via: 'token',
        tokenId: token.id,
        tokenName: token.name,
      });
      added += 1;
    }
  }
}

/** The history, oldest first: exactly `events` of them. */
export function* accountHistory(options: HistoryOptions): Generator<HistoryEvent> {
  const plan = new HistoryPlan(options);
  let emitted = 0;
  for (let index = 0; index < plan.days; index += 1) {
    for (const event of plan.day(index, emitted)) {
      yield event;
      emitted += 1;
      if (emitted === options.events) return;
    }
  }
}

/** Appends the history to an existing account's log in one transaction; the account's chain head afterwards. */
export function seedAccountHistory(store: RegistryStore, username: string, options: HistoryOptions): SeededHistory {
  const account = store.accounts.findByUsername(username);
  if (!account) throw new HistorySeedError(`no account named "${username}"`);
  const accountId = account.id;
  let first: number | null = null;
  let last: number | null = null;
  const events = (function* () {
    for (const event of accountHistory(options)) {
      first ??= event.time;
      last = event.time;
      yield { ...event, accountId };
    }
  })();
  const count = transaction(store.db, () => store.events.appendAll(events));
  return {
    username: account.username,
    events: count,
    from: first === null ? null : new Date(first).toISOString(),
    until: last === null ? null : new Date(last).toISOString(),
    head: toEventsHead(store.events.head(accountId)),
  };
}

export class HistorySeedError extends Error {}

export interface SeededHistory {
  username: string;
  events: number;
  /** The first and last seeded events' times. */
  from: string | null;
  until: string | null;
  head: EventsHead;
}
