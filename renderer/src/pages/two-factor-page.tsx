// Two-factor: its status; enabling it (QR code and setup key, then a code to activate, then the new recovery
// codes); replacing the authenticator; and turning it off, after saying what that exposes.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { groupSecret } from '../account-text.ts';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { FormActions } from '../form-actions.tsx';
import { CheckIcon, WarningIcon } from '../icons.tsx';
import { useShowNewRecoveryCodes } from '../new-recovery-codes.tsx';
import { OtpField, otpProblem } from '../otp-field.tsx';
import { focusPageHeading, PageHeading } from '../page-heading.tsx';
import { QrCode } from '../qr-code.tsx';
import { QueryStatus } from '../query-status.tsx';
import { useAccountOverview } from '../queries.ts';
import { useActivateTwoFactor, useDisableTwoFactor, useStartTwoFactor } from '../security-actions.ts';

type Step =
  | { name: 'idle' }
  | { name: 'enrolling'; secret: string; otpauthUri: string; replacing: boolean }
  | { name: 'disabling' };

export function TwoFactorPage({ account }: { account: AccountRef }) {
  const overview = useAccountOverview(account);
  const start = useStartTwoFactor(account);
  const disable = useDisableTwoFactor(account);
  const showCodes = useShowNewRecoveryCodes();
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const enabled = overview.data?.twoFactorEnabled ?? false;

  async function begin(replacing: boolean) {
    clear();
    setDone('');
    try {
      const enrollment = await start.mutateAsync(undefined);
      setStep({ name: 'enrolling', ...enrollment, replacing });
    } catch (error) {
      fail(error);
    } finally {
      start.reset();
    }
  }

  async function turnOff() {
    clear();
    try {
      await disable.mutateAsync(undefined);
      setStep({ name: 'idle' });
      setDone('Two-factor authentication is off, and your recovery codes no longer work.');
      focusPageHeading();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <>
      <PageHeading title="Two-factor authentication" />
      <QueryStatus query={overview} loadingText="Loading two-factor status…" registryUrl={account.registryUrl} />
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {overview.data ? (
        <section className="card stack" aria-label="Status">
          <p className={`status-pill status-pill--${enabled ? 'on' : 'off'}`}>
            {enabled ? <CheckIcon /> : <WarningIcon />}
            {enabled ? 'On' : 'Off'}
          </p>
          {enabled ? (
            <p>
              Every sign-in needs a code from your authenticator app.{' '}
              {overview.data.twoFactorEnabledAt ? (
                <>
                  On since <DateTime iso={overview.data.twoFactorEnabledAt} />.
                </>
              ) : null}
            </p>
          ) : (
            <p>Anyone with your password can sign in and publish as you.</p>
          )}
          {step.name === 'idle' ? (
            <div className="form__actions">
              {enabled ? (
                <>
                  <button type="button" className="button button--secondary" onClick={() => void begin(true)} disabled={start.isPending}>
                    Replace authenticator
                  </button>
                  <button type="button" className="button button--danger" onClick={() => setStep({ name: 'disabling' })}>
                    Disable two-factor
                  </button>
                </>
              ) : (
                <button type="button" className="button button--primary" onClick={() => void begin(false)} disabled={start.isPending}>
                  Enable two-factor
                </button>
              )}
              <span className="form__progress" role="status">
                {start.isPending ? 'Preparing…' : ''}
              </span>
            </div>
          ) : null}
        </section>
      ) : null}
      {step.name === 'enrolling' ? (
        <Enrollment
          account={account}
          secret={step.secret}
          otpauthUri={step.otpauthUri}
          replacing={step.replacing}
          onActivated={async (codes) => {
            setStep({ name: 'idle' });
            if (codes) {
              await showCodes(codes);
              setDone('Two-factor authentication is on.');
            } else {
              setDone('Authenticator replaced. Use the new one from now on; your recovery codes still work.');
              focusPageHeading();
            }
          }}
          onCancel={() => {
            setStep({ name: 'idle' });
            focusPageHeading();
          }}
        />
      ) : null}
      {step.name === 'disabling' ? (
        <DisableTwoFactor
          pending={disable.isPending}
          onTurnOff={() => void turnOff()}
          onKeep={() => {
            setStep({ name: 'idle' });
            focusPageHeading();
          }}
        />
      ) : null}
    </>
  );
}

// The warning before 2FA goes off, focused on arrival since it replaces the button that was pressed.
function DisableTwoFactor({ pending, onTurnOff, onKeep }: { pending: boolean; onTurnOff: () => void; onKeep: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Turn off two-factor authentication?
      </h2>
      <p className="notice notice--warning">
        <WarningIcon />
        <span>
          Without it, your password alone signs in — and anyone who has guessed, phished or found it in a breach can
          publish as you. Your recovery codes stop working too.
        </span>
      </p>
      <div className="form__actions">
        <button type="button" className="button button--danger" onClick={onTurnOff} disabled={pending}>
          Turn off two-factor
        </button>
        <button type="button" className="button button--secondary" onClick={onKeep} disabled={pending}>
          Keep it on
        </button>
      </div>
    </section>
  );
}

interface EnrollmentProps {
  account: AccountRef;
  secret: string;
  otpauthUri: string;
  replacing: boolean;
  onActivated: (codes: string[] | null) => Promise<void>;
  onCancel: () => void;
}

function Enrollment({ account, secret, otpauthUri, replacing, onActivated, onCancel }: EnrollmentProps) {
  const activate = useActivateTwoFactor(account);
  const [otp, setOtp] = useState('');
  const [otpInvalid, setOtpInvalid] = useState(false);
  const { failure, fail, clear } = useActionFailure();
  const headingId = useId();
  const keyId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = otp.replace(/\s+/g, '');
    if (otpProblem(code)) {
      setOtpInvalid(true);
      return;
    }
    clear();
    try {
      const result = await activate.mutateAsync({ otp: code });
      activate.reset();
      await onActivated(result.recoveryCodes);
    } catch (error) {
      setOtp('');
      fail(error);
    } finally {
      activate.reset();
    }
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{replacing ? 'Set up your new authenticator' : 'Set up your authenticator app'}</h2>
      <ol className="steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <QrCode value={otpauthUri} label={`QR code for adding ${account.username} to an authenticator app`} />
        </li>
        <li className="field">
          <label htmlFor={keyId}>Or type this setup key into the app</label>
          <input id={keyId} className="setup-key mono" type="text" readOnly value={groupSecret(secret)} spellCheck={false} />
        </li>
        <li>
          <p>Enter the code the app shows to finish{replacing ? '; the old authenticator stops working then' : ''}.</p>
        </li>
      </ol>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <form className="form" onSubmit={(event) => void submit(event)} aria-busy={activate.isPending}>
        <OtpField
          value={otp}
          invalid={otpInvalid}
          onChange={(value) => {
            setOtp(value);
            setOtpInvalid(false);
            clear();
          }}
        />
        <FormActions submitLabel="Activate" pending={activate.isPending} pendingText="Activating…" onCancel={onCancel} />
      </form>
    </section>
  );
}
