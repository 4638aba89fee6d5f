// What a page shows while its data loads or when loading failed: a status line, or the error with Retry. A session
// that ended is not shown here: the app notices it and returns to sign-in.
import type { UseQueryResult } from '@tanstack/react-query';
import { toIpcError } from './bridge/ipc-call.ts';
import { ErrorAlert } from './error-alert.tsx';
import { isSessionGone } from './queries.ts';

interface QueryStatusProps {
  query: Pick<UseQueryResult, 'error' | 'errorUpdatedAt' | 'isPending' | 'isFetching' | 'refetch'>;
  loadingText: string;
  registryUrl: string;
}

export function QueryStatus({ query, loadingText, registryUrl }: QueryStatusProps) {
  const error = query.error ? toIpcError(query.error) : null;
  if (error) {
    if (isSessionGone(error.code)) return null;
    return (
      <div className="error-panel">
        {/* Keyed by failure time so a failed retry is announced again; the button stays outside to keep focus. */}
        <ErrorAlert key={query.errorUpdatedAt} error={error} registryUrl={registryUrl} />
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
          Retry
        </button>
      </div>
    );
  }
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        {loadingText}
      </p>
    );
  }
  return null;
}
