import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lockdownSteps, revokeInBatches, runLockdown, type LockdownActions, type LockdownStep, type StepState } from './lockdown.ts';

function recorder() {
  const states: Array<[LockdownStep, StepState]> = [];
  return { states, report: (step: LockdownStep, state: StepState) => states.push([step, state]) };
}

test('runs every step in order and says what each did', async () => {
  const order: string[] = [];
  const actions: LockdownActions = {
    endOtherSessions: async () => (order.push('sessions'), 2),
    revokeAllTokens: async () => (order.push('tokens'), 1),
    regenerateRecoveryCodes: async () => void order.push('codes'),
  };
  const { states, report } = recorder();
  assert.equal(await runLockdown(lockdownSteps, actions, report, String), true);
  assert.deepEqual(order, ['sessions', 'tokens', 'codes']);
  assert.deepEqual(
    states.filter(([, state]) => state.status === 'done').map(([step, state]) => [step, 'text' in state ? state.text : '']),
    [
      ['sessions', 'Ended 2 other sessions.'],
      ['tokens', 'Revoked 1 token.'],
      ['recovery-codes', 'New recovery codes were shown once; the old ones no longer work.'],
    ],
  );
});

test('a failed step is reported and the next still runs; only the failed one runs again', async () => {
  let tokensFail = true;
  const ran: string[] = [];
  const actions: LockdownActions = {
    endOtherSessions: async () => (ran.push('sessions'), 0),
    revokeAllTokens: async () => {
      ran.push('tokens');
      if (tokensFail) throw new Error('The registry could not be reached.');
      return 3;
    },
    regenerateRecoveryCodes: async () => void ran.push('codes'),
  };
  const first = recorder();
  assert.equal(await runLockdown(lockdownSteps, actions, first.report, (error) => (error as Error).message), false);
  assert.deepEqual(first.states.at(-3), ['tokens', { status: 'failed', text: 'The registry could not be reached.' }]);
  assert.deepEqual(first.states.at(-1), ['recovery-codes', { status: 'done', text: 'New recovery codes were shown once; the old ones no longer work.' }]);
  assert.deepEqual(first.states[1], ['sessions', { status: 'done', text: 'No other session was open.' }]);

  tokensFail = false;
  ran.length = 0;
  const again = recorder();
  assert.equal(await runLockdown(['tokens'], actions, again.report, String), true);
  assert.deepEqual(ran, ['tokens']);
  assert.deepEqual(again.states.at(-1), ['tokens', { status: 'done', text: 'Revoked 3 tokens.' }]);
});

test('revokes in batches of 100, as the registry takes them', async () => {
  const batches: number[] = [];
  const ids = Array.from({ length: 230 }, (_, index) => `t${index}`);
  assert.equal(await revokeInBatches(ids, async (batch) => (batches.push(batch.length), batch.length)), 230);
  assert.deepEqual(batches, [100, 100, 30]);
  assert.equal(await revokeInBatches([], async () => assert.fail('nothing to revoke')), 0);
});
