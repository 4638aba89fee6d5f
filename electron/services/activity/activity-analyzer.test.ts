import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { EventType } from '../../../registry/contract/schemas.ts';
import { createActivityAnalyzer, type ActivityAnalyzer, type AnalyzableEvent } from './activity-analyzer.ts';
import type { FlagKind } from './activity-flags.ts';
import { sharedGeolocator, type Geolocator } from './geolocation.ts';
import { greatCircleKm } from './great-circle.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const start = Date.parse('2026-01-05T08:00:00Z');

// Real public addresses, checked against the database in `before` so the test says where DB-IP puts them.
const londonHome = '81.2.69.142';
const londonOffice = '212.58.244.20';
const amsterdam = '193.0.6.139';
const tokyo = '133.11.0.1';
const firefoxMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:132.0) Gecko/20100101 Firefox/132.0';
const chromeWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const npmLinux = 'npm/11.6.0 node/v24.11.0 linux x64 workspaces/false';

let geolocator: Geolocator;

before(async () => {
  geolocator = await sharedGeolocator();
  const countries = [londonHome, londonOffice, amsterdam, tokyo].map((ip) => {
    const place = geolocator.locate(ip);
    return place.kind === 'public' ? place.country : place.kind;
  });
  assert.deepEqual(countries, ['GB', 'GB', 'NL', 'JP']);
});

let nextId = 1;
function event(type: EventType, at: number, ip: string, userAgent = firefoxMac, details: AnalyzableEvent['details'] = {}): AnalyzableEvent {
  return { id: String(nextId++), type, time: new Date(at).toISOString(), ip, userAgent, details };
}
const signIn = (at: number, ip = londonHome, userAgent = firefoxMac) => event('login.success', at, ip, userAgent, { method: 'totp' });
const failure = (at: number, ip = '45.33.32.156', reason = 'invalid_password') => event('login.failure', at, ip, 'python-requests/2.31.0', { reason });

function analyzer(): ActivityAnalyzer {
  return createActivityAnalyzer({ geolocator });
}

/** An account past its warm-up: a month of evening sign-ins from home. */
function settled(): ActivityAnalyzer {
  const settledAnalyzer = analyzer();
  for (let d = 0; d < 30; d += 1) assert.equal(settledAnalyzer.push(signIn(start + d * day + 12 * hour)), null);
  return settledAnalyzer;
}
const afterSettling = start + 30 * day + 12 * hour;

const kinds = (result: ReturnType<ActivityAnalyzer['push']>): FlagKind[] => result?.flags.map((flag) => flag.kind) ?? [];

test('a quiet account raises no flag: six months of the same home, office and devices, the odd typo', () => {
  const quiet = analyzer();
  const flagged: string[] = [];
  const push = (e: AnalyzableEvent) => {
    const result = quiet.push(e);
    if (result) flagged.push(`${e.type} ${result.flags.map((flag) => flag.reason).join('; ')}`);
  };
  for (let d = 0; d < 180; d += 1) {
    const morning = start + d * day;
    push(signIn(morning + 9 * hour, londonOffice, chromeWindows));
    push(event('session.confirmed', morning + 9 * hour + 5 * minute, londonOffice, chromeWindows, { method: 'totp' }));
    push(event('session.ended', morning + 17 * hour, londonOffice, chromeWindows, { reason: 'sign_out' }));
    if (d % 7 === 3) push(failure(morning + 20 * hour, londonHome, 'invalid_totp'));
    push(signIn(morning + 20 * hour + minute, londonHome, firefoxMac));
    if (d % 2 === 0) push(signIn(morning + 21 * hour, londonHome, npmLinux));
    push(event('release.published', morning + 21 * hour + minute, londonHome, npmLinux, { project: 'left-pad', version: `1.0.${d}` }));
  }
  assert.deepEqual(flagged, []);
  assert.equal(quiet.flaggedCount, 0);
});

test('warm-up: the first week learns the account, so its first devices and places are not all "new"', () => {
  const fresh = analyzer();
  assert.equal(fresh.push(signIn(start, londonHome, firefoxMac)), null);
  assert.equal(fresh.push(signIn(start + 2 * day, londonOffice, chromeWindows)), null);
  assert.equal(fresh.push(signIn(start + 6 * day, amsterdam, npmLinux)), null, 'still in the first 7 days');
  // After the week, what it learnt is known and anything else is new.
  assert.equal(fresh.push(signIn(start + 8 * day, amsterdam, npmLinux)), null);
  assert.deepEqual(kinds(fresh.push(signIn(start + 9 * day, tokyo, npmLinux))), ['new_country', 'new_ip']);
});

test('warm-up does not hide what is wrong whatever the history: travel, bursts, account changes', () => {
  const fresh = analyzer();
  fresh.push(signIn(start, londonHome));
  assert.deepEqual(kinds(fresh.push(signIn(start + hour, tokyo))), ['impossible_travel']);
  assert.deepEqual(kinds(fresh.push(event('two_factor.disabled', start + 2 * hour, tokyo))), ['two_factor_disabled']);
});

test('a new IP address with a known device in a known country is a low flag naming the address', () => {
  const result = settled().push(signIn(afterSettling, londonOffice, firefoxMac));
  assert.deepEqual(result?.flags, [
    { kind: 'new_ip', severity: 'low', reason: 'New IP address 212.58.244.20: no sign-in from it in the previous 90 days' },
  ]);
});

test('a new device from a known address is a medium flag naming the browser and OS', () => {
  const result = settled().push(signIn(afterSettling, londonHome, chromeWindows));
  assert.deepEqual(result?.flags, [
    { kind: 'new_device', severity: 'medium', reason: 'New device: Chrome on Windows, not used to sign in in the previous 90 days' },
  ]);
  assert.match(settled().push(signIn(afterSettling, londonHome, npmLinux))?.flags[0]?.reason ?? '', /New device: npm on Linux/);
});

test('a new country is a high flag naming it (its address is new too)', () => {
  const result = settled().push(signIn(afterSettling, amsterdam, firefoxMac));
  assert.deepEqual(kinds(result), ['new_country', 'new_ip']);
  assert.deepEqual(result?.flags[0], {
    kind: 'new_country',
    severity: 'high',
    reason: 'New country: Netherlands, no sign-in from there in the previous 90 days',
  });
});

test('"new" means not seen in the previous 90 days', () => {
  const account = settled();
  const lastHome = start + 29 * day + 12 * hour;
  // Only the office for a while, then home again just inside and just outside 90 days of the last home sign-in.
  account.push(signIn(afterSettling, londonOffice));
  for (let d = 1; d < 89; d += 1) account.push(signIn(afterSettling + d * day, londonOffice));
  assert.equal(account.push(signIn(lastHome + 90 * day - minute, londonHome)), null);
  const laterAccount = settled();
  for (let d = 0; d < 89; d += 1) laterAccount.push(signIn(afterSettling + d * day, londonOffice));
  assert.deepEqual(kinds(laterAccount.push(signIn(lastHome + 90 * day + minute, londonHome))), ['new_ip']);
});

test('IPv6 addresses are compared by their /64, which privacy extensions rotate within', () => {
  const account = analyzer();
  account.push(signIn(start, '2001:67c:2e8:22::c100:68b'));
  account.push(signIn(start + 8 * day, '2001:67c:2e8:22::c100:68b'));
  assert.equal(account.push(signIn(start + 9 * day, '2001:67c:2e8:22:a1b2:c3d4:e5f6:1')), null);
  const other = account.push(signIn(start + 10 * day, '2001:67c:2e8:23::1'));
  assert.deepEqual(kinds(other), ['new_ip']);
  assert.match(other!.flags[0]!.reason, /2001:67c:2e8:23::1 is in 2001:67c:2e8:23::\/64/);
});

test('impossible travel: flagged just over 1,000 km/h, not just under', () => {
  const [from, to] = [geolocator.locate(londonHome), geolocator.locate(tokyo)];
  assert.ok(from.kind === 'public' && to.kind === 'public' && from.latitude !== null && to.latitude !== null);
  const km = greatCircleKm(from as { latitude: number; longitude: number }, to as { latitude: number; longitude: number });
  assert.ok(km > 9_000 && km < 10_000, `London to Tokyo is ${km} km`);
  const gapAt = (kmh: number) => Math.round((km / kmh) * hour);

  const under = settled();
  under.push(signIn(afterSettling, londonHome));
  assert.ok(!kinds(under.push(signIn(afterSettling + gapAt(990), tokyo))).includes('impossible_travel'));

  const over = settled();
  over.push(signIn(afterSettling, londonHome));
  const result = over.push(signIn(afterSettling + gapAt(1_010), tokyo));
  const travel = result?.flags.find((flag) => flag.kind === 'impossible_travel');
  assert.equal(travel?.severity, 'high');
  assert.match(
    travel?.reason ?? '',
    /^Impossible travel: Chiyoda City, Japan 9 h \d+ min after a sign-in from London, United Kingdom, 9,\d{3} km away \(1,01\d km\/h\)$/,
  );
});

test('no impossible travel within the error of city-level location, nor between unlocated addresses', () => {
  const account = settled();
  account.push(signIn(afterSettling, londonHome));
  // London to Amsterdam (about 360 km) in a minute: under the 500 km floor.
  assert.ok(!kinds(account.push(signIn(afterSettling + minute, amsterdam))).includes('impossible_travel'));
  // A private address and a documentation one have no place at all, so no speed.
  assert.ok(!kinds(account.push(signIn(afterSettling + 2 * minute, '10.0.0.8'))).includes('impossible_travel'));
  assert.ok(!kinds(account.push(signIn(afterSettling + 3 * minute, '192.0.2.146'))).includes('impossible_travel'));
  // Tokyo is compared with the last located sign-in (Amsterdam), not the unlocated ones in between.
  assert.ok(kinds(account.push(signIn(afterSettling + 4 * minute, tokyo))).includes('impossible_travel'));
});

test('a burst: 9 failed sign-ins in 10 minutes are not one, the 10th is, flagged once', () => {
  const account = settled();
  const t0 = afterSettling;
  for (let i = 0; i < 9; i += 1) assert.equal(account.push(failure(t0 + i * minute)), null);
  const tenth = account.push(failure(t0 + 10 * minute));
  assert.deepEqual(tenth?.flags, [
    { kind: 'failed_sign_in_burst', severity: 'medium', reason: '10 failed sign-ins within 10 min, from 45.33.32.156' },
  ]);
  for (let i = 11; i < 30; i += 1) assert.equal(account.push(failure(t0 + i * minute, `45.33.32.${i}`)), null, 'same burst');
  // Ten quiet minutes end it; the next burst is flagged again.
  const later = t0 + 29 * minute + 10 * minute + 1;
  for (let i = 0; i < 9; i += 1) assert.equal(account.push(failure(later + i * 1_000)), null);
  assert.deepEqual(kinds(account.push(failure(later + 9_000))), ['failed_sign_in_burst']);
});

test('ten failures spread over more than 10 minutes are not a burst', () => {
  const account = settled();
  for (let i = 0; i < 20; i += 1) assert.equal(account.push(failure(afterSettling + i * 67_000)), null);
});

test('a rate-limit tally counts every attempt it stands for', () => {
  const account = settled();
  const tally = event('login.rate_limited', afterSettling, '45.33.32.156', 'python-requests/2.31.0', {
    count: 212,
    firstAt: new Date(afterSettling).toISOString(),
    lastAt: new Date(afterSettling + 5 * minute).toISOString(),
    retryAfterSeconds: 1,
  });
  assert.deepEqual(account.push(tally)?.flags[0]?.reason, '212 failed sign-ins within 10 min, from 45.33.32.156');
  // Its last attempt, five minutes on, is what "right after" is measured from.
  assert.deepEqual(kinds(account.push(signIn(afterSettling + 14 * minute))), ['sign_in_after_burst']);
});

test('a successful sign-in right after a burst is high (credential stuffing); after 9 failures or 10 quiet minutes it is not', () => {
  const account = settled();
  for (let i = 0; i < 10; i += 1) account.push(failure(afterSettling + i * 30_000, '45.33.32.156'));
  const success = account.push(signIn(afterSettling + 9 * 30_000 + 2 * minute, '45.33.32.156', firefoxMac));
  const stuffing = success?.flags.find((flag) => flag.kind === 'sign_in_after_burst');
  assert.equal(stuffing?.severity, 'high');
  assert.equal(
    stuffing?.reason,
    'Signed in 2 min after a burst of 10 failed sign-ins from 45.33.32.156, from the same address: possibly a guessed or stolen password',
  );

  const nine = settled();
  for (let i = 0; i < 9; i += 1) nine.push(failure(afterSettling + i * 30_000));
  assert.equal(nine.push(signIn(afterSettling + 5 * minute)), null);

  const quiet = settled();
  for (let i = 0; i < 10; i += 1) quiet.push(failure(afterSettling + i * 30_000));
  assert.equal(quiet.push(signIn(afterSettling + 9 * 30_000 + 10 * minute + 1_000)), null);
});

test('a recovery code used to sign in is a medium flag saying how many are left', () => {
  const result = settled().push(event('recovery_code.used', afterSettling, londonHome, firefoxMac, { remaining: 7 }));
  assert.deepEqual(result?.flags, [{ kind: 'recovery_code_used', severity: 'medium', reason: 'A recovery code was used to sign in (7 left)' }]);
});

test('two-factor authentication turned off is high', () => {
  const result = settled().push(event('two_factor.disabled', afterSettling, londonHome, firefoxMac, { method: 'totp', recoveryCodesRevoked: 8 }));
  assert.deepEqual(result?.flags, [{ kind: 'two_factor_disabled', severity: 'high', reason: 'Two-factor authentication was turned off' }]);
});

test('a password change is medium and says how many other sessions it ended', () => {
  const account = settled();
  assert.deepEqual(account.push(event('password.changed', afterSettling, londonHome, firefoxMac, { sessionsEnded: 2 }))?.flags, [
    { kind: 'password_changed', severity: 'medium', reason: 'Password changed, ending 2 other sessions' },
  ]);
  assert.equal(account.push(event('password.changed', afterSettling + day, londonHome, firefoxMac, { sessionsEnded: 0 }))?.flags[0]?.reason, 'Password changed');
});

test('a token created is flagged by what it can do; one used from a new address names the token and address', () => {
  const account = settled();
  const details = { id: '12', name: 'release', permission: 'read-write', projects: 'all', expiresAt: '2026-03-01T00:00:00.000Z' };
  assert.deepEqual(account.push(event('token.created', afterSettling, londonHome, firefoxMac, details))?.flags, [
    { kind: 'token_created', severity: 'medium', reason: 'Token “release” created: read-write, all projects' },
  ]);
  const readOnly = account.push(event('token.created', afterSettling, londonHome, firefoxMac, { ...details, name: 'mirror', permission: 'read-only', projects: 'left-pad,right-pad' }));
  assert.deepEqual(readOnly?.flags, [{ kind: 'token_created', severity: 'low', reason: 'Token “mirror” created: read-only, projects left-pad, right-pad' }]);
  const many = account.push(event('token.created', afterSettling, londonHome, firefoxMac, { ...details, projects: 'a,b,c,d,e' }));
  assert.equal(many?.flags[0]?.reason, 'Token “release” created: read-write, 5 projects');
  const used = account.push(event('token.used_from_new_ip', afterSettling + hour, tokyo, npmLinux, { id: '12', name: 'release' }));
  assert.deepEqual(used?.flags, [
    { kind: 'token_new_ip', severity: 'low', reason: 'Token “release” used from a new address, 133.11.0.1' },
  ]);
  // Where that is, the row's place column says.
  assert.equal(account.describe({ ip: tokyo, userAgent: npmLinux }).placeLabel, 'Chiyoda City, Japan');
});

test('malformed events never throw: missing address, odd user agent, no details, bad time, unknown type', () => {
  const account = settled();
  const odd = [
    { id: 'a', type: 'login.success', time: new Date(afterSettling).toISOString() },
    { id: 'b', type: 'login.success', time: new Date(afterSettling).toISOString(), ip: null, userAgent: 42, details: null },
    { id: 'c', type: 'login.success', time: 'yesterday', ip: londonHome, userAgent: '((((' },
    { id: 'd', type: 'login.failure', time: undefined, ip: 'not-an-ip', userAgent: '\u0000', details: { reason: 7 } },
    { id: 'e', type: 'login.rate_limited', time: new Date(afterSettling).toISOString(), ip: '', details: { count: 'many', lastAt: 'soon' } },
    { id: 'f', type: 'token.created', time: new Date(afterSettling).toISOString(), details: { name: { nested: true } } },
    { id: 'g', type: 'token.used_from_new_ip', time: new Date(afterSettling).toISOString() },
    { id: 'h', type: 'recovery_code.used', time: new Date(afterSettling).toISOString(), details: { remaining: 'x'.repeat(10_000) } },
    { id: 'i', type: 'something.new', time: new Date(afterSettling).toISOString(), ip: londonHome },
    { id: 'j', type: 'password.changed', time: 12, ip: '::ffff:999.1.1.1', userAgent: 'x'.repeat(100_000) },
  ] as unknown as AnalyzableEvent[];
  const results = odd.map((e) => kinds(account.push(e)));
  assert.deepEqual(results, [
    // No address to name: only the device, which no user agent at all is new.
    ['new_device'],
    [],
    // Without a time a sign-in cannot be compared with anything.
    [],
    [],
    [],
    ['token_created'],
    ['token_new_ip'],
    ['recovery_code_used'],
    [],
    ['password_changed'],
  ]);
  assert.equal(
    account.flagsFor('a')[0]?.reason,
    'New device: a user agent no browser or tool recognisably sends, not used to sign in in the previous 90 days',
  );
  for (const e of odd) assert.equal(typeof account.describe(e).placeLabel, 'string');
  assert.equal(account.describe(odd[0]!).device.label, 'Unknown device');
  assert.equal(account.describe(odd[0]!).placeLabel, 'Unknown location');
});

test('describe gives place and device for any event; non-public addresses are labelled, never located', () => {
  const account = analyzer();
  const describe = (ip: string, userAgent = npmLinux) => {
    const { placeLabel, device } = account.describe({ ip, userAgent });
    return `${placeLabel} | ${device.label}`;
  };
  assert.equal(describe(londonHome, firefoxMac), 'London, United Kingdom | Firefox on Mac OS');
  assert.equal(describe('127.0.0.1'), 'This computer | npm on Linux');
  assert.equal(describe('::1'), 'This computer | npm on Linux');
  assert.equal(describe('192.168.1.20'), 'Private network | npm on Linux');
  assert.equal(describe('fe80::1'), 'Local link | npm on Linux');
  assert.equal(describe('203.0.113.24'), 'Documentation address | npm on Linux');
  assert.equal(describe('2001:db8::1'), 'Documentation address | npm on Linux');
  assert.equal(describe('garbage'), 'Unknown location | npm on Linux');
});

test('pages: pushAll returns a page’s flagged events; flagsFor and flagged() answer for everything pushed', () => {
  const account = analyzer();
  const page1 = [signIn(start), event('token.created', start + minute, londonHome, firefoxMac, { name: 'ci', permission: 'read-write', projects: 'all' })];
  const page2 = [signIn(start + day), event('two_factor.disabled', start + day + minute, londonHome)];
  assert.deepEqual(account.pushAll(page1).map((flagged) => flagged.eventId), [page1[1]!.id]);
  assert.deepEqual(account.pushAll(page2).map((flagged) => flagged.eventId), [page2[1]!.id]);
  assert.deepEqual(account.flagsFor(page2[1]!.id).map((flag) => flag.kind), ['two_factor_disabled']);
  assert.deepEqual(account.flagsFor(page1[0]!.id), []);
  assert.deepEqual([...account.flagged()].map((flagged) => flagged.eventId), [page1[1]!.id, page2[1]!.id]);
  assert.equal(account.processed, 4);
  assert.equal(account.flaggedCount, 2);
});

test('memory stays bounded: what it remembers is capped, the rest forgotten after 90 days', () => {
  const account = createActivityAnalyzer({ geolocator, maxRemembered: 3 });
  for (let i = 0; i < 10; i += 1) account.push(signIn(start + i * minute, `81.2.69.${100 + i}`));
  // Past the cap, the stalest address was forgotten: seen again, it is new again (after the warm-up).
  assert.deepEqual(kinds(account.push(signIn(start + 8 * day, '81.2.69.100'))), ['new_ip']);
  assert.equal(account.push(signIn(start + 8 * day + minute, '81.2.69.109')), null);
});
