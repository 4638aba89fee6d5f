// Activity: the account's audit log. Whether the log is intact, then "Was this you?" for the flagged sign-ins, then
// sign-ins per day, then every event, filtered (the filters live in the URL, so a reload, Back or a shared link
// keeps them), exported, and opened one at a time. "No, secure my account", from wherever it is asked, runs the lockdown.
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../account-text.ts';
import { ActivityEvents } from '../activity/activity-events.tsx';
import { filtersFromSearch, searchFromFilters, type ActivityFilters } from '../activity/activity-filters.ts';
import { eventTypeText } from '../activity/activity-text.ts';
import { EventDetailDialog } from '../activity/event-detail-dialog.tsx';
import { IntegritySection } from '../activity/integrity-section.tsx';
import { LockdownDialog } from '../activity/lockdown-dialog.tsx';
import { ReviewSection } from '../activity/review-section.tsx';
import { SignInsSection } from '../activity/sign-ins-section.tsx';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { PageHeading } from '../page-heading.tsx';
import { useAccountOverview } from '../queries.ts';

export function ActivityPage({ account }: { account: AccountRef }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const overview = useAccountOverview(account);
  const [opened, setOpened] = useState<ActivityRow | null>(null);
  // The lockdown, opened from a flagged sign-in the owner said was not them.
  const [securing, setSecuring] = useState<ActivityRow | null>(null);
  const [done, setDone] = useState('');

  // Replacing the history entry: every box ticked is not a step for Back; the URL still holds the filters.
  const changeFilters = useCallback((next: ActivityFilters) => setSearchParams(searchFromFilters(next), { replace: true }), [setSearchParams]);

  function reviewed(event: ActivityRow) {
    setDone(`Marked as you: ${eventTypeText[event.type]} at ${formatDateTime(event.time) ?? event.time}.`);
    setOpened((current) => (current?.id === event.id ? { ...current, answer: 'me' } : current));
  }

  function secure(event: ActivityRow) {
    setDone('');
    setOpened(null);
    setSecuring(event);
  }

  return (
    <>
      <PageHeading title="Activity">
        <p className="metric__text">
          Everything your account did, newest first: sign-ins, changes to its security, tokens and releases. Vigil flags
          what looks unusual and asks whether it was you.
        </p>
      </PageHeading>
      <p className="done-message" role="status">
        {done}
      </p>
      <IntegritySection account={account} />
      <ReviewSection account={account} onReviewed={reviewed} onSecure={secure} />
      <SignInsSection account={account} />
      <ActivityEvents account={account} filters={filters} onFiltersChange={changeFilters} onOpen={setOpened} />
      {opened ? (
        <EventDetailDialog account={account} event={opened} onReviewed={reviewed} onSecure={secure} onClose={() => setOpened(null)} />
      ) : null}
      {securing ? (
        <LockdownDialog
          account={account}
          // Unknown (still loading, or failed): the recovery-code step is tried, and reported if the registry refuses it.
          twoFactorEnabled={overview.data?.twoFactorEnabled ?? true}
          disowned={securing}
          onClose={() => setSecuring(null)}
        />
      ) : null}
    </>
  );
}
