// The demo account: published credentials (password, TOTP secret and even the recovery codes, since this is a
// sandbox) plus five weeks of history on real addresses (demo-history.ts: a break-in while 2FA was off and how it
// was shut, a trip abroad, every flag the console raises), sessions open on two other devices, projects, releases
// and API tokens in every state (demo-projects.ts), two other people around them (demo-people.ts) and projects in
// every compliance state (demo-compliance.ts), so the console has something real to show. Seeding is idempotent.
import { hashPassword, owaspArgon2Params, type Argon2Params } from '../security/passwords.ts';
import { hashRecoveryCode } from '../security/recovery-codes.ts';
import { generateSessionToken, hashSessionToken } from '../security/tokens.ts';
import { transaction } from '../store/database.ts';
import type { RegistryStore } from '../store/store.ts';
import { demoActiveSessions, demoHistory, demoIntruderSession, demoStoryTimes, type DemoSession } from './demo-history.ts';
import { seedDemoCompliance } from './demo-compliance.ts';
import { hashDemoPeople, insertDemoPeople } from './demo-people.ts';
import { seedDemoProjects } from './demo-projects.ts';

export { demoPeople } from './demo-people.ts';

export const demoAccount = Object.freeze({
  username: 'demo',
  password: 'vigil-demo-password',
  totpSecret: 'JBSWY3DPEHPK3PXP',
  // The first one is already burned; the other seven work.
  recoveryCodes: Object.freeze([
    '5e1f-0c2a-9b37-d468',
    '7a90-3e5d-c1b2-84f6',
    'b3c4-12de-f056-7a89',
    '0d6e-a4f1-2b8c-9357',
    'e829-5b7c-03a4-d1f6',
    '41fa-b6d0-8c27-e395',
    '9c05-e7a3-6fd1-2b48',
    'f27b-8046-d9ce-13a5',
  ]),
});

const day = 24 * 60 * 60 * 1000;

/** The demo's recovery codes as the seed leaves them: the first was used about two weeks ago, the others work. */
export function demoRecoveryCodes(): { code: string; used: boolean }[] {
  return demoAccount.recoveryCodes.map((code, index) => ({ code, used: index === 0 }));
}

export interface SeedOptions {
  clock?: () => number;
  passwordHashing?: Argon2Params;
  /** How long the other devices' sessions last from their sign-in; the registry's default, 12 hours, unless given. */
  sessionTtlMs?: number;
}

/** Creates the demo account with its history unless an account named `demo` exists; true when it seeded. */
export async function seedDemo(store: RegistryStore, options: SeedOptions = {}): Promise<boolean> {
  if (store.accounts.findByUsername(demoAccount.username)) return false;
  const now = (options.clock ?? Date.now)();
  const params = options.passwordHashing ?? owaspArgon2Params;
  const hashingPeople = hashDemoPeople(params);
  const [passwordHash, ...codeHashes] = await Promise.all([
    hashPassword(demoAccount.password, params),
    ...demoAccount.recoveryCodes.map((code) => hashRecoveryCode(code, params)),
  ]);
  const peopleHashes = await hashingPeople;
  const sessionTtlMs = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;

  return transaction(store.db, () => {
    // Another process may have seeded while this one was hashing.
    if (store.accounts.findByUsername(demoAccount.username)) return false;
    // Tokens nobody was ever given: these sessions show in the list and can be ended, but never used.
    const createSession = (accountId: number, session: DemoSession) =>
      store.sessions.create({
        ...session,
        accountId,
        tokenHash: hashSessionToken(generateSessionToken()),
        expiresAt: session.createdAt + sessionTtlMs,
        confirmedUntil: 0,
      });
    // 2FA is on since the owner turned it back on after the break-in, with the codes the demo publishes.
    const story = demoStoryTimes(now);
    const accountId = store.accounts.insert({
      username: demoAccount.username,
      passwordHash: passwordHash!,
      totpSecret: demoAccount.totpSecret,
      totpEnabledAt: story.twoFactorOnAt,
      createdAt: now - 412 * day,
    });
    store.recoveryCodes.insertMany(accountId, codeHashes, story.twoFactorOnAt);
    const stored = store.recoveryCodes.listForAccount(accountId);
    demoRecoveryCodes().forEach(({ used }, index) => used && store.recoveryCodes.burn(stored[index]!.id, story.recoveryCodeUsedAt));
    // The intruder's session is kept, ended, as the registry keeps it: the history's session.ended names its id.
    const intruder = demoIntruderSession(now);
    const intruderSessionId = createSession(accountId, intruder);
    store.sessions.end(intruderSessionId, intruder.endedAt);
    for (const session of demoActiveSessions(now)) createSession(accountId, session);
    const history = demoHistory(now, String(intruderSessionId));
    const people = insertDemoPeople(store, peopleHashes, now);
    const events = [
      ...history.map((event) => ({ ...event, accountId })),
      ...seedDemoProjects(store, { demo: accountId, collaborator: people.ines }, now),
      ...seedDemoCompliance(store, { ...people, demo: accountId }, now),
    ];
    // In time order: pages of a log run by (time, id).
    for (const event of events.sort((a, b) => a.time - b.time)) store.events.append(event);
    return true;
  });
}
