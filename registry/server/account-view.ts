// The account as GET /account (and the 2FA routes that change it) show it to the signed-in person.
import type { Account, SignIn } from '../contract/schemas.ts';
import type { EventRecord } from '../store/event-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { AuthenticatedSession } from './auth.ts';
import { iso } from './iso-time.ts';
import { sessionAccount } from './session-account.ts';

const isoOrNull = (time: number | null): string | null => (time === null ? null : iso(time));
const signIn = (event: EventRecord | null): SignIn | null =>
  event ? { time: iso(event.time), ip: event.ip, userAgent: event.userAgent } : null;

export function accountView(store: RegistryStore, session: AuthenticatedSession): Account {
  const { accountId } = session;
  const account = sessionAccount(store, session);
  const enabled = account.totpSecret !== null;
  return {
    username: account.username,
    createdAt: iso(account.createdAt),
    twoFactor: {
      enabled,
      methods: enabled ? ['totp'] : [],
      enabledAt: enabled ? isoOrNull(account.totpEnabledAt) : null,
      recoveryCodesRemaining: store.recoveryCodes.countRemaining(accountId),
      recoveryCodesGeneratedAt: isoOrNull(store.recoveryCodes.currentGeneratedAt(accountId)),
    },
    lastSignIn: signIn(store.events.latestOfType(accountId, 'login.success')),
    // The sign-in that started this session is at or after its creation, so this is the one before it.
    previousSignIn: signIn(store.events.latestOfType(accountId, 'login.success', session.createdAt)),
  };
}
