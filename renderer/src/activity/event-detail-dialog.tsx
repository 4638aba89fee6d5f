// One event in full: every field main sends, its details' keys and values, its flags with their reasons, whether it
// was answered ("Was this you?"), and for a flagged sign-in not yet answered the same two answers as "Was this you?".
import { useId, useRef, useState } from 'react';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { ModalDialog } from '../modal-dialog.tsx';
import { canReview, detailValue, resultText, reviewText } from './activity-row-text.ts';
import { eventTypeText } from './activity-text.ts';
import { FlagList } from './flag-list.tsx';
import { GeoAttribution } from './geo-attribution.tsx';
import { ReviewButtons } from './review-buttons.tsx';

interface EventDetailDialogProps {
  account: AccountRef;
  event: ActivityRow;
  onReviewed: (event: ActivityRow) => void;
  onSecure: (event: ActivityRow) => void;
  onClose: () => void;
}

export function EventDetailDialog({ account, event, onReviewed, onSecure, onClose }: EventDetailDialogProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [marked, setMarked] = useState(false);
  const details = Object.entries(event.details);

  // The answered buttons go; focus stays in the dialog, on its heading, and the change is said inside the dialog
  // (the page behind a modal dialog is inert, its messages unheard).
  function reviewed(answered: ActivityRow) {
    setMarked(true);
    onReviewed(answered);
    requestAnimationFrame(() => headingRef.current?.focus());
  }
  return (
    <ModalDialog labelledBy={headingId} onCancel={onClose} wide>
      <div className="stack event-detail">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {eventTypeText[event.type]}
        </h2>
        <p className="done-message" role="status">
          {marked ? 'Marked as you.' : ''}
        </p>
        <dl className="details">
          <div>
            <dt>Event</dt>
            <dd className="mono">{event.id}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd className="mono">{event.type}</dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>
              <DateTime iso={event.time} /> <span className="mono field__hint">{event.time}</span>
            </dd>
          </div>
          <div>
            <dt>Result</dt>
            <dd>{resultText(event) ?? 'None: a change, not an attempt'}</dd>
          </div>
          <div>
            <dt>IP address</dt>
            <dd className="mono break">{event.ip || 'None'}</dd>
          </div>
          <div>
            <dt>Place</dt>
            <dd>{event.place}</dd>
          </div>
          <div>
            <dt>Device</dt>
            <dd>{event.device}</dd>
          </div>
          <div>
            <dt>User agent</dt>
            <dd className="mono break">{event.userAgent || 'None sent'}</dd>
          </div>
          <div>
            <dt>Was this you?</dt>
            <dd>{reviewText(event)}</dd>
          </div>
        </dl>
        <h3 className="event-detail__heading">Flags</h3>
        {event.flags.length > 0 ? <FlagList flags={event.flags} /> : <p className="metric__text">None: nothing about this event looked unusual.</p>}
        <h3 className="event-detail__heading">Details</h3>
        {details.length > 0 ? (
          <dl className="details">
            {details.map(([key, value]) => (
              <div key={key}>
                <dt className="mono">{key}</dt>
                <dd className="break">{detailValue(value)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="metric__text">None recorded.</p>
        )}
        {canReview(event) ? <ReviewButtons account={account} event={event} onReviewed={reviewed} onSecure={onSecure} /> : null}
        <GeoAttribution />
        <div className="form__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
