// Strength feedback while a new password is typed, from the registry's own policy module (the same rules the
// reference registry applies, zxcvbn included). It is imported lazily: zxcvbn's dictionaries are megabytes and
// only the Password page needs them.
import { useEffect, useState } from 'react';

export type StrengthFeedback = { state: 'empty' } | { state: 'checking' } | { state: 'ok' } | { state: 'weak'; reason: string };

const loadPolicy = () => import('../../registry/security/password-policy.ts');

export function useStrengthFeedback(password: string, username: string): StrengthFeedback {
  const [feedback, setFeedback] = useState<StrengthFeedback>({ state: 'empty' });
  useEffect(() => {
    if (password === '') {
      setFeedback({ state: 'empty' });
      return;
    }
    let current = true;
    setFeedback({ state: 'checking' });
    // A short pause so the estimate runs when typing pauses, not on every key.
    const timer = setTimeout(() => {
      void loadPolicy()
        .then(({ checkNewPassword }) => checkNewPassword(password, username))
        .then((verdict) => {
          if (current) setFeedback(verdict.acceptable ? { state: 'ok' } : { state: 'weak', reason: verdict.reason });
        })
        .catch(() => {
          // Without the estimator the registry still decides; say nothing rather than something wrong.
          if (current) setFeedback({ state: 'empty' });
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, username]);
  return feedback;
}
