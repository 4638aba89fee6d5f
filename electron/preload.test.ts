// The preload as Electron loads it: bundled by esbuild into one CommonJS file (as scripts/build.ts does), then
// run with a stand-in `electron` module that records what is exposed to the page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { channelNames } from './ipc/channels.ts';

async function loadPreload() {
  const result = await build({
    absWorkingDir: path.resolve(import.meta.dirname, '..'),
    entryPoints: [path.join(import.meta.dirname, 'preload.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    write: false,
    metafile: true,
  });
  const exposed = new Map<string, unknown>();
  const invoked: Array<[string, unknown]> = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, request: unknown) => {
        invoked.push([channel, request]);
        return { ok: true, value: 'from main' };
      },
    },
  };
  const fakeRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`the preload must not require ${id}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', result.outputFiles[0]!.text)(fakeRequire, module, module.exports);
  return { exposed, invoked, inputs: Object.keys(result.metafile.inputs) };
}

describe('preload', () => {
  test('bundles to one file that pulls in nothing but the channel list (no zod, no services)', async () => {
    const { inputs } = await loadPreload();
    assert.deepEqual(inputs.sort(), ['electron/ipc/channels.ts', 'electron/preload.ts']);
  });

  test('exposes exactly one API, window.vigil, with invoke() and nothing else', async () => {
    const { exposed } = await loadPreload();
    assert.deepEqual([...exposed.keys()], ['vigil']);
    assert.deepEqual(Object.keys(exposed.get('vigil') as object), ['invoke']);
  });

  test('forwards every contract channel to ipcRenderer.invoke', async () => {
    const { exposed, invoked } = await loadPreload();
    const bridge = exposed.get('vigil') as { invoke(channel: string, request: unknown): Promise<unknown> };
    for (const channel of channelNames) assert.deepEqual(await bridge.invoke(channel, { x: 1 }), { ok: true, value: 'from main' });
    assert.deepEqual(invoked.map(([channel]) => channel), [...channelNames]);
  });

  test('refuses channels outside the contract without reaching main', async () => {
    const { exposed, invoked } = await loadPreload();
    const bridge = exposed.get('vigil') as { invoke(channel: unknown, request: unknown): Promise<unknown> };
    for (const channel of ['ELECTRON_BROWSER_WINDOW_CREATE', 'session:steal', 42]) {
      assert.deepEqual(await bridge.invoke(channel, null), {
        ok: false,
        error: { code: 'unknown_channel', message: 'There is no such IPC channel.' },
      });
    }
    assert.equal(invoked.length, 0);
  });
});
