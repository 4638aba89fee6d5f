// POST /account/password: a new password that passes the policy (security/password-policy.ts, the same one the
// CLI applies), stored as an argon2id hash. Every other session of the account ends, since one of them may be
// the reason for the change; the calling one stays, so the person is not signed out mid-task. A sign-in or a
// confirmation that checked the old password while this ran is refused at its end (see sign-in.ts), so it cannot
// leave a session the change should have ended.
import { checkNewPassword } from '../security/password-policy.ts';
import { hashPassword } from '../security/passwords.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';
import { sessionAccount } from './session-account.ts';
import { recordSessionEnded } from './session-events.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'passwordHashing'>;

export async function changePassword(
  deps: Dependencies,
  session: AuthenticatedSession,
  newPassword: string,
  who: RequestContext,
): Promise<void> {
  const { store, clock } = deps;
  const account = sessionAccount(store, session);
  const verdict = await checkNewPassword(newPassword, account.username);
  if (!verdict.acceptable) throw new ApiError(400, 'weak_password', verdict.reason);
  const passwordHash = await hashPassword(newPassword, deps.passwordHashing);
  const now = clock();
  transaction(store.db, () => {
    store.accounts.updatePasswordHash(account.id, passwordHash);
    const ended = store.sessions.endOthers(account.id, session.sessionId, now);
    for (const id of ended) {
      recordSessionEnded(store, { accountId: account.id, time: now, who, reason: 'password_changed', sessionId: id });
    }
    store.events.append({ accountId: account.id, type: 'password.changed', time: now, ...who, details: { sessionsEnded: ended.length } });
  });
}
