// Password: a new password with strength feedback as it is typed, changed after Confirm access. Every other session
// of the account is signed out by the registry; this one stays.
import { useId, useState, type FormEvent } from 'react';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef } from '../bridge/contract.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { FormActions } from '../form-actions.tsx';
import { CheckIcon, WarningIcon } from '../icons.tsx';
import { PageHeading } from '../page-heading.tsx';
import { useStrengthFeedback } from '../password-strength.ts';
import { useChangePassword } from '../security-actions.ts';

export function PasswordPage({ account }: { account: AccountRef }) {
  const change = useChangePassword(account);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  // Which field the problem is about: the new password (too weak) or its repetition (not the same).
  const [problem, setProblem] = useState<{ field: 'password' | 'repeat'; text: string } | null>(null);
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const feedback = useStrengthFeedback(password, account.username);
  const passwordId = useId();
  const repeatId = useId();
  const feedbackId = useId();
  const problemId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setDone('');
    if (feedback.state === 'weak') return setProblem({ field: 'password', text: feedback.reason });
    if (password !== repeat) return setProblem({ field: 'repeat', text: 'The two passwords are not the same.' });
    setProblem(null);
    try {
      await change.mutateAsync({ newPassword: password });
      setPassword('');
      setRepeat('');
      setDone('Password changed. Every other session of your account was signed out.');
    } catch (error) {
      fail(error);
    } finally {
      change.reset();
    }
  }

  return (
    <>
      <PageHeading title="Password">
        <p className="metric__text">
          A long passphrase of unrelated words is strong and easy to remember. Changing it signs out every other session.
        </p>
      </PageHeading>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      <section className="card" aria-label="Change password">
        <form className="form" onSubmit={(event) => void submit(event)} aria-busy={change.isPending}>
          <div className="field">
            <label htmlFor={passwordId}>New password</label>
            <input
              id={passwordId}
              type="password"
              autoComplete="new-password"
              required
              aria-describedby={problem?.field === 'password' ? `${feedbackId} ${problemId}` : feedbackId}
              aria-invalid={problem?.field === 'password' || undefined}
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                setProblem(null);
                clear();
              }}
            />
            <p className={`strength strength--${feedback.state}`} id={feedbackId} aria-live="polite">
              <StrengthText feedback={feedback} />
            </p>
          </div>
          <div className="field">
            <label htmlFor={repeatId}>Confirm new password</label>
            <input
              id={repeatId}
              type="password"
              autoComplete="new-password"
              required
              aria-describedby={problem?.field === 'repeat' ? problemId : undefined}
              aria-invalid={problem?.field === 'repeat' || undefined}
              value={repeat}
              onChange={(event) => {
                setRepeat(event.target.value);
                setProblem(null);
              }}
            />
          </div>
          {problem ? (
            <p className="field__problem" id={problemId}>
              {problem.text}
            </p>
          ) : null}
          <FormActions submitLabel="Change password" pending={change.isPending} pendingText="Changing…" />
        </form>
      </section>
    </>
  );
}

function StrengthText({ feedback }: { feedback: ReturnType<typeof useStrengthFeedback> }) {
  switch (feedback.state) {
    case 'empty':
      return <>At least 12 characters, without your username.</>;
    case 'checking':
      return <>Checking strength…</>;
    case 'ok':
      return (
        <>
          <CheckIcon /> Strong enough.
        </>
      );
    case 'weak':
      return (
        <>
          <WarningIcon /> {feedback.reason}
        </>
      );
  }
}
