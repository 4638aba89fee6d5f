// The demo registry is what someone trying Vigil sees first, so its Activity page must show every kind of flag
// the analyzer raises, on addresses the bundled IP database places where the demo's story says. This seeds the
// real demo into a real store, reads its log as the registry's API gives it, and runs it through the real
// analyzer and geolocator, for demos started on every day of the week and at any hour.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import type { AuditEvent } from '../../../registry/contract/schemas.ts';
import { parseCidr, parseIp, rangeContains } from '../../../registry/contract/cidr.ts';
import { seedDemo } from '../../../registry/seed/demo.ts';
import { demoAddresses, demoNetworks, type DemoAddress } from '../../../registry/seed/demo-places.ts';
import { toAuditEvent } from '../../../registry/server/audit-event.ts';
import { fastHashing } from '../../../registry/server/test-support.ts';
import { openStore } from '../../../registry/store/store.ts';
import { flagKinds, type FlagKind } from './activity-flags.ts';
import { createActivityAnalyzer } from './activity-analyzer.ts';
import { sharedGeolocator, type Geolocator } from './geolocation.ts';

const hour = 3_600_000;
const day = 24 * hour;

let geolocator: Geolocator;
before(async () => {
  geolocator = await sharedGeolocator();
});

/** The demo account's log, oldest first, as the console reads it from a registry seeded at `now`. */
async function demoLog(now: number): Promise<AuditEvent[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-demo-'));
  const store = openStore(dir);
  try {
    assert.equal(await seedDemo(store, { clock: () => now, passwordHashing: fastHashing }), true);
    const account = store.accounts.findByUsername('demo')!;
    return store.events.list(account.id, 100_000).map(toAuditEvent).reverse();
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const roles = new Map<string, string>(Object.entries(demoAddresses).map(([role, address]) => [address.ip, role]));

/** Each flagged event as "type at role: kinds", oldest first. */
function flaggedStory(events: readonly AuditEvent[]): string[] {
  const analyzer = createActivityAnalyzer({ geolocator });
  const story: string[] = [];
  for (const event of events) {
    const flagged = analyzer.push(event);
    if (flagged) story.push(`${event.type} at ${roles.get(event.ip) ?? event.ip}: ${flagged.flags.map((flag) => flag.kind).join(', ')}`);
  }
  return story;
}

// A Wednesday afternoon (UTC); the other starts are the six days after it, each early, mid-afternoon and late.
const wednesday = Date.UTC(2026, 5, 10, 14, 0);
const starts = Array.from({ length: 7 }, (_, offset) => [0.2, 14.6, 23.9].map((hours) => Date.UTC(2026, 5, 10 + offset) + hours * hour)).flat();

test('the demo shows every kind of flag on a first run, whenever it is started', async () => {
  for (const now of [wednesday, ...starts]) {
    const seen = new Set<FlagKind>();
    const analyzer = createActivityAnalyzer({ geolocator });
    for (const flagged of analyzer.pushAll(await demoLog(now))) for (const flag of flagged.flags) seen.add(flag.kind);
    assert.deepEqual(flagKinds.filter((kind) => !seen.has(kind)), [], `missing from a demo started at ${new Date(now).toISOString()}`);
  }
});

test('the flags fall where the demo’s story puts them, and nowhere else', async () => {
  const story = [
    // The phone broke: in with a recovery code, 2FA off.
    'recovery_code.used at home: recovery_code_used',
    'two_factor.disabled at home: two_factor_disabled',
    // Credential stuffing from Hanoi gets in while 2FA is off.
    'login.failure at intruder: failed_sign_in_burst',
    'login.success at intruder: sign_in_after_burst, impossible_travel, new_country, new_device, new_ip',
    // The owner's next sign-in, at home in Berlin hours later, then the lockout.
    'login.success at home: impossible_travel',
    'password.changed at home: password_changed',
    // Phone left at the office.
    'recovery_code.used at home: recovery_code_used',
    // The conference in London.
    'login.success at londonHotel: new_country, new_ip',
    // Today: the second laptop at the café and the CI runner, both with sessions still open.
    'login.success at cafe: new_device, new_ip',
    'login.success at ciRunner: new_device, new_ip',
  ];
  for (const now of [wednesday, ...starts]) {
    const flagged = flaggedStory(await demoLog(now));
    const label = `a demo started at ${new Date(now).toISOString()}`;
    assert.deepEqual(flagged.filter((line) => !line.startsWith('token.')), story, label);
    // Every token the demo made was made at home, and the leaked one was used from Beijing before it was revoked.
    const tokens = flagged.filter((line) => line.startsWith('token.'));
    assert.deepEqual(tokens.filter((line) => line.startsWith('token.created')), Array(8).fill('token.created at home: token_created'), label);
    assert.ok(tokens.includes('token.used_from_new_ip at tokenThief: token_new_ip'), label);
  }
});

test('the break-in is impossible travel from Berlin to Hanoi, and the owner is asked about the intruder’s sign-in', async () => {
  const events = await demoLog(wednesday);
  const analyzer = createActivityAnalyzer({ geolocator });
  analyzer.pushAll(events);
  const breakIn = events.find((event) => event.type === 'login.success' && event.ip === demoAddresses.intruder.ip)!;
  const reasons = analyzer.flagsFor(breakIn.id).map((flag) => flag.reason);
  assert.match(reasons.find((reason) => reason.startsWith('Impossible travel')) ?? '', /^Impossible travel: Hanoi, Vietnam .* after a sign-in from Berlin/);
  assert.match(reasons.find((reason) => reason.startsWith('Signed in')) ?? '', /after a burst of \d+ failed sign-ins from 113\.160\.14\.203, from the same address/);
  // It is a sign-in with a password, so the Activity page puts it to the owner ("Was this you?").
  assert.equal(breakIn.details.method, 'password');
  const before = events.filter((event) => Date.parse(event.time) < Date.parse(breakIn.time));
  assert.equal(before.filter((event) => event.type === 'two_factor.disabled').length, 1, '2FA was off');
  // And it was shut out: its session ended by the password change, 2FA back on after it.
  const after = events.filter((event) => Date.parse(event.time) > Date.parse(breakIn.time));
  assert.ok(after.some((event) => event.type === 'session.ended' && event.details.reason === 'password_changed'));
  assert.ok(after.some((event) => event.type === 'two_factor.enabled'));
  assert.ok(Date.parse(breakIn.time) < wednesday - 20 * day, 'weeks ago, before the demo’s projects required 2FA');
});

test('the demo’s addresses are where the story says, and every event of its log is placed', async () => {
  for (const [role, address] of Object.entries(demoAddresses) as [string, DemoAddress][]) {
    const place = geolocator.locate(address.ip);
    assert.equal(place.kind, 'public', role);
    if (place.kind !== 'public') continue;
    assert.equal(place.country, address.country, `${role} ${address.ip}`);
    assert.ok(place.city?.startsWith(address.city), `${role} ${address.ip} is in ${place.city}, not ${address.city}`);
    assert.ok(place.latitude !== null && place.longitude !== null, role);
  }
  for (const event of await demoLog(wednesday)) {
    assert.ok(roles.has(event.ip), `${event.type} from ${event.ip}, not one of the demo's addresses`);
  }
});

test('each address limit of the demo’s tokens contains the address it is for', () => {
  const contains = (cidr: string, ip: string) => {
    const range = parseCidr(cidr);
    return range.ok && rangeContains(range.range, parseIp(ip)!);
  };
  assert.ok(contains(demoNetworks.ciRunners, demoAddresses.ciRunner.ip));
  assert.ok(contains(demoNetworks.dashboard, demoAddresses.dashboard.ip));
  assert.ok(contains(demoNetworks.office, demoAddresses.office.ip));
  assert.ok(contains(demoNetworks.oluCi, demoAddresses.oluCi.ip));
  assert.ok(!contains(demoNetworks.ciRunners, demoAddresses.tokenThief.ip));
});
