// Demo mode runs the reference registry in-process with its demo seed, so the console can be tried without
// setting anything up. The registry code is loaded only when demo mode asks for it.
import type { AppInfo } from './ipc/contract.ts';

export interface DemoRegistry {
  url: string;
  // The demo account's published credentials, shown on the sign-in screen.
  account: NonNullable<AppInfo['demo']>;
  close(): Promise<void>;
}

export async function startDemoRegistry(dataDir: string): Promise<DemoRegistry> {
  const [{ startRegistry }, { demoAccount }] = await Promise.all([
    import('../registry/server/start-registry.ts'),
    import('../registry/seed/demo.ts'),
  ]);
  const running = await startRegistry({ dataDir, port: 0, seed: 'demo' });
  const { username, password, totpSecret } = demoAccount;
  return { url: running.url, account: { username, password, totpSecret }, close: () => running.close() };
}
