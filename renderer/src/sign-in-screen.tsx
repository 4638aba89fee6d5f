// The signed-out screen: runs the two-step sign-in and owns the one failure shown at a time.
import { useId, useReducer, useState } from 'react';
import type { AppInfo, IpcError } from './bridge/contract.ts';
import { toIpcError } from './bridge/ipc-call.ts';
import { ErrorAlert } from './error-alert.tsx';
import { KeychainNotice } from './keychain-notice.tsx';
import { useSignIn, useVerify } from './queries.ts';
import { SecondFactorForm, type SecondFactor } from './second-factor-form.tsx';
import { SignInForm, type AccountDraft } from './sign-in-form.tsx';
import { createSignInFlow, signInFlowReducer } from './sign-in-flow.ts';
import { useCountdown } from './use-countdown.ts';

interface SignInScreenProps {
  appInfo: AppInfo;
  // A failure carried in from the dashboard, e.g. an expired session.
  notice: IpcError | null;
  // "Add account" reuses this screen inside the console, under its own title.
  title?: string;
  onSignedIn?: () => void;
}

export function SignInScreen({ appInfo, notice, title = 'Sign in to your registry', onSignedIn }: SignInScreenProps) {
  const [flow, dispatch] = useReducer(signInFlowReducer, notice, createSignInFlow);
  const [draft, setDraft] = useState<AccountDraft>({ registryUrl: appInfo.defaultRegistryUrl, username: '' });
  const signIn = useSignIn();
  const verify = useVerify();
  const secondsLeft = useCountdown(flow.failure?.lockedUntil ?? null);
  const headingId = useId();

  const locked = secondsLeft > 0;
  const pending = signIn.isPending || verify.isPending;

  async function submitPassword(password: string) {
    const request = { registryUrl: draft.registryUrl.trim(), username: draft.username.trim(), password };
    dispatch({ type: 'submitted' });
    try {
      const result = await signIn.mutateAsync(request);
      // On 'signed-in' the session cache now says so and the app swaps this screen for the dashboard.
      if (result.status === 'second-factor-required') {
        dispatch({ type: 'second-factor-required', challengeId: result.challengeId, registryUrl: request.registryUrl });
      } else {
        onSignedIn?.();
      }
    } catch (error) {
      dispatch({ type: 'failed', error: toIpcError(error), registryUrl: request.registryUrl, now: Date.now() });
    } finally {
      // Drops the finished mutation, and the password in its variables, from the mutation cache.
      signIn.reset();
    }
  }

  async function submitSecondFactor(factor: SecondFactor) {
    const challengeId = flow.challengeId;
    if (!challengeId) return;
    dispatch({ type: 'submitted' });
    try {
      await verify.mutateAsync({ challengeId, ...factor });
      onSignedIn?.();
    } catch (error) {
      dispatch({ type: 'failed', error: toIpcError(error), registryUrl: flow.registryUrl, now: Date.now() });
    } finally {
      verify.reset();
    }
  }

  const onSecondFactor = flow.step === 'second-factor';
  const failure = flow.failure;

  return (
    <div className="sign-in">
      <section
        className={`card sign-in__card${!onSecondFactor && appInfo.demo ? ' sign-in__card--demo' : ''}`}
        aria-labelledby={headingId}
      >
        <h1 id={headingId}>{onSecondFactor ? 'Two-factor verification' : title}</h1>
        {appInfo.keychainAvailable ? null : <KeychainNotice />}
        {failure ? (
          <ErrorAlert
            key={failure.id}
            error={failure.error}
            registryUrl={failure.registryUrl || draft.registryUrl.trim()}
            secondsLeft={failure.lockedUntil === null ? undefined : secondsLeft}
          />
        ) : null}
        {onSecondFactor ? (
          <SecondFactorForm
            method={flow.method}
            onMethodChange={(method) => dispatch({ type: 'method-changed', method, now: Date.now() })}
            onEdit={() => dispatch({ type: 'edited', now: Date.now() })}
            username={draft.username.trim()}
            registryUrl={flow.registryUrl}
            pending={pending}
            locked={locked}
            failureId={failure?.id ?? null}
            onSubmit={(factor) => void submitSecondFactor(factor)}
            onCancel={() => dispatch({ type: 'cancelled', now: Date.now() })}
          />
        ) : (
          <SignInForm
            draft={draft}
            onDraftChange={(next) => {
              setDraft(next);
              dispatch({ type: 'edited', now: Date.now() });
            }}
            onPasswordEdit={() => dispatch({ type: 'edited', now: Date.now() })}
            demo={appInfo.demo}
            pending={pending}
            locked={locked}
            failureId={failure?.id ?? null}
            onSubmit={(password) => void submitPassword(password)}
          />
        )}
      </section>
    </div>
  );
}
