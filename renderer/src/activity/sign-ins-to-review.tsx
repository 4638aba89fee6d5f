// The Overview's "Sign-ins to review": the active account's newest flagged sign-ins not yet answered (three at
// most; the Activity page has them all), each with "Yes, it was me" and "No, secure my account". Nothing to answer,
// no card. Once the last is answered, the card stays to say so until the page is left.
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { paths } from '../paths.ts';
import { useFlaggedActivity } from './activity-queries.ts';
import { FlaggedEvent } from './flagged-event.tsx';
import { GeoAttribution } from './geo-attribution.tsx';
import { LockdownDialog } from './lockdown-dialog.tsx';
import { ReviewButtons } from './review-buttons.tsx';

const shown = 3;

export function SignInsToReview({ account, twoFactorEnabled }: { account: AccountRef; twoFactorEnabled: boolean }) {
  const flagged = useFlaggedActivity(account);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [answered, setAnswered] = useState(0);
  const [securing, setSecuring] = useState<ActivityRow | null>(null);
  const events = flagged.data?.events ?? [];
  if (events.length === 0 && answered === 0 && !securing) return null;

  return (
    <section className="card metric metric--danger review-card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Sign-ins to review
      </h2>
      <p className="done-message" role="status">
        {answered === 0 ? '' : events.length === 0 ? 'Marked as you. Nothing else to review.' : 'Marked as you.'}
      </p>
      {events.length > 0 ? (
        <>
          <p className="metric__text">
            {events.length === 1 ? 'A sign-in looked unusual.' : `${events.length} sign-ins looked unusual.`} Was this you?
          </p>
          <ul className="review-list">
            {events.slice(0, shown).map((event) => (
              <li key={event.id} className="review-list__item">
                <FlaggedEvent event={event} />
                <ReviewButtons
                  account={account}
                  event={event}
                  onReviewed={() => {
                    setAnswered((count) => count + 1);
                    // The item and its buttons are gone; the card's heading keeps focus in the card.
                    requestAnimationFrame(() => headingRef.current?.focus());
                  }}
                  onSecure={setSecuring}
                />
              </li>
            ))}
          </ul>
          <GeoAttribution />
        </>
      ) : null}
      <Link className="card-link" to={paths.activity}>
        Review activity
      </Link>
      {securing ? <LockdownDialog account={account} twoFactorEnabled={twoFactorEnabled} disowned={securing} onClose={() => setSecuring(null)} /> : null}
    </section>
  );
}
