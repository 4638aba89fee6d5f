// The preload: the renderer's only door to main. It exposes a single invoke() for the channels in the contract
// and nothing else — no ipcRenderer, no Node. It imports channels.ts only, so the bundle stays tiny and zod-free;
// main validates every request anyway.
import { contextBridge, ipcRenderer } from 'electron';
import { isChannelName } from './ipc/channels.ts';
import type { VigilBridge } from './ipc/contract.ts';

const bridge: VigilBridge = {
  invoke(channel, request) {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'There is no such IPC channel.' } });
    }
    return ipcRenderer.invoke(channel, request);
  },
};

contextBridge.exposeInMainWorld('vigil', bridge);
