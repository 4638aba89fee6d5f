// What every route handler needs: the data folder's store, the (injectable) clock, the tallies of refused
// sign-ins (which readers of the log close when their window has ended and counters add while still open), the
// sign-in rate limits (shared by every route that checks a password or a code), the logs of refused API tokens and
// of publishing refused by a project's policy, and the registry's settings.
import type { Argon2Params } from '../security/passwords.ts';
import type { RegistryStore } from '../store/store.ts';
import type { RefusalTallies } from './refusal-tallies.ts';
import type { ReleaseRefusals } from './release-refusals.ts';
import type { SignInLimits } from './sign-in-limits.ts';
import type { TokenRefusals } from './token-refusals.ts';

export interface AppContext {
  store: RegistryStore;
  clock: () => number;
  tallies: RefusalTallies;
  limits: SignInLimits;
  passwordHashing: Argon2Params;
  /** How long a session counts as confirmed after sign-in or POST /session/confirm. */
  confirmWindowMs: number;
  /** The issuer authenticator apps show next to the account. */
  registryName: string;
  /** Refuses API tokens that exist, logging each refusal (not each repeat of it). */
  tokenRefusals: TokenRefusals;
  /** Logs publishing refused by a project's policy, for the publisher and the project's owners. */
  releaseRefusals: ReleaseRefusals;
}
