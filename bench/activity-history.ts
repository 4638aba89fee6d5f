// A long, plausible audit log for one busy maintainer, generated lazily (one day at a time, oldest first) so a
// million events never sit in memory together: the analyzer bench measures the analyzer, not the fixture.
// Seeded, so every run judges the same history. Addresses are real public ranges (home broadband, an office,
// mobile, hotels abroad, cloud CI runners, attackers anywhere) so geolocation does real work.
import type { AuditEvent, EventType } from '../registry/contract/schemas.ts';

/** An event as the registry sends it, less what the analyzer never reads (the hash chain's fields). */
export type SyntheticEvent = Pick<AuditEvent, 'id' | 'type' | 'time' | 'ip' | 'userAgent' | 'details'>;

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

// mulberry32: a tiny deterministic generator; Math.random cannot be seeded.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface HistoryOptions {
  events: number;
  /** The first day's midnight, UTC. */
  from?: number;
  seed?: number;
}

export function* syntheticHistory(options: HistoryOptions): Generator<SyntheticEvent> {
  const random = seeded(options.seed ?? 42);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => random() < p;
  const octet = () => 1 + int(254);

  const browserVersion = (d: number) => 120 + Math.floor(d / 30);
  const userAgents = {
    firefoxMac: (d: number) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:${browserVersion(d)}.0) Gecko/20100101 Firefox/${browserVersion(d)}.0`,
    chromeWindows: (d: number) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browserVersion(d)}.0.0.0 Safari/537.36`,
    safariPhone: (d: number) =>
      `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${d % 7} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${d % 7} Mobile/15E148 Safari/604.1`,
    npmMac: (d: number) => `npm/10.${Math.floor(d / 60) % 10}.0 node/v22.${Math.floor(d / 45) % 12}.0 darwin arm64 workspaces/false`,
    npmCi: (d: number) => `npm/11.${Math.floor(d / 60) % 10}.0 node/v24.${Math.floor(d / 45) % 12}.0 linux x64 workspaces/false ci/github-actions`,
  };
  const bots = ['python-requests/2.31.0', 'Go-http-client/1.1', 'curl/8.5.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'];
  const hotels = ['90.10', '91.10', '153.156', '73.10', '200.160', '1.120', '41.0'];
  const office = '212.58.244.20';
  const staleCi = '52.168.14.7';
  let homeIp = `86.140.${octet()}.${octet()}`;
  let homeV6 = `2a00:23c6:${int(0xffff).toString(16)}:${int(0xffff).toString(16)}`;
  let trip: { until: number; prefix: string } | null = null;

  let id = 0;
  let emitted = 0;
  const start = options.from ?? Date.parse('2023-01-02T00:00:00Z');
  for (let d = 0; emitted < options.events; d += 1) {
    const midnight = start + d * day;
    // Made as the final events (ids come in time order below), so the generator leaves little garbage behind.
    const drafts: SyntheticEvent[] = [];
    const at = (type: EventType, time: number, ip: string, userAgent: string, details: SyntheticEvent['details'] = {}) =>
      drafts.push({ id: '', type, time: new Date(time).toISOString(), ip, userAgent, details });
    const during = (fromHour: number, toHour: number) => midnight + fromHour * hour + int((toHour - fromHour) * hour);
    const weekday = new Date(midnight).getUTCDay() % 6 !== 0;

    // The broadband address changes about monthly; the IPv6 prefix with it.
    if (chance(1 / 30)) {
      homeIp = `86.140.${octet()}.${octet()}`;
      homeV6 = `2a00:23c6:${int(0xffff).toString(16)}:${int(0xffff).toString(16)}`;
    }
    if (!trip && chance(1 / 90)) trip = { until: midnight + (4 + int(7)) * day, prefix: pick(hotels) };
    if (trip && midnight > trip.until) trip = null;

    // The maintainer: browser sign-ins at work and home (or the hotel), the CLI, now and then the phone.
    const home = trip ? `${trip.prefix}.${octet()}.${octet()}` : chance(0.3) ? `${homeV6}:${int(0xffff).toString(16)}::${octet()}` : homeIp;
    if (weekday && !trip) {
      const time = during(8, 10);
      at('login.success', time, office, userAgents.chromeWindows(d), { method: 'totp' });
      at('session.confirmed', time + 20 * minute, office, userAgents.chromeWindows(d), { method: 'totp' });
      at('session.ended', during(17, 19), office, userAgents.chromeWindows(d), { reason: 'sign_out' });
    }
    if (chance(0.05)) at('login.failure', during(19, 20), home, userAgents.firefoxMac(d), { reason: pick(['invalid_password', 'invalid_totp']) });
    at('login.success', during(20, 21), home, userAgents.firefoxMac(d), { method: 'totp' });
    for (let i = 0, n = 2 + int(8); i < n; i += 1) at('login.success', during(21, 23), home, userAgents.npmMac(d), { method: 'totp' });
    if (chance(0.2)) at('login.success', during(12, 13), `82.132.${octet()}.${octet()}`, userAgents.safariPhone(d), { method: 'totp' });

    // CI: every run is a fresh cloud runner, so the publish token keeps meeting new addresses; each run
    // publishes the monorepo's packages. A forgotten job retries an expired token all day.
    for (let run = 0, runs = 20 + int(10); run < runs; run += 1) {
      const runner = `20.${int(64)}.${octet()}.${octet()}`;
      const time = during(0, 24);
      at('token.used_from_new_ip', time, runner, userAgents.npmCi(d), { id: '7', name: 'release' });
      for (let p = 0, packages = 10 + int(8); p < packages; p += 1) {
        at('release.published', time + p * 2_000, runner, userAgents.npmCi(d), {
          project: `@acme/pkg-${p}`,
          version: `${Math.floor(d / 30)}.${run}.${p}`,
          via: 'token',
          tokenId: '7',
          tokenName: 'release',
        });
      }
    }
    for (let i = 0, n = 150 + int(100); i < n; i += 1) {
      at('token.refused', during(0, 24), staleCi, userAgents.npmCi(d), { reason: 'token_expired', id: '3', name: 'old-ci', project: '@acme/pkg-0' });
    }

    // Attacks: every few days a botnet sprays passwords for an hour or two, each address until the rate limit
    // stops it (then one tally per address sums what was refused); now and then a guess succeeds.
    if (chance(1 / 4)) {
      const time = during(0, 22);
      const userAgent = pick(bots);
      for (let bot = 0, bots = 20 + int(300); bot < bots; bot += 1) {
        const ip = `${pick([45, 103, 185, 91, 177, 36, 5, 2001])}.${octet()}.${octet()}.${octet()}`.replace(/^2001\.(\d+)\.(\d+)\.(\d+)$/, '2001:$1:$2::$3');
        const first = time + int(2 * hour);
        const attempts = 1 + int(10);
        for (let i = 0; i < attempts; i += 1) at('login.failure', first + i * 20_000, ip, userAgent, { reason: 'invalid_password' });
        if (attempts === 10) {
          const firstAt = first + 10 * 20_000;
          at('login.rate_limited', firstAt, ip, userAgent, {
            count: 5 + int(200),
            firstAt: new Date(firstAt).toISOString(),
            lastAt: new Date(firstAt + 5 * minute).toISOString(),
            retryAfterSeconds: 1,
          });
        }
      }
      if (chance(0.05)) at('login.success', time + 2 * hour, `185.${octet()}.${octet()}.${octet()}`, userAgent, { method: 'password' });
    }

    // Rarer account changes.
    if (chance(1 / 30)) at('token.created', during(10, 18), home, userAgents.firefoxMac(d), { id: String(100 + d), name: `deploy-${d}`, permission: pick(['read-write', 'read-only']), projects: 'all', expiresAt: new Date(midnight + 30 * day).toISOString() });
    if (chance(1 / 60)) at('recovery_code.used', during(19, 20), home, userAgents.firefoxMac(d), { remaining: 1 + int(7) });
    if (chance(1 / 200)) at('password.changed', during(19, 22), home, userAgents.firefoxMac(d), { sessionsEnded: int(3) });
    if (chance(1 / 500)) at('two_factor.disabled', during(19, 22), home, userAgents.firefoxMac(d), { method: 'totp', recoveryCodesRevoked: 8 });

    // One format throughout, so text order is time order.
    drafts.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    for (const draft of drafts) {
      if (emitted >= options.events) return;
      emitted += 1;
      id += 1;
      draft.id = String(id);
      yield draft;
    }
  }
}
