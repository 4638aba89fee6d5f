// Top level: loads app info and the current session, then shows sign-in or the signed-in console. Whichever call
// finds the session gone (expired, or ended elsewhere), the app returns to sign-in and says why.
import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AppShell } from './app-shell.tsx';
import type { IpcError } from './bridge/contract.ts';
import { IpcCallError, toIpcError } from './bridge/ipc-call.ts';
import { ErrorAlert } from './error-alert.tsx';
import { VigilLogo } from './icons.tsx';
import { isSessionGone, queryKeys, useAppInfo, useCurrentSession } from './queries.ts';
import { SignInScreen } from './sign-in-screen.tsx';

export function App() {
  const appInfo = useAppInfo();
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  // Why the user is back on the sign-in screen, when it was not their own doing (e.g. the session expired).
  const [notice, setNotice] = useState<IpcError | null>(null);

  // A notice belongs to one trip back to sign-in; once signed in again it must not reappear after a sign-out.
  const signedIn = session.data?.status === 'signed-in';
  useEffect(() => {
    if (signedIn) setNotice(null);
  }, [signedIn]);

  // Main has already forgotten the account whose session ended: ask it who is still signed in (another account,
  // or nobody, which shows sign-in).
  const endSession = useCallback(
    (error: IpcError) => {
      setNotice(error);
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
    [queryClient],
  );

  useEffect(() => {
    if (!signedIn) return;
    const onError = (error: unknown) => {
      if (error instanceof IpcCallError && isSessionGone(error.ipcError.code)) endSession(error.ipcError);
    };
    const stopQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const stopMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [signedIn, queryClient, endSession]);

  return (
    <>
      <header className="app-header">
        <div className="app-header__inner">
          <VigilLogo className="app-header__logo" />
          <span className="app-header__name">Vigil</span>
          <span className="app-header__tagline">Registry security console</span>
        </div>
      </header>
      <main className="app-main">{renderScreen()}</main>
    </>
  );

  function renderScreen() {
    if (appInfo.data && session.data) {
      if (session.data.status === 'signed-in') {
        return <AppShell session={session.data} appInfo={appInfo.data} notice={notice} onDismissNotice={() => setNotice(null)} />;
      }
      return <SignInScreen appInfo={appInfo.data} notice={notice} />;
    }
    const failed = appInfo.error ?? session.error;
    if (failed) {
      return (
        <section className="card start-failure" aria-labelledby="start-failure-title">
          <h1 id="start-failure-title">Vigil couldn't start</h1>
          <ErrorAlert key={`${appInfo.errorUpdatedAt}-${session.errorUpdatedAt}`} error={toIpcError(failed)} />
          <button
            type="button"
            className="button button--primary"
            disabled={appInfo.isFetching || session.isFetching}
            onClick={() => {
              void appInfo.refetch();
              void session.refetch();
            }}
          >
            Retry
          </button>
        </section>
      );
    }
    return (
      <p className="loading" role="status">
        Loading Vigil…
      </p>
    );
  }
}
