import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenFlags } from './token-flags.ts';

const now = Date.parse('2026-11-26T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
const base = {
  createdAt: daysAgo(10),
  expiresAt: daysAgo(-30),
  lastUsed: null,
  projects: ['left-pad'],
  bypass2fa: false,
  allowedCidrs: ['203.0.113.0/24'],
};

test('a scoped, IP-limited, recently made token raises no flag', () => {
  assert.deepEqual(tokenFlags(base, now), { expiringSoon: false, stale: false, allProjects: false, bypasses2fa: false, noIpLimit: false });
});

test('expiring soon means under 7 days left', () => {
  assert.equal(tokenFlags({ ...base, expiresAt: daysAgo(-6.9) }, now).expiringSoon, true);
  assert.equal(tokenFlags({ ...base, expiresAt: daysAgo(-7.1) }, now).expiringSoon, false);
});

test('stale: never used and older than 30 days, or unused for 90', () => {
  assert.equal(tokenFlags({ ...base, createdAt: daysAgo(31) }, now).stale, true);
  assert.equal(tokenFlags({ ...base, createdAt: daysAgo(29) }, now).stale, false);
  const used = (days: number) => ({ ...base, createdAt: daysAgo(200), lastUsed: { time: daysAgo(days), ip: '203.0.113.9' } });
  assert.equal(tokenFlags(used(91), now).stale, true);
  assert.equal(tokenFlags(used(89), now).stale, false);
});

test('all projects, bypassing 2FA and no IP limit are flagged', () => {
  const flags = tokenFlags({ ...base, projects: 'all', bypass2fa: true, allowedCidrs: [] }, now);
  assert.deepEqual([flags.allProjects, flags.bypasses2fa, flags.noIpLimit], [true, true, true]);
});
