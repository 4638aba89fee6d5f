// A name for a token npm asked for without one (npm 10 never sends one, npm 11 only with --name): names are how
// people tell tokens apart in lists and in the log, and an active token's name must be the account's only one.
// "npm-cli-<UTC date>-<n>", the lowest n free today.
import type { RegistryStore } from '../../store/store.ts';
import { iso } from '../iso-time.ts';

const maxPerDay = 1_000;

export function generatedTokenName(store: RegistryStore, accountId: number, now: number): string {
  const stem = `npm-cli-${iso(now).slice(0, 10)}`;
  for (let n = 1; n <= maxPerDay; n += 1) {
    const name = `${stem}-${n}`;
    if (!store.apiTokens.activeNameTaken(accountId, name, now)) return name;
  }
  // Past that, createApiToken answers name_taken, which tells the user to pick a name.
  return `${stem}-${maxPerDay}`;
}
