// The account-security actions as react-query mutations. Sensitive ones run through Confirm access. Mutations
// whose variables or results are secrets (codes, passwords, a pending TOTP secret) keep gcTime 0 and are reset
// by the caller once read, so no secret lingers in the mutation cache; results worth keeping go to component state.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { AccountRef, ChannelName, RequestOf, ResponseOf } from './bridge/contract.ts';
import { useBridge } from './bridge/bridge-context.tsx';
import { AccessNotConfirmed, useRunSensitive } from './confirm-access.tsx';
import { call, queryKeys } from './queries.ts';

interface MutationOptions {
  sensitive?: boolean;
  // What to read afresh once it settles; by default the overview and the session list.
  invalidates?: (account: AccountRef) => QueryKey[];
}

const overviewAndSessions = (account: AccountRef) => [queryKeys.overview(account), queryKeys.sessions(account)];

export function useAccountMutation<C extends ChannelName>(channel: C, account: AccountRef, options: MutationOptions = {}) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const runSensitive = useRunSensitive();
  return useMutation({
    mutationFn: (request: RequestOf<C>): Promise<ResponseOf<C>> => {
      const action = () => call(bridge, channel, request);
      return options.sensitive ? runSensitive(action) : action();
    },
    gcTime: 0,
    onSettled: () =>
      Promise.all((options.invalidates ?? overviewAndSessions)(account).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useStartTwoFactor = (account: AccountRef) => useAccountMutation('two-factor:start', account, { sensitive: true });
export const useActivateTwoFactor = (account: AccountRef) => useAccountMutation('two-factor:activate', account);
export const useDisableTwoFactor = (account: AccountRef) => useAccountMutation('two-factor:disable', account, { sensitive: true });
export const useGenerateRecoveryCodes = (account: AccountRef) =>
  useAccountMutation('recovery-codes:generate', account, { sensitive: true });
export const useCheckRecoveryCode = (account: AccountRef) => useAccountMutation('recovery-codes:check', account);
export const useChangePassword = (account: AccountRef) => useAccountMutation('password:change', account, { sensitive: true });
export const useEndSession = (account: AccountRef) => useAccountMutation('sessions:end', account);
export const useEndOtherSessions = (account: AccountRef) => useAccountMutation('sessions:end-others', account);

// A cancelled Confirm access is the user's choice, not a failure to show.
export function wasCancelled(error: unknown): boolean {
  return error instanceof AccessNotConfirmed;
}
