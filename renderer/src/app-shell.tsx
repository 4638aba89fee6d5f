// The signed-in console: who is signed in where, navigation between the pages, sign-out, and the page itself.
// Routed by hash so it works from app://, a file and the browser host alike; back and forward move between pages.
import { HashRouter, Link, NavLink, Navigate, Route, Routes, useNavigate } from 'react-router';
import { ActivityPage } from './pages/activity-page.tsx';
import type { AppInfo, IpcError } from './bridge/contract.ts';
import { toIpcError } from './bridge/ipc-call.ts';
import { ConfirmAccessProvider } from './confirm-access.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { FailedSignInsPage } from './pages/failed-sign-ins-page.tsx';
import { KeychainNotice } from './keychain-notice.tsx';
import { NewRecoveryCodesProvider } from './new-recovery-codes.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PasswordPage } from './pages/password-page.tsx';
import { ProjectPage } from './pages/project-page.tsx';
import { ProjectsPage } from './pages/projects-page.tsx';
import { paths } from './paths.ts';
import { RecoveryCodesPage } from './pages/recovery-codes-page.tsx';
import { SessionsPage } from './pages/sessions-page.tsx';
import { TokenFinderPage } from './pages/token-finder-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { TwoFactorPage } from './pages/two-factor-page.tsx';
import { useAccountOverview, useSignOut, useSwitchAccount, type SignedInSession } from './queries.ts';
import { SignInScreen } from './sign-in-screen.tsx';

const navigation = [
  { to: paths.overview, label: 'Overview' },
  { to: paths.activity, label: 'Activity' },
  { to: paths.projects, label: 'Projects' },
  { to: paths.twoFactor, label: 'Two-factor' },
  { to: paths.recoveryCodes, label: 'Recovery codes' },
  { to: paths.sessions, label: 'Sessions' },
  { to: paths.password, label: 'Password' },
  { to: paths.tokens, label: 'Tokens' },
];

const accountKey = (account: { registryUrl: string; username: string }) => `${account.username} on ${account.registryUrl}`;

interface AppShellProps {
  session: SignedInSession;
  appInfo: AppInfo;
  // Why the console moved on from an account (its session ended), until dismissed.
  notice: IpcError | null;
  onDismissNotice: () => void;
}

export function AppShell({ session, appInfo, notice, onDismissNotice }: AppShellProps) {
  const { account } = session;
  const overview = useAccountOverview(account);
  const signOut = useSignOut(account);
  const switchAccount = useSwitchAccount();
  const actionError = signOut.error ?? switchAccount.error;
  const inMemory = !appInfo.keychainAvailable || session.storage === 'memory' || overview.data?.storage === 'memory';

  return (
    <HashRouter>
      <div className="shell">
        <div className="shell__bar">
          <p className="shell__account">
            Signed in as <strong className="mono">{account.username}</strong> on{' '}
            <span className="mono break">{account.registryUrl}</span>
          </p>
          <div className="shell__actions">
            {session.accounts.length > 1 ? (
              <label className="shell__switcher">
                <span>Account</span>
                <select
                  value={accountKey(account)}
                  disabled={switchAccount.isPending}
                  onChange={(event) => {
                    const chosen = session.accounts.find((other) => accountKey(other) === event.target.value);
                    if (chosen) switchAccount.mutate(chosen);
                  }}
                >
                  {session.accounts.map((other) => (
                    <option key={accountKey(other)} value={accountKey(other)}>
                      {accountKey(other)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <Link className="button button--secondary" to={paths.addAccount}>
              Add account
            </Link>
            <button
              type="button"
              className="button button--secondary"
              aria-describedby="sign-out-who"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              Sign out
            </button>
            <span id="sign-out-who" className="visually-hidden">
              Signs out {accountKey(account)} only
            </span>
          </div>
        </div>
        <nav className="shell__nav" aria-label="Account security">
          <ul>
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end className="shell__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {inMemory ? <KeychainNotice /> : null}
        {actionError ? (
          <ErrorAlert key={`account-${signOut.submittedAt}-${switchAccount.submittedAt}`} error={toIpcError(actionError)} registryUrl={account.registryUrl} />
        ) : null}
        {notice ? (
          <div className="error-panel">
            <ErrorAlert error={notice} />
            <button type="button" className="button button--secondary" onClick={onDismissNotice}>
              Dismiss
            </button>
          </div>
        ) : null}
        <NewRecoveryCodesProvider account={account} outlet={appInfo.secretOutlet}>
          <ConfirmAccessProvider twoFactorEnabled={overview.data?.twoFactorEnabled ?? false}>
            {/* Keyed by account: switching starts every page afresh, so no selection, filter or dialog of one
                account's page carries over to another's. */}
            <div className="page" key={accountKey(account)}>
              <Routes>
                <Route path={paths.overview} element={<OverviewPage session={session} />} />
                <Route path={paths.twoFactor} element={<TwoFactorPage account={account} />} />
                <Route path={paths.recoveryCodes} element={<RecoveryCodesPage account={account} />} />
                <Route path={paths.sessions} element={<SessionsPage account={account} />} />
                <Route path={paths.password} element={<PasswordPage account={account} />} />
                <Route path={paths.failedSignIns} element={<FailedSignInsPage account={account} />} />
                <Route path={paths.tokens} element={<TokensPage account={account} outlet={appInfo.secretOutlet} />} />
                <Route path={paths.tokenFinder} element={<TokenFinderPage account={account} />} />
                <Route path={paths.projects} element={<ProjectsPage registryUrl={account.registryUrl} />} />
                <Route path={paths.project} element={<ProjectPage active={account} />} />
                <Route path={paths.activity} element={<ActivityPage account={account} />} />
                <Route path={paths.addAccount} element={<AddAccount appInfo={appInfo} />} />
                <Route path="*" element={<Navigate to={paths.overview} replace />} />
              </Routes>
            </div>
          </ConfirmAccessProvider>
        </NewRecoveryCodesProvider>
      </div>
    </HashRouter>
  );
}

// Add account: the sign-in flow inside the console. The new account becomes the active one; the others stay.
function AddAccount({ appInfo }: { appInfo: AppInfo }) {
  const navigate = useNavigate();
  return <SignInScreen appInfo={appInfo} notice={null} title="Add an account" onSignedIn={() => void navigate(paths.overview)} />;
}
