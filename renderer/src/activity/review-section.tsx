// The Activity page's "Was this you?": every flagged sign-in not yet answered, newest first, each with its reasons
// and the two answers. After "Yes, it was me" the item goes, so focus moves to the section's heading rather than
// being lost with the button.
import { useId, useRef, useState } from 'react';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { QueryStatus } from '../query-status.tsx';
import { useFlaggedActivity } from './activity-queries.ts';
import { FlaggedEvent } from './flagged-event.tsx';
import { GeoAttribution } from './geo-attribution.tsx';
import { ReviewButtons } from './review-buttons.tsx';

// A long list of questions is answered a few at a time; the rest are one click away (and in the table).
const shownAtFirst = 5;

interface ReviewSectionProps {
  account: AccountRef;
  onReviewed: (event: ActivityRow) => void;
  onSecure: (event: ActivityRow) => void;
}

export function ReviewSection({ account, onReviewed, onSecure }: ReviewSectionProps) {
  const flagged = useFlaggedActivity(account);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [showAll, setShowAll] = useState(false);
  const events = flagged.data?.events ?? [];
  const shown = showAll ? events : events.slice(0, shownAtFirst);

  function reviewed(event: ActivityRow) {
    onReviewed(event);
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  return (
    <section className="card stack review-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Was this you?
      </h2>
      <QueryStatus query={flagged} loadingText="Looking for sign-ins to review…" registryUrl={account.registryUrl} />
      {flagged.data && events.length === 0 ? <p className="metric__text">No flagged sign-in is waiting for an answer.</p> : null}
      {events.length > 0 ? (
        <>
          <p className="metric__text">
            {events.length === 1 ? 'This sign-in looked' : `These ${events.length} sign-ins looked`} unusual. If one was not you, secure your
            account: every other session ends, every token is revoked and you get new recovery codes.
          </p>
          <ul className="review-list">
            {shown.map((event) => (
              <li key={event.id} className="review-list__item">
                <FlaggedEvent event={event} />
                <ReviewButtons account={account} event={event} onReviewed={reviewed} onSecure={onSecure} />
              </li>
            ))}
          </ul>
          {events.length > shown.length ? (
            <button type="button" className="button button--secondary" onClick={() => setShowAll(true)}>
              Show all {events.length}
            </button>
          ) : null}
          <GeoAttribution />
        </>
      ) : null}
    </section>
  );
}
