// Calls the registry as the signed-in account. Every service that acts for the user goes through here, so "not
// signed in" and "the registry ended the session" are handled the same way everywhere: the latter forgets that
// account's session in main and tells the window, which shows another signed-in account or sign-in again.
import { AppError } from './app-error.ts';
import type { RegistryClient } from './registry-client.ts';
import { isRegistryError } from './registry-error.ts';
import type { ActiveSession, SessionService } from './session-service.ts';
import type { AccountKey } from './token-vault.ts';

// `account` is one of the signed-in accounts; the active one when omitted.
export type RegistryCaller = <T>(work: (client: RegistryClient, session: ActiveSession) => Promise<T>, account?: AccountKey) => Promise<T>;

export function createRegistryCaller(options: {
  sessions: SessionService;
  clientFor: (registryUrl: string) => RegistryClient;
}): RegistryCaller {
  return async (work, account) => {
    const session = await options.sessions.activeSession(account);
    if (!session) throw new AppError('not_signed_in', account ? 'That account is not signed in any more.' : 'Sign in to continue.');
    try {
      return await work(options.clientFor(session.account.registryUrl), session);
    } catch (error) {
      if (isRegistryError(error) && error.code === 'unauthenticated') {
        await options.sessions.expireSession(session.account);
        throw new AppError('session_expired', 'The session has ended; please sign in again.');
      }
      throw error;
    }
  };
}
