// The dashboard's account overview: the account's posture and its sign-in counts over the last 30 days, both
// from the registry — which counts, so the figure is exact however long the history. Shaping is pure; only the
// service talks to the registry.
import type { Account, EventSummary } from '../../registry/contract/schemas.ts';
import type { AccountOverview } from '../ipc/contract.ts';
import { AppError } from './app-error.ts';
import type { CredentialStoreKind } from './credential-store.ts';
import type { RegistryClient } from './registry-client.ts';
import { isRegistryError } from './registry-error.ts';
import type { SessionService } from './session-service.ts';

export const analysisWindowDays = 30;
// At or below this many unused recovery codes the user should generate new ones.
export const lowRecoveryCodesThreshold = 2;

const dayMs = 24 * 60 * 60 * 1000;

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - analysisWindowDays * dayMs);
}

// Low only matters when 2FA is on: without it there are no recovery codes to run out of.
export function recoveryCodesLow(account: Account): boolean {
  return account.twoFactor.enabled && account.twoFactor.recoveryCodesRemaining <= lowRecoveryCodesThreshold;
}

export function summariseAccount(input: {
  registryUrl: string;
  storage: CredentialStoreKind;
  account: Account;
  summary: EventSummary;
}): AccountOverview {
  const { account } = input;
  return {
    registryUrl: input.registryUrl,
    username: account.username,
    createdAt: account.createdAt,
    twoFactorEnabled: account.twoFactor.enabled,
    recoveryCodesRemaining: account.twoFactor.recoveryCodesRemaining,
    recoveryCodesLow: recoveryCodesLow(account),
    lastSignIn: account.lastSignIn,
    failedSignInsLast30Days: input.summary.failedSignIns,
    rateLimitedSignInsLast30Days: input.summary.rateLimitedSignIns,
    storage: input.storage,
  };
}

export interface SecurityAnalysis {
  getOverview(): Promise<AccountOverview>;
}

export function createSecurityAnalysis(options: {
  sessions: SessionService;
  clientFor: (registryUrl: string) => RegistryClient;
  now?: () => Date;
}): SecurityAnalysis {
  const now = options.now ?? (() => new Date());
  return {
    async getOverview() {
      const session = await options.sessions.activeSession();
      if (!session) throw new AppError('not_signed_in', 'Sign in to see the account overview.');
      const client = options.clientFor(session.account.registryUrl);
      try {
        const [account, summary] = await Promise.all([
          client.getAccount(session.token),
          client.summarizeEvents(session.token, { since: windowStart(now()) }),
        ]);
        return summariseAccount({ registryUrl: session.account.registryUrl, storage: session.storage, account, summary });
      } catch (error) {
        if (isRegistryError(error) && error.code === 'unauthenticated') {
          await options.sessions.expireActiveSession();
          throw new AppError('session_expired', 'The session has ended; please sign in again.');
        }
        throw error;
      }
    },
  };
}
