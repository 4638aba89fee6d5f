// Every failed sign-in of the account, newest first, a page at a time: when, from where, and what was wrong.
import { failedSignInCause } from '../account-text.ts';
import type { AccountRef } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { PageHeading } from '../page-heading.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useFailedSignIns } from '../queries.ts';

export function FailedSignInsPage({ account }: { account: AccountRef }) {
  const failures = useFailedSignIns(account);
  const rows = failures.data?.pages.flatMap((page) => page.failures) ?? [];
  return (
    <>
      <PageHeading title="Failed sign-ins">
        <p className="metric__text">
          A wrong one-time code or recovery code means the password was right: if that wasn't you, change your password.
        </p>
      </PageHeading>
      <QueryStatus query={failures} loadingText="Loading failed sign-ins…" registryUrl={account.registryUrl} />
      {failures.data ? (
        <section className="card stack" aria-label="Failed sign-ins">
          {rows.length === 0 ? (
            <p>No failed sign-ins.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">Failed sign-ins, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">IP address</th>
                    <th scope="col">What was wrong</th>
                    <th scope="col">Browser or app</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((failure) => (
                    <tr key={failure.id}>
                      <td>
                        <DateTime iso={failure.time} />
                      </td>
                      <td className="mono">{failure.ip}</td>
                      <td>{failedSignInCause(failure)}</td>
                      <td className="break">{failure.userAgent || 'Unknown'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {failures.hasNextPage ? (
            <div>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void failures.fetchNextPage()}
                disabled={failures.isFetchingNextPage}
              >
                {failures.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
