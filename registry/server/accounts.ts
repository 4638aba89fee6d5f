// Creating accounts — used by the CLI, the demo seed, tests and benchmarks. Secrets are returned exactly once
// here; the database keeps only hashes of the password and recovery codes.
import { Account, SessionRequest } from '../contract/schemas.ts';
import { hashPassword, owaspArgon2Params, type Argon2Params } from '../security/passwords.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../security/recovery-codes.ts';
import { generateTotpSecret } from '../security/totp.ts';
import { transaction } from '../store/database.ts';
import { openStore, type RegistryStore } from '../store/store.ts';

export interface NewAccount {
  username: string;
  password: string;
  totp: boolean;
}

export interface CreatedAccount {
  username: string;
  totpSecret?: string;
  recoveryCodes?: string[];
}

export interface AccountCreationOptions {
  passwordHashing?: Argon2Params;
  clock?: () => number;
}

export type AccountCreationErrorCode = 'invalid_username' | 'invalid_password' | 'duplicate_username';

export class AccountCreationError extends Error {
  readonly code: AccountCreationErrorCode;

  constructor(code: AccountCreationErrorCode, message: string) {
    super(message);
    this.name = 'AccountCreationError';
    this.code = code;
  }
}

const duplicate = (username: string) =>
  new AccountCreationError('duplicate_username', `An account named "${username}" already exists`);

export interface AccountSecrets {
  username: string;
  passwordHash: string;
  totpSecret: string | null;
  recoveryCodeHashes: readonly string[];
  createdAt: number;
}

/** Inserts an account with already-hashed secrets in one transaction; returns the new account's id. */
export function insertAccount(store: RegistryStore, account: AccountSecrets): number {
  return transaction(store.db, () => {
    if (store.accounts.findByUsername(account.username)) {
      throw duplicate(account.username);
    }
    const id = store.accounts.insert(account);
    store.recoveryCodes.insertMany(id, account.recoveryCodeHashes, account.createdAt);
    return id;
  });
}

export function validateNewAccount(username: string, password: string): void {
  if (!Account.shape.username.safeParse(username).success) {
    throw new AccountCreationError(
      'invalid_username',
      'Username must be 1-50 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
    );
  }
  if (!SessionRequest.shape.password.safeParse(password).success) {
    throw new AccountCreationError('invalid_password', 'Password must be 1-1024 characters');
  }
}

/**
 * Creates an account in a data folder (opened and closed here) or an already open store. With `totp: true`
 * the account gets a new TOTP secret and 8 recovery codes, returned in the result and nowhere else.
 */
export async function createAccount(
  target: string | RegistryStore,
  account: NewAccount,
  options: AccountCreationOptions = {},
): Promise<CreatedAccount> {
  validateNewAccount(account.username, account.password);
  const params = options.passwordHashing ?? owaspArgon2Params;
  const store = typeof target === 'string' ? openStore(target) : target;
  try {
    // Checked before the (deliberately slow) hashing too, so a duplicate fails fast; insertAccount checks again.
    if (store.accounts.findByUsername(account.username)) throw duplicate(account.username);
    const totpSecret = account.totp ? generateTotpSecret() : null;
    const recoveryCodes = account.totp ? generateRecoveryCodes() : [];
    const [passwordHash, ...recoveryCodeHashes] = await Promise.all([
      hashPassword(account.password, params),
      ...recoveryCodes.map((code) => hashRecoveryCode(code, params)),
    ]);
    insertAccount(store, {
      username: account.username,
      passwordHash: passwordHash!,
      totpSecret,
      recoveryCodeHashes,
      createdAt: (options.clock ?? Date.now)(),
    });
    if (totpSecret === null) return { username: account.username };
    return { username: account.username, totpSecret, recoveryCodes };
  } finally {
    if (typeof target === 'string') store.close();
  }
}
