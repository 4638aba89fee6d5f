// Overview: every signed-in account's security posture at a glance, the active account first, each card linking
// to the page that fixes it (for another account, after switching to it).
import { AccountCards, SwitchToAccountContext } from '../account-cards.tsx';
import { SignInsToReview } from '../activity/sign-ins-to-review.tsx';
import { TamperAlert } from '../activity/tamper-alert.tsx';
import type { AccountRef } from '../bridge/contract.ts';
import { PageHeading } from '../page-heading.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useAccountOverview, useSwitchAccount, type SignedInSession } from '../queries.ts';
import { useTokens } from '../tokens/token-queries.ts';

const label = (account: AccountRef) => `${account.username} on ${account.registryUrl}`;
const same = (a: AccountRef, b: AccountRef) => a.registryUrl === b.registryUrl && a.username === b.username;

export function OverviewPage({ session }: { session: SignedInSession }) {
  const others = session.accounts.filter((account) => !same(account, session.account));
  return (
    <>
      <PageHeading title="Account security" />
      <AccountSection account={session.account} labelled={others.length > 0} active />
      {others.map((account) => (
        <AccountSection key={label(account)} account={account} labelled active={false} />
      ))}
    </>
  );
}

function AccountSection({ account, labelled, active }: { account: AccountRef; labelled: boolean; active: boolean }) {
  const overview = useAccountOverview(account);
  // A registry without tokens (or one failing to list them) still gets its overview, just without that card.
  const tokens = useTokens(account);
  const switchAccount = useSwitchAccount();
  const body = (
    <>
      <QueryStatus query={overview} loadingText="Loading account security…" registryUrl={account.registryUrl} />
      {/* Only the active account's: its answers and lockdown act as the active account. */}
      {active ? <TamperAlert account={account} /> : null}
      {active && overview.data ? <SignInsToReview account={account} twoFactorEnabled={overview.data.twoFactorEnabled} /> : null}
      {overview.data ? <AccountCards overview={overview.data} tokens={tokens.data?.tokens} /> : null}
    </>
  );
  if (!labelled) return body;
  return (
    <section className="account-section stack" aria-label={label(account)}>
      <p className="account-section__label">
        <strong className="mono">{account.username}</strong> on <span className="mono break">{account.registryUrl}</span>
        {active ? <span className="tag tag--current">Active</span> : null}
      </p>
      <SwitchToAccountContext.Provider value={active ? null : async () => void (await switchAccount.mutateAsync(account))}>
        {body}
      </SwitchToAccountContext.Provider>
    </section>
  );
}
