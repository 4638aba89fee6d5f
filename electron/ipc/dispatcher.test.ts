import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../services/app-error.ts';
import { RegistryError } from '../services/registry-error.ts';
import { channelNames } from './channels.ts';
import type { IpcHandlers } from './dispatcher.ts';
import { createIpcDispatcher } from './dispatcher.ts';

const token = 'secret-session-token-0123456789abcdef0123456789';
const alice = { registryUrl: 'http://r.example', username: 'alice' };
const signedIn = { status: 'signed-in' as const, account: alice, storage: 'keychain' as const, accounts: [{ ...alice, storage: 'keychain' as const }] };

// Every channel not named below answers "not signed in", as it would before anyone signs in.
const notSignedIn = async () => {
  throw new AppError('not_signed_in', 'Sign in first.');
};

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    ...(Object.fromEntries(channelNames.map((name) => [name, notSignedIn])) as unknown as IpcHandlers),
    'app:get-info': async () => ({ transport: 'browser', defaultRegistryUrl: 'http://r.example', keychainAvailable: true, secretOutlet: 'page', demo: null }),
    'session:get-current': async () => signedIn,
    'session:sign-in': async () => signedIn,
    'session:verify': async () => signedIn,
    'session:sign-out': async () => ({ status: 'signed-out' }),
    'account:get-overview': async () => {
      throw new AppError('not_signed_in', 'Sign in first.');
    },
    ...overrides,
  };
}

function setup(overrides: Partial<IpcHandlers> = {}) {
  const logs: string[] = [];
  const calls: unknown[] = [];
  const wrapped = Object.fromEntries(
    Object.entries(handlers(overrides)).map(([name, handler]) => [
      name,
      (request: unknown) => {
        calls.push(request);
        return (handler as (request: unknown) => Promise<unknown>)(request);
      },
    ]),
  ) as unknown as IpcHandlers;
  return { dispatcher: createIpcDispatcher(wrapped, { log: (message) => logs.push(message) }), logs, calls };
}

const validSignIn = { registryUrl: 'https://r.example', username: 'alice', password: 'pw' };

describe('IPC dispatcher', () => {
  test('answers unknown_channel for channels outside the contract, without calling anything', async () => {
    const { dispatcher, calls } = setup();
    for (const channel of ['session:steal-token', '', 42, null, undefined, { toString: () => 'app:get-info' }]) {
      const result = await dispatcher.dispatch(channel, undefined);
      assert.deepEqual(result, { ok: false, error: { code: 'unknown_channel', message: 'There is no such IPC channel.' } });
    }
    assert.equal(calls.length, 0);
  });

  const badPayloads: Array<[string, string, unknown, RegExp]> = [
    ['session:sign-in', 'a missing password', { registryUrl: 'https://r.example', username: 'alice' }, /^password: /],
    ['session:sign-in', 'a non-http registry URL', { ...validSignIn, registryUrl: 'file:///etc/passwd' }, /^registryUrl: an http\(s\) URL/],
    ['session:sign-in', 'an extra field', { ...validSignIn, token: 'x' }, /token/],
    ['session:sign-in', 'a string instead of an object', 'alice', /^request: /],
    ['session:sign-in', 'no request at all', undefined, /^request: /],
    ['session:verify', 'a five-digit code', { challengeId: 'c1', otp: '12345' }, /^otp: six digits/],
    ['session:verify', 'an empty recovery code', { challengeId: 'c1', recoveryCode: '' }, /^recoveryCode: /],
    ['app:get-info', 'a request where none is taken', { sneaky: true }, /^request: /],
    ['session:confirm', 'no password', { otp: '123456' }, /^password: /],
    ['session:confirm', 'letters for a code', { password: 'pw', otp: 'abcdef' }, /^otp: six digits/],
    ['session:confirm', 'an extra field', { password: 'pw', recoveryCode: 'x' }, /recoveryCode/],
    ['account:list-failed-sign-ins', 'a cursor with odd characters', { cursor: '../../x' }, /^cursor: /],
    ['two-factor:start', 'a request where none is taken', { secret: 'AAAA' }, /^request: /],
    ['two-factor:activate', 'no code', {}, /^otp: /],
    ['two-factor:activate', 'seven digits', { otp: '1234567' }, /^otp: six digits/],
    ['two-factor:disable', 'a request where none is taken', { force: true }, /^request: /],
    ['recovery-codes:generate', 'a request where none is taken', 8, /^request: /],
    ['recovery-codes:check', 'an empty code', { code: '   ' }, /^code: /],
    ['recovery-codes:check', 'a number for a code', { code: 1234 }, /^code: /],
    ['password:change', 'no new password', { password: 'x' }, /newPassword|password/],
    ['password:change', 'an empty new password', { newPassword: '' }, /^newPassword: /],
    ['sessions:list', 'a request where none is taken', { all: true }, /^request: /],
    ['sessions:end', 'a non-numeric id', { id: 'abc' }, /^id: a session id/],
    ['sessions:end', 'a numeric id as a number', { id: 7 }, /^id: /],
    ['sessions:end-others', 'a request where none is taken', { keep: '1' }, /^request: /],
    ['secrets:copy', 'empty text', { text: '' }, /^text: /],
    ['secrets:copy', 'text too long to be codes', { text: 'x'.repeat(5000) }, /^text: /],
    ['secrets:save', 'a file name with a path', { suggestedName: '../../.bashrc', text: 'codes' }, /^suggestedName: a file name/],
    ['secrets:save', 'no text', { suggestedName: 'codes.txt' }, /^text: /],
    ['tokens:create', 'a read-write token for 91 days', { name: 'ci', permission: 'read-write', projects: 'all', expiresInDays: 91 }, /^expiresInDays: a read-write token lasts at most 90 days/],
    ['tokens:create', 'a bad IP range', { name: 'ci', permission: 'read-only', projects: 'all', allowedCidrs: ['10.0.0.0/33'] }, /^allowedCidrs\.0: /],
    ['tokens:create', 'no projects', { name: 'ci', permission: 'read-only', projects: [] }, /^projects/],
    ['tokens:create', 'a name with a line break', { name: 'ci\nprod', permission: 'read-only', projects: 'all' }, /^name: /],
    ['tokens:revoke', 'an id that is not one', { id: '1; DROP' }, /^id: a token id/],
    ['tokens:revoke-many', 'no ids', { ids: [] }, /^ids: /],
    ['token-finder:start', 'a relative folder', { folders: ['projects'] }, /^folders\.0: an absolute path/],
    ['token-finder:start', 'too many folders', { folders: Array.from({ length: 21 }, (_, index) => `/f${index}`) }, /^folders: /],
    ['token-finder:status', 'a scan id that is not one', { scanId: '../../etc' }, /^scanId: /],
    ['token-finder:cancel', 'no scan id', {}, /^scanId: /],
  ];
  for (const [channel, name, payload, message] of badPayloads) {
    test(`answers invalid_request naming the field for ${channel} with ${name}`, async () => {
      const { dispatcher, calls } = setup();
      const result = await dispatcher.dispatch(channel, payload);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'invalid_request');
      assert.match(result.error.message, message);
      assert.equal(calls.length, 0, 'the handler must not run');
    });
  }

  test('never echoes a submitted password in a validation message', async () => {
    const { dispatcher } = setup();
    const password = 'p'.repeat(2000);
    const result = await dispatcher.dispatch('session:sign-in', { ...validSignIn, password });
    assert.ok(!result.ok && result.error.code === 'invalid_request' && !result.error.message.includes('ppppp'));
  });

  test('passes the parsed (trimmed) request to the handler and returns its response', async () => {
    const { dispatcher, calls } = setup();
    const result = await dispatcher.dispatch('session:sign-in', { ...validSignIn, username: '  alice ' });
    assert.deepEqual(result, { ok: true, value: signedIn });
    assert.deepEqual(calls, [{ ...validSignIn, username: 'alice' }]);
  });

  test('accepts null as "no request" (what JSON transports send)', async () => {
    const { dispatcher } = setup();
    assert.deepEqual(await dispatcher.dispatch('session:get-current', null), { ok: true, value: signedIn });
  });

  test('strips fields the contract does not name, so a token never reaches the renderer', async () => {
    const { dispatcher } = setup({
      'session:verify': async () => ({ ...signedIn, token, account: { ...signedIn.account, token } }) as never,
    });
    const result = await dispatcher.dispatch('session:verify', { challengeId: 'c1', otp: '123456' });
    assert.deepEqual(result, { ok: true, value: signedIn });
    assert.ok(!JSON.stringify(result).includes(token));
  });

  test('a handler response that breaks the contract becomes a generic internal error', async () => {
    const { dispatcher, logs } = setup({ 'session:get-current': async () => ({ status: 'confused', token }) as never });
    const result = await dispatcher.dispatch('session:get-current', undefined);
    assert.deepEqual(result.ok, false);
    assert.ok(!result.ok && result.error.code === 'internal');
    assert.ok(!JSON.stringify(result).includes(token) && !logs.join('\n').includes(token));
  });

  test('maps registry errors to IPC codes, carrying retryAfterSeconds', async () => {
    const cases: Array<[RegistryError, string]> = [
      [new RegistryError('invalid_credentials'), 'invalid_credentials'],
      [new RegistryError('invalid_otp'), 'invalid_otp'],
      [new RegistryError('burned_recovery_code'), 'burned_recovery_code'],
      [new RegistryError('unauthenticated'), 'session_expired'],
      [new RegistryError('registry_unreachable'), 'registry_unreachable'],
      [new RegistryError('not_found'), 'unexpected_response'],
      [new RegistryError('internal'), 'unexpected_response'],
    ];
    for (const [error, code] of cases) {
      const { dispatcher } = setup({ 'session:sign-in': async () => Promise.reject(error) });
      const result = await dispatcher.dispatch('session:sign-in', validSignIn);
      assert.ok(!result.ok);
      assert.equal(result.error.code, code);
      assert.equal(result.error.message, error.message);
    }
    const { dispatcher } = setup({
      'session:sign-in': async () => Promise.reject(new RegistryError('rate_limited', { retryAfterSeconds: 30 })),
    });
    const result = await dispatcher.dispatch('session:sign-in', validSignIn);
    assert.ok(!result.ok);
    assert.deepEqual({ code: result.error.code, retry: result.error.retryAfterSeconds }, { code: 'rate_limited', retry: 30 });
  });

  test('passes app errors through with their code and message', async () => {
    const { dispatcher } = setup();
    assert.deepEqual(await dispatcher.dispatch('account:get-overview', undefined), {
      ok: false,
      error: { code: 'not_signed_in', message: 'Sign in first.' },
    });
  });

  test('turns unexpected errors into a generic internal error and logs only the class', async () => {
    const { dispatcher, logs } = setup({
      'session:sign-in': async () => {
        throw new TypeError(`cannot read ${validSignIn.password}-and-${token}`);
      },
    });
    const result = await dispatcher.dispatch('session:sign-in', validSignIn);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'internal');
    assert.ok(!result.error.message.includes(token));
    assert.deepEqual(logs, ['ipc session:sign-in: unexpected TypeError']);
  });
});
