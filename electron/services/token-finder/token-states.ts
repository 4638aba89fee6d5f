// What the registries of the signed-in accounts say of each token key a scan found: active, revoked or expired,
// from every token each account ever made (GET /tokens?state=all). Keys no signed-in account lists are left out:
// unknown to this console's accounts, so the line holding one can go.
import type { RegistryCaller } from '../registry-caller.ts';
import type { AccountKey } from '../token-vault.ts';
import type { TokenState } from './token-finder.ts';

export function tokenStateLookup(
  call: RegistryCaller,
  signedInAccounts: () => Promise<ReadonlyArray<{ account: AccountKey }>>,
  now: () => number = Date.now,
) {
  return async (keys: readonly string[]) => {
    const wanted = new Set(keys);
    const states = new Map<string, Exclude<TokenState, 'unknown'>>();
    for (const { account } of await signedInAccounts()) {
      await call(async (client, { token }) => {
        for (const listed of (await client.listTokens(token, { state: 'all' })).tokens) {
          if (!wanted.has(listed.key)) continue;
          const state = listed.revokedAt !== null ? 'revoked' : Date.parse(listed.expiresAt) <= now() ? 'expired' : 'active';
          states.set(listed.key, state);
        }
      }, account);
    }
    return states;
  };
}
