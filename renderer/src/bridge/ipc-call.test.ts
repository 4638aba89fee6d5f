import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IpcCallError, toIpcError, unwrapResult } from './ipc-call.ts';
import { neverRejecting } from './resolve-bridge.ts';
import type { VigilBridge } from './contract.ts';

test('unwrapResult returns the value of a success envelope', () => {
  assert.deepEqual(unwrapResult({ ok: true, value: { status: 'signed-out' } }), { status: 'signed-out' });
});

test('unwrapResult throws an IpcCallError carrying the IpcError of a failure envelope', () => {
  const error = { code: 'rate_limited' as const, message: 'slow down', retryAfterSeconds: 9 };
  assert.throws(
    () => unwrapResult({ ok: false, error }),
    (thrown: unknown) => thrown instanceof IpcCallError && thrown instanceof Error && thrown.ipcError === error,
  );
});

test('toIpcError keeps IpcErrors and turns anything else into internal', () => {
  const error = { code: 'invalid_otp' as const, message: 'wrong' };
  assert.equal(toIpcError(new IpcCallError(error)), error);
  assert.deepEqual(toIpcError({ code: 'invalid_otp', message: 'wrong', secret: 'x' }), error);
  assert.equal(toIpcError(new TypeError('boom')).code, 'internal');
  assert.equal(toIpcError(undefined).code, 'internal');
});

test('the preload bridge wrapper turns a rejection or a malformed answer into an internal error', async () => {
  const rejecting: VigilBridge = { invoke: () => Promise.reject(new Error('main crashed')) };
  const rejected = await neverRejecting(rejecting).invoke('session:get-current', undefined);
  assert.deepEqual(rejected, { ok: false, error: { code: 'internal', message: 'The Vigil main process did not answer.' } });

  const malformed = { invoke: () => Promise.resolve({ status: 'signed-out' }) } as unknown as VigilBridge;
  const answer = await neverRejecting(malformed).invoke('session:get-current', undefined);
  assert.equal(!answer.ok && answer.error.code, 'internal');

  const fine: VigilBridge = { invoke: () => Promise.resolve({ ok: true, value: { status: 'signed-out' } }) as never };
  assert.deepEqual(await neverRejecting(fine).invoke('session:get-current', undefined), { ok: true, value: { status: 'signed-out' } });
});
