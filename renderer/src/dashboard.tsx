// The signed-in screen: who is signed in where, the account's security overview, and sign-out.
import { useEffect, useRef } from 'react';
import type { AppInfo, IpcError } from './bridge/contract.ts';
import { AccountCards } from './account-cards.tsx';
import { toIpcError } from './bridge/ipc-call.ts';
import { ErrorAlert } from './error-alert.tsx';
import { KeychainNotice } from './keychain-notice.tsx';
import { isSessionGone, useAccountOverview, useSignOut, type SignedInSession } from './queries.ts';

interface DashboardProps {
  session: SignedInSession;
  appInfo: AppInfo;
  // Called when the main process reports the session gone; the app then shows sign-in with this error.
  onSessionEnded: (error: IpcError) => void;
}

export function Dashboard({ session, appInfo, onSessionEnded }: DashboardProps) {
  const { account } = session;
  const overview = useAccountOverview(account);
  const signOut = useSignOut();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A new screen: move focus to its heading so keyboard and screen-reader users start at the top.
  useEffect(() => headingRef.current?.focus(), []);

  const overviewError = overview.error ? toIpcError(overview.error) : null;
  const sessionGone = overviewError !== null && isSessionGone(overviewError.code);
  useEffect(() => {
    if (sessionGone && overviewError) onSessionEnded(overviewError);
  }, [sessionGone, overviewError, onSessionEnded]);

  const signOutError = signOut.error ? toIpcError(signOut.error) : null;
  const inMemory = !appInfo.keychainAvailable || session.storage === 'memory' || overview.data?.storage === 'memory';

  return (
    <div className="dashboard">
      <div className="page-head">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            Account security
          </h1>
          <p className="page-head__account">
            Signed in as <strong className="mono">{account.username}</strong> on{' '}
            <span className="mono break">{account.registryUrl}</span>
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </div>

      {inMemory ? <KeychainNotice /> : null}

      {signOutError ? (
        <ErrorAlert key={`sign-out-${signOut.submittedAt}`} error={signOutError} registryUrl={account.registryUrl} />
      ) : overviewError && !sessionGone ? (
        <div className="error-panel">
          {/* Keyed by failure time so a failed retry is announced again; the button stays outside to keep focus. */}
          <ErrorAlert key={`overview-${overview.errorUpdatedAt}`} error={overviewError} registryUrl={account.registryUrl} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void overview.refetch()}
            disabled={overview.isFetching}
          >
            Retry
          </button>
        </div>
      ) : null}

      {overview.isPending && !overviewError ? (
        <p className="loading" role="status">
          Loading account security…
        </p>
      ) : null}
      {overview.data ? <AccountCards overview={overview.data} /> : null}
    </div>
  );
}
