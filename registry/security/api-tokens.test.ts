import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiTokenKey, apiTokenPreview, generateApiToken, isWellFormedApiToken, tokenLength, tokenPattern } from './api-tokens.ts';

test('tokens are vgl_ + 30 base62 + a 6-character checksum, and verify offline', () => {
  const tokens = Array.from({ length: 200 }, generateApiToken);
  assert.equal(new Set(tokens).size, 200);
  for (const token of tokens) {
    assert.match(token, /^vgl_[A-Za-z0-9]{36}$/);
    assert.equal(token.length, tokenLength);
    assert.ok(isWellFormedApiToken(token), token);
  }
});

test('a changed character, a wrong length or prefix, or a bad checksum is refused', () => {
  const token = generateApiToken();
  for (let index = 4; index < token.length; index += 1) {
    const swapped = token[index] === 'a' ? 'b' : 'a';
    assert.equal(isWellFormedApiToken(token.slice(0, index) + swapped + token.slice(index + 1)), false, `position ${index}`);
  }
  assert.equal(isWellFormedApiToken(token.slice(0, -1)), false);
  assert.equal(isWellFormedApiToken(`npm_${token.slice(4)}`), false);
  assert.equal(isWellFormedApiToken(`${token.slice(0, 10)}-${token.slice(11)}`), false);
  assert.equal(isWellFormedApiToken(''), false);
});

test('the key is the hex SHA-512 of the token; the preview its first 8 characters', () => {
  const token = generateApiToken();
  assert.match(apiTokenKey(token), /^[0-9a-f]{128}$/);
  assert.equal(apiTokenKey(token), apiTokenKey(token));
  assert.notEqual(apiTokenKey(token), apiTokenKey(generateApiToken()));
  assert.equal(apiTokenPreview(token), token.slice(0, 8));
});

test('the text pattern finds whole tokens only', () => {
  const token = generateApiToken();
  const text = `//registry/:_authToken=${token}\nX${token}\n${token}Y\nexport VIGIL_TOKEN="${token}"`;
  assert.deepEqual(text.match(tokenPattern), [token, token]);
});
