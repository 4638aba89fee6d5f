// Session tokens by account, on top of the credential store. A keychain that refuses a write at run time (locked,
// daemon gone) must not lose the user's sign-in, so the token then lives in memory for this run and the session
// reports storage "memory" — still never a file.
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { credentialKey, type CredentialStore, type CredentialStoreKind } from './credential-store.ts';
import { createMemoryCredentialStore } from './memory-credential-store.ts';

export interface AccountKey {
  registryUrl: string;
  username: string;
}

// What is stored per account: the token and when the registry said it expires, so an expired session is known
// to be over without asking the registry.
const StoredSession = z.object({ token: z.string().min(1), expiresAt: z.iso.datetime() });
export type StoredSession = z.infer<typeof StoredSession>;

export interface TokenVault {
  readonly primaryKind: CredentialStoreKind;
  save(account: AccountKey, session: StoredSession): Promise<CredentialStoreKind>;
  load(account: AccountKey): Promise<{ session: StoredSession; storage: CredentialStoreKind } | null>;
  // Best effort on both stores: a keychain that refuses the delete is logged, not fatal.
  remove(account: AccountKey): Promise<void>;
}

export function createTokenVault(options: {
  primary: CredentialStore;
  primaryKind: CredentialStoreKind;
  log?: (message: string) => void;
}): TokenVault {
  const { primary, primaryKind } = options;
  const log = options.log ?? (() => undefined);
  const fallback = primaryKind === 'memory' ? primary : createMemoryCredentialStore();

  function decode(secret: string | null): StoredSession | null {
    if (secret === null) return null;
    try {
      const parsed = StoredSession.safeParse(JSON.parse(secret));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    primaryKind,
    async save(account, session) {
      const key = credentialKey(account);
      const secret = JSON.stringify(StoredSession.parse(session));
      if (primaryKind === 'keychain') {
        try {
          await primary.set(key, secret);
          await fallback.delete(key);
          return 'keychain';
        } catch (error) {
          log(`keychain write failed (${error instanceof Error ? error.name : 'unknown'}); keeping the session in memory for this run`);
        }
      }
      await fallback.set(key, secret);
      return 'memory';
    },
    async load(account) {
      const key = credentialKey(account);
      if (fallback !== primary) {
        const inMemory = decode(await fallback.get(key));
        if (inMemory) return { session: inMemory, storage: 'memory' };
      }
      let secret: string | null;
      try {
        secret = await primary.get(key);
      } catch {
        throw new AppError('keychain_unavailable', 'The system keychain could not be read.');
      }
      const session = decode(secret);
      return session ? { session, storage: primaryKind } : null;
    },
    async remove(account) {
      const key = credentialKey(account);
      await fallback.delete(key);
      if (fallback === primary) return;
      try {
        await primary.delete(key);
      } catch (error) {
        log(`keychain delete failed (${error instanceof Error ? error.name : 'unknown'})`);
      }
    },
  };
}
