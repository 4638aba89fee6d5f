import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greatCircleKm } from './great-circle.ts';

test('known distances between cities, within 1%', () => {
  const london = { latitude: 51.5074, longitude: -0.1278 };
  const paris = { latitude: 48.8566, longitude: 2.3522 };
  const sydney = { latitude: -33.8688, longitude: 151.2093 };
  const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) / expected < 0.01, `${actual} vs ${expected}`);
  near(greatCircleKm(london, paris), 344);
  near(greatCircleKm(london, sydney), 16_990);
  assert.equal(greatCircleKm(paris, paris), 0);
  near(greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 }), 20_015);
});
