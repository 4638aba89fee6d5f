// Recovery codes: how many of 8 remain and since when, a warning when few are left, new codes, and the drill that
// checks a stored code without using it up.
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { recoveryCodesLowText, recoveryCodesUnit } from '../account-text.ts';
import { useActionFailure } from '../action-failure.ts';
import type { AccountRef } from '../bridge/contract.ts';
import { DateTime } from '../date-time.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { WarningIcon } from '../icons.tsx';
import { useShowNewRecoveryCodes } from '../new-recovery-codes.tsx';
import { PageHeading } from '../page-heading.tsx';
import { paths } from '../paths.ts';
import { QueryStatus } from '../query-status.tsx';
import { useAccountOverview } from '../queries.ts';
import { useCheckRecoveryCode, useGenerateRecoveryCodes } from '../security-actions.ts';

const totalCodes = 8;

export function RecoveryCodesPage({ account }: { account: AccountRef }) {
  const overview = useAccountOverview(account);
  const generate = useGenerateRecoveryCodes(account);
  const showCodes = useShowNewRecoveryCodes();
  const [done, setDone] = useState('');
  const { failure, fail, clear } = useActionFailure();
  const data = overview.data;

  async function generateCodes() {
    clear();
    setDone('');
    let codes: string[];
    try {
      codes = (await generate.mutateAsync(undefined)).recoveryCodes;
    } catch (error) {
      return fail(error);
    } finally {
      generate.reset();
    }
    await showCodes(codes);
    setDone('New recovery codes are in use; the earlier ones no longer work.');
  }

  return (
    <>
      <PageHeading title="Recovery codes" />
      <QueryStatus query={overview} loadingText="Loading recovery codes…" registryUrl={account.registryUrl} />
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <p className="done-message" role="status">
        {done}
      </p>
      {data && !data.twoFactorEnabled ? (
        <section className="card stack" aria-label="Status">
          <p>Recovery codes come with two-factor authentication: they sign you in when your authenticator is lost.</p>
          <Link className="button button--primary" to={paths.twoFactor}>
            Set up two-factor authentication
          </Link>
        </section>
      ) : null}
      {data && data.twoFactorEnabled ? (
        <>
          <section className="card stack" aria-label="Status">
            <p className={`metric__number${data.recoveryCodesLow ? ' metric__number--warning' : ''}`}>
              {data.recoveryCodesRemaining} of {totalCodes}
              <span className="metric__unit"> {recoveryCodesUnit(data.recoveryCodesRemaining)}</span>
            </p>
            {data.recoveryCodesGeneratedAt ? (
              <p className="metric__text">
                Generated <DateTime iso={data.recoveryCodesGeneratedAt} />.
              </p>
            ) : null}
            {data.recoveryCodesLow ? (
              <p className="inline-warning">
                <WarningIcon />
                <span>
                  <span className="visually-hidden">Warning: </span>
                  {recoveryCodesLowText(data.recoveryCodesRemaining)}
                </span>
              </p>
            ) : null}
            <p>New codes replace all of these: the old ones stop working at once.</p>
            <div className="form__actions">
              <button type="button" className="button button--primary" onClick={() => void generateCodes()} disabled={generate.isPending}>
                Generate new codes
              </button>
              <span className="form__progress" role="status">
                {generate.isPending ? 'Generating…' : ''}
              </span>
            </div>
          </section>
          <CheckCode account={account} />
        </>
      ) : null}
    </>
  );
}

const statusText = {
  valid: 'Valid: this code works and has not been used.',
  used: 'Already used: this code signed in once and will not work again.',
  unknown: "Unknown: this is not one of your current codes. Check it for typos; codes from before the last 'Generate new codes' no longer work.",
} as const;

// The drill: does the copy in the drawer still work? Checking does not use the code up.
function CheckCode({ account }: { account: AccountRef }) {
  const check = useCheckRecoveryCode(account);
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<keyof typeof statusText | null>(null);
  const { failure, fail, clear } = useActionFailure();
  const headingId = useId();
  const inputId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clear();
    setAnswer(null);
    try {
      setAnswer((await check.mutateAsync({ code: code.trim() })).status);
      setCode('');
    } catch (error) {
      fail(error);
    } finally {
      check.reset();
    }
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Check a code</h2>
      <p className="metric__text">Make sure the codes you stored still work. Checking a code does not use it up.</p>
      {failure ? <ErrorAlert key={failure.id} error={failure.error} registryUrl={account.registryUrl} /> : null}
      <form className="form" onSubmit={(event) => void submit(event)} aria-busy={check.isPending}>
        <div className="field">
          <label htmlFor={inputId}>Recovery code</label>
          <input
            id={inputId}
            type="text"
            className="input--recovery"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setAnswer(null);
              clear();
            }}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" disabled={check.isPending}>
            Check code
          </button>
        </div>
      </form>
      <p className={`check-answer${answer ? ` check-answer--${answer}` : ''}`} role="status">
        {answer ? statusText[answer] : ''}
      </p>
    </section>
  );
}
