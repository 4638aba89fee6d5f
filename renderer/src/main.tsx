// Entry point: picks the bridge (Electron preload or browser host) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app.tsx';
import { BridgeProvider } from './bridge/bridge-context.tsx';
import { resolveBridge } from './bridge/resolve-bridge.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // Failures come back as typed envelopes the user acts on (Retry); silent automatic retries would only delay them.
    queries: { retry: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

createRoot(container).render(
  <StrictMode>
    <BridgeProvider bridge={resolveBridge(window.vigil)}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </BridgeProvider>
  </StrictMode>,
);
