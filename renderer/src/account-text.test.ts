import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  failedSignInCause,
  failedSignInsText,
  formatDateTime,
  groupSecret,
  recoveryCodesLowText,
  recoveryCodesUnit,
} from './account-text.ts';

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
  assert.equal(formatDateTime('2025-03-04T15:06:00.000Z', 'en-US', 'UTC'), 'Mar 4, 2025, 3:06 PM UTC');
  assert.equal(formatDateTime('2025-03-04T15:06:00.000Z', 'en-US', 'America/New_York'), 'Mar 4, 2025, 10:06 AM EST');
  assert.equal(formatDateTime('2025-03-04T15:06:00.000Z', 'de-DE', 'UTC'), '4. März 2025, 15:06 UTC');
  assert.equal(formatDateTime('not a date'), null);
  assert.equal(formatDateTime(''), null);
});

test('a failed sign-in says whether the password was right', () => {
  const failure = { id: '1', time: '', ip: '', userAgent: '', count: 1 };
  assert.equal(failedSignInCause({ ...failure, cause: 'password' }), 'Wrong password');
  assert.match(failedSignInCause({ ...failure, cause: 'second_factor' }), /^Right password, wrong one-time code/);
  assert.match(failedSignInCause({ ...failure, cause: 'recovery_code' }), /^Right password, wrong recovery code/);
  assert.equal(failedSignInCause({ ...failure, cause: 'rate_limited', count: 212 }), '212 attempts refused by the rate limit, unchecked');
});

test('a TOTP secret is shown in groups of four', () => {
  assert.equal(groupSecret('JBSWY3DPEHPK3PXP'), 'JBSW Y3DP EHPK 3PXP');
  assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
});
