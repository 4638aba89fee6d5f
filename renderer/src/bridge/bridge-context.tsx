// Components reach the bridge through context so the same tree runs against the preload or the browser host.
import { createContext, useContext, type ReactNode } from 'react';
import type { VigilBridge } from './contract.ts';

const BridgeContext = createContext<VigilBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: VigilBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): VigilBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge must be used inside <BridgeProvider>.');
  return bridge;
}
