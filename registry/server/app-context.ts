// What every route handler needs: the data folder's store, the (injectable) clock, and the tallies of refused
// sign-ins, which readers of the log close when their window has ended and counters add while still open.
import type { RegistryStore } from '../store/store.ts';
import type { RefusalTallies } from './refusal-tallies.ts';

export interface AppContext {
  store: RegistryStore;
  clock: () => number;
  tallies: RefusalTallies;
}
