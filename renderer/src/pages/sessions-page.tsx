// Sessions: every place the account is signed in, this one marked, with sign-out per session and for all others.
import { useState } from 'react';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, SessionSummary } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { formatDateTime } from '../account-text.ts';
import { focusPageHeading, PageHeading } from '../page-heading.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useSessions } from '../queries.ts';
import { useEndOtherSessions, useEndSession } from '../security-actions.ts';

export function SessionsPage({ account }: { account: AccountRef }) {
  const sessions = useSessions(account);
  const endOne = useEndSession(account);
  const endOthers = useEndOtherSessions(account);
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const list = sessions.data?.sessions ?? [];
  const others = list.filter((session) => !session.current).length;

  async function signOut(session: SessionSummary) {
    clear();
    try {
      await endOne.mutateAsync({ id: session.id });
      setDone(`Signed out the session from ${session.ip}.`);
      // Its row, and the button that had focus, are gone.
      focusPageHeading();
    } catch (error) {
      fail(error);
    }
  }

  async function signOutOthers() {
    clear();
    try {
      const { ended } = await endOthers.mutateAsync(undefined);
      setDone(ended === 1 ? 'Signed out 1 other session.' : `Signed out ${ended} other sessions.`);
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <PageHeading title="Sessions">
        <p className="metric__text">Where your account is signed in now. Sign out anything you don't recognise, then change your password.</p>
      </PageHeading>
      <QueryStatus query={sessions} loadingText="Loading sessions…" registryUrl={account.registryUrl} />
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {sessions.data ? (
        <section className="card stack" aria-label="Active sessions">
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Active sessions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Signed in</th>
                  <th scope="col">Last active</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Browser or app</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((session) => (
                  <tr key={session.id} aria-current={session.current ? 'true' : undefined}>
                    <td>
                      <DateTime iso={session.createdAt} />
                      {session.current ? <span className="tag tag--current">This session</span> : null}
                    </td>
                    <td>
                      <DateTime iso={session.lastSeenAt} />
                    </td>
                    <td className="mono">{session.ip}</td>
                    <td className="break">{session.userAgent || 'Unknown'}</td>
                    <td>
                      {session.current ? null : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Sign out the session from ${session.ip} started ${formatDateTime(session.createdAt) ?? session.createdAt}`}
                          onClick={() => void signOut(session)}
                          disabled={endOne.isPending}
                        >
                          Sign out
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form__actions">
            <button type="button" className="button button--danger" onClick={() => void signOutOthers()} disabled={others === 0 || endOthers.isPending}>
              Sign out everywhere else
            </button>
            {others === 0 ? <span className="metric__text">This is the only session.</span> : null}
          </div>
        </section>
      ) : null}
    </>
  );
}
