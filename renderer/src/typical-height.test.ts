import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTypicalHeight } from './typical-height.ts';

test('guesses the initial height until a row is measured', () => {
  assert.equal(createTypicalHeight(71).value, 71);
});

test('takes the height most rows measured, to the fraction of a pixel, whatever a few taller rows measure', () => {
  const typical = createTypicalHeight(71);
  for (const height of [240.59375, 70.59375, 70.59375, 112.5, 70.59375]) typical.record(height);
  assert.equal(typical.value, 70.59375);
});

test('follows a new width once its rows outnumber the old ones among those remembered', () => {
  const typical = createTypicalHeight(71, 10);
  for (let row = 0; row < 10; row += 1) typical.record(70.59375);
  for (let row = 0; row < 4; row += 1) typical.record(93.390625);
  assert.equal(typical.value, 70.59375);
  for (let row = 0; row < 2; row += 1) typical.record(93.390625);
  assert.equal(typical.value, 93.390625);
});
