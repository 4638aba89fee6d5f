// The demo's other accounts, with published credentials like the demo's own (this is a sandbox), so the console
// can sign in to several accounts of the demo registry at once and a compliance check has someone to block:
// - ines, without 2FA: owns yaml-lint-rules (which the demo maintains) and maintains two of the demo's projects,
//   one of which requires 2FA for publishing, so she cannot publish it (demo-compliance.ts);
// - olu, with 2FA: owns projects of his own that are compliant. The demo's own projects cannot be: the demo's
//   tokens for all projects (which its Tokens page is about) reach every one of them.
// An account of either name made before the demo is used as it is (its password is then not the published one).
import type { Argon2Params } from '../security/passwords.ts';
import { hashPassword } from '../security/passwords.ts';
import type { RegistryStore } from '../store/store.ts';

const day = 24 * 60 * 60 * 1000;

export const demoPeople = Object.freeze({
  ines: Object.freeze({ username: 'ines', password: 'vigil-demo-ines-password', totpSecret: null, createdDaysAgo: 600 }),
  olu: Object.freeze({ username: 'olu', password: 'vigil-demo-olu-password', totpSecret: 'KRUGKIDPNR2SA5DFMFWQ', createdDaysAgo: 240 }),
});

export type DemoPerson = keyof typeof demoPeople;
export type DemoPersonIds = Record<DemoPerson, number>;

/** Hashes the people's passwords (slow: before the seeding transaction). */
export async function hashDemoPeople(params: Argon2Params): Promise<Record<DemoPerson, string>> {
  const [ines, olu] = await Promise.all([hashPassword(demoPeople.ines.password, params), hashPassword(demoPeople.olu.password, params)]);
  return { ines: ines!, olu: olu! };
}

/** Creates each person unless an account of that name exists (call inside the seeding transaction); their ids. */
export function insertDemoPeople(store: RegistryStore, hashes: Record<DemoPerson, string>, now: number): DemoPersonIds {
  const insert = (person: DemoPerson) => {
    const { username, totpSecret, createdDaysAgo } = demoPeople[person];
    const createdAt = now - createdDaysAgo * day;
    return (
      store.accounts.findByUsername(username)?.id ??
      store.accounts.insert({ username, passwordHash: hashes[person], totpSecret, createdAt, ...(totpSecret ? { totpEnabledAt: createdAt + day } : {}) })
    );
  };
  return { ines: insert('ines'), olu: insert('olu') };
}
