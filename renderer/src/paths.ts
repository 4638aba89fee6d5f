// The console's pages, addressed by hash (#/two-factor) so routing works from app://, a file and the browser host.
export const paths = {
  overview: '/',
  twoFactor: '/two-factor',
  recoveryCodes: '/recovery-codes',
  sessions: '/sessions',
  password: '/password',
  failedSignIns: '/failed-sign-ins',
  tokens: '/tokens',
  tokenFinder: '/tokens/on-this-computer',
  addAccount: '/add-account',
  projects: '/projects',
  project: '/project',
  activity: '/activity',
} as const;
