// The "Confirm access" dialog: a modal dialog (Escape cancels) asking for the password and, when 2FA is on or the
// registry asks, a one-time code. Both live only in this component's state.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useActionFailure } from './action-failure.ts';
import { useBridge } from './bridge/bridge-context.tsx';
import { toIpcError } from './bridge/ipc-call.ts';
import { ErrorAlert } from './error-alert.tsx';
import { FormActions } from './form-actions.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { OtpField, otpProblem } from './otp-field.tsx';
import { call } from './queries.ts';

interface ConfirmAccessDialogProps {
  twoFactorEnabled: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
}

export function ConfirmAccessDialog({ twoFactorEnabled, onConfirmed, onCancel }: ConfirmAccessDialogProps) {
  const bridge = useBridge();
  const passwordRef = useRef<HTMLInputElement>(null);
  const otpRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const passwordId = useId();
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needsCode, setNeedsCode] = useState(twoFactorEnabled);
  const [otpInvalid, setOtpInvalid] = useState(false);
  const { failure, fail, clear } = useActionFailure();
  const confirm = useMutation({
    mutationFn: (request: { password: string; otp?: string }) => call(bridge, 'session:confirm', request),
    gcTime: 0,
  });

  useEffect(() => passwordRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const code = otp.replace(/\s+/g, '');
    if (needsCode && otpProblem(code)) {
      setOtpInvalid(true);
      return;
    }
    try {
      await confirm.mutateAsync(needsCode ? { password, otp: code } : { password });
      onConfirmed();
    } catch (error) {
      const ipcError = toIpcError(error);
      const codeProblem = ipcError.code === 'otp_required' || ipcError.code === 'invalid_otp';
      if (ipcError.code === 'otp_required') setNeedsCode(true);
      setOtp('');
      fail(error);
      // The field to fix next; the code field may only appear with this render.
      requestAnimationFrame(() => (codeProblem ? otpRef : passwordRef).current?.focus());
    } finally {
      confirm.reset();
    }
  }

  return (
    <ModalDialog labelledBy={headingId} onCancel={onCancel}>
      <form className="form" onSubmit={(event) => void submit(event)} aria-busy={confirm.isPending}>
        <h2 id={headingId}>Confirm access</h2>
        <p className="lead">
          This action changes how your account is protected. Enter your password{needsCode ? ' and a one-time code' : ''} to
          continue.
        </p>
        {failure ? <ErrorAlert key={failure.id} error={failure.error} /> : null}
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            ref={passwordRef}
            id={passwordId}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              clear();
            }}
          />
        </div>
        {needsCode ? (
          <OtpField
            inputRef={otpRef}
            value={otp}
            invalid={otpInvalid}
            onChange={(value) => {
              setOtp(value);
              setOtpInvalid(false);
              clear();
            }}
          />
        ) : null}
        <FormActions submitLabel="Confirm" pending={confirm.isPending} pendingText="Confirming…" onCancel={onCancel} />
      </form>
    </ModalDialog>
  );
}
