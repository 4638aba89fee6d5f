// Revoking API tokens, one (reason "user") or several at once (reason "bulk"). Only the account's own tokens that
// are not revoked yet are touched (an expired one may still be revoked, which ends its story in the log); each
// gets a token.revoked event. Call inside a transaction, so the revocations and their events are one write.
import type { RegistryStore } from '../store/store.ts';
import type { RequestContext } from './request-context.ts';

export type TokenRevocationReason = 'user' | 'bulk';

/** How many of `ids` were revoked. */
export function revokeTokens(
  store: RegistryStore,
  accountId: number,
  ids: readonly number[],
  reason: TokenRevocationReason,
  now: number,
  who: RequestContext,
): number {
  let revoked = 0;
  for (const id of new Set(ids)) {
    if (!Number.isSafeInteger(id)) continue;
    const token = store.apiTokens.revokeOwn(accountId, id, now);
    if (!token) continue;
    revoked += 1;
    store.events.append({ accountId, type: 'token.revoked', time: now, ...who, details: { reason, id: String(token.id), name: token.name } });
  }
  return revoked;
}
