// Every piece of main-process state the UI shows goes through react-query: queries for reads, mutations for the
// sign-in steps and sign-out, which write the new session straight into the cache.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AccountRef, ActivityFilter, ChannelName, RequestOf, ResponseOf, VigilBridge } from './bridge/contract.ts';
import { useBridge } from './bridge/bridge-context.tsx';
import { IpcCallError, unwrapResult } from './bridge/ipc-call.ts';

export type SessionState = ResponseOf<'session:get-current'>;
export type SignedInSession = Extract<SessionState, { status: 'signed-in' }>;

const activityKey = (account: AccountRef) => ['account-data', 'activity', account.registryUrl, account.username] as const;

export const queryKeys = {
  appInfo: ['app-info'] as const,
  session: ['session'] as const,
  overviews: ['account-overview'] as const,
  overview: (account: AccountRef) => ['account-overview', account.registryUrl, account.username] as const,
  // Everything below belongs to one signed-in account and goes when it signs out.
  accountData: ['account-data'] as const,
  sessions: (account: AccountRef) => ['account-data', 'sessions', account.registryUrl, account.username] as const,
  failedSignIns: (account: AccountRef) => ['account-data', 'failed-sign-ins', account.registryUrl, account.username] as const,
  tokens: (account: AccountRef) => ['account-data', 'tokens', account.registryUrl, account.username] as const,
  projects: (account: AccountRef) => ['account-data', 'projects', account.registryUrl, account.username] as const,
  // The audit log under one prefix, so a review or a lockdown can reach every filtered list of it at once.
  activity: activityKey,
  activityList: (account: AccountRef, filter: ActivityFilter) => [...activityKey(account), 'list', filter] as const,
  flaggedActivity: (account: AccountRef) => [...activityKey(account), 'flagged'] as const,
  signInsPerDay: (account: AccountRef) => [...activityKey(account), 'sign-ins-per-day'] as const,
  activityIntegrity: (account: AccountRef) => [...activityKey(account), 'integrity'] as const,
  // Spans every signed-in account, so it is read afresh whenever the set of accounts changes.
  compliance: ['account-data', 'compliance'] as const,
};

export async function call<C extends ChannelName>(bridge: VigilBridge, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return unwrapResult(await bridge.invoke(channel, request));
}

export function useAppInfo() {
  const bridge = useBridge();
  // Fixed for the life of the process.
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => call(bridge, 'app:get-info', undefined), staleTime: Infinity });
}

export function useCurrentSession() {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.session, queryFn: () => call(bridge, 'session:get-current', undefined) });
}

export function useAccountOverview(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.overview(account),
    queryFn: () => call(bridge, 'account:get-overview', { account: { registryUrl: account.registryUrl, username: account.username } }),
  });
}

export function useSessions(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.sessions(account), queryFn: () => call(bridge, 'sessions:list', undefined) });
}

export function useFailedSignIns(account: AccountRef) {
  const bridge = useBridge();
  return useInfiniteQuery({
    queryKey: queryKeys.failedSignIns(account),
    queryFn: ({ pageParam }) => call(bridge, 'account:list-failed-sign-ins', pageParam === null ? {} : { cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

function forgetAccountData(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: queryKeys.overviews });
  queryClient.removeQueries({ queryKey: queryKeys.accountData });
}

export function showSignedOut(queryClient: QueryClient): void {
  queryClient.setQueryData<SessionState>(queryKeys.session, { status: 'signed-out' });
  forgetAccountData(queryClient);
}

// Another account signed in or made active: each account's data is kept under its own keys, so nothing is dropped.
function showSignedIn(queryClient: QueryClient, session: SignedInSession): void {
  queryClient.setQueryData<SessionState>(queryKeys.session, session);
  void queryClient.invalidateQueries({ queryKey: queryKeys.compliance });
}

// What the console held for one account, gone with its session.
function forgetOneAccount(queryClient: QueryClient, account: AccountRef): void {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey.includes(account.registryUrl) && query.queryKey.includes(account.username),
  });
}

// The sign-in mutations carry the password or a code as their variables; gcTime 0 (plus reset() by the caller)
// drops the finished mutation from the cache at once instead of keeping it for minutes.
export function useSignIn() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'session:sign-in'>) => call(bridge, 'session:sign-in', request),
    gcTime: 0,
    onSuccess: (result) => {
      if (result.status === 'signed-in') showSignedIn(queryClient, result);
    },
  });
}

export function useVerify() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'session:verify'>) => call(bridge, 'session:verify', request),
    gcTime: 0,
    onSuccess: (session) => showSignedIn(queryClient, session),
  });
}

// Signs the active account out; the console then shows another signed-in account, or sign-in.
export function useSignOut(account: AccountRef) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<SessionState> => {
      try {
        return await call(bridge, 'session:sign-out', undefined);
      } catch (error) {
        // Already signed out on the main side: that is the outcome the user asked for; ask main what is left.
        if (error instanceof IpcCallError && isSessionGone(error.ipcError.code)) return call(bridge, 'session:get-current', undefined);
        throw error;
      }
    },
    onSuccess: (state) => {
      forgetOneAccount(queryClient, account);
      if (state.status === 'signed-in') showSignedIn(queryClient, state);
      else showSignedOut(queryClient);
      // The next account, or the next sign-in, starts on the Overview rather than on the last page visited.
      window.history.replaceState(null, '', '#/');
    },
  });
}

export function useSwitchAccount() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: AccountRef) => call(bridge, 'session:switch', { registryUrl: account.registryUrl, username: account.username }),
    onSuccess: (state) => showSignedIn(queryClient, state),
  });
}

export function isSessionGone(code: string): boolean {
  return code === 'session_expired' || code === 'not_signed_in';
}
