import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reservedHeight } from './reserved-height.ts';

test('the table keeps its height while the rows drawn fit in it, taller or shorter than guessed', () => {
  assert.equal(reservedHeight(10_500, 10_000, false), 10_500);
  assert.equal(reservedHeight(10_500, 10_499, false), 10_500);
  assert.equal(reservedHeight(10_500, 9_000, false), 10_500);
});

test('when it must grow, it grows by a twentieth, so the next taller rows fit without growing again', () => {
  assert.equal(reservedHeight(0, 10_000, false), 10_500);
  assert.equal(reservedHeight(10_500, 10_501, false), 11_027);
});

test('once the last row is drawn the table ends with it: no empty space below', () => {
  assert.equal(reservedHeight(10_500, 10_120, true), 10_120);
  assert.equal(reservedHeight(10_500, 10_900, true), 10_900);
});
