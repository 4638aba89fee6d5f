// The IPC tests' two questions of a channel: did it answer (and with what), or did it refuse with this code (and
// which message)? The dispatcher is read when asked, since the tests make it in `before`.
import assert from 'node:assert/strict';
import type { Result } from '../ipc/contract.ts';
import type { IpcDispatcher } from '../ipc/dispatcher.ts';

export function dispatchAssertions(dispatcher: () => IpcDispatcher) {
  return {
    async ok<T = Record<string, unknown>>(channel: string, payload?: unknown): Promise<T> {
      const result = (await dispatcher().dispatch(channel, payload)) as Result<T>;
      assert.ok(result.ok, `${channel}: ${JSON.stringify(result)}`);
      return result.value;
    },
    async failsWith(channel: string, payload: unknown, code: string): Promise<string> {
      const result = await dispatcher().dispatch(channel, payload);
      assert.ok(!result.ok, `${channel} should fail with ${code}`);
      assert.equal(result.error.code, code, result.error.message);
      return result.error.message;
    },
  };
}
