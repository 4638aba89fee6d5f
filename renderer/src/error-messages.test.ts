import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipcErrorCodes, type IpcErrorCode } from './bridge/contract.ts';
import { describeError, lockMessageParts } from './error-messages.ts';

const error = (code: IpcErrorCode, message = 'detail from main') => ({ code, message });

test('every error code has its own message', () => {
  const messages = ipcErrorCodes.map((code) => describeError(error(code), { registryUrl: 'https://r.test' }));
  assert.equal(new Set(messages).size, ipcErrorCodes.length);
  for (const message of messages) assert.ok(message.length > 10 && /[.]$/.test(message), message);
});

test('sign-in failures use the exact wording', () => {
  assert.equal(describeError(error('invalid_credentials')), 'Wrong username or password.');
  assert.equal(
    describeError(error('invalid_otp')),
    'That code is wrong or was already used. Wait for the next code and try again.',
  );
  assert.equal(describeError(error('burned_recovery_code')), 'That recovery code was already used.');
  assert.match(describeError(error('invalid_recovery_code')), /^That recovery code isn't valid\./);
});

test('messages do not echo what main said, except for invalid_request and weak_password', () => {
  for (const code of ipcErrorCodes) {
    const text = describeError(error(code, 'SECRET-ish internal detail'));
    assert.equal(text.includes('SECRET-ish'), code === 'invalid_request' || code === 'weak_password', code);
  }
  assert.equal(
    describeError(error('weak_password', 'Use at least 12 characters; this password has 8')),
    'The registry refused this password. Use at least 12 characters; this password has 8.',
  );
  assert.equal(describeError(error('invalid_request', 'registryUrl: an http(s) URL')), 'Check what you entered: registryUrl: an http(s) URL.');
  assert.equal(describeError(error('invalid_request', 'Too long.')), 'Check what you entered: Too long.');
  assert.equal(describeError(error('invalid_request', ' ')), 'Check what you entered and try again.');
});

test('registry_unreachable names the registry when it is known', () => {
  assert.equal(
    describeError(error('registry_unreachable'), { registryUrl: 'https://registry.example.org' }),
    "Can't reach the registry at https://registry.example.org. Check the address and your network connection, then try again.",
  );
  assert.match(describeError(error('registry_unreachable')), /^Can't reach the registry\. /);
  assert.match(describeError(error('unexpected_response')), /^The registry sent a response Vigil doesn't understand\./);
});

test('rate limiting shows the live time left, then that trying again is possible', () => {
  const limited = { code: 'rate_limited' as const, message: 'x', retryAfterSeconds: 125 };
  assert.equal(describeError(limited), 'Too many failed attempts. Try again in 2:05.');
  assert.equal(describeError(limited, { secondsLeft: 9 }), 'Too many failed attempts. Try again in 0:09.');
  assert.equal(describeError(limited, { secondsLeft: 0 }), 'Too many failed attempts. You can try again now.');
  assert.equal(describeError(error('rate_limited')), 'Too many failed attempts. Wait a few minutes, then try again.');
  const parts = lockMessageParts(61);
  assert.equal(parts.before + parts.time + parts.after, 'Too many failed attempts. Try again in 1:01.');
  assert.equal(parts.time, '1:01');
});
