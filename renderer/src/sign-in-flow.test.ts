import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IpcError } from './bridge/contract.ts';
import { createSignInFlow, isLocked, signInFlowReducer, type SignInFlowAction, type SignInFlowState } from './sign-in-flow.ts';

const run = (actions: SignInFlowAction[], start: SignInFlowState = createSignInFlow()) => actions.reduce(signInFlowReducer, start);
const toSecondFactor: SignInFlowAction = { type: 'second-factor-required', challengeId: 'ch-1', registryUrl: 'https://r.test' };
const fail = (error: IpcError, now = 1_000): SignInFlowAction => ({ type: 'failed', error, registryUrl: 'https://r.test', now });

test('a password accepted with a second factor pending moves to the second-factor step', () => {
  const state = run([{ type: 'submitted' }, toSecondFactor]);
  assert.equal(state.step, 'second-factor');
  assert.equal(state.challengeId, 'ch-1');
  assert.equal(state.method, 'otp');
  assert.equal(state.failure, null);
});

test('a wrong code stays on the step and shows one failure, numbered anew each time', () => {
  const first = run([toSecondFactor, fail({ code: 'invalid_otp', message: 'x' })]);
  assert.equal(first.step, 'second-factor');
  assert.equal(first.failure?.error.code, 'invalid_otp');
  const second = run([{ type: 'submitted' }, fail({ code: 'invalid_otp', message: 'x' })], first);
  assert.notEqual(second.failure?.id, first.failure?.id);
});

test('an expired challenge or session, or a password no longer accepted, goes back to the password step', () => {
  for (const code of ['challenge_expired', 'session_expired', 'invalid_credentials'] as const) {
    const state = run([toSecondFactor, { type: 'method-changed', method: 'recovery', now: 0 }, fail({ code, message: 'x' })]);
    assert.equal(state.step, 'password', code);
    assert.equal(state.challengeId, null);
    assert.equal(state.method, 'otp');
    assert.equal(state.failure?.error.code, code);
  }
});

test('rate limiting locks until now + retryAfterSeconds', () => {
  const state = run([fail({ code: 'rate_limited', message: 'x', retryAfterSeconds: 90 }, 5_000)]);
  assert.equal(state.failure?.lockedUntil, 95_000);
  assert.equal(isLocked(state.failure, 94_999), true);
  assert.equal(isLocked(state.failure, 95_000), false);
  const noHint = run([fail({ code: 'rate_limited', message: 'x' })]);
  assert.equal(noHint.failure?.lockedUntil, null);
  assert.equal(isLocked(noHint.failure, 0), false);
});

test('cancelling returns to the password step and keeps only a running lock', () => {
  const plain = run([toSecondFactor, fail({ code: 'invalid_otp', message: 'x' }), { type: 'cancelled', now: 2_000 }]);
  assert.equal(plain.step, 'password');
  assert.equal(plain.failure, null);

  const lockedState = run([toSecondFactor, fail({ code: 'rate_limited', message: 'x', retryAfterSeconds: 60 }, 1_000)]);
  assert.equal(run([{ type: 'cancelled', now: 2_000 }], lockedState).failure?.error.code, 'rate_limited');
  assert.equal(run([{ type: 'cancelled', now: 61_000 }], lockedState).failure, null);
});

test('a notice carried in from the dashboard starts as the shown failure', () => {
  const state = createSignInFlow({ code: 'session_expired', message: 'x' });
  assert.equal(state.step, 'password');
  assert.equal(state.failure?.error.code, 'session_expired');
  assert.equal(createSignInFlow().failure, null);
});

test('a failure does not linger once the user edits a field or switches method, unless a lock is running', () => {
  const wrongCode = run([toSecondFactor, fail({ code: 'invalid_otp', message: 'x' })]);
  assert.equal(run([{ type: 'edited', now: 2_000 }], wrongCode).failure, null);
  assert.equal(run([{ type: 'method-changed', method: 'recovery', now: 2_000 }], wrongCode).failure, null);

  const locked = run([toSecondFactor, fail({ code: 'rate_limited', message: 'x', retryAfterSeconds: 60 }, 1_000)]);
  assert.equal(run([{ type: 'edited', now: 2_000 }], locked).failure?.error.code, 'rate_limited');
  assert.equal(run([{ type: 'method-changed', method: 'recovery', now: 2_000 }], locked).failure?.error.code, 'rate_limited');
  assert.equal(run([{ type: 'edited', now: 61_000 }], locked).failure, null);
});
