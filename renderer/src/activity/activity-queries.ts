// The Activity page's reads and its one write. The log is an infinite query, a page of events per call, under a
// key holding the account and the filter: each filter is its own list, read from its first page.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { AccountRef, ActivityFilter, ResponseOf, ReviewAnswer } from '../bridge/contract.ts';
import { useBridge } from '../bridge/bridge-context.tsx';
import { call, queryKeys } from '../queries.ts';
import { markAnswered } from './activity-review.ts';

type ListPage = ResponseOf<'activity:list'>;

// The contract's AccountRef is strict: only the two fields, whatever else the caller's object holds.
const ref = (account: AccountRef): AccountRef => ({ registryUrl: account.registryUrl, username: account.username });

export function useActivityList(account: AccountRef, filter: ActivityFilter) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: queryKeys.activityList(account, filter),
    queryFn: async ({ pageParam }) => {
      const page = await call(bridge, 'activity:list', { account: ref(account), filter, ...(pageParam === null ? {} : { cursor: pageParam }) });
      // Main checked this page against the chain: what it found shows at once.
      void queryClient.invalidateQueries({ queryKey: queryKeys.activityIntegrity(account) });
      return page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // Reading an infinite list again reads every page loaded so far, one after another. So a list nobody shows is
    // dropped at once (the next visit, or the previous filter again, starts from one page), and a window regaining
    // focus does not set off thousands of calls.
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

// Flagged sign-ins nobody has answered yet, newest first.
export function useFlaggedActivity(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.flaggedActivity(account), queryFn: () => call(bridge, 'activity:flagged', { account: ref(account) }) });
}

export function useSignInsPerDay(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({ queryKey: queryKeys.signInsPerDay(account), queryFn: () => call(bridge, 'activity:sign-ins-per-day', { account: ref(account) }) });
}

// "Was this you?" answered: main keeps the answer. The loaded lists are patched (see activity-review.ts) and the flagged
// list is read again; the mutation settles once it has been, so the item is gone when the caller says it is done.
export function useReviewEvent(account: AccountRef) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answered: { eventId: string; answer: ReviewAnswer }) => call(bridge, 'activity:review', { account: ref(account), ...answered }),
    onSuccess: (_done, { eventId, answer }) => {
      queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: [...queryKeys.activity(account), 'list'] }, (data) => (data ? markAnswered(data, eventId, answer) : data));
      return queryClient.invalidateQueries({ queryKey: queryKeys.flaggedActivity(account) });
    },
  });
}

type Integrity = ResponseOf<'activity:integrity'>;

// Whether the log's chain checks out; polled while main reads the whole log (the first visit, or Verify whole history).
export function useLogIntegrity(account: AccountRef) {
  const bridge = useBridge();
  return useQuery({
    queryKey: queryKeys.activityIntegrity(account),
    queryFn: () => call(bridge, 'activity:integrity', { account: ref(account) }),
    refetchInterval: (query) => (query.state.data?.state === 'checked' ? false : 400),
  });
}

export function useVerifyHistory(account: AccountRef) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(bridge, 'activity:verify', { account: ref(account) }),
    onSuccess: (state: Integrity) => queryClient.setQueryData(queryKeys.activityIntegrity(account), state),
  });
}
