// The security facts of one account, one card each. Warnings are plain visible text (not alerts): they are state,
// not events, and the page's single alert slot stays free for failures.
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AccountOverview, TokenRow } from './bridge/contract.ts';
import { failedSignInCause, failedSignInsText, recoveryCodesLowText, recoveryCodesUnit } from './account-text.ts';
import { LockdownDialog } from './activity/lockdown-dialog.tsx';
import { DateTime } from './date-time.tsx';
import { CheckIcon, WarningIcon } from './icons.tsx';
import { paths } from './paths.ts';
import { tokenWarningsText } from './tokens/token-text.ts';

// `tokens` is loaded apart from the overview; its card appears once it has arrived.
// The cards of an account other than the active one link to pages that act for the active account: following one
// switches to this account first.
export const SwitchToAccountContext = createContext<(() => Promise<void>) | null>(null);

function CardLink({ className, to, children }: { className: string; to: string; children: ReactNode }) {
  const switchFirst = useContext(SwitchToAccountContext);
  const navigate = useNavigate();
  if (!switchFirst) {
    return (
      <Link className={className} to={to}>
        {children}
      </Link>
    );
  }
  return (
    <a
      className={className}
      href={`#${to}`}
      onClick={(event) => {
        event.preventDefault();
        void switchFirst().then(() => navigate(to));
      }}
    >
      {children}
    </a>
  );
}

export function AccountCards({ overview, tokens }: { overview: AccountOverview; tokens?: readonly TokenRow[] | undefined }) {
  return (
    <>
      {overview.twoFactorEnabled ? null : <EnableTwoFactorCall />}
      <div className="cards">
        <TwoFactorCard enabled={overview.twoFactorEnabled} />
        {/* Without 2FA there are no recovery codes: a card about them would speak of an authenticator not there. */}
        {overview.twoFactorEnabled ? (
          <RecoveryCodesCard remaining={overview.recoveryCodesRemaining} low={overview.recoveryCodesLow} />
        ) : null}
        <FailedSignInsCard overview={overview} />
        {tokens ? <TokensCard tokens={tokens} /> : null}
        <LastSignInCard overview={overview} />
        <AccountDetailsCard overview={overview} />
      </div>
    </>
  );
}

function EnableTwoFactorCall() {
  const headingId = useId();
  return (
    <section className="callout callout--danger" aria-labelledby={headingId}>
      <WarningIcon />
      <div>
        <h2 id={headingId}>Turn on two-factor authentication</h2>
        <p>
          Anyone who learns your password can sign in and publish as you. A code from an authenticator app stops
          them; it takes two minutes to set up.
        </p>
        <CardLink className="button button--primary" to={paths.twoFactor}>
          Set up two-factor authentication
        </CardLink>
      </div>
    </section>
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
          : 'Anyone with your password can sign in.'}
      </p>
      <CardLink className="card-link" to={paths.twoFactor}>
        {enabled ? 'Manage two-factor authentication' : 'Turn on two-factor authentication'}
      </CardLink>
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
      <CardLink className="card-link" to={paths.recoveryCodes}>
        Manage recovery codes
      </CardLink>
    </Card>
  );
}

function TokensCard({ tokens }: { tokens: readonly TokenRow[] }) {
  const warnings = tokenWarningsText(tokens);
  return (
    <Card title="API tokens" tone={warnings ? 'warning' : 'neutral'}>
      <p className="metric__number">
        {tokens.length}
        <span className="metric__unit"> active</span>
      </p>
      {warnings ? (
        <p className="inline-warning">
          <WarningIcon />
          <span>
            <span className="visually-hidden">Warning: </span>
            {warnings}
          </span>
        </p>
      ) : (
        <p className="metric__text">
          {tokens.length === 0 ? 'No token can act for your account.' : 'None is stale, bypasses 2FA, reaches all projects or expires within a week.'}
        </p>
      )}
      <CardLink className="card-link" to={paths.tokens}>
        Review tokens
      </CardLink>
    </Card>
  );
}

function LastSignInCard({ overview }: { overview: AccountOverview }) {
  const { lastSignIn } = overview;
  // Only the active account's card can lock it down: the steps act as the active account.
  const isActive = useContext(SwitchToAccountContext) === null;
  const [securing, setSecuring] = useState(false);
  if (!lastSignIn) {
    return (
      <Card title="Last sign-in" wide>
        <p className="metric__text">No sign-in before this one.</p>
      </Card>
    );
  }
  return (
    <Card title="Last sign-in" wide>
      <p className="metric__value">
        <DateTime iso={lastSignIn.time} />
      </p>
      <p className="metric__text">The sign-in before this session. If it wasn't you, secure your account now.</p>
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
      <CardLink className="card-link" to={paths.sessions}>
        See where you are signed in
      </CardLink>
      {isActive ? (
        <button type="button" className="button button--danger card-action" onClick={() => setSecuring(true)}>
          Wasn't you? Secure my account
        </button>
      ) : null}
      {securing ? (
        <LockdownDialog
          account={{ registryUrl: overview.registryUrl, username: overview.username }}
          twoFactorEnabled={overview.twoFactorEnabled}
          onClose={() => setSecuring(false)}
        />
      ) : null}
    </Card>
  );
}

function FailedSignInsCard({ overview }: { overview: AccountOverview }) {
  const count = overview.failedSignInsLast30Days;
  const recent = overview.recentFailedSignIns;
  const warn = count > 0;
  return (
    <Card title="Failed sign-ins" tone={warn ? 'warning' : 'neutral'} wide={recent.length > 0}>
      <p className={`metric__number${warn ? ' metric__number--warning' : ''}`}>
        {count}
        <span className="metric__unit"> in the last 30 days</span>
      </p>
      {warn ? (
        <p className="inline-warning">
          <WarningIcon />
          <span>
            <span className="visually-hidden">Warning: </span>
            {failedSignInsText(count, overview.rateLimitedSignInsLast30Days)}
          </span>
        </p>
      ) : (
        <p className="metric__text">{failedSignInsText(count, overview.rateLimitedSignInsLast30Days)}</p>
      )}
      {recent.length > 0 ? (
        <>
          <h3 className="metric__subheading">Newest</h3>
          <ul className="event-list" aria-label="Newest failed sign-ins">
            {recent.map((failure) => (
              <li key={failure.id}>
                <DateTime iso={failure.time} /> from <span className="mono">{failure.ip}</span>:{' '}
                {failedSignInCause(failure)}
              </li>
            ))}
          </ul>
          <CardLink className="card-link" to={paths.failedSignIns}>
            See all failed sign-ins
          </CardLink>
        </>
      ) : null}
    </Card>
  );
}

function AccountDetailsCard({ overview }: { overview: AccountOverview }) {
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
          <dd>
            <DateTime iso={overview.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Session stored in</dt>
          <dd>{overview.storage === 'keychain' ? 'System keychain' : 'Memory only, until Vigil closes'}</dd>
        </div>
      </dl>
    </Card>
  );
}
