// The security facts of one account, one card each. Warnings are plain visible text (not alerts): they are state,
// not events, and the page's single alert slot stays free for failures.
import { useId, type ReactNode } from 'react';
import type { AccountOverview } from './bridge/contract.ts';
import {
  failedSignInsText,
  formatDate,
  formatDateTime,
  recoveryCodesLowText,
  recoveryCodesUnit,
} from './account-text.ts';
import { CheckIcon, WarningIcon } from './icons.tsx';

export function AccountCards({ overview }: { overview: AccountOverview }) {
  return (
    <div className="cards">
      <TwoFactorCard enabled={overview.twoFactorEnabled} />
      <RecoveryCodesCard remaining={overview.recoveryCodesRemaining} low={overview.recoveryCodesLow} />
      <FailedSignInsCard count={overview.failedSignInsLast30Days} rateLimited={overview.rateLimitedSignInsLast30Days} />
      <LastSignInCard lastSignIn={overview.lastSignIn} />
      <AccountDetailsCard overview={overview} />
    </div>
  );
}

interface CardProps {
  title: string;
  tone?: 'neutral' | 'good' | 'warning' | 'danger';
  wide?: boolean;
  children: ReactNode;
}

function Card({ title, tone = 'neutral', wide = false, children }: CardProps) {
  const headingId = useId();
  return (
    <section className={`card metric metric--${tone}${wide ? ' metric--wide' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

function TwoFactorCard({ enabled }: { enabled: boolean }) {
  return (
    <Card title="Two-factor authentication" tone={enabled ? 'good' : 'danger'}>
      <p className={`status-pill status-pill--${enabled ? 'on' : 'off'}`}>
        {enabled ? <CheckIcon /> : <WarningIcon />}
        {enabled ? 'On' : 'Off'}
      </p>
      <p className="metric__text">
        {enabled
          ? 'Every sign-in needs a code from your authenticator app as well as your password.'
          : "Anyone with your password can sign in. Turn on two-factor authentication in your registry's account settings."}
      </p>
    </Card>
  );
}

function RecoveryCodesCard({ remaining, low }: { remaining: number; low: boolean }) {
  return (
    <Card title="Recovery codes" tone={low ? 'warning' : 'neutral'}>
      <p className={`metric__number${low ? ' metric__number--warning' : ''}`}>
        {remaining}
        <span className="metric__unit"> {recoveryCodesUnit(remaining)}</span>
      </p>
      {low ? (
        <p className="inline-warning">
          <WarningIcon />
          <span>
            <span className="visually-hidden">Warning: </span>
            {recoveryCodesLowText(remaining)}
          </span>
        </p>
      ) : (
        <p className="metric__text">Each code signs you in once if you lose your authenticator.</p>
      )}
    </Card>
  );
}

function LastSignInCard({ lastSignIn }: { lastSignIn: AccountOverview['lastSignIn'] }) {
  if (!lastSignIn) {
    return (
      <Card title="Last sign-in" wide>
        <p className="metric__text">No sign-in recorded</p>
      </Card>
    );
  }
  const shown = formatDateTime(lastSignIn.time) ?? lastSignIn.time;
  return (
    <Card title="Last sign-in" wide>
      <p className="metric__value">
        <time dateTime={lastSignIn.time} title={lastSignIn.time}>
          {shown}
        </time>
      </p>
      <dl className="details">
        <div>
          <dt>IP address</dt>
          <dd className="mono">{lastSignIn.ip}</dd>
        </div>
        <div>
          <dt>Browser or app</dt>
          <dd className="break">{lastSignIn.userAgent}</dd>
        </div>
      </dl>
    </Card>
  );
}

function FailedSignInsCard({ count, rateLimited }: { count: number; rateLimited: number }) {
  const warn = count > 0;
  return (
    <Card title="Failed sign-ins" tone={warn ? 'warning' : 'neutral'}>
      <p className={`metric__number${warn ? ' metric__number--warning' : ''}`}>
        {count}
        <span className="metric__unit"> in the last 30 days</span>
      </p>
      {warn ? (
        <p className="inline-warning">
          <WarningIcon />
          <span>
            <span className="visually-hidden">Warning: </span>
            {failedSignInsText(count, rateLimited)}
          </span>
        </p>
      ) : (
        <p className="metric__text">{failedSignInsText(count, rateLimited)}</p>
      )}
    </Card>
  );
}

function AccountDetailsCard({ overview }: { overview: AccountOverview }) {
  const created = formatDate(overview.createdAt);
  return (
    <Card title="Account">
      <dl className="details">
        <div>
          <dt>Username</dt>
          <dd className="mono">{overview.username}</dd>
        </div>
        <div>
          <dt>Registry</dt>
          <dd className="mono break">{overview.registryUrl}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{created ? <time dateTime={overview.createdAt}>{created}</time> : overview.createdAt}</dd>
        </div>
        <div>
          <dt>Session stored in</dt>
          <dd>{overview.storage === 'keychain' ? 'System keychain' : 'Memory only, until Vigil closes'}</dd>
        </div>
      </dl>
    </Card>
  );
}
