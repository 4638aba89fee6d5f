// Overview: the account's security posture at a glance, each card linking to the page that fixes it.
import { AccountCards } from '../account-cards.tsx';
import type { AccountRef } from '../bridge/contract.ts';
import { PageHeading } from '../page-heading.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useAccountOverview } from '../queries.ts';
import { useTokens } from '../tokens/token-queries.ts';

export function OverviewPage({ account }: { account: AccountRef }) {
  const overview = useAccountOverview(account);
  // A registry without tokens (or one failing to list them) still gets its overview, just without that card.
  const tokens = useTokens(account);
  return (
    <>
      <PageHeading title="Account security" />
      <QueryStatus query={overview} loadingText="Loading account security…" registryUrl={account.registryUrl} />
      {overview.data ? <AccountCards overview={overview.data} tokens={tokens.data?.tokens} /> : null}
    </>
  );
}
