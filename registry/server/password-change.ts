// POST /account/password: a new password that passes the policy (security/password-policy.ts, the same one the
// CLI applies), stored as an argon2id hash. Every other session of the account ends, since one of them may be
// the reason for the change; the calling one stays, so the person is not signed out mid-task.
import { checkNewPassword } from '../security/password-policy.ts';
import { hashPassword } from '../security/passwords.ts';
import { transaction } from '../store/database.ts';
import type { AppContext } from './app-context.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';
import type { RequestContext } from './request-context.ts';

type Dependencies = Pick<AppContext, 'store' | 'clock' | 'passwordHashing'>;

export async function changePassword(
  deps: Dependencies,
  session: AuthenticatedSession,
  newPassword: string,
  who: RequestContext,
): Promise<void> {
  const { store, clock } = deps;
  const account = store.accounts.findById(session.accountId);
  if (!account) throw new ApiError(401, 'unauthenticated', 'The account no longer exists');
  const verdict = await checkNewPassword(newPassword, account.username);
  if (!verdict.acceptable) throw new ApiError(400, 'weak_password', verdict.reason);
  const passwordHash = await hashPassword(newPassword, deps.passwordHashing);
  const now = clock();
  transaction(store.db, () => {
    store.accounts.updatePasswordHash(account.id, passwordHash);
    const ended = store.sessions.endOthers(account.id, session.sessionId, now);
    const event = { accountId: account.id, time: now, ...who };
    for (const id of ended) {
      store.events.append({ ...event, type: 'session.ended', details: { reason: 'password_changed', sessionId: String(id) } });
    }
    store.events.append({ ...event, type: 'password.changed', details: { sessionsEnded: ended.length } });
  });
}
