import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { checkNewPassword } from './password-policy.ts';

const require = createRequire(import.meta.url);
const zxcvbnLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${'@zxcvbn-ts'}`));

describe('password policy', () => {
  test('loads the strength estimator only when a password reaches it', async () => {
    assert.equal(zxcvbnLoaded(), false, 'not at import');
    await checkNewPassword('short', 'alice');
    await checkNewPassword('xx-ALICE-xx-xx', 'alice');
    assert.equal(zxcvbnLoaded(), false, 'not for the cheap checks');
    await checkNewPassword('Tundra-Parsnip-Lantern-42', 'alice');
    assert.equal(zxcvbnLoaded(), true);
  });

  test('at least 12 characters, counted as a person counts them', async () => {
    assert.deepEqual(await checkNewPassword('abcdefghijk', 'alice'), {
      acceptable: false,
      reason: 'Use at least 12 characters; this password has 11.',
    });
    assert.equal((await checkNewPassword('🦊🦊🦊🦊🦊🦊', 'alice')).acceptable, false, 'six characters, twelve UTF-16 units');
  });

  test('the username, in any case, may not be part of it', async () => {
    assert.deepEqual(await checkNewPassword('Correct-Horse-ALICE-Battery', 'alice'), {
      acceptable: false,
      reason: 'The password must not contain the username.',
    });
  });

  test('easy to guess by zxcvbn (score below 3) is refused with its advice; the username counts as a guess', async () => {
    const common = await checkNewPassword('password1234', 'alice');
    assert.deepEqual(common, {
      acceptable: false,
      reason: 'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common.',
    });
    for (const weak of ['qwertyuiop12', 'aaaaaaaaaaaaaaaa', '1234567890123']) {
      assert.equal((await checkNewPassword(weak, 'alice')).acceptable, false, weak);
    }
    // Built from the username with a small change: zxcvbn knows the username as a word.
    assert.equal((await checkNewPassword('margaretha2024', 'margaret.ha')).acceptable, false);
  });

  test('passphrases and long random passwords pass', async () => {
    for (const strong of ['Tundra-Parsnip-Lantern-42', 'correct horse battery staple', 'vigil-demo-password', 'kV9#qL2!mZ7@wX4$']) {
      assert.deepEqual(await checkNewPassword(strong, 'alice'), { acceptable: true }, strong);
    }
  });

  test('crafted long passwords are estimated quickly: the check blocks the event loop while it runs', async () => {
    for (const crafted of ['a1!'.repeat(341), 'Tr0ub4dor&3'.repeat(90), '4@$3!0'.repeat(170)]) {
      const started = performance.now();
      await checkNewPassword(crafted, 'alice');
      assert.ok(performance.now() - started < 500, `${crafted.slice(0, 12)}…: ${performance.now() - started} ms`);
    }
  });

  test('l33t spellings of common passwords are still caught', async () => {
    for (const weak of ['p@$$w0rd1234', 'P@ssw0rd!234']) {
      assert.equal((await checkNewPassword(weak, 'alice')).acceptable, false, weak);
    }
  });
});
