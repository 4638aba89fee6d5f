import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActivityRow } from '../bridge/contract.ts';
import { addressPieces, canReview, detailsButtonName, detailValue, resultText, reviewText } from './activity-row-text.ts';

const flagged = [{ kind: 'new_country' as const, severity: 'high' as const, reason: 'New country: Portugal' }];
const row = (changes: Partial<ActivityRow> = {}): Pick<ActivityRow, 'type' | 'flags' | 'answer'> => ({ type: 'login.success', flags: [], answer: null, ...changes });

test('attempts have a result, changes made have none', () => {
  assert.equal(resultText({ type: 'login.success' }), 'Success');
  assert.equal(resultText({ type: 'token.refused' }), 'Failed');
  assert.equal(resultText({ type: 'password.changed' }), null);
});

test('the Details button is named after the event and contains the time it shows', () => {
  assert.equal(detailsButtonName({ type: 'login.failure' }, 'Nov 26, 2026, 3:06 PM UTC'), 'Details of Sign-in failed at Nov 26, 2026, 3:06 PM UTC');
});

test('an IPv6 address breaks only after a colon, keeping "::" whole; an IPv4 address never breaks', () => {
  assert.deepEqual(addressPieces('2001:db8:9::5'), ['2001:', 'db8:', '9::', '5']);
  assert.deepEqual(addressPieces('::1'), ['::', '1']);
  assert.deepEqual(addressPieces('91.18.253.124'), ['91.18.253.124']);
  assert.equal(addressPieces('2001:db8:4::17').join(''), '2001:db8:4::17');
});

test('details values read as words', () => {
  assert.equal(detailValue(null), 'None');
  assert.equal(detailValue(true), 'Yes');
  assert.equal(detailValue(false), 'No');
  assert.equal(detailValue(12), '12');
  assert.equal(detailValue('invalid_totp'), 'invalid_totp');
});

test('only a flagged sign-in not yet answered asks "Was this you?"', () => {
  assert.equal(canReview(row({ flags: flagged })), true);
  assert.equal(canReview(row({ type: 'recovery_code.used', flags: flagged })), true);
  assert.equal(canReview(row({ flags: flagged, answer: 'me' })), false);
  assert.equal(canReview(row({ flags: flagged, answer: 'not-me' })), false);
  assert.equal(canReview(row()), false);
  assert.equal(canReview(row({ type: 'password.changed', flags: flagged })), false);
  assert.equal(reviewText(row({ flags: flagged })), 'Not yet: was this you?');
  assert.equal(reviewText(row({ flags: flagged, answer: 'me' })), 'Yes: you said this was you');
  assert.equal(reviewText(row({ flags: flagged, answer: 'not-me' })), 'No: you said this was not you');
  assert.equal(reviewText(row()), 'Nothing to review: not flagged');
  assert.equal(reviewText(row({ type: 'two_factor.disabled', flags: flagged })), 'Not asked: only flagged sign-ins are reviewed');
});
