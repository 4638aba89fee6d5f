// The Overview's word on a tampered audit log: nothing while the log checks out, an alert naming the first bad
// event when it does not, with the way to the Activity page (where "Verify whole history" is).
import { useId } from 'react';
import { Link } from 'react-router';
import type { AccountRef } from '../bridge/contract.ts';
import { WarningIcon } from '../icons.tsx';
import { paths } from '../paths.ts';
import { useLogIntegrity } from './activity-queries.ts';
import { integrityProblemText } from './integrity-text.ts';

export function TamperAlert({ account }: { account: AccountRef }) {
  const problem = useLogIntegrity(account).data?.problem;
  const headingId = useId();
  if (!problem) return null;
  return (
    <section className="callout callout--danger" aria-labelledby={headingId}>
      <WarningIcon />
      <div role="alert">
        <h2 id={headingId}>This account’s activity log has been tampered with</h2>
        <p>{integrityProblemText(problem)}</p>
        <Link className="card-link" to={paths.activity}>
          See the activity log
        </Link>
      </div>
    </section>
  );
}
