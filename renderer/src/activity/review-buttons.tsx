// "Was this you?" answered; main keeps the answer and the event stays in the log. "Yes, it was me" marks it as the
// owner's, and a failure to keep that is shown here, beside the buttons it belongs to. "No, secure my account" hands
// over to the caller at once, who opens the lockdown for the active account with this event: the lockdown keeps
// the answer beside its steps (lockdown-dialog.tsx).
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { formatDateTime } from '../account-text.ts';
import { useActionFailure } from '../action-failure.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { useReviewEvent } from './activity-queries.ts';
import { eventTypeText } from './activity-text.ts';

interface ReviewButtonsProps {
  account: AccountRef;
  event: ActivityRow;
  onReviewed: (event: ActivityRow) => void;
  onSecure: (event: ActivityRow) => void;
}

export function ReviewButtons({ account, event, onReviewed, onSecure }: ReviewButtonsProps) {
  const review = useReviewEvent(account);
  const { failure, fail, clear } = useActionFailure();

  async function itWasMe() {
    clear();
    try {
      await review.mutateAsync({ eventId: event.id, answer: 'me' });
      onReviewed(event);
    } catch (error) {
      fail(error);
    }
  }


  // Several of these can be on one page; the group's name says which event the buttons answer for.
  const question = `Was this you: ${eventTypeText[event.type]} at ${formatDateTime(event.time) ?? event.time}?`;
  return (
    <div className="review-buttons">
      <div className="form__actions" role="group" aria-label={question}>
        <button type="button" className="button button--secondary" disabled={review.isPending} onClick={() => void itWasMe()}>
          Yes, it was me
        </button>
        <button type="button" className="button button--danger" disabled={review.isPending} onClick={() => onSecure(event)}>
          No, secure my account
        </button>
      </div>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
    </div>
  );
}
