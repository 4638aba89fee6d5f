// Everything both transports share — credential store, settings, services, IPC handlers and dispatcher, and in
// demo mode the reference registry — built in one place with no Electron import, so main.ts and the browser host
// only add their transport on top.
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from './ipc/contract.ts';
import { createIpcDispatcher, type IpcDispatcher } from './ipc/dispatcher.ts';
import { createIpcHandlers } from './ipc/handlers.ts';
import { openCredentialStore, type OpenedCredentialStore } from './services/credential-store.ts';
import { createRegistryClient } from './services/registry-client.ts';
import { canonicalRegistryUrl } from './services/registry-url.ts';
import { createAccountSecurity } from './services/account-security.ts';
import { createRegistryCaller } from './services/registry-caller.ts';
import { pageSecretOutlet, type SecretOutlet } from './services/secret-outlet.ts';
import { createSecurityAnalysis } from './services/security-analysis.ts';
import { createTokenFinder } from './services/token-finder/token-finder.ts';
import { tokenStateLookup } from './services/token-finder/token-states.ts';
import { createTokenManagement } from './services/tokens/token-management.ts';
import { createComplianceService } from './services/compliance/compliance-service.ts';
import { createActivityService } from './services/activity/activity-service.ts';
import { sharedGeolocator } from './services/activity/geolocation.ts';
import { createSessionService } from './services/session-service.ts';
import { createSettingsStore, type Settings } from './services/settings-store.ts';
import { createTokenVault } from './services/token-vault.ts';
import { startDemoRegistry, type DemoRegistry } from './demo-registry.ts';

// Where `npm run registry` listens unless told otherwise; used when nothing better is known.
export const fallbackRegistryUrl = 'http://127.0.0.1:4873';

export interface AppContextOptions {
  userDataDir: string;
  transport: AppInfo['transport'];
  demo?: boolean;
  // An explicit registry to prefill (--registry or VIGIL_REGISTRY_URL); ignored in demo mode.
  registryUrl?: string | null;
  log?: (message: string) => void;
  openStore?: () => Promise<OpenedCredentialStore>;
  fetch?: typeof globalThis.fetch;
  // Where "Copy all" and "Save to file" go: Electron's clipboard and save dialog, or (the default) the page.
  secrets?: SecretOutlet;
}

export interface AppContext {
  dispatcher: IpcDispatcher;
  appInfo(): Promise<AppInfo>;
  demoRegistry: { url: string } | null;
  close(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const log = options.log ?? ((message: string) => console.error(`vigil: ${message}`));
  const demo = options.demo ?? false;

  const opened = await (options.openStore ?? openCredentialStore)();
  if (opened.kind === 'memory') log(`no system keychain is available (${opened.reason}), so sessions last until Vigil quits`);

  let demoRegistry: DemoRegistry | null = null;
  if (demo) demoRegistry = await startDemoRegistry(path.join(options.userDataDir, 'demo-registry'));

  try {
    // Demo mode keeps its own settings: its registry moves to a new port every launch, and a demo sign-in must
    // not replace the user's real account.
    const settings = createSettingsStore({
      directory: demo ? path.join(options.userDataDir, 'demo-console') : options.userDataDir,
    });
    const clientFor = (registryUrl: string) =>
      createRegistryClient({ baseUrl: registryUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
    const vault = createTokenVault({ primary: opened.store, primaryKind: opened.kind, log });
    const sessions = createSessionService({ settings, vault, clientFor, log });
    // Each demo launch starts over: the last run's accounts point at a registry (and port) that is gone.
    if (demo) await sessions.forgetAllAccounts();
    const call = createRegistryCaller({ sessions, clientFor });
    const analysis = createSecurityAnalysis({ call });
    const security = createAccountSecurity(call);
    const secrets = options.secrets ?? pageSecretOutlet;
    const tokens = createTokenManagement(call);
    const compliance = createComplianceService({ call, sessions, outlet: secrets, log });
    const activity = createActivityService({ call, sessions, settings, outlet: secrets, geolocator: sharedGeolocator });
    const tokenFinder = createTokenFinder({ home: os.homedir(), env: process.env, lookUpStates: tokenStateLookup(call, sessions.signedInSessions) });

    const explicitUrl = demoRegistry?.url ?? usableUrl(options.registryUrl);
    if (options.registryUrl && !explicitUrl) log('ignoring the configured registry URL: it is not an http(s) URL');
    const appInfo = async (): Promise<AppInfo> => ({
      transport: options.transport,
      defaultRegistryUrl: explicitUrl ?? lastUsedRegistryUrl(await settings.read()) ?? fallbackRegistryUrl,
      keychainAvailable: opened.kind === 'keychain',
      secretOutlet: secrets.kind,
      demo: demoRegistry?.account ?? null,
    });

    const dispatcher = createIpcDispatcher(createIpcHandlers({ appInfo, sessions, analysis, security, secrets, tokens, compliance, tokenFinder, activity }), { log });
    return {
      dispatcher,
      appInfo,
      demoRegistry: demoRegistry ? { url: demoRegistry.url } : null,
      async close() {
        // A demo session must not outlive its registry in the keychain.
        if (demo) await sessions.forgetAllAccounts().catch(() => undefined);
        sessions.dispose();
        tokenFinder.dispose();
        await secrets.dispose().catch(() => undefined);
        await demoRegistry?.close();
      },
    };
  } catch (error) {
    await demoRegistry?.close();
    throw error;
  }
}

function usableUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return canonicalRegistryUrl(value);
  } catch {
    return null;
  }
}

function lastUsedRegistryUrl(settings: Settings): string | null {
  return settings.activeAccount?.registryUrl ?? settings.accounts.at(-1)?.registryUrl ?? null;
}
