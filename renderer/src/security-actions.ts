// The account-security actions as react-query mutations. Sensitive ones run through Confirm access. Mutations
// whose variables or results are secrets (codes, passwords, a pending TOTP secret) keep gcTime 0 and are reset
// by the caller once read, so no secret lingers in the mutation cache; results worth keeping go to component state.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountRef, ChannelName, RequestOf, ResponseOf } from './bridge/contract.ts';
import { useBridge } from './bridge/bridge-context.tsx';
import { AccessNotConfirmed, useRunSensitive } from './confirm-access.tsx';
import { call, queryKeys } from './queries.ts';

function useAccountMutation<C extends ChannelName>(channel: C, account: AccountRef, options: { sensitive?: boolean } = {}) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const runSensitive = useRunSensitive();
  return useMutation({
    mutationFn: (request: RequestOf<C>): Promise<ResponseOf<C>> => {
      const action = () => call(bridge, channel, request);
      return options.sensitive ? runSensitive(action) : action();
    },
    gcTime: 0,
    // Whatever changed, the overview and session list are read afresh.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.overview(account) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.sessions(account) }),
      ]),
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
