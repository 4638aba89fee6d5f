// The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through keytar. The
// keychain service is "vigil"; each entry's account is the key from credentialKey(): "<registry URL>|<username>".
import type { CredentialStore } from './credential-store.ts';

export const defaultKeychainService = 'vigil';

// The part of keytar this store uses, so tests and the probe can hand in the real module or a failing one.
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export function createKeytarCredentialStore(options: { keytar: KeytarModule; service?: string }): CredentialStore {
  const { keytar } = options;
  const service = options.service ?? defaultKeychainService;
  return {
    get: (key: string) => keytar.getPassword(service, key),
    set: (key: string, secret: string) => keytar.setPassword(service, key, secret),
    delete: (key: string) => keytar.deletePassword(service, key),
    async list(): Promise<string[]> {
      const credentials = await keytar.findCredentials(service);
      return credentials.map((credential) => credential.account);
    },
  };
}
