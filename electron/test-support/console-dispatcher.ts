// The console's real IPC dispatcher, handlers and services over a test registry, keeping time by the registry's
// clock so session expiry and token expiry mean the same on both sides. Tokens go to an in-memory keychain and
// settings to `directory`; the token finder scans `home`.
import type { TestRegistry } from '../../registry/server/test-support.ts';
import { createIpcDispatcher, type IpcDispatcher } from '../ipc/dispatcher.ts';
import { createIpcHandlers } from '../ipc/handlers.ts';
import { createAccountSecurity } from '../services/account-security.ts';
import { createMemoryCredentialStore } from '../services/memory-credential-store.ts';
import { createRegistryCaller } from '../services/registry-caller.ts';
import { createRegistryClient } from '../services/registry-client.ts';
import { pageSecretOutlet } from '../services/secret-outlet.ts';
import { createSecurityAnalysis } from '../services/security-analysis.ts';
import { createSessionService } from '../services/session-service.ts';
import { createSettingsStore } from '../services/settings-store.ts';
import { createTokenFinder } from '../services/token-finder/token-finder.ts';
import { tokenStateLookup } from '../services/token-finder/token-states.ts';
import { createTokenManagement } from '../services/tokens/token-management.ts';
import { createComplianceService } from '../services/compliance/compliance-service.ts';
import { createTokenVault } from '../services/token-vault.ts';
import { createActivityService } from '../services/activity/activity-service.ts';
import { sharedGeolocator } from '../services/activity/geolocation.ts';

export function consoleDispatcher(
  harness: TestRegistry,
  options: { directory: string; home: string; log?: (message: string) => void; activityExportLimit?: number },
): IpcDispatcher {
  const clientFor = (registryUrl: string) => createRegistryClient({ baseUrl: registryUrl });
  const now = () => new Date(harness.clock.now);
  const settings = createSettingsStore({ directory: options.directory });
  const sessions = createSessionService({
    settings,
    vault: createTokenVault({ primary: createMemoryCredentialStore(), primaryKind: 'keychain' }),
    clientFor,
    now,
  });
  const call = createRegistryCaller({ sessions, clientFor });
  const handlers = createIpcHandlers({
    appInfo: async () => ({ transport: 'browser', defaultRegistryUrl: harness.registry.url, keychainAvailable: true, secretOutlet: 'page', demo: null }),
    sessions,
    analysis: createSecurityAnalysis({ call, now }),
    security: createAccountSecurity(call),
    secrets: pageSecretOutlet,
    tokens: createTokenManagement(call, () => harness.clock.now),
    compliance: createComplianceService({ call, sessions, outlet: pageSecretOutlet, now: () => harness.clock.now }),
    activity: createActivityService({
      call,
      sessions,
      settings,
      outlet: pageSecretOutlet,
      geolocator: sharedGeolocator,
      now: () => harness.clock.now,
      ...(options.activityExportLimit ? { exportLimit: options.activityExportLimit } : {}),
    }),
    tokenFinder: createTokenFinder({ home: options.home, env: {}, lookUpStates: tokenStateLookup(call, sessions.signedInSessions, () => harness.clock.now) }),
  });
  return createIpcDispatcher(handlers, options.log ? { log: options.log } : {});
}
