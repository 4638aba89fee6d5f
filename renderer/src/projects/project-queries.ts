// The Projects pages' reads and writes. Policy changes and collaborator removals are sensitive (Confirm access).
import { useQuery } from '@tanstack/react-query';
import type { AccountRef } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { call, queryKeys } from '../queries.ts';
import { useAccountMutation } from '../security-actions.ts';

const complianceKey = queryKeys.compliance;
const detailKey = (account: AccountRef, name: string) => ['account-data', 'compliance', account.registryUrl, account.username, name] as const;

export function useCompliance() {
  const bridge = useBridge();
  return useQuery({ queryKey: complianceKey, queryFn: () => call(bridge, 'projects:compliance', undefined) });
}

export function useProjectDetail(account: AccountRef, name: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: detailKey(account, name),
    queryFn: () => call(bridge, 'projects:detail', { account: { registryUrl: account.registryUrl, username: account.username }, name }),
  });
}

const everything = () => [complianceKey];
export const useSetPolicy = (account: AccountRef) => useAccountMutation('projects:set-policy', account, { sensitive: true, invalidates: everything });
export const useRemoveCollaborator = (account: AccountRef) =>
  useAccountMutation('projects:remove-collaborator', account, { sensitive: true, invalidates: everything });
