import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxRowsHeight, scrollScale, toBox, toRows } from './scroll-scale.ts';

const viewport = 800;

test('rows a page can hold are scrolled as they are', () => {
  const scale = scrollScale(12_000 * 71, viewport);
  assert.equal(scale.box, 12_000 * 71);
  for (const position of [0, 1234.5, 500_000]) {
    assert.equal(toRows(position, scale), position);
    assert.equal(toBox(position, scale), position);
  }
});

test('a million rows get a box a page can hold, and every row can be scrolled to', () => {
  const rows = 1_000_000 * 71;
  const scale = scrollScale(rows, viewport);
  assert.equal(scale.box, maxRowsHeight);
  // The ends: the first and the last screen show the first and the last rows.
  assert.equal(toRows(0, scale), 0);
  assert.equal(toRows(maxRowsHeight - viewport, scale), rows - viewport);
  // One to one for two screens at either end, so the rows at the top stay below the spacer above them.
  assert.equal(toRows(1000, scale), 1000);
  assert.equal(toRows(maxRowsHeight - viewport - 1000, scale), rows - viewport - 1000);
  // Evenly faster between, at about the ratio of the heights; never backwards, never a jump.
  const middle = toRows(maxRowsHeight / 2 + 100, scale) - toRows(maxRowsHeight / 2, scale);
  assert.ok(Math.abs(middle - (100 * rows) / maxRowsHeight) < 1, `${middle}`);
  let last = -1;
  for (let position = 0; position <= maxRowsHeight - viewport; position += 9_973) {
    const mapped = toRows(position, scale);
    assert.ok(mapped > last);
    assert.ok(Math.abs(toBox(mapped, scale) - position) < 1e-6, `${position} comes back`);
    last = mapped;
  }
  for (const edge of [2 * viewport, maxRowsHeight - viewport - 2 * viewport]) {
    assert.ok(Math.abs(toRows(edge + 0.5, scale) - toRows(edge - 0.5, scale)) < 3, `continuous at ${edge}`);
  }
});

test('under another limit, the same mapping', () => {
  const scale = scrollScale(100_000, viewport, 20_000);
  assert.equal(scale.box, 20_000);
  assert.equal(toRows(20_000 - viewport, scale), 100_000 - viewport);
});
