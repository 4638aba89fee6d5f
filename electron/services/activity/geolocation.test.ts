import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Reader, Response } from 'maxmind';
import { createGeolocator, placeLabel, sharedGeolocator, type GeolocationDatabase } from './geolocation.ts';

// Addresses whose owners are not in doubt, as DB-IP places them: the test documents what the data says.
const known = {
  '81.2.69.142': { country: 'GB', city: 'London' }, // MaxMind's own London test address
  '212.58.244.20': { country: 'GB', city: 'London' }, // BBC
  '193.0.6.139': { country: 'NL', city: 'Amsterdam' }, // RIPE NCC
  '133.11.0.1': { country: 'JP', city: 'Chiyoda' }, // University of Tokyo, in Chiyoda City, Tokyo
  '200.160.2.3': { country: 'BR', city: undefined }, // NIC.br, São Paulo
  '8.8.8.8': { country: 'US', city: undefined }, // Google Public DNS
  '2001:67c:2e8:22::c100:68b': { country: 'NL', city: 'Amsterdam' }, // RIPE NCC over IPv6
};

test('public addresses are placed offline with country, name, city and coordinates', async () => {
  const geolocator = await sharedGeolocator();
  for (const [ip, expected] of Object.entries(known)) {
    const place = geolocator.locate(ip);
    assert.equal(place.kind, 'public', ip);
    if (place.kind !== 'public') continue;
    assert.equal(place.country, expected.country, ip);
    if (expected.city) assert.match(place.city ?? '', new RegExp(expected.city), ip);
    assert.ok(place.latitude !== null && Math.abs(place.latitude) <= 90, ip);
    assert.ok(place.longitude !== null && Math.abs(place.longitude) <= 180, ip);
  }
  const london = geolocator.locate('81.2.69.142');
  assert.equal(london.kind === 'public' && london.countryName, 'United Kingdom');
  assert.equal(placeLabel(london), 'London, United Kingdom');
});

test('an IPv4 client reported as IPv4-mapped IPv6 is placed like the IPv4 address', async () => {
  const geolocator = await sharedGeolocator();
  assert.deepEqual(geolocator.locate('::ffff:81.2.69.142'), geolocator.locate('81.2.69.142'));
});

test('the shared geolocator is opened once', async () => {
  assert.equal(await sharedGeolocator(), await sharedGeolocator());
});

function spyDatabase(answer: Response | null = null) {
  const asked: string[] = [];
  const reader = {
    get(ip: string) {
      asked.push(ip);
      return answer;
    },
  } as unknown as Reader<Response>;
  const database: GeolocationDatabase = { ipv4: reader, ipv6: reader };
  return { database, asked };
}

test('private, loopback, link-local, documentation and reserved addresses are labelled, never looked up', () => {
  const { database, asked } = spyDatabase({ country_code: 'US' } as Response);
  const geolocator = createGeolocator(database);
  const labels = ['10.0.0.8', '127.0.0.1', '::1', '169.254.3.4', 'fe80::1', '192.0.2.146', '198.51.100.77', '203.0.113.24', '2001:db8::7', '0.0.0.0', '224.0.0.251'].map(
    (ip) => placeLabel(geolocator.locate(ip)),
  );
  assert.deepEqual(labels, [
    'Private network',
    'This computer',
    'This computer',
    'Local link',
    'Local link',
    'Documentation address',
    'Documentation address',
    'Documentation address',
    'Documentation address',
    'Reserved address',
    'Reserved address',
  ]);
  assert.deepEqual(asked, []);
});

test('unparseable addresses and ones the database does not know are unknown, never guessed', () => {
  const { database, asked } = spyDatabase(null);
  const geolocator = createGeolocator(database);
  for (const ip of ['', 'not an ip', '999.1.1.1', '127.1', undefined, null, 7]) assert.deepEqual(geolocator.locate(ip), { kind: 'unknown' });
  assert.deepEqual(asked, []);
  assert.deepEqual(geolocator.locate('81.2.69.142'), { kind: 'unknown' });
  assert.deepEqual(createGeolocator(spyDatabase({ country_code: 'ZZ' } as Response).database).locate('81.2.69.142'), { kind: 'unknown' });
  assert.equal(placeLabel({ kind: 'unknown' }), 'Unknown location');
});

test('a record without coordinates is placed in its country, not at 0°, 0°', () => {
  const { database } = spyDatabase({ country_code: 'FR' } as Response);
  assert.deepEqual(createGeolocator(database).locate('90.10.1.1'), {
    kind: 'public',
    country: 'FR',
    countryName: 'France',
    latitude: null,
    longitude: null,
  });
});

test('lookups are memoised per address in a bounded cache', () => {
  const { database, asked } = spyDatabase({ country_code: 'GB', latitude: 51.5, longitude: -0.1 } as Response);
  const geolocator = createGeolocator(database, 2);
  geolocator.locate('81.2.69.142');
  geolocator.locate('81.2.69.142');
  assert.deepEqual(asked, ['81.2.69.142']);
  geolocator.locate('212.58.244.20');
  geolocator.locate('193.0.6.139');
  geolocator.locate('81.2.69.142');
  assert.deepEqual(asked, ['81.2.69.142', '212.58.244.20', '193.0.6.139', '81.2.69.142']);
});
