import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failedSignInsText, formatDate, formatDateTime, recoveryCodesLowText, recoveryCodesUnit } from './account-text.ts';

test('recovery code counts read naturally', () => {
  assert.equal(recoveryCodesUnit(10), 'recovery codes remaining');
  assert.equal(recoveryCodesUnit(1), 'recovery code remaining');
  assert.equal(recoveryCodesUnit(0), 'recovery codes remaining');
  assert.equal(recoveryCodesLowText(2), 'Only 2 recovery codes left — generate new ones.');
  assert.equal(recoveryCodesLowText(1), 'Only 1 recovery code left — generate new ones.');
  assert.equal(recoveryCodesLowText(0), 'No recovery codes left — generate new ones.');
});

test('failed sign-ins are explained, with advice only when there were some', () => {
  assert.equal(failedSignInsText(0), 'No failed sign-ins in the last 30 days.');
  assert.equal(failedSignInsText(1), "1 failed sign-in in the last 30 days. If that wasn't you, change your password.");
  assert.equal(failedSignInsText(4), "4 failed sign-ins in the last 30 days. If those weren't you, change your password.");
  assert.equal(
    failedSignInsText(224, 212),
    "224 failed sign-ins in the last 30 days, 212 of them refused by the rate limit. If those weren't you, change your password.",
  );
  assert.equal(failedSignInsText(3, 3), "3 failed sign-ins in the last 30 days, all of them refused by the rate limit. If those weren't you, change your password.");
});

test('times are formatted for the locale, and invalid ones are reported as such', () => {
  assert.equal(formatDateTime('2025-03-04T15:06:00.000Z', 'en-US', 'UTC'), 'Mar 4, 2025, 3:06 PM');
  assert.equal(formatDateTime('2025-03-04T15:06:00.000Z', 'de-DE', 'UTC'), '04.03.2025, 15:06');
  assert.equal(formatDateTime('not a date'), null);
  assert.equal(formatDate('2024-12-31T23:00:00.000Z', 'en-GB', 'UTC'), '31 December 2024');
  assert.equal(formatDate(''), null);
});
