import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCountdown, msUntilNextTick, secondsUntil } from './countdown.ts';

test('formatCountdown writes M:SS', () => {
  assert.equal(formatCountdown(0), '0:00');
  assert.equal(formatCountdown(5), '0:05');
  assert.equal(formatCountdown(59), '0:59');
  assert.equal(formatCountdown(60), '1:00');
  assert.equal(formatCountdown(90), '1:30');
  assert.equal(formatCountdown(15 * 60), '15:00');
  assert.equal(formatCountdown(3725), '62:05');
  assert.equal(formatCountdown(-3), '0:00');
});

test('secondsUntil rounds up, so the lock never shows 0 before it has passed', () => {
  const deadline = 100_000;
  assert.equal(secondsUntil(deadline, deadline - 30_000), 30);
  assert.equal(secondsUntil(deadline, deadline - 29_001), 30);
  assert.equal(secondsUntil(deadline, deadline - 1), 1);
  assert.equal(secondsUntil(deadline, deadline), 0);
  assert.equal(secondsUntil(deadline, deadline + 5_000), 0);
});

test('msUntilNextTick waits for the next whole-second change and stops at the deadline', () => {
  const deadline = 100_000;
  assert.equal(msUntilNextTick(deadline, deadline - 30_000), 1000);
  assert.equal(msUntilNextTick(deadline, deadline - 29_750), 750);
  assert.equal(msUntilNextTick(deadline, deadline - 1), 1);
  assert.equal(msUntilNextTick(deadline, deadline), 0);
  assert.equal(msUntilNextTick(deadline, deadline + 10), 0);
  // After waiting that long, the shown number has dropped by exactly one.
  const now = deadline - 29_750;
  assert.equal(secondsUntil(deadline, now + msUntilNextTick(deadline, now)), secondsUntil(deadline, now) - 1);
});
