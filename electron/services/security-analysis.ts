// The dashboard's account overview: the account's posture and its sign-in counts over the last 30 days, both
// from the registry — which counts, so the figure is exact however long the history. Shaping is pure; only the
// service talks to the registry.
import type { Account, AuditEvent, EventSummary } from '../../registry/contract/schemas.ts';
import type { AccountOverview } from '../ipc/contract.ts';
import type { CredentialStoreKind } from './credential-store.ts';
import { failedSignInTypes, toFailedSignIns } from './failed-sign-ins.ts';
import type { RegistryCaller } from './registry-caller.ts';
import type { AccountKey } from './token-vault.ts';

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

export const recentFailedSignInsShown = 5;

export function summariseAccount(input: {
  registryUrl: string;
  storage: CredentialStoreKind;
  account: Account;
  summary: EventSummary;
  recentFailures: readonly AuditEvent[];
}): AccountOverview {
  const { account } = input;
  return {
    registryUrl: input.registryUrl,
    username: account.username,
    createdAt: account.createdAt,
    twoFactorEnabled: account.twoFactor.enabled,
    twoFactorEnabledAt: account.twoFactor.enabledAt,
    recoveryCodesRemaining: account.twoFactor.recoveryCodesRemaining,
    recoveryCodesGeneratedAt: account.twoFactor.recoveryCodesGeneratedAt,
    recoveryCodesLow: recoveryCodesLow(account),
    // The newest sign-in is nearly always this console's own; the one before it is the one worth checking.
    lastSignIn: account.previousSignIn,
    failedSignInsLast30Days: input.summary.failedSignIns,
    rateLimitedSignInsLast30Days: input.summary.rateLimitedSignIns,
    recentFailedSignIns: toFailedSignIns(input.recentFailures).slice(0, recentFailedSignInsShown),
    storage: input.storage,
  };
}

export interface SecurityAnalysis {
  // The active account's, or that of another signed-in account.
  getOverview(account?: AccountKey): Promise<AccountOverview>;
}

export function createSecurityAnalysis(options: { call: RegistryCaller; now?: () => Date }): SecurityAnalysis {
  const now = options.now ?? (() => new Date());
  return {
    getOverview: (account) =>
      options.call(async (client, session) => {
        const [account, summary, recent] = await Promise.all([
          client.getAccount(session.token),
          client.summarizeEvents(session.token, { since: windowStart(now()) }),
          client.listEvents(session.token, { types: failedSignInTypes, limit: recentFailedSignInsShown }),
        ]);
        return summariseAccount({
          registryUrl: session.account.registryUrl,
          storage: session.storage,
          account,
          summary,
          recentFailures: recent.events,
        });
      }, account),
  };
}
