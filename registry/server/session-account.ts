// The account behind an authenticated session, read fresh for each use. No route deletes an account, but the
// session row does not keep its account alive for the API: should the account be gone, every route answers the
// same 401 instead of failing on a missing record.
import type { AccountRecord } from '../store/account-repository.ts';
import type { RegistryStore } from '../store/store.ts';
import type { AuthenticatedSession } from './auth.ts';
import { ApiError } from './errors.ts';

export function sessionAccount(store: RegistryStore, session: Pick<AuthenticatedSession, 'accountId'>): AccountRecord {
  const account = store.accounts.findById(session.accountId);
  if (!account) throw new ApiError(401, 'unauthenticated', 'The account no longer exists');
  return account;
}
