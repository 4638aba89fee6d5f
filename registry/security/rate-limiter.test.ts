import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SlidingWindowLimiter } from './rate-limiter.ts';

function limiter(limit = 3, windowMs = 60_000) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new SlidingWindowLimiter({ limit, windowMs, clock: () => clock.now }) };
}

describe('sliding-window rate limiter', () => {
  test('allows attempts until the limit of failures, then refuses', () => {
    const { clock, limiter: l } = limiter();
    for (let i = 0; i < 3; i += 1) {
      assert.deepEqual(l.check('alice'), { limited: false });
      l.hit('alice');
      clock.now += 10_000;
    }
    assert.equal(l.check('alice').limited, true);
    assert.deepEqual(l.check('bob'), { limited: false }, 'other keys are unaffected');
  });

  test('Retry-After counts down to the moment the oldest failure leaves the window', () => {
    const { clock, limiter: l } = limiter();
    const start = clock.now;
    for (let i = 0; i < 3; i += 1) {
      l.hit('k');
      clock.now += 10_000;
    }
    clock.now = start + 20_000;
    assert.deepEqual(l.check('k'), { limited: true, retryAfterSeconds: 40 });
    clock.now = start + 59_500;
    assert.deepEqual(l.check('k'), { limited: true, retryAfterSeconds: 1 });
    clock.now = start + 60_000;
    assert.deepEqual(l.check('k'), { limited: false }, 'the window slid past the first failure');
    l.hit('k');
    assert.deepEqual(l.check('k'), { limited: true, retryAfterSeconds: 10 });
  });

  test('with more failures than the limit, waits until enough of them expire', () => {
    const { clock, limiter: l } = limiter(2, 60_000);
    const start = clock.now;
    for (let i = 0; i < 4; i += 1) {
      l.hit('k');
      clock.now += 5_000;
    }
    clock.now = start + 15_000;
    // Failures at 0, 5, 10 and 15 s: the count must drop below 2, so three must expire; the third leaves at 70 s.
    assert.deepEqual(l.check('k'), { limited: true, retryAfterSeconds: 55 });
  });

  test('a reserved attempt counts as a failure at once and can be taken back (once) when it succeeds', () => {
    const { clock, limiter: l } = limiter(2, 60_000);
    const first = l.reserve('k');
    const second = l.reserve('k');
    assert.equal(l.check('k').limited, true, 'two attempts in flight fill the limit');
    second();
    second();
    assert.deepEqual(l.check('k'), { limited: false });
    l.hit('k');
    assert.equal(l.check('k').limited, true);
    first();
    assert.deepEqual(l.check('k'), { limited: false });
    const late = l.reserve('k');
    clock.now += 60_000;
    late();
    assert.deepEqual(l.check('k'), { limited: false }, 'taking back a failure that already aged out is harmless');
  });

  test('checking does not extend the window', () => {
    const { clock, limiter: l } = limiter(1, 60_000);
    l.hit('k');
    for (let i = 0; i < 5; i += 1) {
      clock.now += 10_000;
      assert.equal(l.check('k').limited, true);
    }
    clock.now += 10_000;
    assert.deepEqual(l.check('k'), { limited: false });
  });
});
