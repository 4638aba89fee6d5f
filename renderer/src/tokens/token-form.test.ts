import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysUntil, emptyTokenForm, formProblems, rangeProblem, toRequest, type TokenForm } from './token-form.ts';

const now = new Date(2026, 10, 26, 15, 30).getTime();
const form = (changes: Partial<TokenForm>): TokenForm => ({ ...emptyTokenForm, name: 'ci', projects: ['left-pad'], ...changes });

test('a date counts whole calendar days from today', () => {
  assert.equal(daysUntil('2026-11-27', now), 1);
  assert.equal(daysUntil('2027-02-24', now), 90);
  assert.equal(daysUntil('not a date', now), null);
});

test('IP ranges are checked as typed, IPv4 and IPv6, one per line or comma', () => {
  assert.equal(rangeProblem('203.0.113.0/24\n2001:db8::/32, 10.0.0.1'), undefined);
  assert.match(rangeProblem('203.0.113.0/24\n10.0.0.0/33') ?? '', /^"10\.0\.0\.0\/33" \(range 2\): /);
  assert.match(rangeProblem('example.com') ?? '', /^"example\.com" \(range 1\)/);
});

test('each field names its own problem, with the permission’s lifetime limit', () => {
  assert.deepEqual(formProblems(form({}), now), {});
  assert.deepEqual(Object.keys(formProblems(form({ name: '  ', projects: [] }), now)).sort(), ['name', 'projects']);
  assert.equal(formProblems(form({ permission: 'read-write', expiry: 'date', date: '2027-03-01' }), now).expiry, 'A read-write token lasts at most 90 days.');
  assert.equal(formProblems(form({ expiry: 'date', date: '2027-03-01' }), now).expiry, undefined);
  assert.equal(formProblems(form({ expiry: 'date', date: '2026-11-26' }), now).expiry, 'Pick a date after today.');
  assert.equal(formProblems(form({ scope: 'all', projects: [] }), now).projects, undefined);
});

test('the request: trimmed, all projects or the chosen ones, bypass only for read-write', () => {
  assert.deepEqual(toRequest(form({ name: ' ci ', ranges: ' 10.0.0.0/8 \n', bypass2fa: true }), now), {
    name: 'ci',
    permission: 'read-only',
    projects: ['left-pad'],
    expiresInDays: 30,
    allowedCidrs: ['10.0.0.0/8'],
  });
  assert.deepEqual(toRequest(form({ permission: 'read-write', scope: 'all', expiry: '7', bypass2fa: true, description: 'x' }), now), {
    name: 'ci',
    description: 'x',
    permission: 'read-write',
    projects: 'all',
    expiresInDays: 7,
    bypass2fa: true,
  });
});
