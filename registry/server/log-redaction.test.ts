import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateApiToken } from '../security/api-tokens.ts';
import { redactUrl } from './log-redaction.ts';

test('a token in a logged URL keeps only its first 8 characters', () => {
  const token = generateApiToken();
  const logged = redactUrl(`/-/npm/v1/tokens/token/${token}?x=${token}`);
  assert.ok(!logged.includes(token.slice(8)));
  assert.equal(logged, `/-/npm/v1/tokens/token/${token.slice(0, 8)}…?x=${token.slice(0, 8)}…`);
  assert.equal(redactUrl('/api/v1/whoami'), '/api/v1/whoami');
});
