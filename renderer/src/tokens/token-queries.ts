// The Tokens page's reads and writes. Creating a token is sensitive (Confirm access); its answer holds the token,
// so, like every secret-bearing mutation, it keeps gcTime 0 and the caller resets it once the token is in the
// dialog's state. Lists never hold a token.
import { useQuery } from '@tanstack/react-query';
import type { AccountRef } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { call, queryKeys } from '../queries.ts';
import { useAccountMutation } from '../security-actions.ts';

export function useTokens(account: AccountRef) {
  const bridge = useBridge();
  // "Last used" moves while the page is open (a CI job publishing); a minute is fresh enough.
  return useQuery({
    queryKey: queryKeys.tokens(account),
    queryFn: () => call(bridge, 'tokens:list', { account: { registryUrl: account.registryUrl, username: account.username } }),
    refetchInterval: 60_000,
  });
}

export function useProjects(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.projects(account), queryFn: () => call(bridge, 'projects:list', undefined) });
}

const tokenList = (account: AccountRef) => [queryKeys.tokens(account)];

export const useCreateToken = (account: AccountRef) => useAccountMutation('tokens:create', account, { sensitive: true, invalidates: tokenList });
export const useRevokeToken = (account: AccountRef) => useAccountMutation('tokens:revoke', account, { invalidates: tokenList });
export const useRevokeTokens = (account: AccountRef) => useAccountMutation('tokens:revoke-many', account, { invalidates: tokenList });
