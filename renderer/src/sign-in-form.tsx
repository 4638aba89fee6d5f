// Step one: registry, username and password. The password lives only in this component's state and is cleared
// the moment it is handed to the sign-in call.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppInfo } from './bridge/contract.ts';
import { DemoNote, type DemoCredentials } from './demo-note.tsx';
import { FormActions } from './form-actions.tsx';

export interface AccountDraft {
  registryUrl: string;
  username: string;
}

interface SignInFormProps {
  draft: AccountDraft;
  onDraftChange: (draft: AccountDraft) => void;
  demo: AppInfo['demo'];
  pending: boolean;
  locked: boolean;
  // Changes with every failure, which moves focus back to the first field that needs input.
  failureId: number | null;
  onSubmit: (password: string) => void;
  onPasswordEdit: () => void;
}

export function SignInForm(props: SignInFormProps) {
  const { draft, onDraftChange, demo, pending, locked, failureId, onSubmit, onPasswordEdit } = props;
  const [password, setPassword] = useState('');
  const urlId = useId();
  const usernameId = useId();
  const passwordId = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const firstEmpty = [urlRef, usernameRef, passwordRef].find((ref) => ref.current && !ref.current.value);
    firstEmpty?.current?.focus();
  }, [failureId]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || locked) return;
    const secret = password;
    setPassword('');
    onSubmit(secret);
  }

  function fillDemoAccount(account: DemoCredentials) {
    onDraftChange({ ...draft, username: account.username });
    setPassword(account.password);
  }

  return (
    <>
      <form className="form" onSubmit={handleSubmit} aria-busy={pending}>
        <div className="field">
          <label htmlFor={urlId}>Registry URL</label>
          <input
            ref={urlRef}
            id={urlId}
            name="registryUrl"
            type="url"
            inputMode="url"
            autoComplete="url"
            autoCapitalize="off"
            spellCheck={false}
            required
            value={draft.registryUrl}
            onChange={(event) => onDraftChange({ ...draft, registryUrl: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={usernameId}>Username</label>
          <input
            ref={usernameRef}
            id={usernameId}
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            required
            value={draft.username}
            onChange={(event) => onDraftChange({ ...draft, username: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            ref={passwordRef}
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              onPasswordEdit();
            }}
          />
        </div>
        <FormActions submitLabel="Sign in" pending={pending} pendingText="Signing in…" submitDisabled={locked} />
      </form>
      {demo ? <DemoNote demo={demo} onUse={fillDemoAccount} /> : null}
    </>
  );
}
