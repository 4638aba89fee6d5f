// The sign-in flow and the signed-in state. Main owns it end to end: the token goes from the registry straight
// into the credential store and never to the renderer; a second-factor challenge keeps the password here, in
// memory, under a random id; a restart restores the session from settings + credential store.
import type { SessionRequest } from '../../registry/contract/schemas.ts';
import { AppError } from './app-error.ts';
import type { CredentialStoreKind } from './credential-store.ts';
import { createPendingChallenges, type PendingSignIn } from './pending-challenges.ts';
import type { RegistryClient } from './registry-client.ts';
import { isRegistryError } from './registry-error.ts';
import { canonicalRegistryUrl, InvalidRegistryUrlError } from './registry-url.ts';
import { emptySettings, isActiveAccount, withActiveAccount, withoutActiveAccount, type SettingsStore } from './settings-store.ts';
import type { AccountKey, TokenVault } from './token-vault.ts';

export interface SignedInState {
  status: 'signed-in';
  account: AccountKey;
  storage: CredentialStoreKind;
}
export interface SignedOutState {
  status: 'signed-out';
}
export interface SecondFactorState {
  status: 'second-factor-required';
  challengeId: string;
}

export type SecondFactor = { challengeId: string; otp: string } | { challengeId: string; recoveryCode: string };

export interface ActiveSession {
  account: AccountKey;
  token: string;
  storage: CredentialStoreKind;
}

export interface SessionService {
  current(): Promise<SignedInState | SignedOutState>;
  signIn(request: { registryUrl: string; username: string; password: string }): Promise<SignedInState | SecondFactorState>;
  verify(request: SecondFactor): Promise<SignedInState>;
  signOut(): Promise<SignedOutState>;
  // The signed-in account with its token, for services that call the registry on the user's behalf.
  activeSession(): Promise<ActiveSession | null>;
  // The registry said the session is over (401): forget the token and the active account.
  expireActiveSession(): Promise<void>;
  // Forgets every known account and its session token (demo mode starts from a clean slate each launch).
  forgetAllAccounts(): Promise<void>;
  dispose(): void;
}

export interface SessionServiceOptions {
  settings: SettingsStore;
  vault: TokenVault;
  clientFor: (registryUrl: string) => RegistryClient;
  now?: () => Date;
  challengeTtlMs?: number;
  log?: (message: string) => void;
}

export function createSessionService(options: SessionServiceOptions): SessionService {
  const { settings, vault, clientFor } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const challenges = createPendingChallenges({
    now: () => now().getTime(),
    ...(options.challengeTtlMs === undefined ? {} : { ttlMs: options.challengeTtlMs }),
  });

  async function complete(pending: PendingSignIn, secondFactor: Pick<SessionRequest, 'otp' | 'recoveryCode'>): Promise<SignedInState> {
    const response = await clientFor(pending.registryUrl).signIn({
      username: pending.username,
      password: pending.password,
      ...secondFactor,
    });
    // The registry's spelling of the username is the account's name from now on.
    const account = { registryUrl: pending.registryUrl, username: response.username };
    const storage = await vault.save(account, { token: response.token, expiresAt: response.expiresAt });
    try {
      await settings.update((current) => withActiveAccount(current, account, now()));
    } catch (error) {
      // Without a settings entry nothing would find this token again: drop it and end its session at the registry.
      await vault.remove(account).catch(() => undefined);
      await clientFor(pending.registryUrl).endSession(response.token).catch(() => undefined);
      throw error;
    }
    return { status: 'signed-in', account, storage };
  }

  async function activeSession(): Promise<ActiveSession | null> {
    const { activeAccount } = await settings.read();
    if (!activeAccount) return null;
    const stored = await vault.load(activeAccount);
    if (!stored || Date.parse(stored.session.expiresAt) <= now().getTime()) {
      // A session that is gone or expired signs the user out rather than failing every later call.
      await forget(activeAccount);
      return null;
    }
    return { account: activeAccount, token: stored.session.token, storage: stored.storage };
  }

  async function forget(account: AccountKey): Promise<void> {
    await vault.remove(account);
    await settings.update((current) => (isActiveAccount(current, account) ? withoutActiveAccount(current) : current));
  }

  return {
    async current() {
      const session = await activeSession();
      return session ? { status: 'signed-in', account: session.account, storage: session.storage } : { status: 'signed-out' };
    },

    async signIn(request) {
      let registryUrl: string;
      try {
        registryUrl = canonicalRegistryUrl(request.registryUrl);
      } catch (error) {
        if (error instanceof InvalidRegistryUrlError) throw new AppError('invalid_request', `registryUrl: ${error.message}`);
        throw error;
      }
      const pending = { registryUrl, username: request.username, password: request.password };
      try {
        return await complete(pending, {});
      } catch (error) {
        if (isRegistryError(error) && error.code === 'otp_required') {
          return { status: 'second-factor-required', challengeId: challenges.create(pending) };
        }
        throw error;
      }
    },

    async verify(request) {
      const pending = challenges.get(request.challengeId);
      if (!pending) throw new AppError('challenge_expired', 'The sign-in has expired; please sign in again.');
      const secondFactor = 'otp' in request ? { otp: request.otp } : { recoveryCode: request.recoveryCode };
      try {
        const signedIn = await complete(pending, secondFactor);
        challenges.delete(request.challengeId);
        return signedIn;
      } catch (error) {
        // A wrong code keeps the challenge so the user can try again; a rejected password cannot get better.
        if (isRegistryError(error) && error.code === 'invalid_credentials') challenges.delete(request.challengeId);
        throw error;
      }
    },

    async signOut() {
      const { activeAccount } = await settings.read();
      if (!activeAccount) return { status: 'signed-out' };
      let stored: Awaited<ReturnType<TokenVault['load']>> = null;
      try {
        stored = await vault.load(activeAccount);
      } catch (error) {
        log(`reading the session for sign-out failed (${error instanceof Error ? error.name : 'unknown'})`);
      }
      if (stored) {
        try {
          await clientFor(activeAccount.registryUrl).endSession(stored.session.token);
        } catch (error) {
          // Signing out locally must work while the registry is down; the registry's session then just expires.
          log(`ending the session at the registry failed (${isRegistryError(error) ? error.code : 'unknown'})`);
        }
      }
      await forget(activeAccount);
      return { status: 'signed-out' };
    },

    activeSession,

    async expireActiveSession() {
      const { activeAccount } = await settings.read();
      if (activeAccount) await forget(activeAccount);
    },

    async forgetAllAccounts() {
      const { accounts } = await settings.read();
      for (const account of accounts) await vault.remove(account);
      await settings.update(emptySettings);
      challenges.clear();
    },

    dispose() {
      challenges.clear();
    },
  };
}
