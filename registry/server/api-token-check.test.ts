import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiTokenKey, generateApiToken } from '../security/api-tokens.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';
import { checkApiToken, type TokenLookup } from './api-token-check.ts';

const day = 24 * 60 * 60 * 1000;
const now = Date.UTC(2025, 0, 7);

function record(token: string, changes: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id: 1,
    accountId: 1,
    key: apiTokenKey(token),
    preview: token.slice(0, 8),
    name: 'ci',
    description: '',
    permission: 'read-write',
    allProjects: true,
    allowedCidrs: [],
    bypass2fa: false,
    createdWith2fa: true,
    createdAt: now - day,
    expiresAt: now + day,
    revokedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
    ...changes,
  };
}

// A lookup over some records that counts how often the database would have been asked.
function countingLookup(...records: ApiTokenRecord[]): TokenLookup & { calls: number } {
  const lookup = Object.assign(
    (key: string) => {
      lookup.calls += 1;
      return records.find((candidate) => candidate.key === key) ?? null;
    },
    { calls: 0 },
  );
  return lookup;
}

test('a malformed token, or one whose checksum is wrong, is refused without any lookup', () => {
  const token = generateApiToken();
  const lookup = countingLookup(record(token));
  const flipped = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
  const badChecksum = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
  for (const presented of [flipped, badChecksum, token.slice(0, -1), `${token}x`, 'vgl_', 'vgl_short', `npm_${token.slice(4)}`, '']) {
    assert.deepEqual(checkApiToken(presented, lookup, now), { result: 'invalid_token' }, presented);
  }
  assert.equal(lookup.calls, 0, 'no lookup for any of them');
  assert.equal(checkApiToken(token, lookup, now).result, 'accepted');
  assert.equal(lookup.calls, 1, 'one lookup, by key, for a well-formed token');
});

test('a well-formed token nobody holds is invalid_token after one lookup', () => {
  const lookup = countingLookup(record(generateApiToken()));
  assert.deepEqual(checkApiToken(generateApiToken(), lookup, now), { result: 'invalid_token' });
  assert.equal(lookup.calls, 1);
});

test('expired at its expiry time and after it, accepted a millisecond before', () => {
  const token = generateApiToken();
  const lookup = countingLookup(record(token, { expiresAt: now }));
  assert.equal(checkApiToken(token, lookup, now - 1).result, 'accepted');
  assert.equal(checkApiToken(token, lookup, now).result, 'token_expired');
  assert.equal(checkApiToken(token, lookup, now + day).result, 'token_expired');
});

test('a revoked token says so, even once it has expired too', () => {
  const token = generateApiToken();
  const lookup = countingLookup(record(token, { revokedAt: now - day, expiresAt: now - 1 }));
  const check = checkApiToken(token, lookup, now);
  assert.equal(check.result, 'token_revoked');
  assert.equal('token' in check && check.token.name, 'ci');
});
