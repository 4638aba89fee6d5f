// What every route handler needs: the data folder's store, the (injectable) clock, and the open tallies of
// refused sign-ins that a reader of an account's log must see written first.
import type { RegistryStore } from '../store/store.ts';
import type { RefusalTallies } from './refusal-tallies.ts';

export interface AppContext {
  store: RegistryStore;
  clock: () => number;
  tallies: RefusalTallies;
}
