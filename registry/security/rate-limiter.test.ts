import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { admitAttempt, refusal, runAttempt, SlidingWindowLimiter } from './rate-limiter.ts';

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

  test('attempts in flight take slots: the next one waits, and runs once a slot is given back', async () => {
    const { limiter: l } = limiter(2, 60_000);
    const keys = [[l, 'k']] as const;
    const first = await admitAttempt(keys);
    const second = await admitAttempt(keys);
    assert.ok(first.admitted && second.admitted);
    assert.deepEqual(l.check('k'), { limited: false }, 'attempts in flight are not failures');
    let thirdSettled = false;
    const third = admitAttempt(keys).then((admission) => ((thirdSettled = true), admission));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(thirdSettled, false, 'two attempts in flight fill the limit of 2');
    first.attempt.succeeded();
    first.attempt.succeeded();
    const admitted = await third;
    assert.ok(admitted.admitted, 'a success gives its slot back without counting');
    assert.deepEqual(l.check('k'), { limited: false });
    second.attempt.failed();
    admitted.attempt.failed();
    assert.equal(l.check('k').limited, true, 'two failures fill the limit');
    assert.deepEqual(await admitAttempt(keys), { admitted: false, retryAfterSeconds: 60 });
  });

  test('waiting attempts are refused, not run, when the attempts ahead of them fail', async () => {
    const { limiter: l } = limiter(2, 60_000);
    const keys = [[l, 'k']] as const;
    const ahead = await Promise.all([admitAttempt(keys), admitAttempt(keys)]);
    const waiting = Array.from({ length: 5 }, () => admitAttempt(keys));
    for (const admission of ahead) if (admission.admitted) admission.attempt.failed();
    const outcomes = await Promise.all(waiting);
    assert.deepEqual(outcomes.map((outcome) => outcome.admitted), [false, false, false, false, false]);
  });

  test('an attempt needs a slot on every key, and a failure counts against each', async () => {
    const { limiter: ip } = limiter(2, 60_000);
    const { limiter: account } = limiter(1, 60_000);
    const first = await admitAttempt([[ip, '192.0.2.1'], [account, 'alice']]);
    assert.ok(first.admitted);
    let otherKeySettled = false;
    void admitAttempt([[ip, '192.0.2.2'], [account, 'alice']]).then(() => (otherKeySettled = true));
    const unrelated = await admitAttempt([[ip, '192.0.2.1'], [account, 'bob']]);
    assert.ok(unrelated.admitted, 'the IP still has free slots');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(otherKeySettled, false, "alice's only slot is taken");
    first.attempt.failed();
    assert.equal(account.check('alice').limited, true);
    assert.deepEqual(ip.check('192.0.2.1'), { limited: false }, 'one failure of two, with one attempt in flight');
    unrelated.attempt.failed();
    assert.equal(ip.check('192.0.2.1').limited, true, 'the IP recorded both failures');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(otherKeySettled, true, 'the waiting attempt is refused once alice is limited');
  });

  test('runAttempt settles whatever the work does: a throw counts as a failure and gives the slot back', async () => {
    const { limiter: l } = limiter(1, 60_000);
    const keys = [[l, 'k']] as const;
    const admitted = async () => {
      const admission = await admitAttempt(keys);
      assert.ok(admission.admitted);
      return admission.attempt;
    };
    assert.equal(await runAttempt(await admitted(), async () => 'ok'), 'ok');
    assert.equal(await runAttempt(await admitted(), async () => false, (value) => value), false);
    assert.equal(l.check('k').limited, true, 'a value the predicate refuses is a failure');

    // Limit 2: after a throw, one failure is recorded; had the slot leaked, the next attempt would wait forever.
    const { limiter: other } = limiter(2, 60_000);
    const attempt = await admitAttempt([[other, 'k']]);
    assert.ok(attempt.admitted);
    await assert.rejects(runAttempt(attempt.attempt, async () => { throw new Error('database is locked'); }), /locked/);
    assert.deepEqual(other.check('k'), { limited: false });
    const waiting = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 200));
    const next = await Promise.race([admitAttempt([[other, 'k']]), waiting]);
    assert.ok(next !== 'waiting' && next.admitted, 'the slot came back');
    next.attempt.failed();
    assert.equal(other.check('k').limited, true, 'the throw counted as one of the two failures');
  });

  test('refusal() reports the longest Retry-After among limited keys', () => {
    const { clock, limiter: a } = limiter(1, 60_000);
    const b = new SlidingWindowLimiter({ limit: 1, windowMs: 120_000, clock: () => clock.now });
    assert.equal(refusal([[a, 'k'], [b, 'k']]), null);
    a.hit('k');
    b.hit('k');
    assert.equal(refusal([[a, 'k'], [b, 'k']]), 120);
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
