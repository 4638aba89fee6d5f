import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentlySeen } from './recently-seen.ts';

test('a key counts as seen since a time when its last sighting is at or after it', () => {
  const seen = new RecentlySeen(10);
  seen.see('a', 100);
  assert.equal(seen.seenSince('a', 100), true);
  assert.equal(seen.seenSince('a', 101), false);
  seen.see('a', 200);
  assert.equal(seen.seenSince('a', 150), true);
  assert.equal(seen.seenSince('b', 0), false);
});

test('forgetting drops only what was last seen before the cut-off, however it was first seen', () => {
  const seen = new RecentlySeen(10);
  seen.see('a', 1);
  seen.see('b', 2);
  seen.see('a', 3);
  seen.see('c', 4);
  seen.forgetBefore(3);
  assert.equal(seen.size, 2);
  assert.equal(seen.seenSince('a', 0), true);
  assert.equal(seen.seenSince('b', 0), false);
});

test('past the cap the stalest key goes first', () => {
  const seen = new RecentlySeen(2);
  seen.see('a', 1);
  seen.see('b', 2);
  seen.see('a', 3);
  seen.see('c', 4);
  assert.equal(seen.size, 2);
  assert.deepEqual(['a', 'b', 'c'].map((key) => seen.seenSince(key, 0)), [true, false, true]);
});
