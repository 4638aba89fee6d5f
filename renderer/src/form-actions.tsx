// A form's buttons: submit, an optional Cancel, and a status line saying what is in progress.
interface FormActionsProps {
  submitLabel: string;
  pending: boolean;
  pendingText: string;
  onCancel?: () => void;
  // Submitting may be blocked for longer than the call runs, e.g. by a rate-limit lock.
  submitDisabled?: boolean;
}

export function FormActions({ submitLabel, pending, pendingText, onCancel, submitDisabled = false }: FormActionsProps) {
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" disabled={pending || submitDisabled}>
        {submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      ) : null}
      <span className="form__progress" role="status">
        {pending ? pendingText : ''}
      </span>
    </div>
  );
}
