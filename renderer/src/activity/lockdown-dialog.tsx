// The lockdown as the user sees it: each step with its outcome as it happens, Retry for the failed ones, and then
// the last step, a new password, one click away. It starts as soon as it opens: the user has just said a sign-in
// was not them, and every second an attacker's session stays open counts.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef, ActivityRow } from '../bridge/contract.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { useBridge } from '../bridge/bridge-context.tsx';
import { toIpcError } from '../bridge/ipc-call.ts';
import { AccessNotConfirmed, useRunSensitive } from '../confirm-access.tsx';
import { describeError } from '../error-messages.ts';
import { ModalDialog } from '../modal-dialog.tsx';
import { useShowNewRecoveryCodes } from '../new-recovery-codes.tsx';
import { paths } from '../paths.ts';
import { call } from '../queries.ts';
import { useReviewEvent } from './activity-queries.ts';
import { lockdownSteps, revokeInBatches, runLockdown, stepTitles, type LockdownActions, type LockdownStep, type StepState } from './lockdown.ts';

const waiting = Object.fromEntries(lockdownSteps.map((step) => [step, { status: 'waiting' }])) as Record<LockdownStep, StepState>;
const statusWord: Record<StepState['status'], string> = { waiting: 'Waiting', running: 'Running…', done: 'Done', failed: 'Failed' };

// Without 2FA there are no recovery codes to replace, so that step is left out (and said so). Opened from a flagged
// sign-in ("No, secure my account"), it also keeps that answer, beside the steps and not before them: the owner is
// not asked about that sign-in again, and a failure to keep the answer is shown here rather than delaying anything.
export function LockdownDialog(props: { account: AccountRef; twoFactorEnabled: boolean; disowned?: ActivityRow; onClose: () => void }) {
  const { account, twoFactorEnabled, disowned, onClose } = props;
  const steps = twoFactorEnabled ? lockdownSteps : lockdownSteps.filter((step) => step !== 'recovery-codes');
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const runSensitive = useRunSensitive();
  const showCodes = useShowNewRecoveryCodes();
  const headingId = useId();
  const [states, setStates] = useState(waiting);
  const [running, setRunning] = useState(false);
  const started = useRef(false);
  const review = useReviewEvent(account);
  const answer = useActionFailure();

  const actions: LockdownActions = {
    endOtherSessions: async () => (await call(bridge, 'sessions:end-others', undefined)).ended,
    revokeAllTokens: async () => {
      const { tokens } = await call(bridge, 'tokens:list', undefined);
      const ids = tokens.map((token) => token.id);
      return revokeInBatches(ids, async (batch) => (await call(bridge, 'tokens:revoke-many', { ids: batch })).revoked);
    },
    regenerateRecoveryCodes: async () => {
      const { recoveryCodes } = await runSensitive(() => call(bridge, 'recovery-codes:generate', undefined));
      await showCodes(recoveryCodes);
    },
  };

  async function run(steps: readonly LockdownStep[]) {
    setRunning(true);
    const describe = (error: unknown) =>
      error instanceof AccessNotConfirmed ? 'Not done: access was not confirmed.' : describeError(toIpcError(error), { registryUrl: account.registryUrl });
    await runLockdown(steps, actions, (step, state) => setStates((current) => ({ ...current, [step]: state })), describe);
    setRunning(false);
    await queryClient.invalidateQueries();
  }

  useEffect(() => {
    // Once, even under StrictMode's double effects: the steps change the account.
    if (started.current) return;
    started.current = true;
    void run(steps);
    if (disowned) review.mutateAsync({ eventId: disowned.id, answer: 'not-me' }).catch(answer.fail);
  }, []);

  const failed = steps.filter((step) => states[step].status === 'failed');
  const finished = !running && steps.every((step) => states[step].status === 'done' || states[step].status === 'failed');

  return (
    <ModalDialog labelledBy={headingId} onCancel={running ? undefined : onClose} wide>
      <div className="stack">
        <h2 id={headingId}>Securing your account</h2>
        <p className="lead">
          {account.username} on {account.registryUrl}
        </p>
        {answer.failure ? (
          <>
            <p className="field__hint">Your answer about that sign-in was not kept: it will be asked about again.</p>
            <ErrorAlert key={answer.failure.id} error={answer.failure.error} registryUrl={account.registryUrl} />
          </>
        ) : null}
        <ol className="lockdown-steps" aria-label="Lockdown steps">
          {steps.map((step) => {
            const state = states[step];
            return (
              <li key={step} className={`lockdown-step lockdown-step--${state.status}`}>
                <strong>{stepTitles[step]}</strong>: <span role="status">{statusWord[state.status]}</span>
                {'text' in state ? <p className="field__hint">{state.text}</p> : null}
              </li>
            );
          })}
          {twoFactorEnabled ? null : (
            <li className="lockdown-step">
              <strong>{stepTitles['recovery-codes']}</strong>: <span>Skipped</span>
              <p className="field__hint">Without 2FA there are no recovery codes. Turn 2FA on once you are back in control.</p>
            </li>
          )}
          <li className="lockdown-step">
            <strong>Choose a new password</strong>
            <p className="field__hint">The last step is yours: whoever signed in may know the current one.</p>
          </li>
        </ol>
        <div className="form__actions">
          {finished ? (
            <Link className="button button--primary" to={paths.password} onClick={onClose}>
              Choose a new password
            </Link>
          ) : null}
          {finished && failed.length > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => void run(failed)}>
              Retry failed steps
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose} disabled={running}>
            Close
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
