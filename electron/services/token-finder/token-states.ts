// What the signed-in account's registry says of each token key a scan found: active, revoked or expired, from
// every token the account ever made (GET /tokens?state=all). Keys it does not list are left out: unknown to this
// account, so the line holding one can go.
import type { RegistryCaller } from '../registry-caller.ts';
import type { TokenState } from './token-finder.ts';

export function tokenStateLookup(call: RegistryCaller, now: () => number = Date.now) {
  return (keys: readonly string[]) =>
    call(async (client, { token }) => {
      const wanted = new Set(keys);
      const states = new Map<string, Exclude<TokenState, 'unknown'>>();
      for (const listed of (await client.listTokens(token, { state: 'all' })).tokens) {
        if (!wanted.has(listed.key)) continue;
        const state = listed.revokedAt !== null ? 'revoked' : Date.parse(listed.expiresAt) <= now() ? 'expired' : 'active';
        states.set(listed.key, state);
      }
      return states;
    });
}
