// An accepted use of an API token: its last use (time and address) is updated, and a use from an address the
// token was never used from is logged as token.used_from_new_ip, the first sign that a token has travelled.
// Publishing records every use. Reads (whoami, the project list) record at most one a second per token and
// address, so a client polling whoami costs one write a second, not one per request; a new address is always
// written at once.
import { transaction } from '../store/database.ts';
import type { ApiTokenRecord } from '../store/api-token-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { RequestContext } from './request-context.ts';

export const tokenReadUseGranularityMs = 1_000;

export function recordTokenUse(
  store: RegistryStore,
  token: ApiTokenRecord,
  who: RequestContext,
  now: number,
  granularityMs: number,
): void {
  const sameAddress = token.lastUsedIp === who.ip;
  // Decided on the record as read for this request: no write at all on the common path.
  if (sameAddress && token.lastUsedAt !== null && now >= token.lastUsedAt && now - token.lastUsedAt < granularityMs) return;
  transaction(store.db, () => {
    store.apiTokens.recordUse(token.id, now, who.ip, granularityMs);
    if (sameAddress || !store.apiTokens.rememberAddress(token.id, who.ip, now)) return;
    store.events.append({
      accountId: token.accountId,
      type: 'token.used_from_new_ip',
      time: now,
      ...who,
      details: { id: String(token.id), name: token.name },
    });
  });
}
