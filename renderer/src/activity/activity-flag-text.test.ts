import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityFlag } from '../bridge/contract.ts';
import { bySeverity, highestSeverity, severityText } from './activity-flag-text.ts';

const flag = (kind: ActivityFlag['kind'], severity: ActivityFlag['severity']): ActivityFlag => ({ kind, severity, reason: kind });

test('a row is as serious as its most serious flag', () => {
  assert.equal(highestSeverity([]), null);
  assert.equal(highestSeverity([flag('new_ip', 'low')]), 'low');
  assert.equal(highestSeverity([flag('new_ip', 'low'), flag('new_country', 'high'), flag('new_device', 'medium')]), 'high');
});

test('flags read most serious first, keeping the analyzer order within a severity', () => {
  const flags = [flag('new_ip', 'low'), flag('new_device', 'medium'), flag('new_country', 'high'), flag('recovery_code_used', 'medium')];
  assert.deepEqual(
    bySeverity(flags).map((each) => each.kind),
    ['new_country', 'new_device', 'recovery_code_used', 'new_ip'],
  );
  assert.equal(flags[0]!.kind, 'new_ip', 'the given list is left alone');
});

test('every severity has its word, so a badge never says it by colour alone', () => {
  assert.deepEqual(severityText, { high: 'High', medium: 'Medium', low: 'Low' });
});
