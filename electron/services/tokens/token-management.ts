// The account's API tokens, for the Tokens page: list (with the flags the page warns about), create, revoke one
// or several; and the account's projects, which a new token may be scoped to. The one secret here, a new token,
// passes through to the window to be shown once; main keeps no copy.
import type { CreateTokenRequest, TokenInfo } from '../../../registry/contract/token-schemas.ts';
import { AppError } from '../app-error.ts';
import type { RegistryCaller } from '../registry-caller.ts';
import { isRegistryError } from '../registry-error.ts';
import type { AccountKey } from '../token-vault.ts';
import { tokenFlags } from './token-flags.ts';

// Everything but the key: the window has no use for it (the finder matches keys in main).
function tokenRow({ key: _key, revokedAt: _revokedAt, ...token }: TokenInfo, now: number) {
  return { ...token, flags: tokenFlags(token, now) };
}

export function createTokenManagement(call: RegistryCaller, now: () => number = Date.now) {
  return {
    // The active account's tokens, or another signed-in account's.
    listTokens: (account?: AccountKey) =>
      call(async (client, { token }) => {
        const { tokens } = await client.listTokens(token, { state: 'active' });
        const at = now();
        return { tokens: tokens.map((listed) => tokenRow(listed, at)) };
      }, account),

    listProjects: () => call((client, { token }) => client.listProjects(token)),

    createToken: (request: CreateTokenRequest) =>
      call(async (client, { token }) => {
        const created = await client.createToken(token, request);
        return { ...tokenRow(created, now()), token: created.token };
      }),

    revokeToken: (request: { id: string }) =>
      call(async (client, { token }) => {
        try {
          await client.revokeToken(token, request.id);
        } catch (error) {
          if (isRegistryError(error) && error.code === 'not_found') {
            throw new AppError('not_found', 'That token was already revoked or has expired.');
          }
          throw error;
        }
        return { done: true as const };
      }),

    revokeTokens: (request: { ids: string[] }) => call((client, { token }) => client.revokeTokens(token, request)),
  };
}

export type TokenManagement = ReturnType<typeof createTokenManagement>;
