// Publishing refused by a project's policy: the error the publisher gets, and a release.refused event for them
// and the project's owners (project-events.ts). As with refused tokens (token-refusals.ts), a refusal repeated
// from the same address for the same account, project and reason is logged once a minute, not once a request:
// a CI job retrying in a loop should tell the owners, not bury their logs, and every copy goes to each owner.
import { transaction } from '../store/database.ts';
import type { RegistryStore } from '../store/store.ts';
import type { Caller } from './caller.ts';
import { ApiError } from './errors.ts';
import { appendProjectEvent } from './project-events.ts';
import type { RequestContext } from './request-context.ts';

export type ReleaseRefusalReason = 'two_factor_required' | 'invalid_otp';

export const releaseRefusalLogWindowMs = 60_000;
const maxRemembered = 10_000;

export interface ReleaseRefusal {
  caller: Caller;
  username: string;
  project: { id: number; name: string };
  /** Null when npm's version had not arrived yet. */
  version: string | null;
  reason: ReleaseRefusalReason;
  who: RequestContext;
  now: number;
}

function twoFactorRequiredError(project: string): ApiError {
  return new ApiError(
    403,
    'two_factor_required',
    `Publishing "${project}" requires two-factor authentication, and this account has none: turn it on, then publish with a one-time code`,
  );
}

export class ReleaseRefusals {
  private readonly store: RegistryStore;
  private readonly logged = new Map<string, number>();

  constructor(store: RegistryStore) {
    this.store = store;
  }

  /** Logs the refusal (at most once a minute per account, reason, address and project). */
  record(refusal: ReleaseRefusal): void {
    const { caller, project, reason, who, now } = refusal;
    const key = `${caller.accountId} ${reason} ${who.ip} ${project.id}`;
    const last = this.logged.get(key);
    if (last !== undefined && now - last < releaseRefusalLogWindowMs && now >= last) return;
    this.remember(key, now);
    // One transaction for all the copies, unless the caller already holds one.
    const append = () =>
      appendProjectEvent(this.store, {
        type: 'release.refused',
        project,
        actor: { id: caller.accountId, username: refusal.username },
        time: now,
        who,
        details: {
          reason,
          version: refusal.version,
          via: caller.via,
          tokenId: caller.token ? String(caller.token.id) : null,
          tokenName: caller.token?.name ?? null,
        },
      });
    if (this.store.db.isTransaction) append();
    else transaction(this.store.db, append);
  }

  /** Records a publisher without 2FA refused and returns the answer (403 two_factor_required). */
  refuseWithout2fa(refusal: Omit<ReleaseRefusal, 'reason'>): ApiError {
    this.record({ ...refusal, reason: 'two_factor_required' });
    return twoFactorRequiredError(refusal.project.name);
  }

  private remember(key: string, now: number): void {
    if (this.logged.size >= maxRemembered) {
      for (const [entry, time] of this.logged) if (now - time >= releaseRefusalLogWindowMs) this.logged.delete(entry);
      if (this.logged.size >= maxRemembered) this.logged.clear();
    }
    this.logged.set(key, now);
  }
}
