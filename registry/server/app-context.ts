// What every route handler needs: the data folder's store and the (injectable) clock.
import type { RegistryStore } from '../store/store.ts';

export interface AppContext {
  store: RegistryStore;
  clock: () => number;
}
