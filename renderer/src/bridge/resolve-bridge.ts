// Picks the bridge for this window: the preload's `window.vigil` inside Electron, HTTP to the browser host otherwise.
import type { ChannelName, RequestOf, ResponseOf, Result, VigilBridge } from './contract.ts';
import { createBrowserBridge, readEnvelope } from './browser-bridge.ts';

declare global {
  interface Window {
    vigil?: VigilBridge;
  }
}

export function resolveBridge(preloadBridge: VigilBridge | undefined): VigilBridge {
  return preloadBridge ? neverRejecting(preloadBridge) : createBrowserBridge();
}

// ipcRenderer.invoke rejects when the main process throws; the UI expects an error envelope instead.
export function neverRejecting(bridge: VigilBridge): VigilBridge {
  return {
    async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      try {
        // Checked like the browser host's answers, so a malformed envelope becomes an error, not a crash.
        return readEnvelope(await bridge.invoke(channel, request)) as Result<ResponseOf<C>>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The Vigil main process did not answer.' } };
      }
    },
  };
}
