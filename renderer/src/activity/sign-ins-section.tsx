// The Activity page's chart of sign-ins per day over the last 90 days, once main has counted them.
import type { AccountRef } from '../bridge/contract.ts';
import { QueryStatus } from '../query-status.tsx';
import { useSignInsPerDay } from './activity-queries.ts';
import { SignInChart } from './sign-in-chart.tsx';

export function SignInsSection({ account }: { account: AccountRef }) {
  const signIns = useSignInsPerDay(account);
  return (
    <section className="card stack" aria-label="Sign-ins per day">
      <QueryStatus query={signIns} loadingText="Counting sign-ins…" registryUrl={account.registryUrl} />
      {signIns.data ? <SignInChart days={signIns.data.days} /> : null}
    </section>
  );
}
