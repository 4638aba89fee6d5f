// Demo mode runs the reference registry in-process with its demo seed, so the console can be tried without
// setting anything up. Every launch starts from the seed: recovery codes burned and lockouts earned in an earlier
// run would make the published credentials lie. The registry code is loaded only when demo mode asks for it.
import fs from 'node:fs';
import type { AppInfo } from './ipc/contract.ts';

export interface DemoRegistry {
  url: string;
  // The demo account's published credentials, shown on the sign-in screen.
  account: NonNullable<AppInfo['demo']>;
  close(): Promise<void>;
}

const credentials = ({ username, password, totpSecret }: { username: string; password: string; totpSecret: string | null }) => ({
  username,
  password,
  totpSecret,
});

export async function startDemoRegistry(dataDir: string): Promise<DemoRegistry> {
  const [{ startRegistry }, { demoAccount, demoRecoveryCodes }, { demoPeople }] = await Promise.all([
    import('../registry/server/start-registry.ts'),
    import('../registry/seed/demo.ts'),
    import('../registry/seed/demo-people.ts'),
  ]);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const running = await startRegistry({ dataDir, port: 0, seed: 'demo' });
  const { username, password, totpSecret } = demoAccount;
  const others = [
    { ...credentials(demoPeople.ines), about: 'No 2FA; maintains two of the demo’s projects' },
    { ...credentials(demoPeople.olu), about: 'With 2FA; owns projects of his own' },
  ];
  const account = { username, password, totpSecret, recoveryCodes: demoRecoveryCodes(), others };
  return { url: running.url, account, close: () => running.close() };
}
