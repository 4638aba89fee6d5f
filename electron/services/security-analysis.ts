// The dashboard's account overview: the account's posture from the registry plus what its recent audit events
// say. The counting is pure (events + clock in, numbers out); only collectRecentEvents and the service talk to
// the registry.
import type { Account, AuditEvent } from '../../registry/contract/schemas.ts';
import type { AccountOverview } from '../ipc/contract.ts';
import { AppError } from './app-error.ts';
import type { CredentialStoreKind } from './credential-store.ts';
import type { RegistryClient } from './registry-client.ts';
import { isRegistryError } from './registry-error.ts';
import type { SessionService } from './session-service.ts';

export const analysisWindowDays = 30;
// At or below this many unused recovery codes the user should generate new ones.
export const lowRecoveryCodesThreshold = 2;
const pageSize = 200;
// A registry with a huge history (or one that keeps handing out cursors) must not keep the dashboard waiting.
export const maxEventPages = 10;

const dayMs = 24 * 60 * 60 * 1000;

export function windowStart(now: Date, days = analysisWindowDays): number {
  return now.getTime() - days * dayMs;
}

// Pages through the audit log (newest first) until the events are older than the window, the log ends, or the
// page cap is reached.
export async function collectRecentEvents(
  client: RegistryClient,
  token: string,
  options: { now: Date; days?: number; maxPages?: number },
): Promise<AuditEvent[]> {
  const cutoff = windowStart(options.now, options.days);
  const maxPages = options.maxPages ?? maxEventPages;
  const events: AuditEvent[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const response = await client.listEvents(token, { limit: pageSize, cursor });
    events.push(...response.events);
    const oldest = response.events.at(-1);
    if (!oldest || Date.parse(oldest.time) < cutoff) break;
    if (response.nextCursor === null || seenCursors.has(response.nextCursor)) break;
    seenCursors.add(response.nextCursor);
    cursor = response.nextCursor;
  }
  return events;
}

export function countFailedSignIns(events: readonly AuditEvent[], now: Date, days = analysisWindowDays): number {
  const cutoff = windowStart(now, days);
  const end = now.getTime();
  return events.filter((event) => {
    if (event.type !== 'login.failure') return false;
    const time = Date.parse(event.time);
    return time >= cutoff && time <= end;
  }).length;
}

// Low only matters when 2FA is on: without it there are no recovery codes to run out of.
export function recoveryCodesLow(account: Account): boolean {
  return account.twoFactor.enabled && account.twoFactor.recoveryCodesRemaining <= lowRecoveryCodesThreshold;
}

export function summariseAccount(input: {
  registryUrl: string;
  storage: CredentialStoreKind;
  account: Account;
  events: readonly AuditEvent[];
  now: Date;
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
    failedSignInsLast30Days: countFailedSignIns(input.events, input.now),
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
      const at = now();
      try {
        const [account, events] = await Promise.all([
          client.getAccount(session.token),
          collectRecentEvents(client, session.token, { now: at }),
        ]);
        return summariseAccount({ registryUrl: session.account.registryUrl, storage: session.storage, account, events, now: at });
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
