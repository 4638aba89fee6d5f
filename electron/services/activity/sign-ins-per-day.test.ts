import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signInsPerDay, tallySignIn, type SignInTally } from './sign-ins-per-day.ts';

const now = Date.parse('2026-11-26T15:00:00Z');

test('counts successes and failures per UTC day, the oldest day first and today last', () => {
  const tally: SignInTally = new Map();
  for (const event of [
      { type: 'login.success', time: '2026-11-26T00:00:00.000Z', details: {} },
      { type: 'login.failure', time: '2026-11-25T23:59:59.999Z', details: {} },
      { type: 'login.rate_limited', time: '2026-11-25T10:00:00.000Z', details: { count: 212 } },
      { type: 'login.rate_limited', time: '2026-11-25T11:00:00.000Z', details: { count: 'nonsense' } },
      { type: 'password.changed', time: '2026-11-26T01:00:00.000Z', details: {} },
      // Outside the window, or not a time at all.
      { type: 'login.success', time: '2026-08-28T23:59:59.999Z', details: {} },
      { type: 'login.success', time: 'yesterday', details: {} },
  ])
    tallySignIn(tally, event);
  const days = signInsPerDay(tally, now);
  assert.equal(days.length, 90);
  assert.deepEqual(days.at(-1), { day: '2026-11-26', successes: 1, failures: 0 });
  assert.deepEqual(days.at(-2), { day: '2026-11-25', successes: 0, failures: 214 });
  assert.equal(days[0]!.day, '2026-08-29');
  assert.equal(days.reduce((sum, day) => sum + day.successes + day.failures, 0), 215);
});
