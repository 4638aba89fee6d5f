import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { iso, isoFormatter } from './iso-time.ts';

describe('isoFormatter', () => {
  test('writes exactly what iso() writes, across days, years and the edges of its fast path', () => {
    const format = isoFormatter();
    const edges = [0, 1, 999, 1_000, 59_999, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    // Outside 1970–9999 it hands over to iso(): before the epoch, extended years, fractions.
    const beyond = [-1, -86_400_001, Date.UTC(10000, 0, 1), 1.5];
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647);
    const spread = Array.from({ length: 2_000 }, () => random() * 1_000 + (random() % 1_000));
    for (const time of [...edges, ...beyond, ...spread, ...spread.map((value) => value + 1)]) {
      assert.equal(format(time), iso(time), String(time));
    }
  });
});
