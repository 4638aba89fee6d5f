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

// One signed-in account: whose session is kept, and where.
export interface SignedInAccount extends AccountKey {
  storage: CredentialStoreKind;
}

// Several accounts may be signed in at once (the same or different registries), each with its own session in the
// credential store. One of them is active: the account pages act for it, and the console shows it.
export interface SignedInState {
  status: 'signed-in';
  account: AccountKey;
  storage: CredentialStoreKind;
  accounts: SignedInAccount[];
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
  // Signs in (another) account, which becomes the active one; accounts already signed in stay so.
  signIn(request: { registryUrl: string; username: string; password: string }): Promise<SignedInState | SecondFactorState>;
  verify(request: SecondFactor): Promise<SignedInState>;
  // Makes another signed-in account the active one.
  switchTo(account: AccountKey): Promise<SignedInState>;
  // Signs the active account out; another signed-in account, if any, becomes active.
  signOut(): Promise<SignedInState | SignedOutState>;
  // The session of `account` (the active account when omitted), for services that call the registry for the user.
  activeSession(account?: AccountKey): Promise<ActiveSession | null>;
  // Every signed-in account's session, in the order they were added.
  signedInSessions(): Promise<ActiveSession[]>;
  // The registry said the session is over (401): forget it.
  expireSession(account: AccountKey): Promise<void>;
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

const sameAccount = (a: AccountKey, b: AccountKey | null) => b !== null && a.registryUrl === b.registryUrl && a.username === b.username;

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
    await vault.save(account, { token: response.token, expiresAt: response.expiresAt });
    try {
      await settings.update((current) => withActiveAccount(current, account, now()));
    } catch (error) {
      // Without a settings entry nothing would find this token again: drop it and end its session at the registry.
      await vault.remove(account).catch(() => undefined);
      await clientFor(pending.registryUrl).endSession(response.token).catch(() => undefined);
      throw error;
    }
    return signedInState();
  }

  // The account's session, or null; a session that is gone or expired is forgotten rather than failing every call.
  async function sessionOf(account: AccountKey): Promise<ActiveSession | null> {
    const stored = await vault.load(account);
    if (stored && Date.parse(stored.session.expiresAt) > now().getTime()) {
      return { account, token: stored.session.token, storage: stored.storage };
    }
    if (stored) await vault.remove(account);
    return null;
  }

  async function signedInSessions(): Promise<ActiveSession[]> {
    const { accounts } = await settings.read();
    const sessions: ActiveSession[] = [];
    for (const { registryUrl, username } of accounts) {
      const session = await sessionOf({ registryUrl, username });
      if (session) sessions.push(session);
    }
    return sessions;
  }

  // Every signed-in session and the active one; when the active account is no longer signed in, the first one
  // still signed in takes its place.
  async function resolve(): Promise<{ active: ActiveSession | null; all: ActiveSession[] }> {
    const [{ activeAccount }, all] = await Promise.all([settings.read(), signedInSessions()]);
    const active = all.find((session) => sameAccount(session.account, activeAccount)) ?? all[0] ?? null;
    const changed = active ? !sameAccount(active.account, activeAccount) : activeAccount !== null;
    if (changed) {
      await settings.update((current) => (active ? withActiveAccount(current, active.account, now()) : withoutActiveAccount(current)));
    }
    return { active, all };
  }

  async function signedInState(): Promise<SignedInState> {
    const state = await current();
    if (state.status !== 'signed-in') throw new AppError('not_signed_in', 'Sign in to continue.');
    return state;
  }

  async function current(): Promise<SignedInState | SignedOutState> {
    const { active, all } = await resolve();
    if (!active) return { status: 'signed-out' };
    return {
      status: 'signed-in',
      account: active.account,
      storage: active.storage,
      accounts: all.map((session) => ({ ...session.account, storage: session.storage })),
    };
  }

  async function forget(account: AccountKey): Promise<void> {
    await vault.remove(account);
    await settings.update((current) => (isActiveAccount(current, account) ? withoutActiveAccount(current) : current));
  }

  return {
    current,

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

    async switchTo(account) {
      if (!(await sessionOf(account))) throw new AppError('not_signed_in', 'That account is not signed in; add it again.');
      await settings.update((current) => withActiveAccount(current, account, now()));
      return signedInState();
    },

    async signOut() {
      const { activeAccount } = await settings.read();
      if (!activeAccount) return current();
      let session: ActiveSession | null = null;
      try {
        session = await sessionOf(activeAccount);
      } catch (error) {
        // An unreadable keychain must not keep the user signed in: sign out locally all the same.
        log(`reading the session for sign-out failed (${error instanceof Error ? error.name : 'unknown'})`);
      }
      if (session) {
        try {
          await clientFor(activeAccount.registryUrl).endSession(session.token);
        } catch (error) {
          // Signing out locally must work while the registry is down; the registry's session then just expires.
          log(`ending the session at the registry failed (${isRegistryError(error) ? error.code : 'unknown'})`);
        }
      }
      await forget(activeAccount).catch(() => undefined);
      // Who else is signed in; with the keychain unreadable, nobody can be.
      return current().catch((): SignedOutState => ({ status: 'signed-out' }));
    },

    async activeSession(account) {
      if (account) return sessionOf(account);
      // The common case reads one keychain entry: the active account's.
      const { activeAccount } = await settings.read();
      const active = activeAccount ? await sessionOf(activeAccount) : null;
      return active ?? (await resolve()).active;
    },

    signedInSessions,

    async expireSession(account) {
      await forget(account);
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
