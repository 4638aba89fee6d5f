// In demo mode the registry's demo account is public; showing its credentials lets anyone try the console.
import { useId } from 'react';
import type { AppInfo } from './bridge/contract.ts';

type DemoAccount = NonNullable<AppInfo['demo']>;
export type DemoCredentials = Pick<DemoAccount, 'username' | 'password'>;

export function DemoNote({ demo, onUse }: { demo: DemoAccount; onUse: (account: DemoCredentials) => void }) {
  const headingId = useId();
  const othersId = useId();
  return (
    <section className="demo-note" aria-labelledby={headingId}>
      <h2 id={headingId} className="demo-note__title">
        <span className="tag" aria-hidden="true">
          Demo
        </span>{' '}
        Demo registry
      </h2>
      <p>This registry runs in demo mode. Sign in with its public demo account:</p>
      <dl className="demo-note__list">
        <div>
          <dt>Username</dt>
          <dd className="mono">{demo.username}</dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd className="mono">{demo.password}</dd>
        </div>
        <div>
          <dt>TOTP secret</dt>
          <dd className="mono break">{demo.totpSecret}</dd>
        </div>
        <div>
          <dt>Recovery codes</dt>
          <dd>
            <ul className="demo-note__codes" aria-label="Demo recovery codes">
              {demo.recoveryCodes.map(({ code, used }) => (
                <li key={code} className={used ? 'demo-note__code--used' : undefined}>
                  <span className="mono">{code}</span>
                  {used ? ' (used)' : null}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p className="demo-note__fine">
        Add the TOTP secret to an authenticator app to get one-time codes. These credentials are public and only for
        the demo: never use them for a real account. The demo registry starts afresh every time Vigil starts, so
        codes you use and lockouts you trigger last only until then.
      </p>
      <button type="button" className="button button--secondary" onClick={() => onUse(demo)}>
        Fill in the demo account
      </button>
      {demo.others.length > 0 ? (
        <>
          <h3 id={othersId} className="demo-note__title">
            Other demo people
          </h3>
          <p>To try several accounts at once (Add account) and the project checks:</p>
          <ul className="demo-note__others" aria-labelledby={othersId}>
            {demo.others.map((other) => (
              <li key={other.username}>
                <p>
                  <strong className="mono">{other.username}</strong> — {other.about}.
                </p>
                <p>
                  Password <span className="mono">{other.password}</span>
                  {other.totpSecret ? (
                    <>
                      , TOTP secret <span className="mono break">{other.totpSecret}</span>
                    </>
                  ) : null}
                </p>
                <button type="button" className="button button--secondary" onClick={() => onUse(other)}>
                  Fill in {other.username}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
