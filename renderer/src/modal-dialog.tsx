// A modal <dialog>: the browser keeps focus inside it and makes the page behind inert. Escape calls onCancel
// (or nothing, for a dialog that must be finished). On close, focus goes back to where it was, or to the page's
// heading when that control is gone or disabled.
import { useEffect, useRef, type ReactNode } from 'react';
import { restoreFocus } from './page-heading.tsx';

interface ModalDialogProps {
  labelledBy: string;
  // Omitted: Escape does nothing.
  onCancel?: () => void;
  wide?: boolean;
  children: ReactNode;
}

export function ModalDialog({ labelledBy, onCancel, wide = false, children }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    const previous = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // After React has finished the update that removed the dialog (and perhaps re-enabled the control).
      requestAnimationFrame(() => restoreFocus(previous));
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
    >
      {children}
    </dialog>
  );
}
