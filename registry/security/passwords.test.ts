import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, needsRehash, owaspArgon2Params, parseArgon2Hash, verifyPassword } from './passwords.ts';

const fast = { memory: 1024, passes: 1, parallelism: 1 };

describe('argon2id password hashing', () => {
  test('round trip: the right password verifies, a wrong one does not', async () => {
    const hash = await hashPassword('correct horse battery staple', fast);
    assert.match(hash, /^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await verifyPassword('correct horse battery staple', hash), true);
    assert.equal(await verifyPassword('correct horse battery stapl', hash), false);
    assert.equal(await verifyPassword('', hash), false);
  });

  test('each hash has its own random salt', async () => {
    const [a, b] = await Promise.all([hashPassword('same', fast), hashPassword('same', fast)]);
    assert.notEqual(a, b);
  });

  test('defaults are at least OWASP: 19 MiB, 2 passes, parallelism 1, 16-byte salt, 32-byte tag', async () => {
    assert.ok(owaspArgon2Params.memory >= 19456);
    assert.ok(owaspArgon2Params.passes >= 2);
    assert.equal(owaspArgon2Params.parallelism, 1);
    const hash = await hashPassword('pw');
    const parsed = parseArgon2Hash(hash);
    assert.ok(parsed);
    assert.deepEqual(parsed.params, { memory: 19456, passes: 2, parallelism: 1 });
    assert.equal(parsed.salt.length, 16);
    assert.equal(parsed.hash.length, 32);
    assert.equal(await verifyPassword('pw', hash), true);
  });

  test('the stored string carries its parameters, so old hashes verify after the defaults change', async () => {
    const old = await hashPassword('pw', fast);
    assert.equal(await verifyPassword('pw', old), true);
    assert.equal(needsRehash(old, owaspArgon2Params), true);
    assert.equal(needsRehash(old, fast), false);
  });

  test('a malformed stored hash never verifies', async () => {
    for (const stored of ['', 'plaintext', '$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA']) {
      assert.equal(await verifyPassword('plaintext', stored), false);
    }
  });
});
