// Tokens kept in this process only: used when no keychain is reachable, and as the per-run fallback when a
// keychain write fails. Everything in it is gone when the app quits.
import type { CredentialStore } from './credential-store.ts';

export function createMemoryCredentialStore(): CredentialStore {
  const secrets = new Map<string, string>();
  return {
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, secret) => {
      secrets.set(key, secret);
    },
    delete: async (key) => secrets.delete(key),
    list: async () => [...secrets.keys()],
  };
}
