// The signed-in console: who is signed in where, navigation between the pages, sign-out, and the page itself.
// Routed by hash so it works from app://, a file and the browser host alike; back and forward move between pages.
import { HashRouter, NavLink, Navigate, Route, Routes } from 'react-router';
import type { AppInfo } from './bridge/contract.ts';
import { toIpcError } from './bridge/ipc-call.ts';
import { ConfirmAccessProvider } from './confirm-access.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { FailedSignInsPage } from './pages/failed-sign-ins-page.tsx';
import { KeychainNotice } from './keychain-notice.tsx';
import { NewRecoveryCodesProvider } from './new-recovery-codes.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PasswordPage } from './pages/password-page.tsx';
import { paths } from './paths.ts';
import { RecoveryCodesPage } from './pages/recovery-codes-page.tsx';
import { SessionsPage } from './pages/sessions-page.tsx';
import { TokenFinderPage } from './pages/token-finder-page.tsx';
import { TokensPage } from './pages/tokens-page.tsx';
import { TwoFactorPage } from './pages/two-factor-page.tsx';
import { useAccountOverview, useSignOut, type SignedInSession } from './queries.ts';

const navigation = [
  { to: paths.overview, label: 'Overview' },
  { to: paths.twoFactor, label: 'Two-factor' },
  { to: paths.recoveryCodes, label: 'Recovery codes' },
  { to: paths.sessions, label: 'Sessions' },
  { to: paths.password, label: 'Password' },
  { to: paths.tokens, label: 'Tokens' },
];

export function AppShell({ session, appInfo }: { session: SignedInSession; appInfo: AppInfo }) {
  const { account } = session;
  const overview = useAccountOverview(account);
  const signOut = useSignOut();
  const signOutError = signOut.error ? toIpcError(signOut.error) : null;
  const inMemory = !appInfo.keychainAvailable || session.storage === 'memory' || overview.data?.storage === 'memory';

  return (
    <HashRouter>
      <div className="shell">
        <div className="shell__bar">
          <p className="shell__account">
            Signed in as <strong className="mono">{account.username}</strong> on{' '}
            <span className="mono break">{account.registryUrl}</span>
          </p>
          <button type="button" className="button button--secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
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
        {signOutError ? (
          <ErrorAlert key={`sign-out-${signOut.submittedAt}`} error={signOutError} registryUrl={account.registryUrl} />
        ) : null}
        <NewRecoveryCodesProvider account={account} outlet={appInfo.secretOutlet}>
          <ConfirmAccessProvider twoFactorEnabled={overview.data?.twoFactorEnabled ?? false}>
            <div className="page">
              <Routes>
                <Route path={paths.overview} element={<OverviewPage account={account} />} />
                <Route path={paths.twoFactor} element={<TwoFactorPage account={account} />} />
                <Route path={paths.recoveryCodes} element={<RecoveryCodesPage account={account} />} />
                <Route path={paths.sessions} element={<SessionsPage account={account} />} />
                <Route path={paths.password} element={<PasswordPage account={account} />} />
                <Route path={paths.failedSignIns} element={<FailedSignInsPage account={account} />} />
                <Route path={paths.tokens} element={<TokensPage account={account} outlet={appInfo.secretOutlet} />} />
                <Route path={paths.tokenFinder} element={<TokenFinderPage account={account} />} />
                <Route path="*" element={<Navigate to={paths.overview} replace />} />
              </Routes>
            </div>
          </ConfirmAccessProvider>
        </NewRecoveryCodesProvider>
      </div>
    </HashRouter>
  );
}
