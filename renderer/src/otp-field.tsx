// The "One-time code" field used wherever a code from an authenticator app is typed: numeric keyboard, the
// browser's one-time-code autofill, and a format problem ("six digits") told apart from a wrong code.
import { useId } from 'react';

// Authenticator apps often show "123 456"; spaces are dropped before this check.
export function otpProblem(code: string): boolean {
  return !/^\d{6}$/.test(code);
}

interface OtpFieldProps {
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
  inputRef?: React.Ref<HTMLInputElement>;
}

export function OtpField({ value, invalid, onChange, inputRef }: OtpFieldProps) {
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  return (
    <div className="field">
      <label htmlFor={inputId}>One-time code</label>
      <p className="field__hint" id={hintId}>
        6 digits from your authenticator app; it changes every 30 seconds.
      </p>
      <input
        ref={inputRef}
        id={inputId}
        name="otp"
        type="text"
        className="input--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        required
        aria-describedby={invalid ? `${hintId} ${problemId}` : hintId}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid ? (
        <p className="field__problem" id={problemId}>
          Enter the six digits shown in your authenticator app.
        </p>
      ) : null}
    </div>
  );
}
