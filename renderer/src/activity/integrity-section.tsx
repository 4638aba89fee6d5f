// Whether the account's audit log is intact: main checks the hash chain of everything it reads and remembers the
// head it last verified. A broken or rewritten log is an alert naming its first bad event; "Verify whole history"
// reads and checks every event again, with its progress.
import { useId } from 'react';
import type { AccountRef } from '../bridge/contract.ts';
import { toIpcError } from '../bridge/ipc-call.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { CheckIcon, WarningIcon } from '../icons.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useLogIntegrity, useVerifyHistory } from './activity-queries.ts';
import { integrityProblemText } from './integrity-text.ts';

const count = (value: number) => value.toLocaleString('en');

export function IntegritySection({ account }: { account: AccountRef }) {
  const integrity = useLogIntegrity(account);
  const verify = useVerifyHistory(account);
  const headingId = useId();
  const state = integrity.data;
  if (!state) return <QueryStatus query={integrity} loadingText="Checking the log…" registryUrl={account.registryUrl} />;

  const checking = state.state === 'checking' || verify.isPending;
  const verifyButton = (
    <button type="button" className="button button--secondary" onClick={() => verify.mutate()} disabled={checking}>
      Verify whole history
    </button>
  );
  const progress = state.checking ? (
    <div className="integrity__progress">
      <progress max={Math.max(state.checking.total, 1)} value={state.checking.done} aria-labelledby={`${headingId}-progress`} />
      <span id={`${headingId}-progress`} role="status">
        Checking the hash chain: {count(state.checking.done)} of {count(state.checking.total)} events
      </span>
    </div>
  ) : null;
  const failure = verify.error ? <ErrorAlert error={toIpcError(verify.error)} registryUrl={account.registryUrl} /> : null;

  if (state.problem) {
    return (
      <section className="callout callout--danger" aria-labelledby={headingId}>
        <WarningIcon />
        <div role="alert">
          <h2 id={headingId}>This account’s activity log has been tampered with</h2>
          <p>{integrityProblemText(state.problem)}</p>
          <p>
            The registry’s record of your account cannot be trusted from that event on. Tell the registry’s operators,
            and judge what you see here with that in mind.
          </p>
          {progress}
          {verifyButton}
          {failure}
        </div>
      </section>
    );
  }
  return (
    <section className="card integrity" aria-labelledby={headingId}>
      <h2 id={headingId} className="integrity__title">
        {state.state === 'checked' && !state.interrupted ? <CheckIcon /> : null}
        Log integrity
      </h2>
      {progress ?? (
        <p>
          {state.state === 'unread'
            ? 'Vigil checks the log’s hash chain as it reads it.'
            : `Hash chain intact: all ${count(state.verified)} events verified, none changed, added or removed since Vigil last saw them.`}
          {state.interrupted ? ' The last check did not finish: the registry could not be read. Try again.' : ''}
        </p>
      )}
      {verifyButton}
      {failure}
    </section>
  );
}
