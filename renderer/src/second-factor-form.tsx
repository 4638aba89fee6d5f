// Step two: a one-time code from the authenticator app, or one of the saved recovery codes. The code lives only in
// this component's state and is cleared as soon as it is sent.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FormActions } from './form-actions.tsx';
import type { SecondFactorMethod } from './sign-in-flow.ts';

export type SecondFactor = { otp: string } | { recoveryCode: string };

interface SecondFactorFormProps {
  method: SecondFactorMethod;
  onMethodChange: (method: SecondFactorMethod) => void;
  username: string;
  registryUrl: string;
  pending: boolean;
  locked: boolean;
  failureId: number | null;
  onSubmit: (factor: SecondFactor) => void;
  onCancel: () => void;
  // The code was edited: a failure about the previous one should go.
  onEdit: () => void;
}

export function SecondFactorForm(props: SecondFactorFormProps) {
  const { method, onMethodChange, username, registryUrl, pending, locked, failureId, onSubmit, onCancel, onEdit } = props;
  const [code, setCode] = useState('');
  const [formatProblem, setFormatProblem] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, [method, failureId]);

  function switchMethod(next: SecondFactorMethod) {
    setCode('');
    setFormatProblem(false);
    onMethodChange(next);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || locked) return;
    // Authenticator apps often show "123 456"; the registry wants the six digits alone.
    const entered = method === 'otp' ? code.replace(/\s+/g, '') : code.trim();
    if (method === 'otp' && !/^\d{6}$/.test(entered)) {
      setFormatProblem(true);
      inputRef.current?.focus();
      return;
    }
    setCode('');
    setFormatProblem(false);
    onSubmit(method === 'otp' ? { otp: entered } : { recoveryCode: entered });
  }

  const isOtp = method === 'otp';
  const describedBy = formatProblem ? `${hintId} ${problemId}` : hintId;

  return (
    <form className="form" onSubmit={handleSubmit} aria-busy={pending}>
      <p className="lead">
        {isOtp ? 'Open your authenticator app and enter the current code for ' : 'Enter one of the recovery codes you saved for '}
        <strong>{username}</strong> on <span className="mono break">{registryUrl}</span>.
      </p>
      <div className="field">
        <label htmlFor={inputId}>{isOtp ? 'One-time code' : 'Recovery code'}</label>
        <p className="field__hint" id={hintId}>
          {isOtp ? '6 digits, changes every 30 seconds.' : 'Each recovery code works only once.'}
        </p>
        <input
          ref={inputRef}
          id={inputId}
          key={method}
          name={isOtp ? 'otp' : 'recoveryCode'}
          type="text"
          className={isOtp ? 'input--code' : 'input--recovery'}
          inputMode={isOtp ? 'numeric' : 'text'}
          autoComplete={isOtp ? 'one-time-code' : 'off'}
          autoCapitalize="off"
          spellCheck={false}
          required
          aria-describedby={describedBy}
          aria-invalid={formatProblem || undefined}
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            setFormatProblem(false);
            onEdit();
          }}
        />
        {formatProblem ? (
          <p className="field__problem" id={problemId}>
            Enter the six digits shown in your authenticator app.
          </p>
        ) : null}
      </div>
      <FormActions submitLabel="Verify" pending={pending} pendingText="Verifying…" onCancel={onCancel} submitDisabled={locked} />
      <p className="form__switch">
        <button type="button" className="link-button" onClick={() => switchMethod(isOtp ? 'recovery' : 'otp')}>
          {isOtp ? 'Use a recovery code' : 'Use an authenticator code'}
        </button>
      </p>
    </form>
  );
}
