// The seeded long histories (`npm run registry -- seed history`, the bench) draw addresses from the ISP ranges of
// registry/seed/history-places.ts, whose story puts each in one country: the console's own IP database must agree,
// or the Activity page would show a trip or an attack somewhere else (several operators use parts of their
// allocations abroad; see the ranges' notes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressIn, networks } from '../../../registry/seed/history-places.ts';
import { SeededRandom } from '../../../registry/seed/seeded-random.ts';
import { sharedGeolocator } from './geolocation.ts';

test('every address a seeded history draws from a network is placed in that network’s country', async () => {
  const geolocator = await sharedGeolocator();
  for (const [name, net] of Object.entries(networks)) {
    const random = new SeededRandom(17);
    const elsewhere = new Map<string, string>();
    for (let drawn = 0; drawn < 2_000; drawn += 1) {
      const ip = addressIn(net, random);
      const place = geolocator.locate(ip);
      const country = place.kind === 'public' ? place.country : place.kind;
      if (country !== net.country) elsewhere.set(ip, country);
    }
    assert.deepEqual([...elsewhere].slice(0, 5), [], `${name} (${net.operator}) is meant to be in ${net.country}`);
  }
});
