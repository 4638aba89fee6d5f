// Where session tokens live. The console has two stores: the OS keychain (through keytar) and, when no keychain
// is reachable, memory for this run only. There is deliberately no file fallback: a token on disk in plain text
// is exactly what a keychain is there to prevent.
import { createKeytarCredentialStore, defaultKeychainService, type KeytarModule } from './keytar-credential-store.ts';
import { createMemoryCredentialStore } from './memory-credential-store.ts';

export interface CredentialStore {
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  // True when something was deleted.
  delete(key: string): Promise<boolean>;
  list(): Promise<string[]>;
}

export type CredentialStoreKind = 'keychain' | 'memory';

export interface OpenedCredentialStore {
  store: CredentialStore;
  kind: CredentialStoreKind;
  // Why the keychain is not used, as a plain phrase for the log ("no Secret Service … is running"); never secrets.
  reason: string | null;
}

// The keychain account name of one session: the canonical registry URL and the username, joined by "|". A URL
// path may contain "|" but a registry username cannot (the contract's Username pattern), so the key is unambiguous.
export function credentialKey(account: { registryUrl: string; username: string }): string {
  return `${account.registryUrl}|${account.username}`;
}

// No account key has this form (credentialKey always holds "|").
const probeKey = 'vigil-keychain-probe';

export interface OpenCredentialStoreOptions {
  service?: string;
  // Loads keytar; injectable so a missing native module can be simulated.
  loadKeytar?: () => Promise<KeytarModule>;
  probeTimeoutMs?: number;
}

export async function openCredentialStore(options: OpenCredentialStoreOptions = {}): Promise<OpenedCredentialStore> {
  const service = options.service ?? defaultKeychainService;
  const loadKeytar = options.loadKeytar ?? loadInstalledKeytar;
  const inMemory = (reason: string): OpenedCredentialStore => ({ store: createMemoryCredentialStore(), kind: 'memory', reason });
  let keytar: KeytarModule;
  try {
    keytar = await loadKeytar();
  } catch {
    return inMemory('the keychain library could not be loaded (on Linux it needs libsecret)');
  }
  try {
    // Loading keytar only proves the native module exists; a call proves a Secret Service / keychain answers. It asks
    // for one entry that never exists rather than listing them all: listing reads every secret of the service, and
    // libsecret aborts the process when it meets an entry another process is still writing.
    await withTimeout(keytar.getPassword(service, probeKey), options.probeTimeoutMs ?? 5_000);
    return { store: createKeytarCredentialStore({ keytar, service }), kind: 'keychain', reason: null };
  } catch (error) {
    return inMemory(describeProbeFailure(error));
  }
}

// libsecret reports a missing Secret Service in D-Bus terms ("Cannot autolaunch D-Bus without X11 $DISPLAY",
// "Could not connect: No such file or directory", "The given address is empty",
// "org.freedesktop.DBus.Error.ServiceUnknown"), which tell a user nothing they can act on.
function describeProbeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message === probeTimeoutMessage) return 'the system keychain did not answer in time';
  if (/d-?bus|freedesktop|could not connect|address|secret/i.test(message)) {
    return 'no Secret Service, such as GNOME Keyring or KWallet, is running';
  }
  return 'the system keychain refused to open';
}

async function loadInstalledKeytar(): Promise<KeytarModule> {
  // The bundled Electron main is CommonJS, where require() loads the native module straight from node_modules
  // (or app.asar.unpacked); the browser host runs as an ES module without require(), so it imports.
  const loaded = (
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('keytar')
      : await import('keytar')
  ) as { default?: KeytarModule } & KeytarModule;
  return loaded.default ?? loaded;
}

const probeTimeoutMessage = 'the keychain did not answer in time';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(probeTimeoutMessage)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
